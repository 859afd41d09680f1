"""The live preview's answer to bad content: pages that list the problems.

``mkdocs serve`` must survive a broken brief, even on its very first build, and
recover when the file is fixed. So while content has errors, every page the
preview served before (and every page of an empty site, so the navigation still
resolves) shows the list of problems, rendered by ``templates/problems.md.j2``:
whichever page the analyst has open reloads into the list, and back into the
page once the file is fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from generator.analysis.index import Index
from generator.content.corpus import Corpus
from generator.content.problems import Problem
from generator.site.render import Page, Renderer


def problem_pages(renderer: Renderer, problems: Sequence[Problem], paths: Iterable[str] = ()) -> list[Page]:
    template = renderer.env.get_template("problems.md.j2")
    empty_site = [page.path for page in renderer.render_site(Index(Corpus(), include_drafts=True))]
    return [
        Page(path, template.render(page_path=path, problems=sorted(problems)))
        for path in dict.fromkeys([*empty_site, *paths])
    ]
