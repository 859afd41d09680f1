"""One build date for identical input: ``SOURCE_DATE_EPOCH``, or the last commit's time.

Anything stamped into the output (the sitemap's dates, say) must come from here,
never from the wall clock, so two builds of the same commit are byte-identical.
See https://reproducible-builds.org/specs/source-date-epoch/.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path


def source_date_epoch(project_dir: Path) -> str | None:
    """The build time in seconds since the epoch, as a string, or None when unknown."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project_dir,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def pin_build_date(project_dir: Path) -> None:
    """Set ``SOURCE_DATE_EPOCH`` for this process (and the tools it runs) if it is not set."""
    epoch = source_date_epoch(project_dir)
    if epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch


def build_moment() -> datetime.datetime | None:
    """The build's time from ``SOURCE_DATE_EPOCH`` (which the MkDocs plugin pins to the last
    commit), in UTC; None when it is not set or not a time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def build_day() -> str:
    """The build's date, YYYY-MM-DD in UTC, else today. What is upcoming and what has passed
    is seen from it."""
    moment = build_moment() or datetime.datetime.now(datetime.UTC)
    return moment.date().isoformat()
