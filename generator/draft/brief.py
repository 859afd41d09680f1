"""``briefing draft``: a plain-text article → a draft brief for the analyst to finish.

Rule-based and offline. Everything drafted carries the sentence it came from (as
an ``# evidence:`` comment), known actors and instruments are referenced by id,
new ones are proposed, and every required field the article cannot fill is left
empty, so ``briefing check`` lists exactly what the analyst still has to write.
The YAML is laid out by ``templates/skeletons/draft.yaml.j2``.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.schema import modeline_target
from generator.authoring.skeletons import SkeletonError, check_id, write_new, yaml_environment
from generator.content.corpus import Corpus
from generator.content.safefile import UnreadableFile, read_limited
from generator.content.yamlfile import MAX_FILE_BYTES
from generator.draft.accounts import Dispute, find_disputes
from generator.draft.actors import ActorFinder, Candidate, slugify
from generator.draft.article import Article, read_article
from generator.draft.events import DatedEvent, find_events
from generator.draft.legal import LegalMention, find_legal
from generator.draft.quotes import quotations_with_speakers
from generator.draft.speakers import Speaker, SpeakerResolver
from generator.draft.stances import (
    StanceChange,
    events_by_sentence,
    find_stance_changes,
    is_after,
    said_before,
    statement_date,
)
from generator.draft.transcripts import labelled_person, transcript_answers

# The largest article drafted. Its draft must itself pass `check` (MAX_FILE_BYTES): a draft is
# about 1.5 times its article (measured with bench/draft_size: evidence, keys and comments), and
# longer drafts are cut to fit anyway (see _fitted), so 1 MiB leaves room.
ARTICLE_LIMIT = 1 << 20
ANSWER_EVIDENCE = 100  # characters of a transcript answer quoted as its evidence (it is the quote)
FOLLOWING_SENTENCES = 3  # the actor of a stance change speaks within this many sentences of it
EVIDENCE_LIMIT = (
    600  # characters of evidence quoted for one statement (a quotation may span many sentences)
)


@dataclass
class DraftStatement:
    quote: str | None  # None for a paraphrase
    evidence: str
    attribution_kind: str | None
    role: str | None = None
    name: str | None = None
    reason: str | None = None  # why the source is anonymous, in the article's words
    reason_given: bool | None = None  # False: the article gives no reason for the anonymity
    answer: bool = False  # a transcript's answer (verbatim, without quotation marks)
    date: str | None = None  # when it was said, when its sentence says ("said in November")
    stance: str | None = None  # its own stance, where the position's stance changes
    paraphrase: str | None = None  # an earlier stance the article tells without quoting it
    offset: int = 0  # where the quotation is in the article


@dataclass
class DraftPosition:
    actor_id: str | None  # a registry id; None when the analyst must create or pick the actor
    speaker: str | None  # as the article words it
    proposed_id: str | None  # for a speaker the registry does not know
    statements: list[DraftStatement] = field(default_factory=list)
    change: StanceChange | None = None  # the sentence telling that the actor's stance changed

    @property
    def own_stances(self) -> bool:
        """Every statement carries its own stance and date: the position needs none."""
        return self.change is not None and all(s.stance and s.date for s in self.statements)


@dataclass
class DraftAccount:
    """One party's version of a disputed event; its text is the analyst's to write."""

    actor_id: str  # the teller: a registry id when known, else the proposed one
    known: bool
    name: str
    attribution_kind: str  # named for a person, else institutional
    evidence: str


@dataclass
class DraftEvent:
    date: str
    phrase: str
    note: str | None
    actor_ids: list[str]
    evidence: str
    status: str = "happened"  # happened, scheduled or deadline: the Event's `status`
    accounts: list[DraftAccount] = field(default_factory=list)  # competing versions of it


@dataclass
class Draft:
    id: str
    article: Article
    source_id: str
    text_file: str | None
    candidates: list[Candidate]
    positions: list[DraftPosition]
    legal: list[LegalMention]
    events: list[DraftEvent]
    omitted: int = 0  # items left out so that the draft stays within check's file limit


def make_draft(
    article_text: str, corpus: Corpus, *, brief_id: str | None, text_file: str | None
) -> Draft:
    article = read_article(article_text)
    legal = find_legal(article, corpus.legal.values())
    finder = ActorFinder(corpus.actors.values(), article, not_actors=[m.name for m in legal])
    candidates = finder.candidates()  # first: it joins shortened names to their actors
    year = f"-{article.year}" if article.year else ""
    events = find_events(article)
    dated = events_by_sentence(events)
    positions = _positions(article, finder, candidates, dated)
    changes = _StanceChanges(positions, finder, article)
    for change in find_stance_changes(article, dated):
        changes.apply(change)
    positions = changes.finish()
    return Draft(
        id=brief_id or _default_id(article),
        article=article,
        source_id=f"{slugify(article.publisher)}{year}" if article.publisher else f"source{year}",
        text_file=text_file,
        candidates=candidates,
        positions=positions,
        legal=legal,
        events=_events(events, find_disputes(article, finder, candidates, dated), finder),
    )


def _default_id(article: Article) -> str:
    words = slugify(article.title or "draft").split("-")[:7]
    suffix = [str(article.year)] if article.year else []
    return "-".join(words + suffix)


def _positions(
    article: Article, finder: ActorFinder, candidates: list[Candidate], dated: dict
) -> list[DraftPosition]:
    """One position per speaker's actor (the body spoken for, else the person), holding its quotations."""
    positions: dict[str, DraftPosition] = {}
    resolver = SpeakerResolver(article, finder, candidates)
    quotations = quotations_with_speakers(article) + transcript_answers(article)
    for quotation in sorted(quotations, key=lambda q: q.start):
        sentences = article.sentences_between(quotation.start, quotation.end)
        evidence = _shortened(" ".join(s.one_line for s in sentences))
        if quotation.answer:  # the quote is the paragraph: its label and opening say where
            evidence = f"{quotation.speaker}: {_opening(quotation.text)}"
        speaker = resolver.resolve(quotation, quotation.speaker, sentences)
        if quotation.answer and speaker.person is None:  # "MINISTER LINDQVIST:" is Maya Lindqvist
            person = labelled_person(quotation.speaker or "", candidates)
            speaker = Speaker(quotation.speaker, person, person) if person else speaker
        actor = speaker.actor
        actor_id = actor.id if actor is not None and actor.known else None
        proposed = actor.id if actor is not None and not actor.known else None
        key = (
            actor_id
            or proposed
            or ("anonymous" if speaker.anonymous else (speaker.phrase or "").casefold())
        )
        if key not in positions:
            positions[key] = DraftPosition(actor_id, speaker.phrase, proposed)
        statement = _statement(quotation.text, evidence, speaker)
        statement.answer, statement.offset = quotation.answer, quotation.start
        statement.date = statement_date(
            sentences, quotation.start, quotation.end, dated, article.date
        )
        positions[key].statements.append(statement)
    return list(positions.values())


