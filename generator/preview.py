"""The live preview's answer to bad content: a site that lists the problems.

``mkdocs serve`` must survive a broken brief, even on its very first build, and
recover when the file is fixed. So while content has errors the preview gets
every page of an empty site (so the navigation still resolves) with the home page
replaced by the list of problems, rendered by ``templates/problems.md.j2``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .content import Corpus
from .index import Index
from .problems import Problem
from .render import Page, Renderer
from .urls import page_path


def problem_pages(renderer: Renderer, problems: Sequence[Problem]) -> list[Page]:
    home = page_path("home")
    listing = renderer.env.get_template("problems.md.j2").render(page_path=home, problems=sorted(problems))
    pages = renderer.render_site(Index(Corpus(), include_drafts=True))
    return [Page(home, listing) if page.path == home else page for page in pages]
