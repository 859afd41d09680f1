"""A small crawler for the served site: follows every internal link and checks anchors and assets."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

LINKING_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in LINKING_ATTRIBUTES and value:
                self.links.append((tag, value))


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def parse(body: bytes) -> _PageParser:
    parser = _PageParser()
    parser.feed(body.decode("utf-8"))
    return parser


@dataclass
class CrawlReport:
    pages: set[str] = field(default_factory=set)  # URLs of the HTML pages reached
    broken: list[str] = field(default_factory=list)  # "from → to: why"
    outside: list[str] = field(default_factory=list)  # links to other origins (not followed)


def crawl(start: str) -> CrawlReport:
    """Visit every page reachable from ``start`` within its origin and path prefix."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    report = CrawlReport()
    parsed: dict[str, _PageParser] = {}
    statuses: dict[str, int] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    queue = [start]
    while queue:
        url = queue.pop()
        if url in statuses:
            continue
        status, content_type, body = fetch(url)
        statuses[url] = status
        if status != 200 or content_type != "text/html":
            continue
        report.pages.add(url)
        parsed[url] = page = parse(body)
        for _tag, link in page.links:
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(origin):
                if urlsplit(target).scheme in ("http", "https"):
                    report.outside.append(target)
                continue
            if not target.startswith(start):
                report.broken.append(f"{url} → {target}: outside the site's prefix")
                continue
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    for url, status in statuses.items():
        if status != 200:
            report.broken.append(f"{url}: HTTP {status}")
    for page_url, target, fragment in anchors:
        if target in parsed and fragment not in parsed[target].ids:
            report.broken.append(f"{page_url} → {target}#{fragment}: no such anchor")
    return report
