"""A seeded corpus of news-like stories, for tests and benchmarks (issue #20, item 1).

    python -m bench.stories OUT --briefs N --seed S [--build-date YYYY-MM-DD] [--schema 1|2]

``write_story_corpus(folder, briefs, seed)`` writes ``briefs/``, ``actors/`` and ``legal/``
under ``folder``. Unlike ``bench.synthetic`` (random syllables), the briefs read like
news and behave like it:

- **threads**: a story runs over several briefs that follow each other (``follows``),
  dated a few weeks apart, on one topic (a country and a policy domain);
- **recurring questions**: a topic's questions keep their id and wording in every brief
  and every story on that topic, so stances meet in a matrix;
- **actors** with readable names (Faker): states, ministries and their ministers,
  parliaments, courts, parties, companies, NGOs, trade associations and coalitions
  with members (roles, since, until); an actor mostly keeps its stance on a question
  and sometimes changes it, with dated statements for the old and the new stance;
- **events**: happened, scheduled, deadlines (some after the build date), postponed
  and cancelled, events told two ways (accounts), claims ``according_to`` someone;
- **law**: statutes whose provisions carry labels as written, amended by parliaments;
  court rulings with holdings; draft treaty texts in negotiations;
- **sources**: named, relayed, institutional and anonymous.

``schema=1`` writes only what the models before issue #19 accept; ``schema=2`` adds the
names issue #19 fixes. The default is 2 when the models know them, else 1.

Same arguments, same Faker version: byte-identical files (nothing depends on the clock,
the machine or hash order).
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from faker import Faker

from generator.content.models import Brief

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCHEMA_2_KNOWN = "follows" in Brief.model_fields  # the models hold issue #19's names
DEFAULT_SCHEMA = 2 if SCHEMA_2_KNOWN else 1
DEFAULT_BUILD_DATE = "2026-12-01"
FIRST_STORY = datetime.date(2016, 1, 4)
ONGOING_SHARE = (
    0.2  # stories whose last brief is close to the build date: their next steps are upcoming
)
THREAD_LENGTH = (2, 10)
STANCE_CHANGE = (
    0.12  # chance that an actor that spoke before on a question now takes another stance
)

# Kinds issue #19 adds, and what a schema 1 corpus calls them instead.
NEW_KINDS = {
    "court": "government-body",
    "legislature": "government-body",
    "coalition": "group",
    "political-party": "group",
    "trade-association": "group",
}


@dataclass(frozen=True)
class Domain:
    label: str
    area: str  # the ministry in charge
    industry: str
    law: str
    power: str  # what the law's disputed provision lets the government do
    measures: tuple[tuple[str, str], ...]  # (id part, noun phrase)


DOMAINS = (
    Domain(
        "Offshore wind",
        "Energy",
        "wind power",
        "Offshore Energy Act",
        "revoke leases without compensation",
        (
            ("wind-moratorium", "a moratorium on new offshore wind leases"),
            ("wind-targets", "binding targets for offshore wind capacity"),
            ("turbine-subsidies", "subsidies for domestic turbine makers"),
        ),
    ),
    Domain(
        "Fisheries",
        "Fisheries",
        "fishing",
        "Marine Fisheries Act",
        "close fishing grounds by decree",
        (
            ("catch-limits", "lower catch limits for cod and herring"),
            ("trawling-ban", "a ban on bottom trawling in protected waters"),
            ("foreign-fleets", "licences for foreign fishing fleets"),
        ),
    ),
    Domain(
        "Semiconductor exports",
        "Trade",
        "chip-making",
        "Strategic Goods Export Act",
        "block exports without naming the buyer at risk",
        (
            ("chip-export-controls", "tighter export controls on advanced chips"),
            ("fab-subsidies", "public subsidies for a new chip plant"),
            ("tool-licences", "licences for selling chip-making tools abroad"),
        ),
    ),
    Domain(
        "Data protection",
        "Justice",
        "cloud services",
        "Personal Data Protection Act",
        "order data to be stored inside the country",
        (
            ("data-localisation", "rules that keep citizens' data inside the country"),
            ("facial-recognition", "police use of facial recognition"),
            ("data-transfers", "a new framework for cross-border data transfers"),
        ),
    ),
    Domain(
        "Rail infrastructure",
        "Transport",
        "rail",
        "Railways Act",
        "expropriate land for new lines",
        (
            ("high-speed-line", "a new high-speed rail line"),
            ("rail-privatisation", "selling the state rail operator"),
            ("freight-corridor", "a cross-border freight corridor"),
        ),
    ),
    Domain(
        "Water rights",
        "Environment",
        "agriculture",
        "Water Resources Act",
        "ration water in dry years",
        (
            ("dam-project", "a dam on the upper river"),
            ("water-sharing", "a new water-sharing agreement with its neighbours"),
            ("irrigation-limits", "limits on irrigation in dry years"),
        ),
    ),
    Domain(
        "Medicine prices",
        "Health",
        "pharmaceutical",
        "Medicines Act",
        "override patents in an emergency",
        (
            ("price-caps", "caps on the prices of patented medicines"),
            ("compulsory-licences", "compulsory licences for vaccine patents"),
            ("joint-procurement", "joint procurement of vaccines"),
        ),
    ),
    Domain(
        "Telecommunications security",
        "Digital Affairs",
        "telecoms",
        "Telecommunications Security Act",
        "exclude a vendor without publishing the evidence",
        (
            ("vendor-ban", "excluding high-risk vendors from 5G networks"),
            ("network-audits", "mandatory security audits of telecom networks"),
            ("spectrum-auction", "a new spectrum auction"),
        ),
    ),
    Domain(
        "Carbon pricing",
        "Climate",
        "steel",
        "Climate Act",
        "set emission caps for single plants",
        (
            ("carbon-tax", "a carbon tax on heavy industry"),
            ("border-levy", "a carbon border levy on imports"),
            ("coal-phase-out", "a fixed date to phase out coal power"),
        ),
    ),
    Domain(
        "Mining",
        "Natural Resources",
        "mining",
        "Mining Code",
        "cancel concessions in the public interest",
        (
            ("lithium-concessions", "new lithium mining concessions"),
            ("royalty-increase", "higher mining royalties"),
            ("deep-sea-mining", "deep-sea mining licences"),
        ),
    ),
    Domain(
        "Media freedom",
        "Culture",
        "publishing",
        "Media Act",
        "suspend a broadcaster's licence",
        (
            ("foreign-agent-rule", "registering media funded from abroad as foreign agents"),
            ("broadcaster-reform", "a reform of the public broadcaster"),
            ("platform-liability", "making platforms liable for their users' posts"),
        ),
    ),
    Domain(
        "Agricultural trade",
        "Agriculture",
        "farming",
        "Agricultural Markets Act",
        "cap import volumes",
        (
            ("beef-quotas", "tariff-free quotas for beef imports"),
            ("pesticide-ban", "a ban on neonicotinoid pesticides"),
            ("farm-subsidies", "a cut in direct farm subsidies"),
        ),
    ),
    Domain(
        "Ports and shipping",
        "Maritime Affairs",
        "shipping",
        "Ports Act",
        "veto a port operator's owners",
        (
            ("port-concession", "a foreign operator's concession for the main container port"),
            ("emissions-zone", "an emissions control zone for shipping"),
            ("canal-tolls", "higher canal tolls"),
        ),
    ),
    Domain(
        "Artificial intelligence",
        "Science",
        "software",
        "Artificial Intelligence Act",
        "withdraw a model from the market",
        (
            ("model-licensing", "licensing for the most capable AI models"),
            ("developer-liability", "making developers liable for harm done by AI"),
            ("biometric-ban", "a ban on remote biometric identification"),
        ),
    ),
)

STANCE_LINES = {
    "supports": (
        "Says {subject} is overdue and should go ahead this year.",
        "Backs {subject}, arguing that further delay would cost jobs and credibility.",
        "Calls for {subject} to be adopted without amendments.",
    ),
    "opposes": (
        "Rejects {subject} as rushed and unworkable.",
        "Warns that {subject} would hurt the {industry} industry and drive investment abroad.",
        "Says it will fight {subject} in parliament and, if need be, in court.",
    ),
    "mixed": (
        "Supports {subject} in principle but wants a longer transition.",
        "Accepts parts of {subject} and rejects others.",
    ),
    "neutral": ("Says it takes no side on {subject} until the impact assessment is published.",),
    "unclear": ("Declined to say whether it backs {subject}.",),
}
LAW_LINES = {  # on whether the law gives the government a power
    "supports": (
        "Says the {law} plainly lets the government {power}.",
        "Argues that the {law} was written to let the government {power}.",
    ),
    "opposes": (
        "Says nothing in the {law} lets the government {power}.",
        "Argues that the {law} gives the government no power to {power}.",
    ),
    "mixed": ("Says the {law} lets the government {power} only in narrow cases.",),
    "neutral": ("Says the courts, not the ministry, must decide what the {law} allows.",),
    "unclear": ("Would not say how it reads the {law}.",),
}
LAW_QUOTES = {
    "supports": "The law is clear: the government may {power}.",
    "opposes": "Nothing in the {law} lets the government {power}.",
    "mixed": "The {law} allows this only in exceptional cases.",
    "neutral": "That is for the courts to decide.",
    "unclear": "We are studying the {law} carefully.",
}
READING_LINES = {  # how a reader reads the law: one side, worded several ways
    "supports": (
        "It plainly lets the government {power}.",
        "The law, as written, gives the government the power to {power}.",
        "It was written to let the government {power}, and it does.",
    ),
    "opposes": (
        "It gives the government no power to {power}.",
        "Nothing in it lets the government {power}.",
        "It does not allow the government to {power}.",
    ),
    "mixed": (
        "It lets the government {power} only in narrow cases.",
        "Only in exceptional cases may the government {power} under it.",
    ),
}
QUOTE_LINES = {
    "supports": "We have waited long enough for {subject}.",
    "opposes": "We cannot accept {subject} in its present form.",
    "mixed": "There is much to like in {subject}, and much to fix.",
    "neutral": "It is too early to take a position on {subject}.",
    "unclear": "We are studying {subject} carefully.",
}
CONDITIONS = (
    "only if each country sets its own target",
    "provided that small firms are exempt",
    "as long as the costs are shared fairly",
    "only after an independent review",
)
PAPERS = ("Herald", "Gazette", "Courier", "Tribune", "Observer", "Post", "Chronicle", "Ledger")
PARTIES = (
    "Social Democratic",
    "Liberal",
    "Green",
    "Conservative",
    "Farmers'",
    "Christian Democratic",
    "Progressive",
    "Centre",
    "Workers'",
    "Pirate",
)
RELATION_TYPES = (
    "urges",
    "pressures",
    "meets-with",
    "opposes",
    "supports",
    "criticises",
    "warns",
    "allied-with",
    "commissions",
)
SHAPES = ("legislation", "court", "negotiation", "dispute")
ANONYMOUS_REASONS = (
    "not authorised to speak publicly",
    "the talks are confidential",
    "fear of reprisals from their employer",
)
OUTCOMES = (
    "upheld the decision",
    "annulled the decision",
    "referred the case back to the ministry",
    "struck down the provision in part",
)


@dataclass(frozen=True)
class CorpusSummary:
    briefs: int
    threads: int
    actors: int
    instruments: int
    schema: int


def write_story_corpus(
    folder: Path,
    briefs: int,
    seed: int = 0,
    *,
    build_date: str = DEFAULT_BUILD_DATE,
    schema: int = DEFAULT_SCHEMA,
) -> CorpusSummary:
    """Write a story corpus of ``briefs`` briefs under ``folder`` (which must not hold content yet)."""
    if schema not in (1, 2):
        raise ValueError(f"schema {schema}: write 1 (today's models) or 2 (issue #19)")
    world = _World(
        random.Random(seed), seed, briefs, datetime.date.fromisoformat(build_date), schema
    )
    written_briefs = world.stories()
    records = {
        "actors": world.actor_records(),
        "legal": world.instrument_records(),
        "briefs": written_briefs,
    }
    folder = Path(folder)
    for sub, items in records.items():
        (folder / sub).mkdir(parents=True, exist_ok=False)
        for record in items:
            (folder / sub / f"{record['id']}.yaml").write_text(to_yaml(record), encoding="utf-8")
    return CorpusSummary(
        len(written_briefs), world.threads, len(records["actors"]), len(records["legal"]), schema
    )


# --- YAML out -----------------------------------------------------------------------------------
# PyYAML's representer (Python even with the C emitter) took 4/5 of the time at 10,000 briefs; the
# records hold only dicts, lists, strings, ints and booleans, which this writes directly.

_PLAIN = re.compile(
    r"[A-Za-z][A-Za-z0-9 ,.'()/&-]*[A-Za-z0-9.)?]|[A-Za-z]"
)  # safe unquoted: no ': ', ' #'
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def to_yaml(record: dict) -> str:
    """The record as block-style YAML, keys in their order; strings quoted only where needed."""
    lines: list[str] = []
    _mapping(record, "", lines)
    return "\n".join(lines) + "\n"


def _scalar(value) -> str:
    if value == {}:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    if value.isprintable():
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return '"' + "".join(map(_escaped, value)) + '"'


def _escaped(char: str) -> str:
    """One character inside a double-quoted scalar: YAML's own escapes for what it cannot hold raw
    (controls, line and paragraph separators, U+FFFE…), which JSON would write as surrogate pairs."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def _literal(value: str) -> bool:
    """Whether a string goes out as a ``|`` block: lines of printable text, none with spaces at an
    end, and exactly one line break at the end (what ``|`` gives back)."""
    lines = value.split("\n")
    return (
        len(lines) > 2
        and lines[-1] == ""
        and lines[-2] != ""
        and all(line == line.strip() and line.isprintable() for line in lines)
    )


