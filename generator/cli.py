"""The ``briefing`` command: check content and export pages, without MkDocs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, checking, draft, report, schema, skeletons
from .content import check_content
from .folders import FolderError, StagedFolder, replaced_whole
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
    """Validate YAML briefs and turn them into pages for a static site.

    \b
    A day's work:
      briefing draft sources/article.txt   draft a brief from a news article
      briefing new actor some-id           start an actor (or brief, legal) from a skeleton
      briefing check                       list every problem as file:line:col
      make serve                           live preview, rebuilt on every save
    """


CONTENT_OPTION = click.option(
    "--content", "content_dir", default="content", show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Content folder (briefs/, actors/, legal/).",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@CONTENT_OPTION
@click.option("--format", "output_format", type=click.Choice(list(report.FORMATTERS)), default="human",
              show_default=True, help="human: file:line:col lines; github: Actions annotations; json.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[Path, ...], content_dir: Path, output_format: str, strict: bool) -> None:
    """Validate every brief, actor and legal instrument; list all problems.

    With PATHS, only the problems of those files (or folders) are listed; the whole
    content folder is still read, since files refer to each other. Quotes are
    checked against each source's local text_file. Exit status: 0 when there is
    no error, 1 when there are errors, 2 on a usage error.
    """
    content_root = content_dir.resolve()
    for path in paths:
        if not path.resolve().is_relative_to(content_root):
            raise click.BadParameter(f"{path} is not inside the content folder {content_dir}", param_hint="PATHS")
    problems = checking.within(checking.check_all(content_dir, strict=strict), paths)
    errors = sum(p.severity == "error" for p in problems)
    if output_format == "human":
        click.echo(report.human(problems), err=True, nl=False)
        if problems:
            warnings = len(problems) - errors
            click.echo(f"{warnings} warning(s), {errors} error(s)" if warnings else f"{errors} error(s)", err=True)
    else:
        click.echo(report.FORMATTERS[output_format](problems), nl=False)
    sys.exit(1 if errors else 0)


TEMPLATES_OPTION = click.option(
    "--templates", "templates_dir", default="templates", show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path), help="Templates folder.",
)


@main.command()
@click.argument("kind", type=click.Choice(list(schema.KIND_FOLDERS)))
@click.argument("record_id", metavar="ID")
@CONTENT_OPTION
@TEMPLATES_OPTION
def new(kind: str, record_id: str, content_dir: Path, templates_dir: Path) -> None:
    """Start a brief, actor or legal instrument from a commented skeleton.

    Writes content/<folder>/ID.yaml, never over an existing file. Then fill in the
    empty fields; `briefing check` lists those still missing.
    """
    try:
        skeletons.check_id(record_id)
    except skeletons.SkeletonError as error:
        raise click.BadParameter(str(error), param_hint="ID") from None
    try:
        path = skeletons.new_record(kind, record_id, content_dir, templates_dir)
    except skeletons.SkeletonError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {path}")


@main.command("schema")
@click.option("--out", "project_root", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Project folder; files go to its schema/.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file is missing or stale.")
def schema_command(project_root: Path, check_only: bool) -> None:
    """Write the JSON Schema files editors use (schema/*.schema.json), from the models."""
    if check_only:
        stale = schema.stale_schemas(project_root)
        for path in stale:
            click.echo(f"{path} is missing or stale: run `briefing schema`", err=True)
        sys.exit(1 if stale else 0)
    for path in schema.write_schemas(project_root):
        click.echo(f"wrote {path}")


@main.command("draft")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "brief_id", help="Id of the new brief (default: from the article's title and year).")
@CONTENT_OPTION
@TEMPLATES_OPTION
def draft_command(article: Path, brief_id: str | None, content_dir: Path, templates_dir: Path) -> None:
    """Draft a brief from a plain-text news ARTICLE, offline and by rules.

    Finds the title, publisher and year, every quotation and its speaker, the
    actors (known ones by id, new ones proposed), legal references and dated
    events, each with the sentence it came from. Writes content/briefs/ID.yaml,
    never over an existing file; `briefing check` then lists what is left to fill.
    """
    corpus, _ = check_content(content_dir)
    try:
        path, result = draft.write_draft(article, content_dir, templates_dir, brief_id, corpus)
    except skeletons.SkeletonError as error:
        raise click.ClickException(str(error)) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{article} is not UTF-8 text") from None
    known = sum(c.known for c in result.candidates)
    click.echo(
        f"wrote {path}: {sum(len(p.statements) for p in result.positions)} quotation(s), "
        f"{len(result.candidates)} actor(s) ({known} known), {len(result.legal)} legal reference(s), "
        f"{len(result.events)} dated event(s)"
    )


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
    a folder of your own files, a file, a link or a mount point is never touched.
    """
    try:
        StagedFolder(out_dir, marker=EXPORT_MARKER).check()
    except FolderError as error:
        raise click.UsageError(str(error)) from None
    corpus, problems = check_content(content_dir)
    _report(problems)
    if any(p.severity == "error" for p in problems):
        sys.exit(1)
    renderer = Renderer(templates_dir, site_url=site_url)
    index = Index(corpus, include_drafts=drafts)
    pages = renderer.render_site(index)
    try:
        with replaced_whole(out_dir, marker=EXPORT_MARKER) as staging:
            for page in pages:
                _write(staging / page.path, page.text.encode("utf-8"))
            for generated in renderer.render_files(index):
                _write(staging / generated.path, generated.content)
            for asset in renderer.assets():
                _write(staging / asset.path, asset.source.read_bytes())
    except FolderError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"{len(pages)} pages written to {out_dir}")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


if __name__ == "__main__":
    main()
