"""Legal references: provisions named in later sentences, subsections, and the year of adoption."""

from __future__ import annotations

import pytest

from generator.content.corpus import Corpus
from generator.draft.article import read_article
from generator.draft.legal import find_legal

HEAD = "Headline\n\nFENNBURG, Sept 3 (Meridian Wire) - "


def _legal(body: str) -> dict[str, tuple[int | None, list[str]]]:
    article = read_article(f"{HEAD}{body}\n\n© 2024 Meridian Wire\n")
    return {m.name: (m.year, m.provisions) for m in find_legal(article, Corpus().legal.values())}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a provision of "the 1976 agreement", paragraphs later
            "Veloria says the Atlantic Fisheries Agreement of 1976 fixed the line.\n\n"
            "The two countries have not met since.\n\n"
            "Article 5 of the 1976 agreement allowed either side to end it.",
            {"Atlantic Fisheries Agreement": (1976, ["Article 5"])},
        ),
        (  # a provision alone, after a sentence about something else
            "Section 12 of the Gas Security Act of 2019 allows the release. That happened last "
            "week. Section 12(3) requires a refill within two years.",
            {"Gas Security Act": (2019, ["Section 12", "Section 12(3)"])},
        ),
        (  # a subsection of the section cited before
            "Section 121 of the Data Act of 2023 gives the power. Subsection (2) defines urgency.",
            {"Data Act": (2023, ["Section 121", "Section 121(2)"])},
        ),
        (
            "Section 18 of the Communications Act of 2019 is clear. Paragraph 3 of the section "
            "defines an incident.",
            {"Communications Act": (2019, ["Section 18", "Section 18(3)"])},
        ),
        (  # adopted on a weekday of the article's week: the article's year
            "Parliament approved the Artificial Intelligence Accountability Act on Tuesday. "
            "Section 5 of the act sets out the exemption.",
            {"Artificial Intelligence Accountability Act": (2024, ["Section 5"])},
        ),
        (  # a provision already cited stays with its law
            "Section 121 of the Data Act of 2023 gives the power. The firm cites Article 8 of the "
            "European Convention on Human Rights. The ministry will report on Section 121.",
            {
                "Data Act": (2023, ["Section 121"]),
                "European Convention on Human Rights": (None, ["Article 8"]),
            },
        ),
    ],
)
def test_provisions_and_years(body, expected):
    assert _legal(body) == expected
