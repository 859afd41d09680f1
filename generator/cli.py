"""The ``briefing`` command: check content and export pages, without MkDocs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .content import check_content
from .folders import replaced_whole
from .index import Index
from .problems import Problem
from .render import Renderer


EXPORT_MARKER = ".briefing-export"


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        click.echo(str(problem), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Validate YAML briefs and turn them into pages for a static site."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default="content",
              show_default=True, help="Content folder (briefs/, actors/, legal/).")
def check(content_dir: Path) -> None:
    """Validate every brief, actor and legal instrument; list all problems."""
    _, problems = check_content(content_dir)
    _report(problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(f"{len(errors)} error(s)", err=True)
        sys.exit(1)


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default="content",
              show_default=True, help="Content folder (briefs/, actors/, legal/).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path), default="templates",
              show_default=True, help="Templates folder.")
@click.option("--drafts/--no-drafts", default=False, help="Include draft briefs.")
@click.option("--site-url", default="", help="Published address, for absolute links in feeds and data.")
def export(out_dir: Path, content_dir: Path, templates_dir: Path, drafts: bool, site_url: str) -> None:
    """Write the generated pages as Markdown files into OUT_DIR.

    OUT_DIR is replaced whole, and only if it is new, empty, or an earlier export:
    a folder of your own files is never overwritten.
    """
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / EXPORT_MARKER).exists():
        raise click.UsageError(f"{out_dir} exists and is not an earlier export; choose another folder")
    corpus, problems = check_content(content_dir)
    _report(problems)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)
    renderer = Renderer(templates_dir, site_url=site_url)
    index = Index(corpus, include_drafts=drafts)
    pages = renderer.render_site(index)
    with replaced_whole(out_dir) as staging:
        _write(staging / EXPORT_MARKER, b"Written by `briefing export`; replaced on each export.\n")
        for page in pages:
            _write(staging / page.path, page.text.encode("utf-8"))
        for generated in renderer.render_files(index):
            _write(staging / generated.path, generated.content)
        for asset in renderer.assets():
            _write(staging / asset.path, asset.source.read_bytes())
    click.echo(f"{len(pages)} pages written to {out_dir}")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
