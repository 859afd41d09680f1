"""Reading a plain-text article: title, sentences with offsets, copyright year and publisher."""

from __future__ import annotations

from conftest import SEED_ARTICLE
from generator.draft.article import read_article


def test_seed_article():
    article = read_article(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert article.title == "U.S. Is Said to Consider Reaction If Allies Partner With Huawei"
    assert (article.year, article.publisher, article.rights) == (
        2019,
        "Bloomberg",
        "©2019 Bloomberg L.P.",
    )
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert not any("©" in s.text for s in article.sentences)
    mission = article.sentences[-1].text
    assert mission.startswith("The Chinese Mission to the EU") and mission.endswith(
        "never happened.”"
    )


def test_publisher_from_the_copyright_holder_and_wrapped_lines():
    article = read_article(
        "A Headline\n\nFirst sentence is\nwrapped here. Second one.\n\nCopyright 2020 Example Media Inc.\n"
    )
    assert (article.year, article.publisher) == (2020, "Example Media")
    assert [s.one_line for s in article.sentences] == [
        "First sentence is wrapped here.",
        "Second one.",
    ]


def test_no_title_no_copyright():
    article = read_article("It began. Then it ended.\n")
    assert (article.title, article.year, article.publisher) == (None, None, None)
    assert len(article.sentences) == 2


def test_byline_and_wire_dateline_give_author_and_day():
    article = read_article(
        "Regulator fines operator\n\nBy Anna Keane\n\nLISBON, Feb 8 (Meridian Wire) - The authority "
        "fined Kestrel.\n\n(Reporting by Anna Keane; Editing by Paul Moreau)\n\n© 2024 Meridian Wire\n"
    )
    assert (article.author, article.date) == ("Anna Keane", "2024-02-08")
    assert [s.one_line for s in article.sentences] == [
        "LISBON, Feb 8 (Meridian Wire) - The authority fined Kestrel."
    ]
    assert article.text[article.story_start :].startswith("The authority")


def test_date_line_credits_and_no_dateline():
    article = read_article(
        "Headline\n\nThe Review\nBy Helena Marsh, Technology Correspondent\nThursday 14 March 2024"
        "\n\nIt began on Tuesday. It ended.\n"
    )
    assert (article.author, article.date) == ("Helena Marsh", "2024-03-14")
    article = read_article(
        "Headline\n\nRAVEL - It began.\n\nReporting by Mats Eriksen. Editing by Ulla Berg.\n\n"
        "© 2024 Nordic Press Agency\n"
    )
    assert (article.author, article.date) == ("Mats Eriksen", "2024")
