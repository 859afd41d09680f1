"""`briefing export` replaces only a folder it wrote: anything else is refused with a one-line
usage error (exit 2), and nothing of the user's is changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, require
from generator.cli import EXPORT_MARKER, main

OBSTACLES = ["file", "symlink to an export", "dangling symlink", "folder of the user's", "fifo"]
REASONS = {
    "file": "exists and is not a folder",
    "symlink to an export": "is a symbolic link",
    "dangling symlink": "is a symbolic link",
    "folder of the user's": "was not written by briefing",
    "fifo": "exists and is not a folder",
}
NAMES = st.text(
    st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1, max_size=16
).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)


def make_obstacle(kind: str, target: Path, name: str) -> None:
    if kind == "file":
        target.write_text(name)
    elif kind == "symlink to an export":
        export = target.with_name("an-export")
        export.mkdir()
        (export / EXPORT_MARKER).write_text("an earlier export\n")
        target.symlink_to(export)
    elif kind == "dangling symlink":
        target.symlink_to(target.with_name("nowhere"))
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
        (target / name).write_text("mine")


def snapshot(parent: Path) -> dict[str, object]:
    return {
        str(p.relative_to(parent)): (
            os.readlink(p)
            if p.is_symlink()
            else p.read_bytes()
            if p.is_file()
            else p.stat().st_mode
        )
        for p in sorted(parent.rglob("*"))
    }


def usage_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, output
    return lines[0]


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(OBSTACLES), name=NAMES)
def test_export_refuses_what_is_not_an_earlier_export(tmp_path_factory, kind, name):
    parent = tmp_path_factory.mktemp("export")
    target = parent / f"out {name}"
    make_obstacle(kind, target, name)
    before = snapshot(parent)
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(target),
            "--content",
            str(ROOT / "content"),
            "--templates",
            str(ROOT / "templates"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert REASONS[kind] in usage_error(result.output)
    assert "Traceback" not in result.output
    assert snapshot(parent) == before


def test_export_replaces_an_earlier_export_whole(tmp_path):
    out = tmp_path / "out"
    arguments = [
        "export",
        str(out),
        "--content",
        str(ROOT / "content"),
        "--templates",
        str(ROOT / "templates"),
    ]
    assert CliRunner().invoke(main, arguments).exit_code == 0
    (out / "stale.md").write_text("from an earlier export\n")
    assert CliRunner().invoke(main, arguments).exit_code == 0
    assert (out / EXPORT_MARKER).is_file() and (out / "docs" / "index.md").is_file()
    assert not (out / "stale.md").exists()
    assert os.listdir(tmp_path) == ["out"]  # no staging folder left beside it


def briefing(
    *args: str, cwd: Path, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def readable_project():
    """A copy of the project's content where the user `nobody` can read it."""
    top = Path(tempfile.mkdtemp(prefix="export-"))
    try:
        for name in ("content", "templates"):
            shutil.copytree(ROOT / name, top / name)
        for folder, _, _ in os.walk(top):
            Path(folder).chmod(0o755)
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_export_into_a_read_only_folder_is_a_usage_error(readable_project):
    require(shutil.which("setpriv") is not None, "setpriv")
    before = snapshot(readable_project)
    as_nobody = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")
    result = briefing("export", "out", cwd=readable_project, prefix=as_nobody)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot write beside it" in usage_error(result.stderr)
    assert snapshot(readable_project) == before


def test_export_onto_a_mount_point_is_a_usage_error(readable_project):
    require(shutil.which("unshare") is not None, "unshare")
    (readable_project / "out").mkdir()
    script = (
        f'mount -t tmpfs briefing-test out || exit 99; "{sys.executable}" -m generator.cli export out; '
        'echo "exit=$?"; ls -A out'
    )
    result = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        cwd=readable_project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    require(result.returncode != 99, "mounting a tmpfs in a mount namespace")
    assert result.stdout.strip() == "exit=2", result.stdout  # and nothing written on the mount
    assert "out is a mount point" in usage_error(result.stderr)
