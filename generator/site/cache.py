"""The build cache: what a build leaves for the next one, so that it redoes only what changed.

    BRIEFING_CACHE=.briefing-cache mkdocs build   # or the plugin's cache_dir option

A cache folder holds the last published site (hard links to its files where the disk allows),
what loading each content file gave (``records.pickle``, by the digest of the file's bytes: an
unchanged file is not read and validated again, :class:`RecordStore`), and ``manifest.json``:
the key it was built under, a digest of each generated page's Markdown and metadata, of each
HTML page, and of each search shard's pages. A build whose key matches renders again only the pages the changed records reach
(``incremental.py``, the model ``mkdocs serve`` uses), converts only those whose Markdown
changed, and re-indexes only the shards whose pages changed; the rest is taken from the cache.

The key covers everything besides content and the build's day that shapes a page: the
templates, the hand-written pages (docs/), the MkDocs configuration as resolved (SITE_URL
included), the generator's own source, every installed package's version, Python's. Any change
starts clean. The day is not in the key: the manifest records the day the cache was built for,
and a build on another day renders again only what the day changes (the pages of the events
that changed side between the two days, ``incremental.py``; the pages that show the day itself
are rendered every time). A cache that does not match its
manifest (a missing file, a size that differs, a manifest that does not parse), or of another
format or key, is ignored, never trusted. The folder is replaced whole (``output.py``), and
only after the new site has been swapped in: a killed build leaves the last good cache.

What a rebuild spends on files is kept to what changed: the site the new one replaced becomes
the new cache's copy (:func:`mirror` links again only the files that differ, instead of every
file into new folders, and the replaced site is not deleted besides the old cache), and the
pages and data files taken from the cache are hard links to its files, not written again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generator
from generator.content import pickled
from generator.content.corpus import FOLDERS, Corpus
from generator.site.output import FolderError, StagedFolder
from generator.site.pagefind import link_or_copy
from generator.site.render import GeneratedFile

FORMAT = 3  # 3: the build's day left the key for the manifest
CACHE_MARKER = ".briefing-cache"
MANIFEST = "manifest.json"
SITE, RECORDS = "site", "records.pickle"
ENVIRONMENT_VARIABLE = "BRIEFING_CACHE"  # a folder, or "" / "off" for no cache


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def meta_bytes(meta: dict | None) -> bytes:
    """A page's metadata as bytes, for its digest."""
    return json.dumps(meta, sort_keys=True, default=repr).encode("utf-8")


def file_digest(path: Path) -> str:
    return digest(path.read_bytes())


def cache_folder(option: str | None, root: Path) -> Path | None:
    """Where the cache lives: ``BRIEFING_CACHE`` if set, else the plugin's option (relative to
    the folder of mkdocs.yml); None when neither asks for one."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE, option or "")
    if chosen.strip().lower() in ("", "off", "0", "no", "false"):
        return None
    return root / chosen


def key_of(parts: dict[str, object]) -> str:
    """The cache key of a build whose inputs besides content are ``parts`` (see :func:`key_parts`)."""
    return digest(json.dumps(parts, sort_keys=True, default=repr).encode("utf-8"))


def key_parts(*, folders: Iterable[Path], settings: object) -> dict[str, object]:
    """What a page depends on besides content and the build's day: the ``folders`` (templates,
    docs), the resolved ``settings``, the generator's source, installed packages, Python."""
    return {
        "format": FORMAT,
        "folders": {str(folder): _folder_digest(folder) for folder in folders},
        "settings": settings,
        "generator": [generator.__version__, _folder_digest(Path(generator.__file__).parent)],
        "packages": sorted(
            f"{dist.metadata['Name']}=={dist.version}"
            for dist in importlib.metadata.distributions()
        ),
        "python": sys.version,
    }


def _folder_digest(folder: Path) -> str:
    """A digest of the names and bytes of every file under ``folder`` (caches left out)."""
    hashed = hashlib.blake2b(digest_size=16)
    for path in sorted(_files_under(folder)):
        if "__pycache__" in path.parts:
            continue
        hashed.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        hashed.update(file_digest(path).encode("ascii"))
    return hashed.hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    for directory, _, names in os.walk(folder, followlinks=True):
        for name in names:
            yield Path(directory, name)


