"""Real `mkdocs build`s and site/: killed at any moment, failing late, or facing a site/ it may
not replace, a build leaves site/ the last complete site, and leaves nothing beside it."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import require
from generator.site.output import SITE_MARKER
from helpers.site_builder import REPO, write_config
from helpers.synthetic_corpus import write_corpus

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
SETPRIV = shutil.which("setpriv")
AS_NOBODY = [SETPRIV or "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def manifest(site: Path) -> dict[str, str]:
    """Every file of a site with the hash of its bytes."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def debris(work: Path) -> list[str]:
    return sorted(name for name in os.listdir(work) if name.startswith(".site"))


def mkdocs(
    work: Path, *args: str, prefix: tuple[str, ...] = (), strict: bool = True
) -> subprocess.CompletedProcess[str]:
    command = [
        *prefix,
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict" if strict else "--no-strict",
        *args,
    ]
    return subprocess.run(command, cwd=work, capture_output=True, text=True, env=ENV, timeout=600)


def assert_complete(site: Path) -> None:
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert (site / SITE_MARKER).is_file()


# -- kills ---------------------------------------------------------------------------------------


def staging_folders(work: Path) -> list[Path]:
    return [work / name for name in debris(work) if ".building-" in name]


def pages_written(work: Path, count: int) -> Callable[[int], bool]:
    def reached(pid: int) -> bool:
        # os.walk, since a folder may vanish meanwhile (the build cleans what earlier kills left)
        pages = (
            name
            for folder in staging_folders(work)
            for _, _, names in os.walk(folder)
            for name in names
            if name.endswith(".html")
        )
        return sum(1 for _ in itertools.islice(pages, count)) >= count

    return reached


