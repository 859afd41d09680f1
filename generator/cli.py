"""The ``briefing`` command: check content and export pages, without MkDocs."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click
import jinja2

from generator import __version__
from generator.analysis.index import Index
from generator.authoring import atomic, schema, skeletons
from generator.check import report
from generator.check import run as checking
from generator.content.corpus import check_content
from generator.content.problems import ContentError, Problem, one_line
from generator.content.safefile import UnreadableFile
from generator.draft import brief as draft
from generator.site import engines
from generator.site.output import FolderError, StagedFolder, replaced_whole
from generator.site.render import Renderer

EXPORT_MARKER = ".briefing-export"

#: Exit statuses: 1 for content and the user's environment, 2 for usage (as click), and
#: EX_SOFTWARE from sysexits.h for a fault of our own.
EXIT_ERROR, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 70, 130

SYMLINK_LOOP = "Symlink loop from "

#: Set to see the traceback of an unexpected error instead of its one-line summary.
DEBUG_VARIABLE = "BRIEFING_DEBUG"


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        click.echo(str(problem), err=True)


class Fault(Exception):
    """A failure already put in the user's words: one line and an exit status."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


class ErrorBoundary(click.Group):
    """The one place where failures become messages: one line on stderr and an exit status.

    Whatever a command raises — a usage error, an OSError naming a path, one of our own errors
    — the user sees ``Error: <path>: <reason>`` as a single line, never a traceback.
    """

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            exit_code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help(), err=True)
            sys.exit(EXIT_USAGE)
        except Exception as error:  # noqa: BLE001 - this is the boundary: nothing passes it raw
            if os.environ.get(DEBUG_VARIABLE):
                raise
            fault = as_fault(error)
            _say(f"Error: {fault}")
            sys.exit(fault.exit_code)
        sys.exit(exit_code if isinstance(exit_code, int) else 0)


def as_fault(error: Exception) -> Fault:
    """``error`` in the user's words: what went wrong, where, and the exit status that says so."""
    match error:
        case Fault():
            return error
        case click.UsageError():
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            return Fault(_one_spaced(error.format_message()) + hint, EXIT_USAGE)
        case click.Abort():
            return Fault("interrupted", EXIT_INTERRUPTED)
        case click.ClickException():
            return Fault(_one_spaced(error.format_message()), error.exit_code)
        case atomic.NotAFolder():
            return Fault(_os_message(error), EXIT_USAGE)
        case OSError():
            return Fault(_os_message(error), EXIT_ERROR)
        case ContentError():
            first = error.problems[0]
            return Fault(f"{len(error.problems)} problem(s), the first: {first}", EXIT_ERROR)
        case jinja2.TemplateSyntaxError():
            where = f"{error.filename or error.name}:{error.lineno}"
            return Fault(f"{where}: {error.message}", EXIT_ERROR)
        case jinja2.TemplateNotFound():
            return Fault(f"template {error.name} not found", EXIT_ERROR)
        case skeletons.SkeletonError() | UnreadableFile() | UnicodeError():
            return Fault(str(error), EXIT_ERROR)
        case RuntimeError() if str(error).startswith(SYMLINK_LOOP):
            # pathlib's resolve() (Python 3.11) reports a loop as RuntimeError, not OSError
            looping = str(error).removeprefix(SYMLINK_LOOP).strip("'")
            return Fault(f"{looping}: is a symlink loop", EXIT_ERROR)
        case MemoryError():
            return Fault("out of memory", EXIT_ERROR)
    return Fault(
        f"internal error, a bug in briefing ({type(error).__name__}: {error}); "
        f"set {DEBUG_VARIABLE}=1 for the traceback",
        EXIT_BUG,
    )


def _one_spaced(message: str) -> str:
    """Click's own messages, some laid out over lines (a tabbed list of choices), as one line."""
    return " ".join(message.split())


