"""A small, seeded corpus of briefs for tests: recurring actors, recurring questions
whose stances change over time, readings of shared laws, partial dates and typed
relations. Valid against the real schema (tests load it with ``load_content``).

Test-only and deliberately small; the benchmark corpus for scale lives elsewhere.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from generator.content.models import RelationType

STANCES = ["supports", "opposes", "mixed", "neutral", "unclear"]
KINDS = ["state", "company", "government-body", "ngo", "person", "group"]
TOPICS = ["Trade", "Telecommunications security", "Privacy", "Export controls", "Cloud", "Energy"]
QUESTIONS = {
    f"question-{n}": f"Recurring question number {n}: should the measure go ahead?"
    for n in range(1, 9)
}
LAWS = {f"law-{n}": [f"article-{a}" for a in range(1, 3 + n % 2)] for n in range(1, 4)}


def write_corpus(folder: Path, *, briefs: int = 60, actors: int = 40, seed: int = 4) -> Path:
    """Write ``content/`` with ``briefs`` briefs into ``folder``; return the content folder."""
    rng = random.Random(seed)
    content = Path(folder) / "content"
    actor_ids = [f"actor-{n:03d}" for n in range(actors)]
    for i, actor_id in enumerate(actor_ids):
        record = {
            "id": actor_id,
            "name": f"Actor {i:03d} of the synthetic corpus",
            "kind": rng.choice(KINDS),
        }
        if i % 10 == 9:
            record["part_of"] = actor_ids[i - 1]
        _dump(content / "actors" / f"{actor_id}.yaml", record)
    for law, provisions in LAWS.items():
        _dump(
            content / "legal" / f"{law}.yaml",
            {
                "id": law,
                "title": f"Synthetic law {law}",
                "jurisdiction": "Testland",
                "year": 2015,
                "provisions": [
                    {"id": p, "title": f"{law} {p}", "summary": f"What {p} says."}
                    for p in provisions
                ],
            },
        )
    for n in range(briefs):
        brief = _brief(rng, n, actor_ids)
        _dump(content / "briefs" / f"{brief['id']}.yaml", brief)
    return content


def _date(rng: random.Random, year: int) -> str:
    """A partial date: year only, year and month, or a full day."""
    precision = rng.choice(["year", "month", "day", "day"])
    if precision == "year":
        return str(year)
    month = rng.randint(1, 12)
    return (
        f"{year}-{month:02d}"
        if precision == "month"
        else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    )


def _brief(rng: random.Random, n: int, actor_ids: list[str]) -> dict:
    year = 2015 + n % 8
    # A core of actors recurs in most briefs; the rest come and go.
    cast = rng.sample(actor_ids[:8], 3) + rng.sample(actor_ids[8:], 3)
    questions = rng.sample(sorted(QUESTIONS), 2)
    sources = [
        {
            "id": "src",
            "publisher": f"Publisher {n % 5}",
            "title": f"Report {n}",
            "date": _date(rng, year),
            "url": f"https://example.org/report/{n}",
        }
    ]
    law = rng.choice(sorted(LAWS))
    return {
        "id": f"brief-{n:03d}",
        "title": f"Synthetic brief {n:03d}",
        "date": _date(rng, year),
        "summary": f"Summary of synthetic brief {n}.",
        "topics": rng.sample(TOPICS, 2),
        "questions": [{"id": q, "text": QUESTIONS[q]} for q in questions],
        "sources": sources,
        "positions": [
            {
                "actor": actor,
                "question": q,
                "stance": rng.choice(STANCES),
                "statements": [_statement(rng, year, actor, q)],
            }
            for q in questions
            for actor in rng.sample(cast, 3)
        ],
        "legal_references": [
            {
                "instrument": law,
                "provisions": rng.sample(LAWS[law], 1),
                "readings": [
                    {
                        "actor": actor,
                        "reading": f"{actor} reads {law} its own way in brief {n}.",
                        "date": _date(rng, year),
                        "source": "src",
                    }
                    for actor in rng.sample(cast, 2)
                ],
            }
        ],
        "events": [
            {
                "date": _date(rng, year),
                "text": f"Event {e} of brief {n}.",
                "actors": rng.sample(cast, 2),
                "source": "src",
            }
            for e in range(2)
        ],
        "relations": [
            {
                "from": a,
                "type": rng.choice([t.value for t in RelationType]),
                "to": b,
                "description": f"Relation in brief {n}.",
                "source": "src",
            }
            for a, b in (rng.sample(cast, 2) for _ in range(3))
        ],
    }


def _statement(rng: random.Random, year: int, actor: str, question: str) -> dict:
    statement = {
        "paraphrase": f"{actor} on {question}.",
        "attribution": {"kind": "institutional"},
        "source": "src",
    }
    if rng.random() < 0.5:
        statement["date"] = _date(rng, year)
    return statement


def _dump(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
