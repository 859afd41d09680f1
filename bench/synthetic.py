"""A seeded synthetic corpus, valid against the real schema, for benchmarks and tests.

``write_corpus(folder, briefs=N, seed=S)`` writes ``briefs/``, ``actors/`` and
``legal/`` under ``folder``: N briefs of a few KB each, like the shipped one, drawing
on shared pools so that actors, instruments and topics recur across briefs. A few
actors appear in many briefs and most in a few (a Zipf-like draw), as in real news.

The same arguments always give the same bytes: nothing depends on the clock, the
machine or hash order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.content.models import ActorKind, RelationType, Stance

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

ACTORS_PER_BRIEF = 0.5  # the corpus: 5,000 briefs, 2,500 actors
BRIEFS_PER_INSTRUMENT = 25
BRIEFS_PER_TOPIC = 20
ACTOR_SKEW = 0.6  # Zipf exponent of how often an actor is drawn (1.0 would be news-like, harsher)

_SYLLABLES = (
    "ka ri to mu sen val or den lis par ne co tra bel mi gor un as fen dal ro pi "
    "ster vin ma lo qua ber tes ci nor hal em"
).split()


@dataclass(frozen=True)
class CorpusSize:
    briefs: int
    actors: int
    instruments: int
    topics: int

    @classmethod
    def for_briefs(cls, briefs: int) -> CorpusSize:
        return cls(
            briefs=briefs,
            actors=max(12, round(briefs * ACTORS_PER_BRIEF)),
            instruments=max(3, briefs // BRIEFS_PER_INSTRUMENT),
            topics=max(5, briefs // BRIEFS_PER_TOPIC),
        )


def write_corpus(folder: Path, *, briefs: int, seed: int = 0) -> CorpusSize:
    """Write a corpus of ``briefs`` briefs under ``folder`` (which must not hold content yet)."""
    size = CorpusSize.for_briefs(briefs)
    writer = _CorpusWriter(size, random.Random(seed))
    folder = Path(folder)
    for sub, records in (
        ("actors", writer.actors()),
        ("legal", writer.instruments()),
        ("briefs", writer.briefs()),
    ):
        (folder / sub).mkdir(parents=True, exist_ok=False)
        for record in records:
            text = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
            (folder / sub / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return size


class _CorpusWriter:
    """Makes plain-data records (dicts) the way an analyst would write them in YAML."""

    def __init__(self, size: CorpusSize, rng: random.Random):
        self.size = size
        self.rng = rng
        self.words = self._vocabulary(1500)
        self.actor_ids = [f"{self._name(2)}-{i}" for i in range(size.actors)]
        self.actor_weights = [1 / (rank + 1) ** ACTOR_SKEW for rank in range(size.actors)]
        self.instrument_ids = [f"{self._name(2)}-act-{i}" for i in range(size.instruments)]
        self.provisions = {
            i: [f"section-{n + 1}" for n in range(rng.randint(2, 6))] for i in self.instrument_ids
        }
        self.topics = [self._title(2, 3) for _ in range(size.topics)]

    # --- text ------------------------------------------------------------------

    def _vocabulary(self, count: int) -> list[str]:
        words: dict[str, None] = {}
        while len(words) < count:
            words["".join(self.rng.choices(_SYLLABLES, k=self.rng.choice((1, 2, 2, 3))))] = None
        return list(words)

    def _name(self, parts: int) -> str:
        return "-".join(self.rng.choice(self.words) for _ in range(parts))

    def _title(self, low: int, high: int) -> str:
        return " ".join(
            self.rng.choice(self.words) for _ in range(self.rng.randint(low, high))
        ).capitalize()

    def _sentence(self, low: int = 8, high: int = 20) -> str:
        return self._title(low, high) + "."

    def _paragraph(self, sentences: int) -> str:
        return " ".join(self._sentence() for _ in range(sentences))

    def _date(self) -> str:
        year = self.rng.randint(2005, 2025)
        precision = self.rng.random()
        if precision < 0.1:
            return str(year)
        if precision < 0.3:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    # --- registries -------------------------------------------------------------

    def actors(self) -> list[dict]:
        # The kinds before issue 19 added five: one seed keeps giving the same corpus (and benchmark).
        kinds = [kind.value for kind in ActorKind][:12]
        records = []
        for i, actor_id in enumerate(self.actor_ids):
            record: dict = {
                "id": actor_id,
                "name": actor_id.rsplit("-", 1)[0].replace("-", " ").title(),
                "kind": self.rng.choice(kinds),
            }
            if self.rng.random() < 0.6:
                record["jurisdiction"] = self._title(1, 2)
            if i > 0 and self.rng.random() < 0.2:
                record["part_of"] = self.actor_ids[self.rng.randrange(i)]
            if self.rng.random() < 0.3:
                record["aliases"] = [self._title(1, 3) for _ in range(self.rng.randint(1, 2))]
            record["description"] = self._paragraph(self.rng.randint(1, 3))
            if self.rng.random() < 0.4:
                record["external_ids"] = {"wikidata": f"Q{self.rng.randint(1, 10**7)}"}
            records.append(record)
        return records

    def instruments(self) -> list[dict]:
        return [
            {
                "id": instrument_id,
                "title": self._title(3, 6) + " Act",
                "jurisdiction": self._title(1, 2),
                "year": self.rng.randint(1950, 2024),
                "summary": self._paragraph(2),
                "provisions": [
                    {
                        "id": pid,
                        "title": self._title(2, 5),
                        "article": str(n + 1),
                        "summary": self._sentence(),
                    }
                    for n, pid in enumerate(self.provisions[instrument_id])
                ],
                "url": f"https://laws.example.org/{instrument_id}",
            }
            for instrument_id in self.instrument_ids
        ]

    # --- briefs -----------------------------------------------------------------

    def briefs(self):
        width = len(str(self.size.briefs))
        for n in range(self.size.briefs):
            yield self._brief(f"story-{n:0{width}d}-{self._name(2)}")

    def _brief(self, brief_id: str) -> dict:
        rng = self.rng
        actors = self._draw_actors(rng.randint(4, 7))
        sources = [self._source(i) for i in range(rng.randint(1, 3))]
        source_ids = [s["id"] for s in sources]
        questions = [
            {"id": f"q{i + 1}", "text": self._title(8, 14) + "?"} for i in range(rng.randint(2, 3))
        ]
        brief = {
            "id": brief_id,
            "title": self._title(6, 12),
            "date": self._date(),
            "summary": f"{self._paragraph(3)} **{self._title(2, 4)}**.\n\n{self._paragraph(2)}",
            "topics": rng.sample(self.topics, k=min(len(self.topics), rng.randint(2, 4))),
            "questions": questions,
            "sources": sources,
            "positions": self._positions(actors, questions, source_ids),
            "legal_references": [
                self._legal_reference(actors, source_ids) for _ in range(rng.choice((0, 1, 1, 2)))
            ],
            "events": [self._event(actors, source_ids) for _ in range(rng.randint(2, 4))],
            "relations": [self._relation(actors, source_ids) for _ in range(rng.randint(1, 3))],
            "watch_next": [self._sentence(8, 16) for _ in range(rng.randint(1, 2))],
        }
        if rng.random() < 0.02:
            brief["status"] = "draft"
        return {key: value for key, value in brief.items() if value}

    def _draw_actors(self, count: int) -> list[str]:
        drawn: dict[str, None] = {}
        while len(drawn) < min(count, len(self.actor_ids)):
            drawn[self.rng.choices(self.actor_ids, weights=self.actor_weights)[0]] = None
        return list(drawn)

    def _source(self, i: int) -> dict:
        source = {
            "id": f"src-{i + 1}",
            "publisher": self._title(1, 2),
            "title": self._title(5, 10),
            "date": self._date(),
        }
        if self.rng.random() < 0.8:
            source["url"] = f"https://news.example.com/{self._name(3)}"
        return source

    def _positions(
        self, actors: list[str], questions: list[dict], source_ids: list[str]
    ) -> list[dict]:
        stances = [stance.value for stance in Stance]
        positions = []
        for actor in actors:
            for question in self.rng.sample(
                questions, k=self.rng.randint(1, min(2, len(questions)))
            ):
                statements = [self._statement(source_ids) for _ in range(self.rng.randint(1, 2))]
                positions.append(
                    {
                        "actor": actor,
                        "question": question["id"],
                        "stance": self.rng.choice(stances),
                        "statements": statements,
                    }
                )
        return positions

    def _statement(self, source_ids: list[str]) -> dict:
        form = "quote" if self.rng.random() < 0.3 else "paraphrase"
        return {
            form: self._sentence(10, 24),
            "attribution": self._attribution(),
            "source": self.rng.choice(source_ids),
        }

    def _attribution(self) -> dict:
        kind = self.rng.choice(("named", "spokesperson", "institutional", "anonymous"))
        attribution: dict = {"kind": kind}
        if kind == "named":
            attribution["name"] = self._title(2, 2).title()
        if kind != "institutional":
            attribution["role"] = self._title(2, 4)
        if kind == "anonymous":
            attribution["reason"] = "not authorised to speak publicly"
        return attribution

    def _legal_reference(self, actors: list[str], source_ids: list[str]) -> dict:
        instrument = self.rng.choice(self.instrument_ids)
        provisions = self.provisions[instrument]
        readers = self.rng.sample(actors, k=self.rng.randint(1, min(3, len(actors))))
        return {
            "instrument": instrument,
            "provisions": self.rng.sample(
                provisions, k=self.rng.randint(1, min(2, len(provisions)))
            ),
            "readings": [
                {"actor": actor, "reading": self._sentence(), "source": self.rng.choice(source_ids)}
                for actor in readers
            ],
        }

    def _event(self, actors: list[str], source_ids: list[str]) -> dict:
        return {
            "date": self._date(),
            "text": self._sentence(),
            "actors": self.rng.sample(actors, k=self.rng.randint(1, 3)),
            "source": self.rng.choice(source_ids),
        }

    def _relation(self, actors: list[str], source_ids: list[str]) -> dict:
        from_actor, to_actor = self.rng.sample(actors, k=2)
        return {
            "from": from_actor,
            "type": self.rng.choice([t.value for t in RelationType]),
            "to": to_actor,
            "description": self._sentence(6, 14),
            "source": self.rng.choice(source_ids),
        }
