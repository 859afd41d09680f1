"""Stance changes and dated statements: each statement of an actor that changed takes the stance
of its time, and the draft carrying them still fails `check` only where the analyst must act."""

from __future__ import annotations

import pytest

from generator.content.corpus import Corpus
from generator.draft.article import read_article
from generator.draft.brief import make_draft
from generator.draft.events import find_events
from generator.draft.stances import events_by_sentence, find_stance_changes, statement_date

HEAD = "Headline\n\nFENNBURG, June 4 (Meridian Wire) - "


def _changes(sentence: str):
    article = read_article(f"{HEAD}{sentence}\n\n© 2025 Meridian Wire\n")
    return [
        (c.before, c.after, c.date, c.until)
        for c in find_stance_changes(article, events_by_sentence(find_events(article)))
    ]


@pytest.mark.parametrize(
    ("sentence", "changes"),
    [
        (
            "The federation, which had opposed the pact since talks began, reversed its position "
            "on Monday.",
            [("opposes", "supports", "2025-06-02", None)],
        ),
        (
            "The Green Alliance, which had supported the agreement until April, now says it will "
            "vote against it.",
            [("supports", "opposes", None, "2025-04")],
        ),
        (
            "The minister on Wednesday withdrew her objection to the plan.",
            [("opposes", "supports", "2025-06-04", None)],  # the article's own day
        ),
        (
            "The party has long backed the treaty but no longer does.",
            [("supports", "opposes", None, None)],
        ),
        ("The network said it still opposed the pact.", []),  # no change
        ("The bar, which had supported the applicants, said the programme must stop.", []),
        ("The union dropped its demand for a strike on Monday.", []),  # no stance told
    ],
)
def test_a_change_needs_an_old_stance_and_its_end(sentence, changes):
    assert _changes(sentence) == changes


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ('Dahl said in March that the pact would "flood our markets".', "2025-03"),
        ('Two weeks ago, Costa said she was "still not convinced".', "2025-05"),
        ('Three days ago, Costa said she was "still not convinced".', "2025-06-01"),
        ('"We were close on Dec. 19," Berg said.', None),  # the date is inside the quotation
        ('"We will act," Dahl said, adding a vote is due on June 18.', None),  # still to come
        ('"We will act," Dahl said.', None),
    ],
)
def test_a_statement_is_dated_by_its_sentence_outside_the_quotation(sentence, date):
    article = read_article(f"{HEAD}{sentence}\n\n© 2025 Meridian Wire\n")
    quote_start = article.text.index('"') + 1
    quote_end = article.text.index('"', quote_start)
    found = statement_date(
        article.sentences_between(quote_start, quote_end),
        quote_start,
        quote_end,
        events_by_sentence(find_events(article)),
        article.date,
    )
    assert found == date


REVERSAL = """Minister drops objection

RAVEL, Feb 12 (Meridian Wire) - Veloria's environment minister on Wednesday withdrew her objection to the mast plan, three months after calling the project "unacceptable".

Minister Beatriz Costa said in November that the masts would "scar the last wild landscape we have".

"On those terms I have no objection," Costa said in a statement.

© 2025 Meridian Wire
"""


def test_each_statement_of_the_actor_takes_the_stance_of_its_time():
    draft = make_draft(REVERSAL, Corpus(), brief_id="x", text_file=None)
    (position,) = [p for p in draft.positions if p.change is not None]
    assert [(s.quote, s.date, s.stance) for s in position.statements] == [
        ("unacceptable", "2024-11", "opposes"),  # three months before the change
        ("scar the last wild landscape we have", "2024-11", "opposes"),
        ("On those terms I have no objection", "2025-02-12", "supports"),
    ]
    assert position.own_stances
