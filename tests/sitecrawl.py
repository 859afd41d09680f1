"""Read a built site from disk: pages, their links and their anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


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


def broken_internal_links(site: Path) -> list[str]:
    """Every relative link or anchor in the pages of ``site`` that points at nothing."""
    pages = {p: read_page(p) for p in content_pages(site)}
    broken = []
    for page in pages.values():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            target_path, anchor = urldefrag(link)
            target = (page.path.parent / unquote(target_path)).resolve() if target_path else page.path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.path.relative_to(site)}: {link}")
            elif anchor and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if unquote(anchor) not in ids:
                    broken.append(f"{page.path.relative_to(site)}: {link} (no such anchor)")
    return broken