def content_digests(content_dir: Path) -> dict[tuple[str, str], str]:
    """The digest of each content file, by (folder, id): read before the content is loaded, so
    that a file saved during the build is seen as changed by the next one."""
    found = {}
    for folder in FOLDERS:
        for path in sorted((content_dir / folder).glob("*.yaml")):
            if path.is_file() and not path.name.startswith("."):  # hidden: not content
                found[(folder, path.stem)] = file_digest(path)
    return found


@dataclass
class Manifest:
    """What a build records for the next one (and checks the cache against)."""

    key: str
    day: str = ""  # the build's day (YYYY-MM-DD) the pages were rendered for
    pages: dict[str, list[str]] = field(default_factory=dict)  # source → [input digest, output]
    html: dict[str, str] = field(default_factory=dict)  # every HTML page of the site → digest
    search: list[str] = field(default_factory=list)  # each search shard's digest, in order
    files: dict[str, list] = field(default_factory=dict)  # data/feed job → [inputs, [paths]]
    content: dict[str, str] = field(default_factory=dict)  # "folder/id" → digest of its file
    sizes: dict[str, int] = field(default_factory=dict)  # every file of the cache → its size

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
            raise ValueError("another format")
        manifest = cls(**data)
        shapes = {"pages": dict, "html": dict, "search": list, "content": dict, "sizes": dict}
        shapes["files"] = dict
        if (
            not isinstance(manifest.key, str)
            or not isinstance(manifest.day, str)
            or any(not isinstance(getattr(manifest, name), kind) for name, kind in shapes.items())
        ):
            raise ValueError("not a manifest")
        return manifest


@dataclass
class Previous:
    """A cache that matched: the last build's manifest and where its files are."""

    folder: Path
    manifest: Manifest
    records: dict[str, tuple]  # what loading each content file gave (RecordStore's entries)

    @property
    def site(self) -> Path:
        return self.folder / SITE

    def changed_records(self, now: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
        """The records added, edited or deleted since the last build."""
        before = {tuple(name.split("/", 1)): value for name, value in self.manifest.content.items()}
        return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}


class CacheError(Exception):
    """The cache does not hold what its manifest says: it is not used."""


def corpus_before(store: RecordStore, corpus: Corpus, changed: set[tuple[str, str]]) -> Corpus:
    """The content of the last build: its records that have not changed since are the very
    objects of ``corpus`` (the incremental renderer tells changes by identity); those that
    have are the ones the last build loaded, from the ``store``."""
    before = Corpus()
    for name in sorted(store.earlier_content, key=lambda name: f"{name}.yaml"):
        folder, key = name.split("/", 1)
        record = (
            store.earlier_record(name)
            if (folder, key) in changed
            else getattr(corpus, folder).get(key)
        )
        if record is None:
            raise CacheError(f"{name}: not in the cache as its manifest says")
        getattr(before, folder)[key] = record
    return before


def load(folder: Path, key: str) -> tuple[Previous | None, str]:
    """The cache in ``folder`` if it was written under ``key`` and is whole; else None, and why."""
    try:
        manifest = Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "no cache yet"
    except (OSError, ValueError, TypeError, UnicodeDecodeError) as error:
        return None, f"the cache's manifest cannot be read ({type(error).__name__}): ignored"
    if manifest.key != key:
        return None, "templates, configuration or packages changed"
    missing = _not_as_listed(str(folder), manifest.sizes)
    if missing is not None:
        return None, f"the cache is not whole ({missing}): ignored"
    try:
        records = pickled.loads((folder / RECORDS).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError) as error:
        return None, f"the cache's {RECORDS} cannot be read ({type(error).__name__}): ignored"
    if not isinstance(records, dict):
        return None, f"the cache's {RECORDS} is not a store of records: ignored"
    return Previous(folder, manifest, records), "cache found"


def _not_as_listed(folder: str, sizes: dict[str, int]) -> str | None:
    """The first file of ``sizes`` that is not a file of that size under ``folder``, if any.
    (One lstat a file, on strings: a cache lists some 60,000 files.)"""
    for name, size in sizes.items():
        if ".." in name.split("/"):
            return name
        try:
            info = os.stat(f"{folder}/{name}")
        except (OSError, ValueError):
            return name
        if not stat.S_ISREG(info.st_mode) or info.st_size != size:
            return name
    return None