def pagefind_running(pid: int) -> bool:
    """Whether the build (its main thread, which runs Pagefind) has a Pagefind child now."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return False
    for child in children:
        try:
            if "pagefind" in Path(f"/proc/{child}/comm").read_text():
                return True
        except OSError:
            continue
    return False


def kill_when(work: Path, reached: Callable[[int], bool]) -> None:
    """Start `mkdocs build`, SIGKILL it once ``reached`` (polled), and wait for it to end."""
    with open(work / "build.log", "w") as log:
        build_process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=work,
            stdout=log,
            stderr=log,
            env=ENV,
        )
    try:
        while not reached(build_process.pid):
            assert build_process.poll() is None, "the build ended before the moment to kill it"
            os.sched_yield()
        build_process.send_signal(signal.SIGKILL)
    finally:
        build_process.kill()
        build_process.wait()


def test_a_build_killed_at_any_moment_leaves_the_last_complete_site(tmp_path):
    content = write_corpus(tmp_path, briefs=150, actors=40, seed=11)
    work = tmp_path / "work"
    write_config(content, work)
    first = mkdocs(work)
    assert first.returncode == 0, first.stderr
    site = work / "site"
    assert_complete(site)
    last_good = manifest(site)
    # The next build has something new to write: a kill must not mix it into site/.
    (content / "briefs" / sorted(os.listdir(content / "briefs"))[0]).unlink()

    moments = {
        "before any page": lambda pid: bool(staging_folders(work)),
        "while pages are written": pages_written(work, 150),
        "while Pagefind indexes": pagefind_running,
    }
    for moment, reached in moments.items():
        kill_when(work, reached)
        assert manifest(site) == last_good, f"killed {moment}"

    # A build failing late (a strict-mode warning, found once pages are written) keeps it too.
    docs = shutil.copytree(REPO / "docs", tmp_path / "docs")
    (docs / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n")
    write_config(content, work, docs_dir=docs)
    failed = mkdocs(work)
    assert failed.returncode == 1 and "nowhere.md" in failed.stderr
    assert manifest(site) == last_good
    assert debris(work) == []

    (docs / "broken.md").unlink()
    again = mkdocs(work)
    assert again.returncode == 0, again.stderr
    assert_complete(site)
    assert manifest(site) != last_good
    assert debris(work) == [], "the next build removes what the killed ones left"


# -- site/ that may not be replaced -------------------------------------------------------------


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("built")
    write_config(write_corpus(top, briefs=20, actors=15, seed=3), top / "work")
    assert mkdocs(top / "work").returncode == 0
    return top


@pytest.fixture
def small_project(built_project: Path) -> Iterator[Path]:
    """A copy of a built project, in a folder other users can read (for the runs as `nobody`)."""
    top = Path(tempfile.mkdtemp(prefix="site-output-"))
    try:
        shutil.copytree(built_project, top, dirs_exist_ok=True, symlinks=True)
        write_config(top / "content", top / "work")  # the configuration names its content folder
        for folder, _, _ in os.walk(top):
            Path(folder).chmod(0o755)
        yield top / "work"
    finally:
        shutil.rmtree(top, ignore_errors=True)


def state(work: Path) -> dict[str, object]:
    """Everything in the project folder: files by hash, links by target, folders and modes."""
    found: dict[str, object] = {}
    for path in sorted(work.rglob("*")):
        key = str(path.relative_to(work))
        if path.is_symlink():
            found[key] = ("link", os.readlink(path))
        elif path.is_file():
            found[key] = (
                "file",
                hashlib.sha256(path.read_bytes()).hexdigest(),
                path.stat().st_mode,
            )
        else:
            found[key] = ("folder", path.stat().st_mode)
    return found


def assert_refused(result: subprocess.CompletedProcess[str], reason: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and reason in errors[0], result.stderr


def replace_site(work: Path, kind: str) -> None:
    site = work / "site"
    shutil.move(site, work / "elsewhere")  # a site of ours, but elsewhere
    if kind == "file":
        site.write_text("not a site\n")
    elif kind == "link":
        site.symlink_to("elsewhere")
    elif kind == "dangling link":
        site.symlink_to("nowhere")
    elif kind == "folder of the user's":
        site.mkdir()
        (site / "notes.md").write_text("mine\n")


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("file", "site exists and is not a folder"),
        ("link", "site is a symbolic link"),
        ("dangling link", "site is a symbolic link"),
        ("folder of the user's", "site exists and was not written by briefing"),
    ],
)
def test_a_site_folder_that_is_not_ours_is_refused_and_left_alone(small_project, kind, reason):
    replace_site(small_project, kind)
    before = state(small_project)
    assert_refused(mkdocs(small_project), reason)
    assert state(small_project) == before


def test_a_site_on_a_mount_point_is_refused_and_nothing_is_written(small_project):
    require(shutil.which("unshare") is not None, "unshare")
    before = state(small_project)
    script = (
        "mount -t tmpfs briefing-test site || exit 99; "
        f'"{sys.executable}" -m mkdocs build --strict; echo "exit=$?"; ls -A site'
    )
    result = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        cwd=small_project,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    require(result.returncode != 99, "mounting a tmpfs in a mount namespace")
    assert result.stdout.strip().endswith("exit=1"), (
        result.stdout
    )  # and nothing written on the mount
    assert_refused(subprocess.CompletedProcess([], 1, "", result.stderr), "site is a mount point")
    assert state(small_project) == before


def chown_to_nobody(top: Path) -> None:
    for folder, _, files in os.walk(top):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            os.chown(name, 65534, 65534)


def as_nobody_available() -> None:
    require(SETPRIV is not None, "setpriv")


def test_a_read_only_project_is_refused_and_left_alone(small_project):
    as_nobody_available()
    chown_to_nobody(small_project / "site")  # the site is theirs; the folder around it is not
    before = state(small_project)
    assert_refused(mkdocs(small_project, prefix=tuple(AS_NOBODY)), "cannot write beside it")
    assert state(small_project) == before


def test_a_read_only_site_is_refused_and_leaves_nothing_behind(small_project):
    as_nobody_available()
    chown_to_nobody(small_project)
    (small_project / "site").chmod(0o555)
    before = state(small_project)
    assert_refused(mkdocs(small_project, prefix=tuple(AS_NOBODY)), "site is read-only")
    assert state(small_project) == before


# -- the real path after the build --------------------------------------------------------------


def test_after_a_build_mkdocs_sees_the_real_site_folder(tmp_path):
    # gh-deploy and hooks after the build read config.site_dir: it must be site/, not the staging.
    config_file = write_config(
        write_corpus(tmp_path, briefs=20, actors=15, seed=3), tmp_path / "work"
    )
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert config.site_dir == str(tmp_path / "work" / "site")
    assert_complete(tmp_path / "work" / "site")
    assert debris(tmp_path / "work") == []


def test_a_dirty_build_starts_from_the_current_site_and_replaces_it_whole(small_project):
    before = manifest(small_project / "site")
    (small_project / "site" / "kept-by-dirty.txt").write_text("MkDocs --dirty leaves stale files\n")
    result = mkdocs(small_project, "--dirty", strict=False)  # --dirty warns; strict would count it
    assert result.returncode == 0, result.stderr
    assert_complete(small_project / "site")
    assert set(manifest(small_project / "site")) >= set(before) | {"kept-by-dirty.txt"}
    assert debris(small_project) == []
