"""Read a built site's pages from disk: their text, links and anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class HtmlPage:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href and src values
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self, page: HtmlPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.page.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.page.links.append(value)

    def handle_data(self, data):
        self.chunks.append(data)


def read_page(path: Path) -> HtmlPage:
    page = HtmlPage(path)
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join(" ".join(collector.chunks).split())
    return page


def content_pages(site: Path) -> list[Path]:
    """Every HTML page but 404.html, which is served at any depth and so links from the site root."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site) != Path("404.html"))
