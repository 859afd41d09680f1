"""Long lists cut into pages at stable paths: the one pagination of the site.

A list (an actor's briefs, a year's briefs, a topic's briefs, the actors, the instruments)
longer than its page size is cut into pages of at most that many entries, in order. The first
page keeps the list's own path (page kind ``kind``, key ``key``); page ``n`` is of kind
``kind + "-page"`` with key ``"<key>/<n>"`` (or ``"<n>"`` for a list without a key), so that
``topics/trade.md`` goes on at ``topics/trade/2.md`` and ``actors/index.md`` at ``actors/2.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from generator.site.urls import page_path

if TYPE_CHECKING:
    from generator.analysis.index import Index, Topic
    from generator.analysis.views import BriefYear
    from generator.content.models import Actor, Brief, LegalInstrument

Entry = TypeVar("Entry")

# Page sizes, each measured (bench/heights.py, 1,280 px) to keep a page under ~15,000 px.
TABLE_ROWS_PER_PAGE = 100  # a brief as a table row of date, title and topics: ~85 px each
LINES_PER_PAGE = 250  # a line: a brief (date, title), an actor, an instrument; ≤ ~50 px each


@dataclass(frozen=True)
class ListPage(Generic[Entry]):
    kind: str  # the page's kind in the registry (pages.py)
    key: str | None  # its key there
    number: int  # from 1
    count: int  # pages of the list
    first: int  # position of the page's first entry in the list, from 1
    total: int  # entries in the list
    entries: Sequence[Entry]
    previous: Entry | None = None  # the previous page's last entry; None on the first page

    def continues(self, attribute: str) -> bool:
        """Whether the page opens in the middle of a run of entries alike in ``attribute`` (an
        actor kind): a page that heads each run marks that first heading "(continued)"."""
        if self.previous is None or not self.entries:
            return False
        return getattr(self.previous, attribute) == getattr(self.entries[0], attribute)

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1

    @property
    def path(self) -> str:
        return page_path(self.kind, self.key)


def later_page_kind(kind: str) -> str:
    """The kind of a list's pages after its first ("topic" → "topic-page")."""
    return kind + "-page"


def page_key(key: str | None, number: int) -> str | None:
    """The registry key of page ``number`` of the list whose first page has key ``key``."""
    if number == 1:
        return key
    return f"{key}/{number}" if key is not None else str(number)


def paginate(
    entries: Sequence[Entry], per_page: int, kind: str, key: str | None = None
) -> list[ListPage[Entry]]:
    """The pages of a list: always one (empty for an empty list), each of at most ``per_page``."""
    if per_page < 1:
        raise ValueError(f"a page holds at least one entry, not {per_page}")
    starts = range(0, len(entries), per_page) or range(1)
    return [
        ListPage(
            kind if n == 1 else later_page_kind(kind),
            page_key(key, n),
            n,
            len(starts),
            start + 1,
            len(entries),
            entries[start : start + per_page],
            entries[start - 1] if start else None,
        )
        for n, start in enumerate(starts, start=1)
    ]


# The site's long lists, in the order their pages show them.


def year_pages(year: BriefYear) -> list[ListPage[Brief]]:
    """A year's briefs, newest first (the index's order)."""
    return paginate(year.briefs, TABLE_ROWS_PER_PAGE, "briefs-year", year.year)


def topic_pages(topic: Topic) -> list[ListPage[Brief]]:
    """A topic's briefs, newest first."""
    return paginate(topic.briefs, LINES_PER_PAGE, "topic", topic.slug)


def actors_index_pages(index: Index) -> list[ListPage[Actor]]:
    """Every actor, by kind then name (the page heads each kind's run)."""
    actors = sorted(index.actors.values(), key=lambda a: (a.kind, a.name.lower()))
    return paginate(actors, LINES_PER_PAGE, "actors")


def legal_index_pages(index: Index) -> list[ListPage[LegalInstrument]]:
    """Every instrument, by title."""
    instruments = sorted(index.legal.values(), key=lambda i: i.title.lower())
    return paginate(instruments, LINES_PER_PAGE, "legal-index")
