"""Property-based tests: any text a YAML file can carry, in any field, stays text."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import ROOT, write
from generator.analysis.index import Index
from generator.content.corpus import Corpus
from generator.content.models import Actor, Brief
from generator.content.yamlfile import read_yaml
from generator.site.render import Renderer
from generator.site.urls import topic_slug_problem

# What a YAML file can deliver: any printable character, plus tabs and line breaks.
yaml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
markup_heavy = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "`",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "#",
        "!",
        "|",
        "{",
        "}",
        "\\",
        ":",
        "javascript:",
        "<script>",
        "</p>",
        "-->",
        "<!--",
        "{{",
        "}}",
        "{%",
        "\n\n",
        "    ",
        "- ",
        "1. ",
        "<div>",
        "](",
        "@",
        "\x7f",
    ]
)
hostile_text = (
    st.lists(markup_heavy | yaml_text, min_size=1, max_size=8)
    .map("".join)
    .filter(lambda s: s.strip())
)

RENDERER = Renderer(ROOT / "templates")
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=st.text(max_size=300))
def test_the_loader_never_raises_and_reports_one_line_positions(tmp_path, text):
    path = write(tmp_path / "any.yaml", "")
    path.write_text(text, encoding="utf-8")
    loaded = read_yaml(path, "any.yaml")
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.col >= 1
        assert "\n" not in str(problem)


class _Shape(HTMLParser):
    """The page's element structure: tag names and attribute names, without any text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.shape.append(f"<{tag} {' '.join(sorted(name for name, _ in attrs))}>")

    def handle_endtag(self, tag):
        self.shape.append(f"</{tag}>")


def brief_page_shape(**fields: str) -> list[str]:
    """Render the one-brief site with some fields replaced, through Markdown as MkDocs would."""
    actor = Actor(id="someone", name=fields.get("name", "Someone"), kind="person")
    brief = Brief.model_validate(
        {
            "id": "story",
            "title": fields.get("title", "Title"),
            "date": "2020",
            "summary": "Summary.",
            "topics": [fields.get("topic", "Topic")],
            "questions": [{"id": "q", "text": fields.get("question", "Question?")}],
            "sources": [
                {"id": "s", "publisher": fields.get("publisher", "Publisher"), "title": "T"}
            ],
            "positions": [
                {
                    "actor": "someone",
                    "question": "q",
                    "stance": "mixed",
                    "statements": [
                        {
                            "quote": fields.get("quote", "Quote"),
                            "attribution": {"kind": "named", "name": fields.get("speaker", "X")},
                            "source": "s",
                        }
                    ],
                }
            ],
        }
    )
    index = Index(Corpus(briefs={"story": brief}, actors={"someone": actor}))
    page = next(p for p in RENDERER.render_site(index) if p.path == "briefs/story.md")
    parser = _Shape()
    body, _ = get_data(page.text)  # the front matter is data for the theme, as MkDocs reads it
    parser.feed(markdown.markdown(body, extensions=["toc", "tables"]))
    return parser.shape


BENIGN_SHAPE = brief_page_shape()


@SETTINGS
@given(
    field=st.sampled_from(["title", "name", "question", "publisher", "quote", "speaker", "topic"]),
    text=hostile_text,
)
def test_any_text_in_any_field_never_escapes_its_element(field, text):
    assume(
        field != "topic" or topic_slug_problem(text) is None
    )  # a label that names no page is refused
    assert brief_page_shape(**{field: text}) == BENIGN_SHAPE