class _StanceChanges:
    """Applies the article's stance changes to the positions (indexes built once: linear)."""

    def __init__(self, positions: list[DraftPosition], finder: ActorFinder, article: Article):
        self.positions, self.finder, self.article = positions, finder, article
        self.by_actor = {p.actor_id or p.proposed_id: p for p in positions}
        self.by_name: dict[str, list[DraftPosition]] = {}
        self.spoken: list[tuple[int, DraftStatement]] = []  # (offset, statement), in order
        self.holder: dict[int, DraftPosition] = {}  # id(statement) → its position
        for position in positions:
            for statement in position.statements:
                self.by_name.setdefault(statement.name or "", []).append(position)
                self.spoken.append((statement.offset, statement))
                self.holder[id(statement)] = position
        self.spoken.sort(key=lambda pair: pair[0])
        self.offsets = [offset for offset, _ in self.spoken]

    def apply(self, change: StanceChange) -> None:
        """Each dated statement of the actor that changed takes the stance of its time (an
        undated statement from the change's sentence on is dated by the change, else by the
        article). An old stance told without a quotation ("had supported the agreement until
        April") becomes a paraphrase statement dated by its end."""
        position = self._changed_position(change)
        if position is None or position.change is not None:
            return
        self._gather_speaker(position)
        self._adopt_unattributed(position, change)
        position.change = change
        for statement in position.statements:
            if statement.date is None and statement.offset >= change.evidence.start:
                statement.date = change.date or self.article.date
            if statement.date is not None:
                after = is_after(change, statement.date, self.article.date)
                statement.stance = change.after if after else change.before
        if change.until and all(s.stance != change.before for s in position.statements):
            earlier = dataclasses.replace(position.statements[0], quote=None, answer=False)
            earlier.paraphrase = change.clause[:1].upper() + change.clause[1:] + "."
            earlier.evidence, earlier.date = change.evidence.one_line, change.until
            earlier.stance = change.before
            position.statements.insert(0, earlier)

    def finish(self) -> list[DraftPosition]:
        return [p for p in self.positions if p.statements]

    def _gather_speaker(self, position: DraftPosition) -> None:
        """What a named speaker of the position said under another position ("The federation's
        president, Karin Dahl, said …", then "Dahl said") joins it: one actor, one history."""
        names = {s.name for s in position.statements if s.name}
        for name in names:
            for other in self.by_name.get(name, []):
                if other is not position and other.change is None and other.statements:
                    for statement in other.statements:
                        self.holder[id(statement)] = position
                    position.statements += other.statements
                    other.statements = []
        position.statements.sort(key=lambda s: s.offset)

    def _adopt_unattributed(self, position: DraftPosition, change: StanceChange) -> None:
        """A quotation of the change's own sentence that no one was found to speak is the
        actor's ("… withdrew her objection, three months after calling it “unacceptable”"),
        dated by the sentence when it says how long before."""
        sentence = change.evidence
        at = bisect.bisect_left(self.offsets, sentence.start)
        for offset, statement in self.spoken[at:]:
            if offset >= sentence.end:
                break
            holder = self.holder[id(statement)]
            if holder is position or holder.actor_id or holder.proposed_id:
                continue
            holder.statements.remove(statement)
            self.holder[id(statement)] = position
            statement.date = said_before(change) or statement.date
            position.statements.append(statement)
        position.statements.sort(key=lambda s: s.offset)

    def _changed_position(self, change: StanceChange) -> DraftPosition | None:
        """The position of the actor that changed: one named before the words of the old stance
        ("The Green Alliance, which had supported …"), else the first to speak within the next
        few sentences ("Veloria's environment minister withdrew her objection … Minister
        Beatriz Costa said …")."""
        sentence, article = change.evidence, self.article
        for mention in self.finder.mentions(sentence):
            if sentence.start + mention.start >= change.verb_at:
                break
            found = self.by_actor.get(self.finder.id_of(mention))
            if found is not None and found.statements:
                return found
        index = article.sentence_index(sentence.start)
        end = article.sentences[min(index + FOLLOWING_SENTENCES, len(article.sentences) - 1)].end
        at = bisect.bisect_left(self.offsets, sentence.start)
        for offset, statement in self.spoken[at:]:
            if offset >= end:
                break
            position = self.holder[id(statement)]
            if position.actor_id or position.proposed_id:
                return position
        return None


