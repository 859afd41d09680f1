"""The output-folder policy (generator/site/output.py): a target is replaced whole or not at all.

Kills are real: the build runs in a forked child that SIGKILLs itself at a chosen moment, so the
kernel, not the code under test, drops its locks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site import output as folders
from generator.site.output import SITE_MARKER, FolderError, StagedFolder, replaced_whole

ROOT = Path(__file__).resolve().parents[2]
PATHS = ["index.html", "a/index.html", "a/b/page.html", "pagefind/chunk.pf", "data.json"]
SITES = st.dictionaries(st.sampled_from(PATHS), st.binary(max_size=16), min_size=1)


def manifest(folder: Path) -> dict[str, bytes] | None:
    """The files of a folder (marker aside) with their bytes; None when there is no folder."""
    if not folder.is_dir():
        return None
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != SITE_MARKER
    }


def debris(parent: Path) -> list[str]:
    return sorted(name for name in os.listdir(parent) if name != "site")


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def build(site: Path, files: dict[str, bytes]) -> None:
    output = StagedFolder(site, marker=SITE_MARKER)
    write_files(output.open(), files)
    output.publish()


def test_a_build_swaps_the_new_folder_in_and_leaves_nothing_beside_it(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": b"one", "old.html": b"gone soon"})
    build(site, {"index.html": b"two"})
    assert manifest(site) == {"index.html": b"two"}
    assert (site / SITE_MARKER).is_file()
    assert debris(tmp_path) == []
    # Made as any folder would be (the umask applies), not private like a temporary folder.
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_failed_build_leaves_the_target_as_it_was(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": b"good"})
    with pytest.raises(RuntimeError), replaced_whole(site, marker=SITE_MARKER) as staging:
        write_files(staging, {"index.html": b"half"})
        raise RuntimeError("the build failed")
    assert manifest(site) == {"index.html": b"good"}
    assert debris(tmp_path) == []


def test_without_an_atomic_exchange_two_renames_do_the_swap(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "_exchange", lambda *args: False)
    site = tmp_path / "site"
    build(site, {"index.html": b"one"})
    build(site, {"index.html": b"two"})
    assert manifest(site) == {"index.html": b"two"}
    assert debris(tmp_path) == []


def test_two_builds_at_once_each_keep_their_staging_folder(tmp_path):
    site = tmp_path / "site"
    first, second = StagedFolder(site, marker=SITE_MARKER), StagedFolder(site, marker=SITE_MARKER)
    write_files(first.open(), {"index.html": b"first"})
    write_files(second.open(), {"index.html": b"second"})  # must not clean the first one away
    second.publish()
    assert manifest(site) == {"index.html": b"second"}
    first.publish()
    assert manifest(site) == {"index.html": b"first"}
    assert debris(tmp_path) == []


OBSTACLES = [
    "file",
    "symlink to a site",
    "dangling symlink",
    "folder of the user's",
    "marker is a link",
]


def make_obstacle(kind: str, target: Path, name: str) -> None:
    if kind == "file":
        target.write_text(name)
    elif kind == "symlink to a site":
        build(target.with_name("real-site"), {"index.html": b"x"})
        target.symlink_to(target.with_name("real-site"))
    elif kind == "dangling symlink":
        target.symlink_to(target.with_name("nowhere"))
    else:
        target.mkdir()
        (target / name).write_text("mine")
        if kind == "marker is a link":
            (target / SITE_MARKER).symlink_to(target / name)


def snapshot(parent: Path) -> dict[str, object]:
    """Everything in ``parent``, links as their targets: to show nothing was changed."""
    found: dict[str, object] = {}
    for path in sorted(parent.rglob("*")):
        key = str(path.relative_to(parent))
        found[key] = (
            os.readlink(path)
            if path.is_symlink()
            else path.read_bytes()
            if path.is_file()
            else "folder"
        )
    return found


NAMES = st.text(
    st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda n: n not in (".", "..", SITE_MARKER) and len(n.encode()) < 200)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(OBSTACLES), name=NAMES)
def test_what_is_not_a_folder_of_ours_is_refused_in_one_line_and_left_alone(
    tmp_path_factory, kind, name
):
    parent = tmp_path_factory.mktemp("refused")
    target = parent / f"site {name}"
    make_obstacle(kind, target, name)
    before = snapshot(parent)
    with pytest.raises(FolderError) as refused:
        StagedFolder(target, marker=SITE_MARKER).open()
    message = str(refused.value)
    assert "\n" not in message and "\r" not in message and message.startswith(str(parent))
    assert snapshot(parent) == before


def test_a_site_with_a_mount_point_deep_inside_is_refused_before_it_is_written(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": b"one", "a/b/page.html": b"two"})
    inner = site / "a" / "b" / "mounted"
    inner.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "none", str(inner)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a file system is not allowed here")
    try:
        with pytest.raises(FolderError, match=r"site/a/b/mounted is a mount point"):
            StagedFolder(site, marker=SITE_MARKER).open()
        assert debris(tmp_path) == []
    finally:
        subprocess.run(["umount", str(inner)], check=True)


def test_a_kept_old_folder_is_locked_until_discarded_and_then_gone(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": b"one"})
    output = StagedFolder(site, marker=SITE_MARKER)
    write_files(output.open(), {"index.html": b"two"})
    old = output.publish(keep_old=True)
    assert manifest(old) == {"index.html": b"one"} and manifest(site) == {"index.html": b"two"}
    build(site, {"index.html": b"three"})  # another build's cleaning leaves it: it is locked
    assert manifest(old) == {"index.html": b"one"}
    output.discard()
    assert not old.exists() and debris(tmp_path) == []


def test_an_empty_folder_and_a_site_from_before_the_marker_are_replaced(tmp_path):
    (tmp_path / "site").mkdir()
    build(tmp_path / "site", {"index.html": b"one"})
    (tmp_path / "site" / SITE_MARKER).unlink()
    (tmp_path / "site" / "pagefind").mkdir()
    earlier = StagedFolder(
        tmp_path / "site",
        marker=SITE_MARKER,
        earlier_version=lambda folder: (folder / "pagefind").is_dir(),
    )
    write_files(earlier.open(), {"index.html": b"two"})
    earlier.publish()
    assert manifest(tmp_path / "site") == {"index.html": b"two"}


# -- kills ---------------------------------------------------------------------------------------


def _kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(moment: str, files: dict[str, bytes]) -> None:
    """In the child: SIGKILL this process at ``moment`` of a build."""
    if moment == "swapped":  # exchanged, the old folder not yet deleted
        exchange = folders._exchange
        folders._exchange = lambda *args: exchange(*args) and _kill_self()
    elif moment == "set aside":  # no exchange on this system: between the two renames
        folders._exchange = lambda *args: False
        rename = os.rename

        def rename_then_die(source, destination):
            rename(source, destination)
            if ".replaced-" in str(destination):
                _kill_self()

        os.rename = rename_then_die
    elif moment == "removing":  # half-way through deleting the old folder
        remove = folders._remove

        def remove_half(folder):
            for path in sorted(Path(folder).rglob("*"))[::2]:
                if path.is_file():
                    path.unlink()
            _kill_self()
            remove(folder)

        folders._remove = remove_half


def killed_build(site: Path, files: dict[str, bytes], moment: str) -> None:
    """A build in a forked child, SIGKILLed at ``moment`` (if the build has that moment: the
    first build has no old folder to swap out or delete)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        finished = False
        try:
            _arm(moment, files)
            output = StagedFolder(site, marker=SITE_MARKER)
            staging = output.open()
            if moment == "opened":
                _kill_self()
            write_files(staging, files)
            if moment == "writing":
                _kill_self()
            output.publish()
            finished = True
        finally:
            os._exit(0 if finished else 4)
    _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0), (
        f"child ended with {status}"
    )


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["build", "fail", "kill"]),
        SITES,
        st.sampled_from(["opened", "writing", "swapped", "set aside", "removing"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_after_any_builds_failures_and_kills_the_site_is_a_complete_one(tmp_path_factory, steps):
    parent = tmp_path_factory.mktemp("sequence")
    site = parent / "site"
    last_good: dict[str, bytes] | None = None
    for action, files, moment in steps:
        if action == "build":
            build(site, files)
            last_good = files
            assert debris(parent) == []
        elif action == "fail":
            with pytest.raises(RuntimeError), replaced_whole(site, marker=SITE_MARKER) as staging:
                write_files(staging, files)
                raise RuntimeError("failed late")
            assert debris(parent) == []
        else:
            killed_build(site, files, moment)
            now = manifest(site)
            if moment == "set aside" and last_good is not None:
                # Two renames cannot be one step: the old site waits whole beside it, and the
                # next build puts it back.
                assert now is None and any(".site.replaced-" in name for name in debris(parent))
                recovering = StagedFolder(site, marker=SITE_MARKER)
                recovering.open()
                recovering.discard()
                now = manifest(site)
            assert now in (last_good, files), f"killed at {moment}: {now}"
            last_good = now
        assert manifest(site) == last_good
    build(site, {"index.html": b"last"})  # the next build cleans up whatever the kills left
    assert manifest(site) == {"index.html": b"last"}
    assert debris(parent) == []


KILLED_WITH_A_WORKER = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from generator.site.output import SITE_MARKER, StagedFolder
    staging = StagedFolder(Path(sys.argv[1]), marker=SITE_MARKER).open()
    worker = os.fork()
    if worker == 0:  # a worker, as the build's pools fork them, busy with a task of its own
        sys.stdin.buffer.read(1)
        os._exit(0)
    print(staging, worker, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_the_workers_of_a_killed_build_die_with_it_and_its_staging_folder_goes(tmp_path):
    site = tmp_path / "site"
    build(site, {"index.html": b"good"})
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WITH_A_WORKER, str(site)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        staging, worker = child.stdout.readline().split()
        staging = Path(staging)
        child.wait()
        assert child.returncode == -signal.SIGKILL and staging.is_dir()
        # A worker left running would go on writing into the staging folder the next build removes.
        deadline = time.monotonic() + 30  # a guard against hanging, not a measure
        while _state(worker) != "Z" and time.monotonic() < deadline:
            os.sched_yield()
        assert _state(worker) == "Z", "the worker outlived the killed build"
        build(site, {"index.html": b"next"})
        assert not staging.exists()
        assert debris(tmp_path) == []
    finally:
        child.stdin.close()  # the worker ends


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"
