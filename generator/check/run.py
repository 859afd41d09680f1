"""Everything ``briefing check`` looks at: the schema and references (:mod:`content`),
quotes against their source texts (:mod:`quotes`) and suspicious content (:mod:`lint`)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from generator.check.cache import CheckCache
from generator.check.lint import actors_used, corpus_warnings, record_warnings
from generator.check.quotes import verify_brief
from generator.content.corpus import (
    Corpus,
    Job,
    Outline,
    content_files,
    cross_file_problems,
    load_file,
    outline,
    record_problems,
)
from generator.content.problems import Problem
from generator.content.yamlfile import YamlFile
from generator.runtime.memory import gc_paused
from generator.runtime.parallel import ordered_map


def check_all(content_dir: Path, *, strict: bool = False) -> list[Problem]:
    """Every problem of the content folder; with ``strict``, warnings count as errors."""
    # The checks make little garbage; without the collector walking everything read so far
    # again and again, a large corpus is checked in far less time.
    with gc_paused():
        problems = _check(Path(content_dir))
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    return sorted(problems)


class Checked(NamedTuple):
    """What checking one file gives: all a check across files needs, and no record (a record
    costs more to send back from a worker than to check)."""

    folder: str
    file: YamlFile
    outline: Outline | None  # None: the file gave no valid record
    problems: list[Problem]
    warnings: list[Problem]  # said only when the content has no error at all
    actors_used: set[str]
    cache_key: str | None  # the file's entry in the cache, if any


class _Shared(NamedTuple):
    """What every file's check needs besides the file."""

    present: dict[str, set[str]]  # ids with a file, per folder
    provisions: dict[str, set[str]]  # each valid instrument's provision ids
    project_root: Path  # where the sources' texts are
    cache: CheckCache | None


def _check(content_dir: Path) -> list[Problem]:
    """The checks of :func:`check_all`: each file's in workers, those across files here.

    The registries are checked first, so that the briefs' workers know every instrument's
    provisions; what the corpus's records are is then known from their outlines."""
    jobs, present, problems = content_files(content_dir)
    cache = CheckCache.from_environment()
    shared = _Shared(present, {}, content_dir.resolve().parent, cache)
    checked = ordered_map(_check_file, [job for job in jobs if job[0] != "briefs"], shared)
    provisions = {
        o.id: o.provision_ids for c in checked if (o := c.outline) and c.folder == "legal"
    }
    shared = shared._replace(provisions=provisions)
    checked += ordered_map(_check_file, [job for job in jobs if job[0] == "briefs"], shared)
    if cache is not None:
        cache.keep_only({c.cache_key for c in checked if c.cache_key})
    corpus = Corpus()
    warnings: list[Problem] = []
    used: set[str] = set()
    for folder in ("briefs", "actors", "legal"):  # as a loaded corpus orders its records
        for result in (c for c in checked if c.folder == folder):
            problems += result.problems
            if result.outline is not None:
                getattr(corpus, folder)[result.outline.id] = result.outline
                corpus.files[(folder, result.outline.id)] = result.file
                warnings += result.warnings
                used |= result.actors_used
    problems += cross_file_problems(corpus)  # type: ignore[arg-type]
    if not any(p.severity == "error" for p in problems):
        # Only on content that loaded whole: a brief that failed to load would make its actors
        # look unused.
        problems += warnings + corpus_warnings(corpus, used)  # type: ignore[arg-type]
    return problems


def _check_file(shared: _Shared, job: Job) -> Checked:
    """Read, validate and check one file on its own (in a worker process when there are many)."""
    folder = job[0]
    if shared.cache is None:
        key, (yaml_file, record, problems) = None, load_file(None, job)
    else:
        key, (yaml_file, record, problems) = shared.cache.loaded(job)
    if record is None:
        return Checked(folder, yaml_file, None, problems, [], set(), key)
    references = list(record.references())  # one walk of the record for three checks
    problems += record_problems(record, yaml_file, shared.present, shared.provisions, references)
    if folder == "briefs":
        problems += verify_brief(record, yaml_file, shared.project_root)  # type: ignore[arg-type]
    warnings = record_warnings(record, yaml_file, references)
    used = actors_used(record, references)
    return Checked(folder, yaml_file, outline(record), problems, warnings, used, key)


def within(problems: Sequence[Problem], paths: Sequence[Path]) -> list[Problem]:
    """The problems of files at or under any of ``paths`` (all of them when no path is given)."""
    if not paths:
        return list(problems)
    # realpath, not Path.resolve: a problem may be about a symlink loop, which resolve() raises on.
    roots = [Path(os.path.realpath(path)) for path in paths]
    return [
        p
        for p in problems
        if any(Path(os.path.realpath(p.file)).is_relative_to(root) for root in roots)
    ]