def _os_message(error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.filename is None:
        return reason
    if error.filename2 is not None:
        return f"{_shown(error.filename)} -> {_shown(error.filename2)}: {reason}"
    return f"{_shown(error.filename)}: {reason}"


def _shown(name: object) -> str:
    return os.fsdecode(name) if isinstance(name, (str, bytes, os.PathLike)) else str(name)


def _say(message: str) -> None:
    """Print ``message`` as one line on stderr; a closed stderr loses it, not the exit status."""
    try:
        click.echo(one_line(message), err=True)
    except (OSError, ValueError):
        pass


@click.group(cls=ErrorBoundary, context_settings={"help_option_names": ["-h", "--help"]})
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
    "--content",
    "content_dir",
    default="content",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Content folder (briefs/, actors/, legal/).",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@CONTENT_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(report.FORMATTERS)),
    default="human",
    show_default=True,
    help="human: file:line:col lines; github: Actions annotations; json.",
)
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
            raise click.BadParameter(
                f"{path} is not inside the content folder {content_dir}", param_hint="PATHS"
            )
    problems = checking.within(checking.check_all(content_dir, strict=strict), paths)
    errors = sum(p.severity == "error" for p in problems)
    if output_format == "human":
        click.echo(report.human(problems), err=True, nl=False)
        if problems:
            warnings = len(problems) - errors
            click.echo(
                f"{warnings} warning(s), {errors} error(s)" if warnings else f"{errors} error(s)",
                err=True,
            )
    else:
        click.echo(report.FORMATTERS[output_format](problems), nl=False)
    sys.exit(1 if errors else 0)


def _checked_id(record_id: str | None) -> str | None:
    """A safe id, or a usage error: ids become file names."""
    if record_id is None:
        return None
    try:
        return skeletons.check_id(record_id)
    except skeletons.SkeletonError as error:
        raise click.BadParameter(str(error), param_hint="ID") from None


class RegularFile(click.Path):
    """An existing regular file (or a link to one), checked before anything opens it.

    A folder, a device such as /dev/zero, a FIFO (whose open would wait forever) or a dangling
    symlink is a usage error.
    """

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx) -> Path:
        path = super().convert(value, param, ctx)
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            self.fail(f"{path}: {error.strerror}", param, ctx)
        if not stat.S_ISREG(mode):
            self.fail(f"{path} is not a regular file (a device, pipe or socket)", param, ctx)
        return path


TEMPLATES_OPTION = click.option(
    "--templates",
    "templates_dir",
    default="templates",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Templates folder.",
)


@main.command()
@click.argument("kind", type=click.Choice(list(schema.KIND_FOLDERS)))
@click.argument("record_id", metavar="ID", callback=lambda ctx, param, value: _checked_id(value))
@CONTENT_OPTION
@TEMPLATES_OPTION
def new(kind: str, record_id: str, content_dir: Path, templates_dir: Path) -> None:
    """Start a brief, actor or legal instrument from a commented skeleton.

    Writes content/<folder>/ID.yaml, never over an existing file. Then fill in the
    empty fields; `briefing check` lists those still missing.
    """
    path = skeletons.new_record(kind, record_id, content_dir, templates_dir)
    click.echo(one_line(f"wrote {path}"))


@main.command("schema")
@click.option(
    "--out",
    "project_root",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder; files go to its schema/.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if a file is missing or stale.",
)
def schema_command(project_root: Path, check_only: bool) -> None:
    """Write the JSON Schema files editors use (schema/*.schema.json), from the models.

    Only missing or stale files are written; a stale file is replaced only if this command
    wrote it, so a file of your own under that name is left as it was.
    """
    if check_only:
        stale = schema.stale_schemas(project_root)
        for path in stale:
            click.echo(one_line(f"{path} is missing or stale: run `briefing schema`"), err=True)
        sys.exit(1 if stale else 0)
    written = schema.write_schemas(project_root)
    for path in written:
        click.echo(one_line(f"wrote {path}"))
    if not written:
        click.echo(one_line(f"{project_root / schema.SCHEMA_DIR} is up to date"))