def _opening(text: str) -> str:
    words = " ".join(text.split())
    return (
        words if len(words) <= ANSWER_EVIDENCE else words[:ANSWER_EVIDENCE].rsplit(" ", 1)[0] + " …"
    )


def _shortened(evidence: str) -> str:
    if len(evidence) <= EVIDENCE_LIMIT:
        return evidence
    half = EVIDENCE_LIMIT // 2
    return f"{evidence[:half].rstrip()} … {evidence[-half:].lstrip()}"


def _statement(quote: str, evidence: str, speaker: Speaker) -> DraftStatement:
    """The statement, with the attribution the article's wording suggests (None: the analyst decides)."""
    kind = speaker.attribution_kind
    if kind == "anonymous":
        return DraftStatement(
            quote,
            evidence,
            kind,
            role=speaker.role,
            reason=speaker.reason,
            reason_given=None if speaker.reason else False,
        )
    if kind == "named":
        return DraftStatement(quote, evidence, kind, name=speaker.person.name, role=speaker.role)
    if kind == "institutional":
        return DraftStatement(quote, evidence, kind)
    return DraftStatement(quote, evidence, kind, role=speaker.phrase)


def _events(
    events: list[DatedEvent], disputes: list[Dispute], finder: ActorFinder
) -> list[DraftEvent]:
    """Every dated event; a disputed one carries the accounts the article gives of it."""
    drafted = [_event(event, finder) for event in events]
    index = {id(event): i for i, event in enumerate(events)}
    for dispute in disputes:
        drafted[index[id(dispute.event)]].accounts = [
            DraftAccount(
                a.actor.id,
                a.actor.known,
                a.actor.name,
                "named" if a.actor.kind == "person" else "institutional",
                a.evidence.one_line,
            )
            for a in dispute.accounts
        ]
    return _one_per_date(drafted)


