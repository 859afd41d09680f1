"""Build the published site with a real engine (MkDocs or ProperDocs), as the Pages workflow does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def build(
    site_dir: Path,
    *,
    site_url: str = "",
    engine: str = "mkdocs",
    cwd: Path = PROJECT,
    bin_dir: Path = BIN,
) -> subprocess.CompletedProcess:
    """``<engine> build --strict`` of the project's mkdocs.yml into ``site_dir``; fails the test on error."""
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    command = [
        str(bin_dir / engine),
        "build",
        "--strict",
        "-f",
        str(cwd / "mkdocs.yml"),
        "-d",
        str(site_dir),
    ]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{engine} build failed:\n{result.stderr}"
    return result