@main.command("draft")
@click.argument("article", type=RegularFile())
@click.option(
    "--id",
    "brief_id",
    callback=lambda ctx, param, value: _checked_id(value),
    help="Id of the new brief (default: from the article's title and year).",
)
@CONTENT_OPTION
@TEMPLATES_OPTION
def draft_command(
    article: Path, brief_id: str | None, content_dir: Path, templates_dir: Path
) -> None:
    """Draft a brief from a plain-text news ARTICLE, offline and by rules.

    Finds the title, publisher and year, every quotation and its speaker, the
    actors (known ones by id, new ones proposed), legal references and dated
    events, each with the sentence it came from. Writes content/briefs/ID.yaml,
    never over an existing file; `briefing check` then lists what is left to fill.
    """
    # The folder first: a file or a broken link there fails now, not after the drafting work.
    made = atomic.make_folders(content_dir / "briefs")
    try:
        path, result = _write_draft(article, content_dir, templates_dir, brief_id)
    except BaseException:
        atomic.remove_empty(made)
        raise
    known = sum(c.known for c in result.candidates)
    click.echo(
        f"wrote {path}: {sum(len(p.statements) for p in result.positions)} quotation(s), "
        f"{len(result.candidates)} actor(s) ({known} known), {len(result.legal)} legal reference(s), "
        f"{len(result.events)} dated event(s)"
    )


def _write_draft(article: Path, content_dir: Path, templates_dir: Path, brief_id: str | None):
    corpus, _ = check_content(content_dir)
    try:
        return draft.write_draft(article, content_dir, templates_dir, brief_id, corpus)
    except UnreadableFile as error:
        raise Fault(f"{article}: {error}", EXIT_ERROR) from None
    except UnicodeDecodeError:
        raise Fault(f"{article}: is not UTF-8 text", EXIT_ERROR) from None


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default="content",
    show_default=True,
    help="Content folder (briefs/, actors/, legal/).",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path),
    default="templates",
    show_default=True,
    help="Templates folder.",
)
@click.option("--drafts/--no-drafts", default=False, help="Include draft briefs.")
@click.option(
    "--site-url", default="", help="Published address, for absolute links in feeds and data."
)
def export(
    out_dir: Path, content_dir: Path, templates_dir: Path, drafts: bool, site_url: str
) -> None:
    """Write a site project into OUT_DIR that MkDocs, ProperDocs or Zensical builds.

    The pages as Markdown (with feeds, data and styles) in OUT_DIR/docs/, a mkdocs.yml without
    plugins, the theme override, and build.sh, which builds with the engine named and then
    indexes the site for search with Pagefind.

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
    project = engines.project_settings(templates_dir.parent / "mkdocs.yml")
    renderer = Renderer(
        templates_dir, site_url=site_url, directory_urls=engines.directory_urls(project)
    )
    index = Index(corpus, include_drafts=drafts)
    pages = renderer.render_site(index)
    try:
        with replaced_whole(out_dir, marker=EXPORT_MARKER) as staging:
            for page in pages:
                _write(staging / engines.DOCS / page.path, page.text.encode("utf-8"))
            for generated in renderer.render_files(index):
                _write(staging / engines.DOCS / generated.path, generated.content)
            _write_engine_project(staging, renderer, templates_dir, site_url)
    except FolderError as error:
        raise click.UsageError(str(error)) from None
    click.echo(
        f"{len(pages)} pages written to {out_dir / engines.DOCS}; "
        f"build the site with {out_dir / 'build.sh'} [mkdocs|properdocs|zensical]"
    )


def _write_engine_project(
    staging: Path, renderer: Renderer, templates_dir: Path, site_url: str
) -> None:
    """Assets, the theme override, mkdocs.yml and build.sh beside the pages."""
    assets = renderer.assets()
    for asset in assets:
        _write(staging / engines.DOCS / asset.path, asset.source.read_bytes())
    for path, source in engines.override_files(templates_dir):
        _write(staging / path, source.read_bytes())
    project_config = templates_dir.parent / "mkdocs.yml"
    project = engines.project_settings(project_config)
    for path, source in engines.hand_written_files(project_config, project):
        if not (staging / path).exists():  # a generated page of the same name wins, as in a build
            _write(staging / path, source.read_bytes())
    config = engines.engine_config(project, [asset.path for asset in assets], site_url)
    _write(staging / "mkdocs.yml", engines.config_text(config).encode("utf-8"))
    _write(staging / "build.sh", engines.BUILD_SCRIPT.encode("utf-8"))
    (staging / "build.sh").chmod(0o755)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


if __name__ == "__main__":
    main()
