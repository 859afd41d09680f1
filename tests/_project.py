"""A throwaway copy of this project (content, templates, config), for tests that write files."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "huawei-allies-bloomberg-2019.txt"
SEED_TEXT_FILE = "sources/huawei-allies-bloomberg-2019.txt"  # where the shipped brief expects it


def copy_project(target: Path, *, with_seed: bool = False) -> Path:
    for folder in ("content", "templates", "docs", "schema"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if with_seed:
        (target / "sources").mkdir()
        shutil.copy2(SEED_ARTICLE, target / SEED_TEXT_FILE)
    return target