def _one_per_date(events: list[DraftEvent]) -> list[DraftEvent]:
    """One event per date, the first the article gives (a later mention of the same day is
    most often the same event told again); a disputed event keeps its accounts."""
    kept: dict[str, DraftEvent] = {}
    for event in events:
        first = kept.setdefault(event.date, event)
        if first is not event and event.accounts and not first.accounts:
            first.accounts = event.accounts
    return list(kept.values())


def _event(event: DatedEvent, finder: ActorFinder) -> DraftEvent:
    actor_ids = []
    for mention in finder.mentions(event.evidence):
        if mention.actor_id and mention.actor_id not in actor_ids:
            actor_ids.append(mention.actor_id)
    return DraftEvent(
        event.date, event.phrase, event.note, actor_ids, event.evidence.one_line, event.status
    )


def render_draft(draft: Draft, templates_dir: Path, schema: str) -> str:
    env = yaml_environment(templates_dir)
    env.filters["yaml"] = lambda value: json.dumps(
        value, ensure_ascii=False
    )  # JSON strings are YAML
    env.filters["oneline"] = lambda value: " ".join(str(value).split())
    return env.get_template("draft.yaml.j2").render(draft=draft, schema=schema)


def _fitted(draft: Draft, templates_dir: Path, schema: str) -> str:
    """The draft's YAML, within check's file limit: while it is longer, keep only the first half of
    each list (actors, quotations, laws, events), and say how many items were left out."""
    text = render_draft(draft, templates_dir, schema)
    while len(text.encode()) > MAX_FILE_BYTES and _item_count(draft):
        before = _item_count(draft)
        _keep_first_half(draft)
        draft.omitted += before - _item_count(draft)
        text = render_draft(draft, templates_dir, schema)
    return text


def _keep_first_half(draft: Draft) -> None:
    draft.candidates = draft.candidates[: len(draft.candidates) // 2]
    draft.legal = draft.legal[: len(draft.legal) // 2]
    draft.events = draft.events[: len(draft.events) // 2]
    keep = _item_count(draft, statements_only=True) // 2
    positions = []
    for position in draft.positions:
        if keep <= 0:
            break
        position.statements = position.statements[:keep]
        keep -= len(position.statements)
        positions.append(position)
    draft.positions = positions


def _item_count(draft: Draft, *, statements_only: bool = False) -> int:
    statements = sum(len(p.statements) for p in draft.positions)
    if statements_only:
        return statements
    return len(draft.candidates) + statements + len(draft.legal) + len(draft.events)


def write_draft(
    article_path: Path, content_dir: Path, templates_dir: Path, brief_id: str | None, corpus: Corpus
) -> tuple[Path, Draft]:
    """Draft a brief from ``article_path`` into content/briefs/; never over an existing file."""
    if brief_id is not None:
        check_id(brief_id)
    project_root = Path(content_dir).resolve().parent
    article = Path(article_path).resolve()
    text_file = (
        article.relative_to(project_root).as_posix()
        if article.is_relative_to(project_root)
        else None
    )
    try:
        raw = read_limited(article, ARTICLE_LIMIT)
    except UnreadableFile as error:
        raise SkeletonError(f"{article_path} {error}") from None
    draft = make_draft(raw.decode("utf-8-sig"), corpus, brief_id=brief_id, text_file=text_file)
    check_id(draft.id)
    path = Path(content_dir) / "briefs" / f"{draft.id}.yaml"
    schema = modeline_target(project_root, "brief", path.resolve())
    write_new(path, _fitted(draft, templates_dir, schema))
    return path, draft
