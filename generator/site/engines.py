"""What `briefing export` writes besides the pages: a site project any engine of the MkDocs
family builds (MkDocs 1.6 with Material, ProperDocs, Zensical), and the search step after it.

The project's own mkdocs.yml runs the briefing plugin; an engine that runs no third-party
plugins (Zensical) cannot use it. The exported project needs none: its pages are written out,
its styles listed in ``extra_css`` (the search page loads its own script), and Pagefind indexes the
built site afterwards (``build.sh``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DOCS = "docs"
OVERRIDES = "overrides"
# The theme keys every engine reads; the rest of the project's theme settings are MkDocs-only.
_THEME_KEYS = ("name", "language", "features", "palette", "font")
_KEPT = (
    "site_name",
    "site_description",
    "use_directory_urls",
    "nav",
    "not_in_nav",
    "markdown_extensions",
)
# Stylesheets that the theme override (templates/overrides/main.html) links itself, only where
# they are needed, instead of extra_css, which every page would wait for before its first paint:
# print styles (media="print"), the search page's, and the stance matrix's and network
# explorer's (stances/ and network/). The MkDocs plugin leaves them out of extra_css too.
LINKED_BY_THEME = frozenset({"assets/print.css", "assets/search.css", "assets/analysis.css"})

BUILD_SCRIPT = """#!/bin/sh
# Build this site with an engine that reads mkdocs.yml, then index it for search (Pagefind).
#   ./build.sh              MkDocs 1.6 + Material for MkDocs (pip install mkdocs-material)
#   ./build.sh properdocs   ProperDocs + Material for MkDocs (pip install properdocs mkdocs-material)
#   ./build.sh zensical     Zensical (pip install zensical)
# Pagefind: pip install 'pagefind[bin]'. The site is written to site/.
set -eu
cd "$(dirname "$0")"
engine="${1:-mkdocs}"
"$engine" build
python3 -m pagefind --site site --output-subdir pagefind \\
  --root-selector '[data-pagefind-body]' --exclude-selectors .headerlink
"""


class _ConfigLoader(yaml.SafeLoader):
    """Reads the project's mkdocs.yml, whose !ENV values are left to the export's options."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def project_settings(project_config: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as data ({} when it is missing or unreadable)."""
    try:
        loaded = yaml.load(project_config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def directory_urls(project: dict[str, Any]) -> bool:
    """Whether pages are folders (briefs/x/) or files (briefs/x.html), as every engine reads
    ``use_directory_urls``: the export's links must be written the way the engine lays out pages."""
    return project.get("use_directory_urls") is not False


def hand_written_files(project_config: Path, project: dict[str, Any]) -> list[tuple[str, Path]]:
    """The project's own pages (docs/about.md …), which the generated ones sit beside."""
    folder = project_config.parent / str(project.get("docs_dir") or "docs")
    if not folder.is_dir():
        return []
    return [
        (f"{DOCS}/{path.relative_to(folder).as_posix()}", path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def engine_config(project: dict[str, Any], asset_paths: list[str], site_url: str) -> dict[str, Any]:
    """The exported project's mkdocs.yml: the project's navigation, theme and Markdown settings,
    the pages' styles listed, and no plugins (search is Pagefind's, run after)."""
    config: dict[str, Any] = {key: project[key] for key in _KEPT if key in project}
    config.setdefault("site_name", "Briefings")
    config["site_url"] = site_url
    config["docs_dir"] = DOCS
    theme = project.get("theme") or {}
    config["theme"] = {key: theme[key] for key in _THEME_KEYS if key in theme}
    config["theme"].setdefault("name", "material")
    config["theme"]["font"] = False  # nothing loaded from outside the site
    config["theme"]["custom_dir"] = OVERRIDES
    config["extra_css"] = [
        path for path in asset_paths if path.endswith(".css") and path not in LINKED_BY_THEME
    ]
    config["plugins"] = []  # MkDocs would add its own search otherwise
    return config


def config_text(config: dict[str, Any]) -> str:
    header = "# Written by `briefing export`: build with ./build.sh [mkdocs|properdocs|zensical].\n"
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def override_files(templates_dir: Path) -> list[tuple[str, Path]]:
    """The theme override (page metadata escaped in <head>, the search mark), as files to copy."""
    folder = templates_dir / "overrides"
    return [
        (f"{OVERRIDES}/{path.relative_to(folder).as_posix()}", path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]
