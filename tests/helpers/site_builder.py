"""Real MkDocs builds for tests: the project's own mkdocs.yml, pointed at any content folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def build_site(
    content_dir: Path, work: Path, *, theme: dict | None = None, **plugin_options: object
) -> Path:
    """Build the site for ``content_dir`` with MkDocs (strict) into ``work/site``; return it.
    ``theme`` replaces the project's theme settings; ``plugin_options`` go to the briefing plugin."""
    config_file = write_config(content_dir, work, theme=theme, **plugin_options)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return work / "site"


def write_config(
    content_dir: Path,
    work: Path,
    docs_dir: Path | None = None,
    *,
    theme: dict | None = None,
    **plugin_options: object,
) -> Path:
    """A configuration file in ``work`` for the site of ``content_dir``, built into ``work/site``
    (with the project's hand-written pages unless ``docs_dir`` says otherwise)."""
    work.mkdir(parents=True, exist_ok=True)
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(docs_dir or REPO / "docs"),
        "theme": theme or {"name": "material", "custom_dir": str(REPO / "templates" / "overrides")},
        "site_dir": str(work / "site"),
        "plugins": [
            {
                "briefing": {
                    "content_dir": str(Path(content_dir).resolve()),
                    "templates_dir": str(REPO / "templates"),
                    **plugin_options,
                }
            },
        ],
    }
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    return config_file
