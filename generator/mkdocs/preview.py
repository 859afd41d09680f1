"""The live preview's answer to bad content and broken templates: pages that list the problems.

``mkdocs serve`` must survive a broken brief or template, even on its very first build,
and recover when the file is fixed. So while content or a template has errors, every
page the preview served before (and every page of an empty site, so the navigation
still resolves) shows the list of problems, rendered by ``templates/problems.md.j2``:
whichever page the analyst has open reloads into the list, and back into the page
once the file is fixed.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path

import jinja2

from generator.analysis.index import Index
from generator.content.corpus import Corpus
from generator.content.problems import Problem, one_line
from generator.site.render import Page, Renderer

# Where a traceback (or a worker process's traceback, kept as text) passed through a file.
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')


def problem_pages(
    renderer: Renderer,
    problems: Sequence[Problem],
    paths: Iterable[str] = (),
    *,
    kind: str = "content",
    root: Path | None = None,
) -> list[Page]:
    """A page listing ``problems`` at each path of an empty site and at each of ``paths``.

    ``kind`` ("content" or "template") says what to fix; with ``root``, the folder the problems'
    file names are relative to, each problem shows its line and the one before (a YAML syntax
    error is often found a line after the mistake). With a broken template the empty
    site may not render, and the problem page itself may be the broken one: the list
    then stands in only for ``paths``, as plain Markdown.
    """
    try:
        empty_index = Index(Corpus(), include_drafts=True)
        empty_site = [page.path for page in renderer.render_site(empty_index)]
    except Exception:  # noqa: BLE001 - any template failure: fall back to the paths given
        empty_site = ["index.md"]
    shown = sorted(problems)
    try:
        excerpts = {problem: source_lines(problem, root) for problem in shown} if root else {}
        template = renderer.env.get_template("problems.md.j2")
        text = template.render(problems=shown, kind=kind, excerpts=excerpts)
    except Exception:  # noqa: BLE001 - problems.md.j2 itself is broken
        text = _plain_list(shown)
    return [Page(path, text) for path in dict.fromkeys([*empty_site, *paths])]


def source_lines(problem: Problem, root: Path, before: int = 1) -> list[tuple[int, str]]:
    """The problem's line and the ``before`` lines above it, numbered, as printable text."""
    path = (root / problem.file).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    first = max(problem.line - before, 1)
    last = min(problem.line, len(lines))
    return [(number, one_line(lines[number - 1])) for number in range(first, last + 1)]


def _plain_list(problems: Sequence[Problem]) -> str:
    """The problems as a Markdown code block: nothing in them can be read as markup."""
    lines = "\n".join(str(problem) for problem in problems)
    return f"# Templates have problems\n\n```text\n{lines}\n```\n"


def template_problem(error: Exception, templates_dir: Path, relative_to: Path) -> Problem | None:
    """Where a template failed, as a Problem at ``templates/…:line:1``; None if no template did.

    A syntax error names its file and line; a failure while rendering shows in the
    traceback, whose frames Jinja maps to template lines (a worker process's traceback
    comes back as text, hence the pattern over the formatted traceback).
    """
    templates_dir = templates_dir.resolve()
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        place = (Path(error.filename), error.lineno or 1)
    else:
        frames = _FRAME.finditer("".join(traceback.format_exception(error)))
        in_templates = [
            (Path(m["file"]), int(m["line"]))
            for m in frames
            if Path(m["file"]).resolve().is_relative_to(templates_dir)
            and not m["file"].endswith(".py")
        ]
        if not in_templates:
            return None
        place = in_templates[-1]
    path, line = place
    shown = path.resolve()
    if shown.is_relative_to(relative_to.resolve()):
        shown = shown.relative_to(relative_to.resolve())
    message = getattr(error, "message", None) or str(error)
    text = one_line(f"{type(error).__name__}: {message}")
    return Problem(shown.as_posix(), max(line, 1), 1, text)


def nav_paths(nav: object) -> list[str]:
    """The Markdown files the navigation of ``mkdocs.yml`` names (a problem page for each)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return []