def save(
    folder: Path,
    site: Path,
    manifest: Manifest,
    content: dict[tuple[str, str], Path],
    store: RecordStore,
    *,
    old_site: Path | None = None,
) -> str | None:
    """Replace the cache in ``folder`` with the published ``site`` and what loading the
    ``content`` files gave (the ``store``); None when saved, else why not. A content file whose
    bytes are no longer those the build read means the cache would lie: nothing is saved then.

    ``old_site``, the site ``site`` replaced (ours to take), becomes the cache's copy: only the
    files that changed are linked again, instead of every file into new folders."""
    output = StagedFolder(folder, marker=CACHE_MARKER)
    try:
        staging = output.open()
        for (kind, key), path in content.items():
            if file_digest(path) != manifest.content.get(f"{kind}/{key}"):
                return f"{path} changed during the build: no cache saved"
        (staging / RECORDS).write_bytes(store.saved())
        manifest.sizes = {RECORDS: (staging / RECORDS).stat().st_size}
        copy = staging / SITE
        if old_site is None or not _moved(old_site, copy):
            copy.mkdir()
        mirror(str(site), str(copy), manifest.sizes, f"{SITE}/")
        (staging / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        output.publish()
    except (OSError, FolderError) as error:
        return f"no cache saved: {error}"
    finally:
        output.discard()
    return None


def _moved(source: Path, target: Path) -> bool:
    """Whether ``source`` could be renamed to ``target`` (not on another file system)."""
    try:
        os.rename(source, target)
    except OSError:
        return False
    return True


def mirror(source: str, copy: str, sizes: dict[str, int], prefix: str = "") -> None:
    """Make the folder ``copy`` hold what ``source`` holds, by hard links where the disk allows
    (files are replaced whole, never written in place); a file of ``copy`` that already is
    ``source``'s (the same inode) is left as it is. Records each file's size in ``sizes``, by
    ``prefix`` + its path."""
    same_disk = os.stat(source).st_dev == os.stat(copy).st_dev
    _mirror_folder(source, copy, sizes, prefix, same_disk)


def _mirror_folder(
    source: str, copy: str, sizes: dict[str, int], prefix: str, same_disk: bool
) -> None:
    with os.scandir(copy) as entries:
        there = {entry.name: entry for entry in entries}
    with os.scandir(source) as entries:
        for entry in entries:
            name, target = entry.name, os.path.join(copy, entry.name)
            old = there.pop(name, None)
            is_folder = entry.is_dir(follow_symlinks=False)
            if old is not None and is_folder != old.is_dir(follow_symlinks=False):
                _delete(old)
                old = None
            if is_folder:
                if old is None:
                    os.mkdir(target)
                _mirror_folder(entry.path, target, sizes, f"{prefix}{name}/", same_disk)
                continue
            info = entry.stat(follow_symlinks=False)
            if old is None or not same_disk or old.inode() != info.st_ino:
                if old is not None:
                    os.unlink(target)
                _link_entry(entry, target)
            if entry.is_symlink():  # as the check reads it: the file it points to
                info = os.stat(target)
            sizes[f"{prefix}{name}"] = info.st_size
    for old in there.values():  # gone from the site
        _delete(old)


def _link_entry(entry: os.DirEntry, target: str) -> None:
    if entry.is_symlink():
        os.symlink(os.readlink(entry.path), target)
    else:
        link_or_copy(entry.path, target)


def _delete(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


Loader = Callable[[Sequence[Any]], list[Any]]  # loads content files (jobs), in order


class RecordStore:
    """What loading each content file gave, kept from build to build: ``load_content``'s
    ``cache`` (the interface of ``content.filecache.FileCache``). A file whose bytes have the
    digest they had when an earlier build loaded it (read before loading: ``content``) gives
    back what loading gave then, unpickled, instead of being read and validated again.

    Entries are by content name ("briefs/<id>"): (digest, path, label, pickled result); the path
    and label are those the job named, as problems show them."""

    def __init__(
        self,
        content_dir: Path,
        content: dict[tuple[str, str], str],
        earlier: dict[str, tuple] | None = None,
        earlier_content: dict[str, str] | None = None,
    ):
        self.content_dir, self.content = content_dir, content
        self.earlier = earlier or {}
        self.earlier_content = earlier_content or {}  # the last build's content names → digests
        self.kept: dict[str, tuple] = {}  # this build's entries, for the next
        self.reused = 0  # files not loaded again

    def map(self, load: Loader, jobs: Sequence[Any], path_of: Callable[[Any], Path]) -> list[Any]:
        """``load(jobs)``, calling it only for the jobs whose file's bytes are new."""
        results: dict[int, Any] = {}
        entries = [self._entry(job[0], path_of(job), job[2]) for job in jobs]
        for n, (name, entry) in enumerate(entries):
            earlier = self.earlier.get(name) if entry is not None else None
            if earlier is not None and earlier[:3] == entry:
                result = _unpickled(earlier[3])
                if result is not None:
                    results[n], self.kept[name] = result, earlier
        missing = [n for n in range(len(jobs)) if n not in results]
        self.reused = len(results)
        for n, result in zip(missing, load([jobs[n] for n in missing])):
            results[n] = result
            name, entry = entries[n]
            if entry is not None:
                self.kept[name] = (*entry, pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        return [results[n] for n in range(len(jobs))]

    def _entry(self, folder: str, path: Path, label: str) -> tuple[str, tuple | None]:
        """A job's name and what its entry must match; None for a file the digests do not
        cover (not in its content folder, or not a file: loaded every time)."""
        name = f"{folder}/{path.stem}"
        known = path == self.content_dir / folder / path.name and path.suffix == ".yaml"
        value = self.content.get((folder, path.stem)) if known else None
        return name, (value, str(path), label) if value is not None else None

    def earlier_record(self, name: str) -> object | None:
        """The record an earlier build loaded from content file ``name`` ("briefs/<id>")."""
        earlier = self.earlier.get(name)
        if earlier is None or earlier[0] != self.earlier_content.get(name):
            return None
        loaded = _unpickled(earlier[3])
        return loaded[1] if loaded is not None else None

    def saved(self) -> bytes:
        """This build's entries, for :meth:`Previous.records`."""
        return pickle.dumps(self.kept, pickle.HIGHEST_PROTOCOL)


def _unpickled(entry: bytes) -> tuple | None:
    """A stored loading result; None (loaded again) for one that is damaged or not content."""
    try:
        loaded = pickled.loads(entry)
    except Exception:  # noqa: BLE001 - damaged or foreign, whatever the reason: a miss
        return None
    return loaded if isinstance(loaded, tuple) and len(loaded) == 3 else None


class FileJobs:
    """Data files and feeds (``render.Renderer.render_files``) made from the very content the
    cached build made them from are read back from the cache instead of made again."""

    def __init__(
        self,
        corpus: Corpus,
        content: dict[tuple[str, str], str],
        previous: Previous | None,
        manifest: Manifest,
    ):
        self.previous, self.manifest = previous, manifest
        self.recalled = 0  # jobs whose files were read back
        self.recalled_paths: set[str] = set()  # their files: linked from the cache, not written
        self.digests = {}  # record (by identity) → digest of its file
        for (folder, key), value in content.items():
            record = getattr(corpus, folder).get(key)
            if record is not None:
                self.digests[id(record)] = value

    def inputs_digest(self, inputs: tuple) -> str | None:
        """A digest of a job's inputs (records and texts); None for inputs of another kind."""
        parts = []
        for item in inputs:
            if isinstance(item, str):
                parts.append(f"text:{item}")
            elif id(item) in self.digests:
                parts.append(f"record:{self.digests[id(item)]}")
            else:
                return None
        return digest(json.dumps(parts).encode("utf-8"))

    def recall(self, key: object, inputs: tuple) -> list[GeneratedFile] | None:
        previous = self.previous
        earlier = previous.manifest.files.get(_job_name(key)) if previous is not None else None
        if earlier is None or earlier[0] != self.inputs_digest(inputs):
            return None
        try:
            files = [
                GeneratedFile(path, (previous.site / path).read_bytes()) for path in earlier[1]
            ]
        except OSError:
            return None
        self.recalled += 1
        self.recalled_paths.update(earlier[1])
        return files

    def record(self, made: Iterable[tuple[object, tuple, list[GeneratedFile]]]) -> None:
        for key, inputs, files in made:
            inputs_digest = self.inputs_digest(inputs)
            if inputs_digest is not None:
                paths = [file.path for file in files]
                self.manifest.files[_job_name(key)] = [inputs_digest, paths]


def _job_name(key: object) -> str:
    return json.dumps(key, default=repr)
