"""What ``mkdocs serve`` needs beyond a build: a preview that survives bad content and broken
templates, and that drops the pages of deleted content."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import File

from generator.content.problems import Problem, one_line
from generator.mkdocs.preview import template_problem


@functools.cache
def serve_log() -> logging.Logger:
    """Problems found while serving go to the terminal through a logger of their own: through
    MkDocs' logger they would count as strict-mode warnings and abort the preview's first
    build, which ``mkdocs serve`` does not survive. (Set up on first use, not at import.)"""
    log = logging.getLogger("briefing.serve")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    return log


def report_problems(problems: list[Problem], kind: str = "content") -> None:
    for problem in problems:
        serve_log().error(str(problem))
    where = "templates" if kind == "template" else "content"
    serve_log().error(
        "%d problem(s) in %s: the preview lists them until they are fixed", len(problems), where
    )


def surviving(builder: Callable[[], None], templates_dir: Path, root: Path) -> Callable[[], None]:
    """``builder`` for rebuilds that never raise: MkDocs' server, when a rebuild fails, holds
    every request until one succeeds; the preview instead keeps serving the last pages."""

    def rebuild() -> None:
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - whatever failed, the server must answer
            problem = template_problem(error, templates_dir, root)
            serve_log().error(
                str(problem) if problem else one_line(f"{type(error).__name__}: {error}")
            )
            serve_log().error("not rebuilt: the preview shows its last pages until it is fixed")

    return rebuild


def drop_removed(gone: set[str], site: Path, use_directory_urls: bool) -> None:
    """Delete the output of pages and files no longer generated (a deleted brief, say): a
    ``--dirty`` rebuild writes what exists and deletes nothing."""
    for path in gone:
        output = Path(File(path, None, str(site), use_directory_urls).abs_dest_path)
        output.unlink(missing_ok=True)
        for folder in output.parents:  # and the folders it leaves empty
            if folder == site or not folder.is_relative_to(site) or any(folder.iterdir()):
                break
            folder.rmdir()