def _mapping(record: dict, pad: str, lines: list[str]) -> None:
    for key, value in record.items():
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{_scalar(key)}:")
            _mapping(value, pad + "  ", lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{_scalar(key)}:" if value else f"{pad}{_scalar(key)}: []")
            _sequence(value, pad, lines)
        elif isinstance(value, str) and _literal(value):
            lines.append(f"{pad}{_scalar(key)}: |")
            lines.extend(f"{pad}  {line}" if line else "" for line in value[:-1].split("\n"))
        else:
            lines.append(f"{pad}{_scalar(key)}: {_scalar(value)}")


def _sequence(items: list, pad: str, lines: list[str]) -> None:
    for item in items:
        if isinstance(item, dict) and item:
            start = len(lines)
            _mapping(item, pad + "  ", lines)
            lines[start] = f"{pad}- {lines[start][len(pad) + 2 :]}"
        else:
            lines.append(f"{pad}- {_scalar(item)}")


# --- the world: countries, actors, topics --------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


@dataclass
class _Country:
    name: str
    slug: str
    label_style: str  # how its laws number provisions: "Article", "Section" or "Paragraph"
    cities: list[str]


@dataclass
class _Topic:
    country: _Country
    domain: Domain
    label: str
    questions: list[dict]  # id, text, and the subject a statement names
    law: str  # instrument id
    pending: list[dict] = field(default_factory=list)  # scheduled events no brief has recorded yet


@dataclass
class _Instrument:
    record: dict
    provisions: list[str]
    amendments: list[dict] = field(default_factory=list)


class _World:
    """Draws the corpus; every choice goes through ``self.rng`` (or the seeded Faker pools)."""

    def __init__(
        self, rng: random.Random, seed: int, briefs: int, build_date: datetime.date, schema: int
    ):
        self.rng, self.briefs_wanted, self.build_date, self.schema = rng, briefs, build_date, schema
        self.faker = Faker("en_US")
        self.faker.seed_instance(seed)
        self.actors: dict[str, dict] = {}
        self.used: dict[str, None] = {}  # actors a brief names (the registry keeps only those)
        self.actor_by_key: dict[tuple, str] = {}
        self.instruments: dict[str, _Instrument] = {}
        self.stances: dict[
            tuple[str, str], tuple[str, str]
        ] = {}  # (actor, question) → (stance, date)
        self.threads = 0
        countries = max(4, min(60, briefs // 60))
        self.countries = self._countries(countries)
        self.names = self._pool(self.faker.name, 60 + briefs // 6)
        self.drawn: dict[int, int] = {}
        self.companies = self._pool(self.faker.company, 20 + briefs // 10)
        self.papers = [
            f"The {city} {self.rng.choice(PAPERS)}" for city in self._pool(self.faker.city, 12)
        ]
        self.papers += [f"{name} News Agency" for name in self._pool(self.faker.last_name, 4)]
        self.topics = self._topics(max(4, min(len(self.countries) * len(DOMAINS), briefs // 25)))

    def fresh(self, pool: list[str]) -> str:
        """The pool's next name: no two actors share one until the pool runs out."""
        drawn = self.drawn.get(id(pool), 0)
        self.drawn[id(pool)] = drawn + 1
        return pool[drawn % len(pool)]

    def _pool(self, make, count: int) -> list[str]:
        values: dict[str, None] = {}
        for _ in range(count * 3):
            values[make()] = None
            if len(values) == count:
                break
        return list(values)

    def _countries(self, count: int) -> list[_Country]:
        names = [
            n
            for n in self._pool(self.faker.country, count * 2)
            if re.fullmatch(r"[A-Za-z ]{3,24}", n)
        ]
        names = names[:count]
        return [
            _Country(
                name,
                slug(name),
                self.rng.choice(("Article", "Section", "Paragraph")),
                [self.faker.city() for _ in range(3)],
            )
            for name in names
        ]

    def _topics(self, count: int) -> list[_Topic]:
        pairs = [(c, d) for d in DOMAINS for c in self.countries]
        self.rng.shuffle(pairs)
        return [self._topic(country, domain) for country, domain in pairs[:count]]

    def _topic(self, country: _Country, domain: Domain) -> _Topic:
        questions = [
            {
                "id": f"{country.slug}-{key}",
                "text": f"Should {country.name} adopt {phrase}?",
                "subject": phrase,
            }
            for key, phrase in domain.measures
        ]
        law = self._law(country, domain)
        law_title = self.instruments[law].record["title"]
        questions.append(
            {
                "id": f"{law}-powers",
                "text": f"Does the {law_title} allow the government to {domain.power}?",
                "subject": f"the government's power to {domain.power}",
                "law": domain.law,
            }
        )
        return _Topic(country, domain, f"{domain.label} in {country.name}", questions, law)

    # --- actors ---

    def actor(self, key: tuple, name: str, kind: str, **fields) -> str:
        """The registry id of the actor known by ``key``, made on first use."""
        if key in self.actor_by_key:
            return self.actor_by_key[key]
        base = slug(name)[:70].strip("-") or "actor"
        actor_id, n = base, 2
        while actor_id in self.actors:
            actor_id, n = f"{base}-{n}", n + 1
        if self.schema == 1:
            kind = NEW_KINDS.get(kind, kind)
        record = {"id": actor_id, "name": name, "kind": kind, **fields}
        self.actors[actor_id] = record
        self.actor_by_key[key] = actor_id
        return actor_id

    def use(self, *actor_ids: str) -> None:
        for actor_id in actor_ids:
            self.used[actor_id] = None

    def state(self, c: _Country) -> str:
        return self.actor(("state", c.slug), c.name, "state", jurisdiction=c.name)

    def ministry(self, c: _Country, area: str) -> str:
        return self.actor(
            ("ministry", c.slug, area),
            f"{c.name} Ministry of {area}",
            "government-body",
            jurisdiction=c.name,
            part_of=self.state(c),
        )

    def minister(self, c: _Country, area: str) -> str:
        if ("minister", c.slug, area) in self.actor_by_key:
            return self.actor_by_key[("minister", c.slug, area)]
        name = self.fresh(self.names)
        return self.actor(
            ("minister", c.slug, area),
            name,
            "person",
            jurisdiction=c.name,
            part_of=self.ministry(c, area),
            description=f"{c.name}'s minister of {area.lower()}.",
        )

    def legislature(self, c: _Country) -> str:
        return self.actor(
            ("legislature", c.slug),
            f"Parliament of {c.name}",
            "legislature",
            jurisdiction=c.name,
            part_of=self.state(c),
        )

    def court(self, c: _Country) -> str:
        return self.actor(
            ("court", c.slug), f"Supreme Court of {c.name}", "court", jurisdiction=c.name
        )

    def party(self, c: _Country, n: int) -> str:
        family = PARTIES[(len(c.slug) + n * 3) % len(PARTIES)]
        return self.actor(
            ("party", c.slug, n),
            f"{family} Party of {c.name}",
            "political-party",
            jurisdiction=c.name,
        )

    def company(self, c: _Country, d: Domain, n: int) -> str:
        if ("company", c.slug, d.label, n) in self.actor_by_key:
            return self.actor_by_key[("company", c.slug, d.label, n)]
        name = self.fresh(self.companies)
        return self.actor(
            ("company", c.slug, d.label, n),
            name,
            "company",
            jurisdiction=c.name,
            description=f"A {d.industry} company based in {c.name}.",
        )

    def association(self, c: _Country, d: Domain) -> str:
        return self.actor(
            ("association", c.slug, d.label),
            f"{c.name} {d.industry.capitalize()} Association",
            "trade-association",
            jurisdiction=c.name,
        )

    def ngo(self, c: _Country, d: Domain) -> str:
        if ("ngo", c.slug, d.label) in self.actor_by_key:
            return self.actor_by_key[("ngo", c.slug, d.label)]
        name = f"{self.fresh(self.names).split()[-1]} Institute for {d.label.title()}"
        return self.actor(("ngo", c.slug, d.label), name, "ngo", jurisdiction=c.name)

    def coalition(self, d: Domain, n: int) -> str:
        name = ("High Ambition Coalition on {}", "Friends of {}", "Like-Minded Group on {}")[n % 3]
        return self.actor(
            ("coalition", d.label, n),
            name.format(d.label),
            "coalition",
            description=f"A coalition of states in the negotiations on {d.label.lower()}.",
        )

    def join(
        self,
        member: str,
        coalition: str,
        since: str,
        role: str = "member",
        until: str | None = None,
    ):
        """A membership: ``member_of`` under schema 2 (cycle-free: only states join coalitions)."""
        memberships = self.actors[member].setdefault("_member_of", {})
        if coalition not in memberships:
            entry = {"actor": coalition, "role": role, "since": since}
            if until:
                entry["until"] = until
            memberships[coalition] = entry

    def actor_records(self) -> list[dict]:
        keep = dict(self.used)
        for actor_id in list(keep):  # the chain of part_of, which the registry must hold
            parent = self.actors[actor_id].get("part_of")
            while parent and parent not in keep:
                keep[parent] = None
                parent = self.actors[parent].get("part_of")
        records = []
        for actor_id in sorted(keep):
            record = {k: v for k, v in self.actors[actor_id].items() if not k.startswith("_")}
            memberships = [
                m for c, m in self.actors[actor_id].get("_member_of", {}).items() if c in keep
            ]
            if memberships and self.schema == 2:
                record["member_of"] = memberships
            records.append(record)
        return records

    # --- legal instruments ---

    def _law(self, c: _Country, d: Domain) -> str:
        law_id = slug(f"{c.name} {d.law}")
        year = self.rng.randint(1995, 2015)
        numbers = sorted(self.rng.sample(range(2, 140), 3))
        provisions, ids = [], []
        for n, number in enumerate(numbers):
            written = (
                f"{number}({self.rng.randint(1, 4)})"
                if c.label_style == "Section" and n
                else str(number)
            )
            pid = slug(f"{c.label_style[:3]} {written}")
            what = (
                f"Lets the government {d.power}."
                if n == 0
                else f"Sets out how the {d.area.lower()} ministry consults the {d.industry} industry."
                if n == 1
                else "Gives those affected a right of appeal to the courts."
            )
            provision = {
                "id": pid,
                "title": ("Powers of the government", "Consultation", "Appeals")[n],
                "summary": what,
            }
            if self.schema == 2:
                provision["label"] = f"{c.label_style} {written}"
            else:
                provision["article"] = written
            provisions.append(provision)
            ids.append(pid)
        record = {
            "id": law_id,
            "title": f"{d.law} {year}",
            "short_title": d.law,
            "jurisdiction": c.name,
            "year": year,
            "issuing_body": f"Parliament of {c.name}",
            "summary": f"{c.name}'s law on {d.label.lower()}, passed in {year}.",
            "provisions": provisions,
            "url": f"https://laws.example.org/{c.slug}/{slug(d.law)}",
        }
        if self.schema == 2:
            record |= {"kind": "statute", "status": "in-force", "status_date": str(year)}
        self.instruments[law_id] = _Instrument(record, ids)
        return law_id

    def ruling(self, c: _Country, claimant: str, respondent: str, decided: str, law: str) -> str:
        court = self.court(c)
        number = f"{self.rng.randint(1, 999)}/{decided[2:4]}"
        ruling_id = slug(
            f"{self.actors[claimant]['name'][:30]} v {self.actors[respondent]['name'][:30]} {decided[:4]}"
        )
        while ruling_id in self.instruments:
            ruling_id += "-b"
        outcome = self.rng.choice(OUTCOMES)
        record = {
            "id": ruling_id,
            "title": f"{self.actors[claimant]['name']} v. {self.actors[respondent]['name']}",
            "jurisdiction": c.name,
            "year": int(decided[:4]),
            "issuing_body": self.actors[court]["name"],
            "summary": f"The court {outcome}, reading the [{self.instruments[law].record['short_title']}]"
            f"(legal:{law}) narrowly."
            if self.schema == 2
            else f"The court {outcome}.",
            "provisions": [{"id": "para-4", "title": "Holding", "summary": "The court's holding."}],
        }
        if self.schema == 2:
            record["provisions"][0]["label"] = "Paragraph 4"
            record |= {
                "kind": "court-ruling",
                "status": "in-force",
                "status_date": decided,
                "court": court,
                "case_number": number,
                "decided": decided,
                "outcome": outcome,
            }
        self.instruments[ruling_id] = _Instrument(record, ["para-4"])
        return ruling_id

    def treaty(self, d: Domain, opened: str) -> str:
        treaty_id = slug(f"{d.label} framework convention draft")
        if treaty_id not in self.instruments:
            record = {
                "id": treaty_id,
                "title": f"Draft Framework Convention on {d.label}",
                "short_title": f"{d.label} convention (draft)",
                "jurisdiction": "International",
                "year": int(opened[:4]),
                "provisions": [
                    {"id": "art-3", "title": "Targets", "summary": "Sets each party's targets."},
                    {"id": "art-9", "title": "Finance", "summary": "Who pays for the transition."},
                ],
            }
            if self.schema == 2:
                record["provisions"][0]["label"] = "Article 3"
                record["provisions"][1]["label"] = "Article 9"
                record |= {"kind": "draft-text", "status": "draft", "status_date": opened}
            self.instruments[treaty_id] = _Instrument(record, ["art-3", "art-9"])
        return treaty_id

    def instrument_records(self) -> list[dict]:
        records = []
        for instrument_id in sorted(self.instruments):
            instrument = self.instruments[instrument_id]
            record = dict(instrument.record)
            if instrument.amendments and self.schema == 2:
                record["status"], record["status_date"] = (
                    "amended",
                    instrument.amendments[-1]["date"],
                )
                record["amendments"] = instrument.amendments
            records.append(record)
        return records

    # --- stories ---

    def stories(self) -> list[dict]:
        briefs: list[dict] = []
        thread_sizes = self._thread_sizes()
        span = (self.build_date - FIRST_STORY).days
        for n, size in enumerate(thread_sizes):
            ongoing = (
                n % round(1 / ONGOING_SHARE) == 0
            )  # spread over the corpus, first one included
            gaps = [self.rng.randint(12, 75) for _ in range(size - 1)]
            length = sum(gaps)
            if ongoing:
                start = self.build_date - datetime.timedelta(days=length + self.rng.randint(3, 40))
            else:
                start = FIRST_STORY + datetime.timedelta(
                    days=self.rng.randint(0, max(1, span - length - 60))
                )
            dates = [start]
            for gap in gaps:
                dates.append(dates[-1] + datetime.timedelta(days=gap))
            topic = (
                self.topics[self.rng.randrange(len(self.topics))]
                if n >= len(self.topics)
                else self.topics[n]
            )
            story = _Story(self, n, SHAPES[n % len(SHAPES)], topic, dates)
            briefs.extend(story.briefs())
        self.threads = len(thread_sizes)
        return briefs

    def _thread_sizes(self) -> list[int]:
        sizes, total = [], 0
        while total < self.briefs_wanted:
            size = min(self.rng.randint(*THREAD_LENGTH), self.briefs_wanted - total)
            sizes.append(size)
            total += size
        return sizes


# --- one story: a thread of briefs ---------------------------------------------------------------


def _iso(day: datetime.date) -> str:
    return day.isoformat()


class _Story:
    def __init__(
        self, world: _World, number: int, shape: str, topic: _Topic, dates: list[datetime.date]
    ):
        self.w, self.rng, self.number, self.shape, self.topic, self.dates = (
            world,
            world.rng,
            number,
            shape,
            topic,
            dates,
        )
        self.v2 = world.schema == 2
        c, d = topic.country, topic.domain
        self.ministry = world.ministry(c, d.area)
        self.minister = world.minister(c, d.area)
        self.cast = [
            world.state(c),
            self.ministry,
            world.company(c, d, 0),
            world.association(c, d),
            world.ngo(c, d),
        ]
        others = [country for country in world.countries if country is not c]
        self.rival = others[number % len(others)]
        if shape == "legislation":
            self.cast += [world.legislature(c), world.party(c, 0), world.party(c, 1)]
        elif shape == "court":
            self.cast += [world.court(c), world.company(c, d, 1)]
        elif shape == "negotiation":
            self.coalitions = [world.coalition(d, 0), world.coalition(d, 1)]
            self.cast += [*self.coalitions, world.state(self.rival)]
        else:
            self.cast += [world.state(self.rival), world.ministry(self.rival, "Foreign Affairs")]
        self.cast = list(dict.fromkeys(self.cast))
        self.questions = self.rng.sample(topic.questions[:3], k=2) + [topic.questions[3]]
        self.slug = f"{slug(d.label)}-{c.slug}"[:60].strip("-") + f"-{number:05d}"
        self.previous: str | None = None

    def briefs(self) -> list[dict]:
        return [self.brief(k, day) for k, day in enumerate(self.dates)]

    def name(self, actor_id: str) -> str:
        return self.w.actors[actor_id]["name"]

    def link(self, actor_id: str) -> str:
        return f"[{self.name(actor_id)}](actor:{actor_id})" if self.v2 else self.name(actor_id)

    def brief(self, k: int, day: datetime.date) -> dict:
        rng, c, d = self.rng, self.topic.country, self.topic.domain
        brief_id = f"{self.slug}-{k + 1}"
        date = _iso(day)
        sources = self.sources(brief_id, date)
        self.source_ids = [s["id"] for s in sources]
        speakers = rng.sample(self.cast, k=min(len(self.cast), rng.randint(4, 6)))
        if self.shape == "court" and k == len(self.dates) - 1:
            speakers = [a for a in speakers if a != self.w.court(c)]
        positions = [p for actor in speakers for p in self.positions(actor, day)]
        legal = self.legal_references(k, day, speakers)
        events = self.events(k, day)
        relations = self.relations(day)
        brief = {
            "id": brief_id,
            "title": self.title(k),
            "date": date,
            "summary": self.summary(k, brief_id),
        }
        if self.v2 and self.previous:
            brief["follows"] = [self.previous]
        brief |= {
            "topics": [self.topic.label, d.label],
            "questions": [{"id": q["id"], "text": q["text"]} for q in self.questions],
            "sources": sources,
            "positions": positions,
            "legal_references": legal,
            "events": events,
            "relations": relations,
            "watch_next": self.next_steps
            or [f"What {self.name(self.ministry)} proposes next on {d.label.lower()}."],
        }
        linked = (self.ministry, self.cast[2], self.cast[3]) if self.v2 else ()  # by the summary
        self.w.use(
            *linked,
            *(p["actor"] for p in positions),
            *(a for e in events for a in e.get("actors", [])),
            *(r[key] for r in relations for key in ("from", "to")),
            *(r["actor"] for ref in legal for r in ref["readings"]),
        )
        self.previous = brief_id
        self.cite_every_source(brief)
        return {key: value for key, value in brief.items() if value}

    def title(self, k: int) -> str:
        c, d, subject = self.topic.country, self.topic.domain, self.questions[0]["subject"]
        last = k == len(self.dates) - 1
        options = {
            "legislation": (
                f"{c.name}'s parliament takes up {subject}",
                f"Parties split over {subject}",
                f"{c.name} amends its {d.law}",
            ),
            "court": (
                f"{self.name(self.cast[2])} challenges {c.name}'s {d.law} in court",
                f"Hearing on {subject} opens",
                f"Supreme Court of {c.name} rules on the {d.law}",
            ),
            "negotiation": (
                f"Talks on {d.label.lower()} open with a deadline ahead",
                f"Coalitions harden positions on {subject}",
                f"Negotiators race a deadline on {subject}",
            ),
            "dispute": (
                f"{c.name} and {self.rival.name} trade accusations over {subject}",
                f"A call between {c.name} and {self.rival.name}, told two ways",
                f"{c.name} and {self.rival.name} look for a way out on {d.label.lower()}",
            ),
        }[self.shape]
        return (
            options[2] if last and k else options[min(k, 1)] + ("" if k < 2 else f" (part {k + 1})")
        )

    def summary(self, k: int, brief_id: str) -> str:
        c, d = self.topic.country, self.topic.domain
        law = self.topic.law
        law_name = self.w.instruments[law].record["short_title"]
        law_text = f"[the {law_name}](legal:{law})" if self.v2 else f"the {law_name}"
        first = (
            f"{self.link(self.ministry)} is pressing ahead with {self.questions[0]['subject']}, "
            f"while {self.link(self.cast[2])} and {self.link(self.cast[3])} push back. "
            f"At stake is how far {law_text} lets the government {d.power}."
        )
        later = (
            f"This brief continues [the previous one](brief:{self.previous})."
            if self.v2 and self.previous
            else "The story has been followed since its first brief."
            if self.previous
            else "This is the first brief of the story."
        )
        return f"{first}\n\n**{c.name}**, {d.label.lower()}: {later}\n"

    def sources(self, brief_id: str, date: str) -> list[dict]:
        count = self.rng.randint(1, 3)
        publishers = self.rng.sample(self.w.papers, k=count)
        return [
            {
                "id": f"src-{i + 1}",
                "publisher": publisher,
                "title": f"{self.topic.domain.label}: report {i + 1} on {self.topic.country.name}",
                "date": date,
                "url": f"https://news.example.com/{brief_id}/{i + 1}",
            }
            for i, publisher in enumerate(publishers)
        ]

    def source(self) -> str:
        return self.rng.choice(self.source_ids)

    def cite_every_source(self, brief: dict) -> None:
        """``check --strict`` warns about a source nobody cites: give each unused one an event."""
        cited = {s["source"] for p in brief["positions"] for s in p["statements"]}
        cited |= {e["source"] for e in brief["events"]} | {r["source"] for r in brief["relations"]}
        cited |= {r["source"] for ref in brief["legal_references"] for r in ref["readings"]}
        for source in brief["sources"]:
            if source["id"] not in cited:
                brief["events"].append(
                    {
                        "date": brief["date"],
                        "text": f"{source['publisher']} reported on the story.",
                        "actors": [self.ministry],
                        "source": source["id"],
                    }
                )

    # --- positions and statements ---

    def positions(self, actor: str, day: datetime.date) -> list[dict]:
        chosen = self.rng.sample(self.questions, k=self.rng.randint(1, 2))
        return [self.position(actor, q, day) for q in chosen]

    def position(self, actor: str, question: dict, day: datetime.date) -> dict:
        key, date = (actor, question["id"]), _iso(day)
        before = self.w.stances.get(key)
        stance = before[0] if before else self.first_stance(actor)
        changed = bool(before and before[1] < date and self.rng.random() < STANCE_CHANGE)
        if changed:
            stance = self.rng.choice(
                [s for s in ("supports", "opposes", "mixed") if s != before[0]]
            )
        self.w.stances[key] = (stance, date)
        position: dict = {"actor": actor, "question": question["id"]}
        if changed and self.v2:  # the old stance, dated when it was last stated, then the new one
            position["statements"] = [
                self.statement(actor, question, before[0], before[1], own_stance=True),
                self.statement(actor, question, stance, date, own_stance=True),
            ]
            return position
        position["stance"] = stance
        statements = [
            self.statement(
                actor, question, stance, date if changed or self.rng.random() < 0.4 else None
            )
        ]
        if self.rng.random() < 0.3:
            second = self.statement(actor, question, stance, None)
            if second.get("paraphrase") != statements[0].get(
                "paraphrase"
            ):  # never the same words twice
                statements.append(second)
        position["statements"] = statements
        return position

    def first_stance(self, actor: str) -> str:
        kind = self.w.actors[actor]["kind"]
        lean = 0.7 if kind in ("government-body", "person", "legislature", "state") else 0.3
        draw = self.rng.random()
        if draw < 0.8:
            return "supports" if self.rng.random() < lean else "opposes"
        return self.rng.choice(("mixed", "neutral", "unclear"))

    def statement(
        self, actor: str, question: dict, stance: str, date: str | None, *, own_stance=False
    ) -> dict:
        words = {
            "subject": question["subject"],
            "industry": self.topic.domain.industry,
            "law": question.get("law"),
            "power": self.topic.domain.power,
        }
        quotes, lines = (
            (LAW_QUOTES, LAW_LINES) if "law" in question else (QUOTE_LINES, STANCE_LINES)
        )
        if self.rng.random() < 0.25:
            statement: dict = {"quote": quotes[stance].format(**words)}
        else:
            statement = {"paraphrase": self.rng.choice(lines[stance]).format(**words)}
        statement["attribution"] = self.attribution(actor)
        if date:
            statement["date"] = date
        statement["source"] = self.source()
        if self.v2:
            if own_stance:
                statement["stance"] = stance
            if stance in ("mixed", "supports") and self.rng.random() < 0.2:
                statement["condition"] = self.rng.choice(CONDITIONS)
        return statement

    def attribution(self, actor: str) -> dict:
        kind = self.w.actors[actor]["kind"]
        draw = self.rng.random()
        if actor == self.ministry and draw < 0.4:
            attribution = {
                "kind": "named",
                "name": self.name(self.minister),
                "role": f"Minister of {self.topic.domain.area}",
            }
            if self.v2:
                attribution["actor"] = self.minister
                self.w.use(self.minister)
            return attribution
        if draw < 0.55 and kind != "person":
            attribution = {"kind": "spokesperson", "role": f"a spokeswoman for {self.name(actor)}"}
            if self.v2 and actor == self.ministry:
                attribution["role"] = "a spokeswoman"
                attribution["via"] = f"the office of {self.name(self.minister)}"
            return attribution
        if draw < 0.85:
            return {"kind": "institutional"}
        attribution = {
            "kind": "anonymous",
            "role": f"an official familiar with {self.name(actor)}'s thinking",
        }
        if self.v2 and self.rng.random() < 0.3:
            attribution["reason_given"] = False
        else:
            attribution["reason"] = self.rng.choice(ANONYMOUS_REASONS)
        return attribution

    # --- law ---

    def legal_references(self, k: int, day: datetime.date, speakers: list[str]) -> list[dict]:
        c, law = self.topic.country, self.topic.law
        instrument = self.w.instruments[law]
        readers = speakers[: self.rng.randint(1, 3)]
        reference = {
            "instrument": law,
            "provisions": instrument.provisions[: 1 + (k % 2)],
            "readings": [self.reading(actor, law, day) for actor in readers],
        }
        references = [reference]
        last = k == len(self.dates) - 1
        if self.shape == "court" and last and k:
            court = self.w.court(c)
            ruling = self.w.ruling(c, self.cast[2], self.ministry, _iso(day), law)
            holding = {
                "actor": court,
                "reading": f"The {instrument.record['short_title']} does not let the "
                f"government {self.topic.domain.power} without a hearing.",
                "date": _iso(day),
                "source": self.source(),
            }
            if self.v2:
                holding["holding"] = True
            reference["readings"].insert(0, holding)
            references.append(
                {
                    "instrument": ruling,
                    "provisions": ["para-4"],
                    "readings": [
                        self.reading(self.cast[2], ruling, day),
                        self.reading(self.ministry, ruling, day),
                    ],
                }
            )
        if self.shape == "legislation" and last and k:
            instrument.amendments.append(
                {
                    "date": _iso(day),
                    "by": f"{self.name(self.w.legislature(c))}, amending act of {day.year}",
                    "provisions": instrument.provisions[:1],
                    "summary": f"Narrows the government's power to {self.topic.domain.power}.",
                }
            )
        if self.shape == "negotiation":
            treaty = self.w.treaty(self.topic.domain, _iso(self.dates[0]))
            references.append(
                {
                    "instrument": treaty,
                    "provisions": ["art-3"],
                    "readings": [
                        self.reading(coalition, treaty, day) for coalition in self.coalitions
                    ],
                }
            )
        return references

    def reading(self, actor: str, instrument: str, day: datetime.date) -> dict:
        stance = self.w.stances.get((actor, self.questions[-1]["id"]), ("mixed",))[0]
        lines = READING_LINES.get(stance, READING_LINES["mixed"])
        # Its own generator, so that the corpus drawn from self.rng stays as it was.
        line = random.Random(f"{actor} {instrument} {day}").choice(lines)
        text = line.format(power=self.topic.domain.power)
        reading = {"actor": actor, "reading": text, "date": _iso(day), "source": self.source()}
        if self.rng.random() < 0.3:
            reading["attribution"] = self.attribution(actor)
        return reading

    # --- events ---

    def events(self, k: int, day: datetime.date) -> list[dict]:
        date = _iso(day)
        subject = self.questions[0]["subject"]
        events = []
        for pending in [
            p for p in self.topic.pending if p["date"] <= date
        ]:  # a later brief records it
            self.topic.pending.remove(pending)
            events.append(
                {
                    "date": pending["date"],
                    "text": f"{pending['what']} took place as planned.",
                    "actors": list(pending["actors"]),
                    "source": self.source(),
                }
            )
        earlier = day - datetime.timedelta(days=self.rng.randint(2, 10))
        happened = {
            "date": _iso(earlier) if self.rng.random() < 0.8 else _iso(earlier)[:7],
            "text": f"{self.name(self.ministry)} published its plans for {subject}.",
            "actors": [self.ministry, self.minister],
            "source": self.source(),
        }
        if len(happened["date"]) == 7:
            happened["date_note"] = "The source gives only the month."
        events.append(happened)
        if self.v2 and self.rng.random() < 0.25:
            events[-1]["according_to"] = {
                "kind": "anonymous",
                "role": "people briefed on the plans",
                "reason": "the plans are not yet public",
            }
        if self.shape == "dispute" and k % 2 == 1 or self.shape == "negotiation" and k == 1:
            events.append(self.disputed_event(day))
        events.extend(self.upcoming(k, day))
        if self.v2 and k == 1:
            status = "postponed" if self.number % 2 else "cancelled"
            events.append(
                {
                    "date": _iso(day - datetime.timedelta(days=1)),
                    "text": f"A hearing on {subject} was {status}.",
                    "status": status,
                    "actors": [self.cast[0]],
                    "source": self.source(),
                }
            )
        return events

    def disputed_event(self, day: datetime.date) -> dict:
        a, b = self.cast[0], self.cast[-2] if self.shape == "dispute" else self.coalitions[0]
        event = {
            "date": _iso(day - datetime.timedelta(days=1)),
            "text": f"{self.name(a)} and {self.name(b)} spoke by telephone.",
            "actors": [a, b],
            "source": self.source(),
        }
        if not self.v2:
            event["text"] += " The two sides describe the call differently."
            return event
        event["accounts"] = [
            {
                "text": f"{self.name(a)} says both sides agreed to settle {self.questions[0]['subject']} by the "
                "end of the year.",
                "attribution": {"kind": "institutional"},
                "source": self.source(),
            },
            {
                "text": f"{self.name(b)} says no agreement was reached and that the call was cut short.",
                "attribution": {"kind": "spokesperson", "role": f"a spokesman for {self.name(b)}"},
                "source": self.source(),
            },
        ]
        return event

    def upcoming(self, k: int, day: datetime.date) -> list[dict]:
        """A vote or meeting ahead and a deadline; a later brief records what took place."""
        c = self.topic.country
        ahead = day + datetime.timedelta(days=self.rng.randint(10, 90))
        who = {"legislation": self.w.legislature, "court": self.w.court}.get(
            self.shape, self.w.state
        )(c)
        what = {
            "legislation": f"The vote in the {self.name(who)} on {self.questions[0]['subject']}",
            "court": f"The hearing before the {self.name(who)}",
            "negotiation": f"The next round of talks on {self.topic.domain.label.lower()}",
            "dispute": f"The meeting of {c.name}'s and {self.rival.name}'s foreign ministers",
        }[self.shape]
        events, self.next_steps = [], []
        if k % 2 == 0 or k == len(self.dates) - 1:
            self.topic.pending.append({"date": _iso(ahead), "what": what, "actors": [who]})
            self.next_steps.append(f"{what} ({_iso(ahead)}).")
            event = {
                "date": _iso(ahead),
                "text": f"{what} is scheduled.",
                "actors": [who],
                "source": self.source(),
            }
            if self.v2:
                event["status"] = "scheduled"
            events.append(event)
        if k == len(self.dates) - 1 or self.shape == "negotiation":
            deadline = day + datetime.timedelta(days=self.rng.randint(30, 200))
            event = {
                "date": _iso(deadline) if self.rng.random() < 0.7 else _iso(deadline)[:7],
                "text": f"Deadline for {self.name(self.ministry)} to report on {self.questions[0]['subject']}.",
                "actors": [self.ministry],
                "source": self.source(),
            }
            if self.v2:
                event["status"] = "deadline"
            events.append(event)
        return events

    # --- relations ---

    def relations(self, day: datetime.date) -> list[dict]:
        relations = []
        for _ in range(self.rng.randint(1, 3)):
            a, b = self.rng.sample(self.cast, k=2)
            kind = self.rng.choice(RELATION_TYPES)
            relation = {
                "from": a,
                "type": kind,
                "to": b,
                "description": f"{self.name(a)} {kind.replace('-', ' ')} {self.name(b)} over "
                f"{self.questions[0]['subject']}.",
                "date": _iso(day),
                "source": self.source(),
            }
            if self.v2 and self.rng.random() < 0.15:
                relation["according_to"] = {
                    "kind": "anonymous",
                    "role": "diplomats",
                    "reason": self.rng.choice(ANONYMOUS_REASONS),
                }
                relation["disputed"] = True
            relations.append(relation)
        if self.shape == "negotiation":
            member, coalition = self.cast[0], self.coalitions[0]
            since = _iso(self.dates[0] - datetime.timedelta(days=400))
            self.w.join(member, coalition, since, role="co-chair")
            rival = self.w.state(self.rival)
            self.w.join(rival, self.coalitions[1], since)
            self.w.join(
                rival,
                coalition,
                _iso(self.dates[0] - datetime.timedelta(days=800)),
                until=_iso(self.dates[0] - datetime.timedelta(days=30)),
            )
            if not self.v2:
                relations.append(
                    {
                        "from": member,
                        "type": "part-of",
                        "to": coalition,
                        "description": "Co-chairs the coalition.",
                        "source": self.source(),
                    }
                )
        return relations


# --- what a corpus holds -------------------------------------------------------------------------

SCHEMA_2_CONSTRUCTS = frozenset(
    {
        "follows",
        "statement stance",
        "position without stance",
        "stance change in a position",
        "condition",
        "attribution via",
        "attribution actor",
        "anonymous without reason",
        "event scheduled",
        "event deadline",
        "event postponed",
        "event cancelled",
        "upcoming after build date",
        "passed before build date",
        "event accounts",
        "event according_to",
        "relation according_to",
        "relation disputed",
        "member_of",
        "member_of role",
        "member_of until",
        "kind court",
        "kind legislature",
        "kind coalition",
        "kind political-party",
        "kind trade-association",
        "instrument kind",
        "instrument status",
        "provision label",
        "amendments",
        "court-ruling",
        "holding",
        "link brief",
        "link actor",
        "link legal",
        "recurring question",
    }
)


def constructs_in(folder: Path, build_date: str = DEFAULT_BUILD_DATE) -> set[str]:
    """The issue #19 constructs a corpus folder holds, read back from its YAML files."""
    found: set[str] = set()
    for path in sorted((Path(folder) / "actors").glob("*.yaml")):
        actor = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        found.add(f"kind {actor['kind']}")
        for membership in actor.get("member_of", []):
            found |= {"member_of"} | {
                f"member_of {k}" for k in ("role", "until") if k in membership
            }
    for path in sorted((Path(folder) / "legal").glob("*.yaml")):
        instrument = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        found |= {f"instrument {k}" for k in ("kind", "status") if k in instrument}
        found |= {"amendments"} if instrument.get("amendments") else set()
        found |= (
            {"court-ruling"}
            if instrument.get("kind") == "court-ruling" and "court" in instrument
            else set()
        )
        found |= (
            {"provision label"}
            if any("label" in p for p in instrument.get("provisions", []))
            else set()
        )
    wording: dict[str, set[str]] = {}
    uses: dict[str, int] = {}
    for path in sorted((Path(folder) / "briefs").glob("*.yaml")):
        found |= _brief_constructs(
            yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader), build_date, wording, uses
        )
    if any(uses[q] > 1 and len(wording[q]) == 1 for q in uses):
        found.add("recurring question")
    return found & SCHEMA_2_CONSTRUCTS


def _brief_constructs(brief: dict, build_date: str, wording: dict, uses: dict) -> set[str]:
    found = {"follows"} if brief.get("follows") else set()
    for kind in ("brief", "actor", "legal"):
        if f"]({kind}:" in brief["summary"]:
            found.add(f"link {kind}")
    for question in brief.get("questions", []):
        wording.setdefault(question["id"], set()).add(question["text"])
        uses[question["id"]] = uses.get(question["id"], 0) + 1
    for position in brief.get("positions", []):
        statements = position.get("statements", [])
        if "stance" not in position:
            found.add("position without stance")
        if any("stance" in s for s in statements):
            found.add("statement stance")
        if len({s.get("stance", position.get("stance")) for s in statements}) > 1:
            found.add("stance change in a position")
        for s in statements:
            found |= {name for key, name in (("condition", "condition"),) if key in s}
            found |= {f"attribution {k}" for k in ("via", "actor") if k in s["attribution"]}
            if s["attribution"]["kind"] == "anonymous" and "reason" not in s["attribution"]:
                found.add("anonymous without reason")
    for ref in brief.get("legal_references", []):
        if any(r.get("holding") for r in ref.get("readings", [])):
            found.add("holding")
    for event in brief.get("events", []):
        status = event.get("status", "happened")
        found.add(f"event {status}")
        if status in ("scheduled", "deadline"):
            found.add(
                "upcoming after build date"
                if str(event["date"]) > build_date
                else "passed before build date"
            )
        found |= {f"event {k}" for k in ("accounts", "according_to") if k in event}
    for relation in brief.get("relations", []):
        found |= {f"relation {k}" for k in ("according_to", "disputed") if k in relation}
    return found


# --- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.stories", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "out", type=Path, help="folder to write briefs/, actors/ and legal/ into (new or empty)"
    )
    parser.add_argument("--briefs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--build-date",
        default=DEFAULT_BUILD_DATE,
        help="scheduled events and deadlines after it are upcoming (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--schema",
        type=int,
        choices=(1, 2),
        default=DEFAULT_SCHEMA,
        help="1: what today's models accept; 2: with issue #19's names",
    )
    args = parser.parse_args(argv)
    summary = write_story_corpus(
        args.out, args.briefs, args.seed, build_date=args.build_date, schema=args.schema
    )
    print(
        f"{summary.briefs} briefs in {summary.threads} stories, {summary.actors} actors, "
        f"{summary.instruments} instruments (schema {summary.schema}) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
