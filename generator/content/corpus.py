"""Load a content folder into a validated :class:`Corpus`, or report every problem.

    content/briefs/<id>.yaml   stories          (models.Brief)
    content/actors/<id>.yaml   actor registry   (models.Actor)
    content/legal/<id>.yaml    legal instruments (models.LegalInstrument)

All files are read and checked before anything is reported, so one run lists
every problem of every file.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import functools
import os
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import networkx as nx
from pydantic import BaseModel, ValidationError

from generator.content.filecache import FileCache
from generator.content.models import Actor, Brief, LegalInstrument, shortened
from generator.content.problems import ContentError, Problem
from generator.content.safefile import reason
from generator.content.yamlfile import KeyPath, YamlFile, read_yaml
from generator.runtime.memory import gc_paused
from generator.runtime.parallel import ordered_map
from generator.site.urls import page_path, topic_slug

FOLDERS: dict[str, type[BaseModel]] = {"briefs": Brief, "actors": Actor, "legal": LegalInstrument}


@dataclass
class Corpus:
    """Every valid record of a content folder, by id, and the file each came from."""

    briefs: dict[str, Brief] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    legal: dict[str, LegalInstrument] = field(default_factory=dict)
    files: dict[tuple[str, str], YamlFile] = field(default_factory=dict)  # (folder, id) → file


class QuestionOutline(NamedTuple):
    id: str
    text: str


class MembershipOutline(NamedTuple):
    actor: str


@dataclass(slots=True)
class BriefOutline:
    """What the checks across files read of a brief (see :func:`outline`)."""

    id: str
    date: str
    topics: list[str]
    questions: list[QuestionOutline]


@dataclass(slots=True)
class ActorOutline:
    id: str
    part_of: str | None
    member_of: list[MembershipOutline]


@dataclass(slots=True)
class LegalOutline:
    id: str
    provision_ids: set[str]


Outline = BriefOutline | ActorOutline | LegalOutline


def outline(record: BaseModel) -> Outline:
    """The few fields of a record that checks across files read: a worker checking a large
    corpus sends these back instead of the record, which costs more to send than to check."""
    if isinstance(record, Brief):
        questions = [QuestionOutline(q.id, q.text) for q in record.questions]
        return BriefOutline(record.id, record.date, list(record.topics), questions)
    if isinstance(record, Actor):
        members = [MembershipOutline(m.actor) for m in record.member_of]
        return ActorOutline(record.id, record.part_of, members)
    assert isinstance(record, LegalInstrument)
    return LegalOutline(record.id, {p.id for p in record.provisions})


def load_content(
    content_dir: Path, *, relative_to: Path | None = None, cache: FileCache | None = None
) -> Corpus:
    """Read and validate everything under ``content_dir``; raise ContentError listing all problems."""
    corpus, problems = check_content(content_dir, relative_to=relative_to, cache=cache)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return corpus


def check_content(
    content_dir: Path, *, relative_to: Path | None = None, cache: FileCache | None = None
) -> tuple[Corpus, list[Problem]]:
    """Like :func:`load_content`, but return the problems instead of raising.

    With a ``cache``, files unchanged since the last call are not read again."""
    corpus = Corpus()
    jobs, present, problems = content_files(content_dir, relative_to=relative_to)
    load = functools.partial(ordered_map, load_file)
    with gc_paused():
        loaded = cache.map(load, jobs, path_of=lambda job: job[1]) if cache else load(jobs)
    for (folder, _, _), (yaml_file, record, file_problems) in zip(jobs, loaded):
        problems.extend(file_problems)
        if record is not None:
            getattr(corpus, folder)[record.id] = record
            corpus.files[(folder, record.id)] = yaml_file
    problems.extend(_check_references(corpus, present))
    return corpus, problems


Reference = tuple[KeyPath, str, str]
"""(key path, kind, id) of an id a record uses, as its ``references()`` gives them."""

Job = tuple[str, Path, str]
"""What to read: (folder, path, label)."""


def content_files(
    content_dir: Path, *, relative_to: Path | None = None
) -> tuple[list[Job], dict[str, set[str]], list[Problem]]:
    """The files to read, the ids that have a file in each folder (valid or not, so that errors
    don't cascade), and the problems of what is not where it should be."""
    content_dir = Path(content_dir)
    base = relative_to if relative_to is not None else Path.cwd()
    if not content_dir.is_dir():
        return [], {}, [Problem(_label(content_dir, base), 1, 1, "content folder not found")]
    jobs: list[Job] = []
    present: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for folder in FOLDERS:
        paths, not_read = _listing(content_dir / folder)
        present[folder] = {path.stem for path in paths}
        jobs += [(folder, path, _label(path, base)) for path in paths]
        problems += [Problem(_label(path, base), 1, 1, why) for path, why in not_read]
    problems += [Problem(_label(path, base), 1, 1, why) for path, why in _misplaced(content_dir)]
    return jobs, present, problems


CONTENT_SUFFIX = ".yaml"
_YAML_LIKE = re.compile(r"\.ya?ml$", re.IGNORECASE)


def _listing(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The content files of ``folder`` (every ``*.yaml`` entry, whatever it turns out to be:
    reading it says what is wrong), and what looks meant as content but would not be read, with why.

    Hidden entries and names that are not YAML at all (editors' backups, notes) are left alone."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        return [], []  # a kind of record the project does not have yet
    except OSError as error:
        why = "is a file, not a folder" if error.errno == errno.ENOTDIR else reason(error)
        return [], [(folder, f"{why}; it should be the folder of {folder.name}")]
    files: list[Path] = []
    not_read: list[tuple[Path, str]] = []
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(CONTENT_SUFFIX):
            files.append(path)
        elif _YAML_LIKE.search(entry.name.rstrip(" .")):
            stem = _YAML_LIKE.sub("", entry.name.rstrip(" ."))
            not_read.append((path, f"not read: rename it to {stem}{CONTENT_SUFFIX}"))
        elif entry.is_dir(follow_symlinks=False) and _holds_yaml(path):
            not_read.append(
                (
                    path,
                    f"not read: a folder inside {folder.name}/; move its files into {folder.name}/",
                )
            )
    return files, not_read


def _holds_yaml(folder: Path) -> bool:
    try:
        return any(_YAML_LIKE.search(entry.name.rstrip(" .")) for entry in os.scandir(folder))
    except OSError:
        return False


def _misplaced(content_dir: Path) -> list[tuple[Path, str]]:
    """YAML files at the top of ``content/``, and folders named almost like a content folder."""
    where = ", ".join(f"{name}/" for name in FOLDERS)
    try:
        entries = sorted(os.scandir(content_dir), key=lambda entry: entry.name)
    except OSError as error:
        return [(content_dir, reason(error))]
    found: list[tuple[Path, str]] = []
    for entry in entries:
        path = content_dir / entry.name
        if entry.name.startswith(".") or entry.name in FOLDERS:
            continue
        if _YAML_LIKE.search(entry.name.rstrip(" .")):
            found.append((path, f"not read: content files go in {where}"))
        elif close := difflib.get_close_matches(entry.name.casefold(), FOLDERS, n=1, cutoff=0.7):
            found.append(
                (path, f"not read: content files go in {where} (did you mean {close[0]}/?)")
            )
    return found


Loaded = tuple[YamlFile, BaseModel | None, list[Problem]]
"""A file read and validated: the file, its record (None if invalid), its problems."""


def load_file(_: None, job: Job, raw: bytes | None = None) -> Loaded:
    """Read (unless its bytes are ``raw``) and validate one file (in a worker process when there
    are many)."""
    folder, path, label = job
    yaml_file = read_yaml(path, label, raw=raw)
    problems = list(yaml_file.problems)
    record = _validate(yaml_file, FOLDERS[folder], problems)
    yaml_file.data = None  # the record holds it now; problems are located from the file itself
    return yaml_file, record, problems


def _label(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(path, base) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _validate(yaml_file: YamlFile, model: type[BaseModel], problems: list[Problem]):
    if yaml_file.problems:
        return None
    data = yaml_file.data
    if not isinstance(data, dict):
        problems.append(
            yaml_file.problem((), f"expected a mapping of fields for a {model.__name__.lower()}")
        )
        return None
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_from_pydantic(yaml_file, model, exc))
        return None
    if record.id != yaml_file.path.stem:
        problems.append(
            yaml_file.problem(
                ("id",), f"id '{record.id}' does not match the file name '{yaml_file.path.name}'"
            )
        )
        return None
    return record


def _from_pydantic(
    yaml_file: YamlFile, model: type[BaseModel], exc: ValidationError
) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        loc: KeyPath = tuple(error["loc"])
        name = shortened(str(loc[-1])) if loc else model.__name__.lower()
        if error["type"] == "extra_forbidden":
            allowed = _field_names(model, loc[:-1])
            yield yaml_file.problem(
                loc, f"unknown field '{name}'{_did_you_mean(name, allowed)}", at_key=True
            )
        elif error["type"] == "missing":
            yield yaml_file.problem(loc[:-1], f"missing required field '{name}'")
        elif (
            error.get("input", "") is None and loc
        ):  # `key:` left empty, as skeletons and drafts do
            yield yaml_file.problem(loc, f"fill in '{'.'.join(map(str, loc))}' (it is empty)")
        else:
            message = error["msg"].removeprefix("Value error, ") + _close_choice(error)
            where = ".".join(str(step) for step in loc)
            yield yaml_file.problem(loc, f"{where}: {message}" if where else message)


def _field_names(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """Names of the fields allowed at ``loc`` inside ``model`` (for "did you mean")."""
    current: type[BaseModel] | None = model
    for step in loc:
        if current is None or isinstance(step, int):
            continue
        info = next(
            (f for n, f in current.model_fields.items() if (f.alias or n) == step),
            None,
        )
        current = _inner_model(info.annotation) if info else None
    if current is None:
        return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _close_choice(error: dict) -> str:
    """' (did you mean …?)' for a value outside a list of choices (a stance, a status) close to one."""
    expected = (error.get("ctx") or {}).get("expected")
    if (
        error["type"] not in ("enum", "literal_error")
        or not isinstance(error.get("input"), str)
        or not expected
    ):
        return ""
    return _did_you_mean(error["input"], re.findall(r"'([^']*)'", str(expected)))


def _did_you_mean(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_references(corpus: Corpus, present: dict[str, set[str]]) -> list[Problem]:
    """Every id used must exist: actors and instruments in the registries, the rest in the brief."""
    provisions = {i.id: {p.id for p in i.provisions} for i in corpus.legal.values()}
    problems: list[Problem] = []
    for folder in FOLDERS:
        for record in getattr(corpus, folder).values():
            yaml_file = corpus.files[(folder, record.id)]
            problems += record_problems(record, yaml_file, present, provisions)
    return problems + cross_file_problems(corpus)


def record_problems(
    record: BaseModel,
    yaml_file: YamlFile,
    present: dict[str, set[str]],
    provisions: dict[str, set[str]],
    references: Iterable[Reference] | None = None,
) -> list[Problem]:
    """One record's rules, and its ``references`` (``record.references()`` unless given) to ids:
    those of ``present``, its own, and ``provisions`` (each valid instrument's provision ids)."""
    problems: list[Problem] = []
    for keypath, message in getattr(record, "rule_problems", tuple)():
        problems.append(yaml_file.problem(keypath, message))
    known_by_kind: dict[str, Iterable[str] | None] = {}  # a brief's questions: once, not per use
    for keypath, kind, ref in record.references() if references is None else references:
        if kind not in known_by_kind:
            known_by_kind[kind] = _known_ids(present, provisions, record, kind)
        known = known_by_kind[kind]
        if kind == "duplicate":
            problems.append(yaml_file.problem(keypath, f"'{ref}' is defined more than once"))
        elif known is not None and ref not in known:
            what = kind.split(":")[0]
            problems.append(
                yaml_file.problem(keypath, f"unknown {what} '{ref}'{_did_you_mean(ref, known)}")
            )
    return problems


def cross_file_problems(corpus: Corpus) -> list[Problem]:
    """What no record shows alone: topic labels that share a page, cycles of actors.

    Only ``id``, ``topics`` of the briefs and ``id``, ``part_of``, ``member_of`` of the actors are
    read, so a corpus of :class:`Outline` records does as well."""
    return _check_topic_pages(corpus) + _check_part_of_cycles(corpus)


def _known_ids(
    present: dict[str, set[str]], provisions: dict[str, set[str]], record: BaseModel, kind: str
) -> Iterable[str] | None:
    if kind in ("actor", "legal"):
        return present["actors" if kind == "actor" else "legal"]
    if kind == "brief":
        return present["briefs"]
    if kind == "question":
        return {q.id for q in record.questions}  # type: ignore[attr-defined]
    if kind == "source":
        return {s.id for s in record.sources}  # type: ignore[attr-defined]
    if kind.startswith("provision:"):
        instrument = kind.split(":", 1)[1]
        if isinstance(record, LegalInstrument) and record.id == instrument:
            return {p.id for p in record.provisions}  # its amendments cite its own provisions
        # An unknown instrument is reported on its own; don't pile up provision errors.
        return provisions.get(instrument)
    return None


def _check_topic_pages(corpus: Corpus) -> list[Problem]:
    """Labels that slug alike share one topic page, which shows the first of them (briefs in file
    order). Spelt alike but for case and spacing ('5G networks', '5G Networks') they are one topic:
    a warning, so the spelling can be made one. Otherwise ('C++' and 'C#' are both topics/c) they
    are different topics a shared page would silently merge: an error."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, YamlFile, tuple]] = {}  # slug → (label, file, key path)
    for brief in corpus.briefs.values():  # drafts too: they share the pages in make serve
        yaml_file = corpus.files[("briefs", brief.id)]
        for i, label in enumerate(brief.topics):
            slug = topic_slug(label)
            known_label, known_file, known_path = first.setdefault(
                slug, (label, yaml_file, ("topics", i))
            )
            if known_label == label:
                continue
            place = known_file.problem(known_path, "")
            alike = _alike(label, known_label)
            problem = yaml_file.problem(
                ("topics", i),
                (
                    f"topic '{shortened(label)}' shares the page {page_path('topic', slug)} with "
                    f"'{shortened(known_label)}' ({place.file}:{place.line}:{place.col}), "
                    + (
                        f"whose label it shows (did you mean '{shortened(known_label)}'?)"
                        if alike
                        else "a different topic: rename one"
                    )
                ),
            )
            problems.append(dataclasses.replace(problem, severity="warning") if alike else problem)
    return problems


def _alike(label: str, other: str) -> bool:
    """The same words, but for case and spacing: the same topic, spelt another way."""
    return label.casefold().split() == other.casefold().split()


def _check_part_of_cycles(corpus: Corpus) -> list[Problem]:
    """An actor cannot be part of itself, however many steps round, nor a member of itself
    (issue 19: member_of): each cycle is reported once, at the part_of or member_of entry that
    leads back to its first actor by id."""
    part_of = {
        (actor.id, actor.part_of): ("part_of",) for actor in corpus.actors.values() if actor.part_of
    }
    member_of = {
        (actor.id, m.actor): ("member_of", i, "actor")
        for actor in corpus.actors.values()
        for i, m in enumerate(actor.member_of)
    }
    return sorted(
        [
            *_cycles(corpus, part_of, "part_of", "part of"),
            *_cycles(corpus, member_of, "member_of", "a member of"),
        ]
    )


def _cycles(
    corpus: Corpus, links: dict[tuple[str, str], tuple], field: str, what: str
) -> Iterable[Problem]:
    """A problem for each cycle of ``links`` ((actor, actor) → key path of the link in the first)."""
    graph = nx.DiGraph(list(links))
    # With part_of each actor has one link, so cycles never overlap; members can be in many
    # groups, so a cycle is reported for each distinct ring of actors.
    for cycle in sorted(nx.simple_cycles(graph)):
        start = cycle.index(min(cycle))
        cycle = cycle[start:] + cycle[:start]
        closing = cycle[-1]
        chain = " → ".join([*cycle, cycle[0]])
        yield corpus.files[("actors", closing)].problem(
            links[(closing, cycle[0])],
            f"{field} '{cycle[0]}' closes a cycle: {chain} (an actor cannot be {what} itself)",
        )
