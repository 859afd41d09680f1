"""A scratch copy of the project whose content is a generated story corpus (``bench/stories.py``).

Everything but ``content/`` is linked from the real project (templates, docs, theme
overrides, …) and the MkDocs configuration inherits the project's, so the benchmark
builds exactly what ``make site`` would build from that content.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench import stories

NOT_LINKED = {"content", "site", "bench", "tests", "mkdocs.yml"}
READY = ".ready"


@dataclass(frozen=True)
class BenchProject:
    root: Path
    briefs: int

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"


def prepare(work: Path, project: Path, *, briefs: int, seed: int) -> BenchProject:
    """The scratch project for ``briefs`` briefs, generated unless an identical one exists."""
    root = work / f"corpus-{briefs}-seed{seed}-{_generator_version()}"
    if not (root / READY).exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        stories.write_story_corpus(root / "content", briefs, seed)
        for entry in sorted(project.iterdir()):
            if entry.name not in NOT_LINKED and not entry.name.startswith("."):
                (root / entry.name).symlink_to(entry.resolve())
        (root / "mkdocs.yml").write_text(
            f"INHERIT: {(project / 'mkdocs.yml').resolve()}\n", encoding="utf-8"
        )
        (root / READY).touch()
    return BenchProject(root, briefs)


def _generator_version() -> str:
    """Changes whenever the generator does, so a stale corpus is never reused."""
    return hashlib.sha256(Path(stories.__file__).read_bytes()).hexdigest()[:10]
