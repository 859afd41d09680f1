"""Shared fixtures: the project's own files, temporary copies to break, real builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "huawei-allies-bloomberg-2019.txt"
SEED_BRIEF = "huawei-5g-allies-2019"
PROJECT_FILES = ("mkdocs.yml", "content", "templates", "docs")


def copy_project(destination: Path) -> Path:
    """Copy the project's site sources (config, content, templates, docs) into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's site sources, safe to edit and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content built once with ``mkdocs build --strict``; read-only for tests."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def seed_article() -> str:
    if not SEED_ARTICLE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed article missing in CI: {SEED_ARTICLE}")
        pytest.skip("seed article not available beside the repository")
    return SEED_ARTICLE.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def mkdocs_build(project_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` of a project folder, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project_dir,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
