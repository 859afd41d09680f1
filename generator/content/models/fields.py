"""Field types every record shares: ids, text, Markdown, partial dates, web addresses, project paths."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from generator.content.dates import FIRST_YEAR, LAST_YEAR, parse_partial_date
from generator.site.markup import page_links
from generator.site.urls import (
    numbered_pages,
    reserved_key_problem,
    reserved_keys,
    topic_slug_problem,
)

# --- field types -------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN, re.ASCII)  # with fullmatch: "$" alone lets a newline end the value
SLUG_MAX = 80


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > SLUG_MAX:
        raise ValueError(
            f"'{shortened(value)}' is not a safe id: use 1-{SLUG_MAX} lowercase letters, digits and single hyphens"
            + _slug_suggestion(value)
        )
    return value


def _slug_suggestion(value: str) -> str:
    """' (did you mean …?)' with the value in lowercase ASCII, hyphens between its words."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:SLUG_MAX].strip("-")
    return f" (did you mean '{slug}'?)" if slug and slug != value else ""


_SLUG_SCHEMA = Field(
    description="Identifier: lowercase letters, digits and hyphens.",
    # In the JSON Schema only: validation is _check_slug, whose message is clearer.
    json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": SLUG_MAX},
)

Slug = Annotated[str, AfterValidator(_check_slug), _SLUG_SCHEMA]


def _page_id(kind: str):
    """A slug that names a page of ``kind`` (urls.PAGE_PATHS): not one the site takes for its own pages."""

    def check(value: str) -> str:
        problem = reserved_key_problem(kind, value)
        if problem:
            raise ValueError(f"'{shortened(value)}' {problem}; choose another id")
        return value

    reserved: dict = {"enum": sorted(reserved_keys(kind))}
    if numbered_pages(kind):  # a number is a list page's key there
        reserved = {"anyOf": [reserved, {"pattern": "^[0-9]+$"}]}
    schema = {**_SLUG_SCHEMA.json_schema_extra, "not": reserved}  # type: ignore[dict-item]
    return Annotated[
        str,
        AfterValidator(_check_slug),
        AfterValidator(check),
        Field(description=_SLUG_SCHEMA.description, json_schema_extra=schema),
    ]


# What XML 1.0 (the feeds) cannot carry, which no page needs either: C0 controls but tab and line
# breaks, lone surrogates (UTF-8 cannot write them), U+FFFE and U+FFFF. YAML's "\0" or "\e" escapes make them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is blank: write the text, or leave the field out")
    bad = _UNWRITABLE.search(value)
    if bad:
        raise ValueError(
            f"holds the control character U+{ord(bad.group()):04X}, which no page or feed can carry"
        )
    return value


def shortened(value: str, limit: int = 60) -> str:
    """The value as a message shows it: a long one cut, so that the message stays readable."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


# A corpus uses its topics again and again; slugging one and looking its slug up costs 20 µs.
_topic_slug_problem = functools.lru_cache(maxsize=1 << 14)(topic_slug_problem)


def _check_topic(label: str) -> str:
    problem = _topic_slug_problem(label)
    if problem:
        raise ValueError(f"topic '{shortened(label)}' {problem}")
    return label


def _check_partial_date(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be written YYYY, YYYY-MM or YYYY-MM-DD")
    parse_partial_date(value)  # raises ValueError with the reason
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_check_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[1-9]\d{3}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
            ],
            "description": "A date, as precise as known: 2019, 2019-01 or 2019-01-15.",
        }
    ),
]


def _check_web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{shortened(value)}' is not an http(s) URL")
    return value


WebUrl = Annotated[
    str,
    AfterValidator(_check_text),
    AfterValidator(_check_web_url),
    Field(description="An http:// or https:// address.", json_schema_extra={"format": "uri"}),
]


def _check_project_path(value: str) -> str:
    path = PurePosixPath(value)
    if "\\" in value or path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(
            f"'{shortened(value)}' must be a relative path inside the project, like sources/article.txt"
        )
    return value


ProjectPath = Annotated[
    str,
    AfterValidator(_check_text),
    AfterValidator(_check_project_path),
    Field(
        description="A file inside the project, relative to its root, e.g. sources/article.txt.",
        json_schema_extra={"pattern": r"^[^/\\][^\\]*$"},
    ),
]

Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]
Markdown = Annotated[
    str,
    Field(min_length=1, description="Markdown text (sanitised when rendered)."),
    AfterValidator(_check_text),
]
TopicLabel = Annotated[Text, AfterValidator(_check_topic)]


class Model(BaseModel):
    """Strict base: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


def _page_links(at: tuple, text: str | None) -> Iterator[tuple[tuple, str, str]]:
    """The brief:ID, actor:ID and legal:ID links of a Markdown field, as references."""
    for kind, key in page_links(text or ""):
        yield at, kind, key


def _duplicate_ids(items: list, at: tuple) -> Iterator[tuple[tuple, str, str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield (*at, i, "id"), "duplicate", item.id
        seen.add(item.id)
