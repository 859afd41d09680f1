"""A generated corpus of script payloads in every text field that reaches a page's <head>,
its body, SVG, JSON-LD or a feed (issue 17, class 1). See tests/hostile/README.md.

Every payload, if it ever ran, would set ``window.__pwned`` or open a dialog. Record ``i``
of each kind carries payload ``i + j`` in its ``j``-th field, so every payload reaches every
field somewhere in the corpus, each time wrapped in a different harmless context.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

RUN = "window.__pwned=1"

# Markup in every form a value could be read back as live: raw, escaped once (a Markdown
# entity or code span, which a careless unescape turns live), as an attribute breaker, as
# the end of the element it lands in (title, script, style, textarea, CDATA, comment).
PAYLOADS = [
    f"<script>{RUN}</script>",
    f"<img src=x onerror={RUN}>",
    f'"><img src=x onerror={RUN}>',
    f"'><img src=x onerror='{RUN}'>",
    f'" onmouseover="{RUN}" x="',
    f"' onfocus='{RUN}' autofocus x='",
    f"</title><script>{RUN}</script>",
    f"</script><script>{RUN}</script>",
    f"</textarea></style></noscript><svg onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f"<svg/onload={RUN}>",
    f"&quot;&gt;&lt;img src=x onerror={RUN}&gt;",
    f"&lt;script&gt;{RUN}&lt;/script&gt;",
    f"`<img src=x onerror={RUN}>`",
    f'`"><script>{RUN}</script>`',
    f"&amp;quot;&amp;gt;&amp;lt;img src=x onerror={RUN}&amp;gt;",
    f"[click](javascript:{RUN})",
    f"[click](JaVaScRiPt:{RUN}) <javascript:{RUN}>",
    f"[click](java&#x09;script:{RUN})",
    f'<a href="javascript:{RUN}">link</a>',
    f"]]><script>{RUN}</script><![CDATA[",
    f"--><script>{RUN}</script><!--",
    f"\u2028</script>\u2029<script>{RUN}</script>",
    f"\\u003cscript\\u003e{RUN}\\u003c/script\\u003e",
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f"<details open ontoggle={RUN}>x</details>",
    f'<object data="javascript:{RUN}"></object>',
    '<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<img src=x onerror=alert(1)><svg onload=confirm(1)>",
    "{{ 7*7 }} {% raw %} ${7*7} <%= 7*7 %>",
    "&#1;&#x1b;&#xFFFE;&#xD800;&#0; control references",
    '<div style="background:url(javascript:alert(1))" onmouseover=alert(1)>hover</div>',
]

# Harmless text around a payload: a quote that breaks an unescaped attribute, an
# apostrophe, right-to-left and CJK text.
CONTEXTS = ['said "no" {}', "{}", "it's {} — done", "\u200f«{}» 北京", "x{}x"]

# URLs must be http(s) (check refuses others); what follows the scheme is free.
URLS = [f'https://example.org/?q="><script>{RUN}</script>', "https://example.org/a'b\"c<d>"]

KINDS = ["person", "company", "state", "role", "ngo"]


class Payloads:
    """Payload ``i + j`` for record ``i``, field ``j``, in context ``i + j``."""

    def __init__(self, record: int):
        self.record = record
        self.field = 0

    def __call__(self) -> str:
        n = self.record + self.field
        self.field += 1
        return CONTEXTS[n % len(CONTEXTS)].format(PAYLOADS[n % len(PAYLOADS)])


def actor(i: int) -> dict:
    text = Payloads(i)
    return {
        "id": f"hostile-actor-{i}",
        "name": text(),
        "kind": KINDS[i % len(KINDS)],
        "jurisdiction": text(),
        "aliases": [text(), text()],
        "description": f"{text()}\n\n{text()}",
        "external_ids": {"wikidata": text()},
    }


def instrument(i: int) -> dict:
    text = Payloads(i)
    law = {
        "id": f"hostile-law-{i}",
        "title": text(),
        "short_title": text(),
        "jurisdiction": text(),
        "year": 2019,
        "issuing_body": text(),
        "provisions": [{"id": "art-1", "title": text(), "article": text(), "summary": text()}],
        "url": URLS[i % len(URLS)],
    }
    if i % 2:  # without a summary, the title is the page's description
        law["summary"] = f"{text()}\n\n{text()}"
    return law


def brief(i: int, count: int) -> dict:
    text = Payloads(i)
    actor_id, other = f"hostile-actor-{i}", f"hostile-actor-{(i + 1) % count}"
    return {
        "id": f"hostile-brief-{i}",
        "title": text(),
        "date": f"2019-{i % 12 + 1:02d}",
        "summary": f"{text()}\n\n{text()} `{text()}`",
        "topics": [f"Topic {i} {text()}"],
        "questions": [{"id": "q1", "text": text()}],
        "sources": [
            {
                "id": "s1",
                "publisher": text(),
                "title": text(),
                "author": text(),
                "url": URLS[i % len(URLS)],
                "rights": text(),
            }
        ],
        "positions": [
            {
                "actor": actor_id,
                "question": "q1",
                "stance": "mixed",
                "statements": [
                    {
                        "quote": text(),
                        "attribution": {"kind": "named", "name": text(), "role": text()},
                        "source": "s1",
                    },
                    {
                        "paraphrase": text(),
                        "attribution": {"kind": "anonymous", "reason": text()},
                        "source": "s1",
                    },
                ],
            }
        ],
        "legal_references": [
            {
                "instrument": f"hostile-law-{i}",
                "provisions": ["art-1"],
                "readings": [
                    {"actor": actor_id, "reading": text(), "quote": text(), "source": "s1"},
                ],
            }
        ],
        "events": [
            {
                "date": "2019",
                "text": text(),
                "actors": [actor_id, other],
                "source": "s1",
                "date_note": text(),
            }
        ],
        "relations": [
            {
                "from": actor_id,
                "type": "opposes",
                "to": other,
                "description": text(),
                "source": "s1",
            }
        ],
        "watch_next": [text()],
    }


def records(count: int = len(PAYLOADS)) -> Iterator[tuple[str, dict]]:
    """(content folder, record) for ``count`` briefs, actors and instruments."""
    for i in range(count):
        yield "actors", actor(i)
        yield "legal", instrument(i)
        yield "briefs", brief(i, count)


def write_corpus(content: Path, count: int = len(PAYLOADS)) -> list[str]:
    """Write the corpus into a project's ``content/``; returns the ids written."""
    ids = []
    for folder, record in records(count):
        path = content / folder / f"{record['id']}.yaml"
        path.write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        ids.append(record["id"])
    return ids
