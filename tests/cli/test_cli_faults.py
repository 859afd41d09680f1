"""Faults at the command line: each is one line on stderr, and nothing of the user's changes.

Every case runs the real ``briefing`` command in a subprocess on a copy of the project, then
checks the exit status (2 for usage, 1 for content and the user's environment), that the output
is a single ``Error: …`` line without a traceback, and that every file, folder and symlink that
was there before is byte-identical afterwards, with nothing added (no half file, no temporary).
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project, require
from generator import cli
from generator.authoring import skeletons

UNPRIVILEGED = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
KINDS = ["brief", "actor", "legal"]
FOLDER = {"brief": "briefs", "actor": "actors", "legal": "legal"}
ARTICLE = "sources/article.txt"
ARTICLE_TEXT = (
    'Ministers weigh a ban\n\nBy A. Writer\n\nLONDON, March 3, 2021 - "We will decide soon," '
    "said Jane Roe, the minister, on Tuesday.\n"
)
SUBPROCESS_EXAMPLES = settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def project():
    """A project copy any user can read (its root-owned files are then read-only to `nobody`)."""
    root = Path(tempfile.mkdtemp(prefix="briefing-faults-"))
    root.chmod(0o755)
    copy_project(root / "project")
    article = root / "project" / ARTICLE
    article.parent.mkdir()
    article.write_text(ARTICLE_TEXT)
    yield root / "project"
    for folder in root.rglob("*"):  # a test may have left folders read-only
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)
    shutil.rmtree(root)


def briefing(*args: str, cwd: Path, as_nobody: bool = False, file_size_limit: int | None = None):
    """Run ``briefing ARGS`` in ``cwd`` as the user would, with this worktree's code."""
    command = [sys.executable, "-m", "generator.cli", *args]
    if as_nobody:
        command = UNPRIVILEGED + command
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop(cli.DEBUG_VARIABLE, None)

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        command,
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size if file_size_limit is not None else None,
    )


def snapshot(root: Path) -> dict[str, object]:
    """Everything under ``root``: file bytes, symlink targets, folders, FIFOs, modes."""
    entries: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        mode = path.lstat().st_mode
        if path.is_symlink():
            entries[name] = ("symlink", os.readlink(path))
        elif path.is_dir():
            entries[name] = ("folder", mode)
        elif path.is_file():
            entries[name] = ("file", mode, path.read_bytes())
        else:
            entries[name] = ("other", mode)
    return entries


def assert_one_line_error(result, exit_code: int, *mentions: str) -> str:
    """The run failed with ``exit_code`` and said so in one ``Error:`` line naming ``mentions``."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == exit_code, output
    assert result.stdout == "", output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stderr.endswith("\n"), output
    assert lines[0].startswith("Error: "), output
    assert lines[0].isprintable(), output
    for mention in mentions:
        assert mention in lines[0], output
    return lines[0]


def unprivileged_available() -> bool:
    """Whether files can be made unwritable for the command: as a user, or as root via setpriv."""
    if os.geteuid() != 0:
        return True
    require(shutil.which("setpriv") is not None, "setpriv (root ignores permissions)")
    return True


def run_without_write_permission(project: Path, *args: str, read_only: Path):
    """Run ``briefing`` unable to write into ``read_only``: as nobody when root, else chmod."""
    unprivileged_available()
    if os.geteuid() == 0:
        return briefing(*args, cwd=project, as_nobody=True)
    read_only.chmod(0o555)
    try:
        return briefing(*args, cwd=project)
    finally:
        read_only.chmod(0o755)


def draft_args(brief_id: str = "drafted") -> tuple[str, ...]:
    return ("draft", ARTICLE, "--id", brief_id)


# --- Writing where one may not ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_new_into_a_read_only_folder(project, kind):
    before = snapshot(project)
    result = run_without_write_permission(
        project, "new", kind, "fresh", read_only=project / "content" / FOLDER[kind]
    )
    assert_one_line_error(result, 1, f"content/{FOLDER[kind]}/fresh.yaml", "ermission denied")
    assert snapshot(project) == before


def test_draft_into_a_read_only_folder(project):
    before = snapshot(project)
    briefs = project / "content/briefs"
    result = run_without_write_permission(project, *draft_args(), read_only=briefs)
    assert_one_line_error(result, 1, "content/briefs/drafted.yaml", "ermission denied")
    assert snapshot(project) == before


def test_new_into_a_missing_folder_of_a_read_only_content(project):
    shutil.rmtree(project / "content/legal")
    before = snapshot(project)
    content = project / "content"
    result = run_without_write_permission(project, "new", "legal", "fresh", read_only=content)
    assert_one_line_error(result, 1, "content/legal", "ermission denied")
    assert snapshot(project) == before


@contextlib.contextmanager
def read_only_mount(folder: Path):
    """``folder`` bind-mounted read-only over itself (EROFS), or a skip where mounting is denied."""
    if os.geteuid() != 0:
        pytest.skip("mounting needs root; the read-only folder tests cover this user")
    if subprocess.run(["mount", "--bind", folder, folder], capture_output=True).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        remount = ["mount", "-o", "remount,ro,bind", folder, folder]
        if subprocess.run(remount, capture_output=True).returncode != 0:
            pytest.skip("read-only remounts are not allowed here")
        yield folder
    finally:
        subprocess.run(["umount", folder], check=True)


@pytest.mark.parametrize(
    "args",
    [
        ("new", "brief", "fresh"),
        ("new", "actor", "fresh"),
        ("new", "legal", "fresh"),
        draft_args(),
        ("schema",),
    ],
    ids=["new-brief", "new-actor", "new-legal", "draft", "schema"],
)
def test_a_read_only_project(project, args):
    stale = project / "schema/actor.schema.json"
    stale.write_text(stale.read_text().replace("Display name", "Name"))  # so `schema` must write
    before = snapshot(project)
    with read_only_mount(project):
        result = briefing(*args, cwd=project)
    assert_one_line_error(result, 1, "Read-only file system")
    assert snapshot(project) == before


# --- A full disk ---------------------------------------------------------------------------------


@contextlib.contextmanager
def full_tmpfs(folder: Path):
    """A tiny tmpfs at ``folder`` (keeping what was there), filled until no block is left."""
    kept = {path.name: path.read_bytes() for path in folder.iterdir()}
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the file size limit test stands in")
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder]
    mounted = subprocess.run(mount, capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        for name, data in kept.items():
            (folder / name).write_bytes(data)
        with contextlib.suppress(OSError), open(folder / "filler", "wb", buffering=0) as filler:
            while True:
                filler.write(b"x" * 512)
        yield folder
    finally:
        subprocess.run(["umount", folder], check=True)


@pytest.mark.parametrize("args", [("new", "brief", "fresh"), draft_args()], ids=["new", "draft"])
def test_a_full_disk(project, args):
    with full_tmpfs(project / "content/briefs"):
        before = snapshot(project)
        result = briefing(*args, cwd=project)
        after = snapshot(project)
    assert_one_line_error(result, 1, "content/briefs/", "No space left on device")
    assert after == before


@pytest.mark.parametrize(
    "args",
    [("new", "brief", "fresh"), ("new", "legal", "fresh"), draft_args()],
    ids=["new", "legal", "draft"],
)
def test_a_file_size_limit(project, args):
    """RLIMIT_FSIZE: the write fails with EFBIG part-way, as on a disk that fills up."""
    before = snapshot(project)
    result = briefing(*args, cwd=project, file_size_limit=64)
    assert_one_line_error(result, 1, "content/", "File too large")
    assert snapshot(project) == before


# --- Targets that are taken or are not folders ---------------------------------------------------


def occupy(path: Path, how: str) -> None:
    """Put something at ``path`` that is not a folder: a file, symlinks, a FIFO."""
    if how == "file":
        path.write_text("the user's own text\n")
    elif how == "dangling symlink":
        path.symlink_to("nowhere")
    elif how == "symlink to a file":
        project = next(folder for folder in path.parents if (folder / "mkdocs.yml").exists())
        path.symlink_to(os.path.relpath(project / "mkdocs.yml", path.parent))
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "symlink loop":
        path.symlink_to(path.name)
    elif how == "folder":
        path.mkdir()


OCCUPANTS = ["file", "dangling symlink", "symlink to a file", "fifo", "symlink loop"]


@SUBPROCESS_EXAMPLES
@given(kind=st.sampled_from(KINDS), how=st.sampled_from(OCCUPANTS))
def test_a_kind_folder_that_is_not_a_folder_is_a_usage_error(project, kind, how):
    folder = project / "content" / FOLDER[kind]
    shutil.rmtree(folder)
    occupy(folder, how)
    try:
        before = snapshot(project)
        result = briefing("new", kind, "fresh", cwd=project)
        assert_one_line_error(result, 2, f"content/{FOLDER[kind]}", "not a folder")
        assert snapshot(project) == before
    finally:
        folder.unlink()
        folder.mkdir()


@SUBPROCESS_EXAMPLES
@given(how=st.sampled_from(OCCUPANTS))
def test_draft_when_briefs_is_not_a_folder(project, how):
    folder = project / "content/briefs"
    moved = project / "briefs.kept"
    folder.rename(moved)
    occupy(folder, how)
    try:
        before = snapshot(project)
        result = briefing(*draft_args(), cwd=project)
        assert_one_line_error(result, 2, "content/briefs", "not a folder")
        assert snapshot(project) == before
    finally:
        folder.unlink()
        moved.rename(folder)


@SUBPROCESS_EXAMPLES
@given(
    kind=st.sampled_from(KINDS),
    record_id=st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
    how=st.sampled_from([*OCCUPANTS, "folder"]),
)
def test_new_never_replaces_what_is_at_the_target(project, kind, record_id, how):
    target = project / "content" / FOLDER[kind] / f"{record_id}.yaml"
    if os.path.lexists(target):
        return  # a shipped record: covered by test_cli.test_new_refuses_to_overwrite
    occupy(target, how)
    try:
        before = snapshot(project)
        result = briefing("new", kind, record_id, cwd=project)
        named = f"content/{FOLDER[kind]}/{record_id}.yaml"
        assert_one_line_error(result, 1, named, "already exists")
        assert snapshot(project) == before
    finally:
        target.rmdir() if how == "folder" else target.unlink()


@pytest.mark.parametrize("how", [*OCCUPANTS, "folder"])
def test_draft_never_replaces_what_is_at_the_target(project, how):
    occupy(project / "content/briefs/drafted.yaml", how)
    before = snapshot(project)
    result = briefing(*draft_args(), cwd=project)
    # draft.py resolves the target's path first, and a loop fails there (said as such)
    reason = "symlink loop" if how == "symlink loop" else "already exists"
    assert_one_line_error(result, 1, "content/briefs/drafted.yaml", reason)
    assert snapshot(project) == before


def test_schema_leaves_a_file_of_the_users_alone(project):
    (project / "schema/brief.schema.json").write_text("my notes, not a schema\n")
    (project / "schema/actor.schema.json").unlink()
    (project / "schema/actor.schema.json").symlink_to("../mkdocs.yml")
    before = snapshot(project)
    result = briefing("schema", cwd=project)
    assert_one_line_error(result, 1, "schema/", "left as it was")
    assert snapshot(project) == before


def test_schema_replaces_its_own_stale_file_and_nothing_else(project):
    stale = project / "schema/actor.schema.json"
    stale.write_text(stale.read_text().replace("Display name", "Name"))
    untouched = {
        name: (project / "schema" / name).stat().st_mtime_ns
        for name in ("brief.schema.json", "legal.schema.json")
    }
    result = briefing("schema", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote schema/actor.schema.json\n"
    assert "Display name" in stale.read_text()
    assert {name: (project / "schema" / name).stat().st_mtime_ns for name in untouched} == untouched
    assert sorted(p.name for p in (project / "schema").iterdir()) == [
        "actor.schema.json",
        "brief.schema.json",
        "legal.schema.json",
    ]


# --- Articles that are not regular files --------------------------------------------------------


def make_article(project: Path, how: str) -> str:
    """An ARTICLE argument that is not a readable regular file."""
    path = project / "sources/odd"
    if how == "/dev/zero":
        return "/dev/zero"
    if how == "folder":
        path.mkdir()
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "dangling symlink":
        path.symlink_to("nowhere")
    elif how == "symlink loop":
        path.symlink_to("odd")
    elif how == "symlink to /dev/zero":
        path.symlink_to("/dev/zero")
    elif how == "missing":
        pass
    return "sources/odd"


@pytest.mark.parametrize(
    "how",
    [
        "/dev/zero",
        "folder",
        "fifo",
        "dangling symlink",
        "symlink loop",
        "symlink to /dev/zero",
        "missing",
    ],
)
def test_draft_of_what_is_not_a_regular_file_is_a_usage_error(project, how):
    article = make_article(project, how)
    before = snapshot(project)
    result = briefing("draft", article, cwd=project)
    assert_one_line_error(result, 2, article)
    assert snapshot(project) == before


def test_draft_of_an_unreadable_article_is_a_usage_error(project):
    article = project / ARTICLE
    article.chmod(0o600 if os.geteuid() == 0 else 0o000)
    before = snapshot(project)
    unprivileged_available()
    result = briefing(*draft_args(), cwd=project, as_nobody=os.geteuid() == 0)
    assert_one_line_error(result, 2, ARTICLE, "not readable")
    assert snapshot(project) == before


def test_draft_of_an_article_that_is_not_utf8_leaves_no_folder_behind(project):
    (project / ARTICLE).write_bytes(b'Caf\xe9 owners said "no"\n')
    shutil.rmtree(project / "content/briefs")  # draft makes it, and must remove it on failure
    before = snapshot(project)
    result = briefing(*draft_args(), cwd=project)
    assert_one_line_error(result, 1, ARTICLE, "UTF-8")
    assert snapshot(project) == before


# --- Usage errors --------------------------------------------------------------------------------


USAGE_ERRORS = [
    ("new",),
    ("new", "planet", "x"),
    ("new", "brief"),
    ("new", "brief", "Not Safe"),
    ("new", "brief", "x", "--content", "missing"),
    ("new", "brief", "x", "--content", "mkdocs.yml"),
    ("new", "brief", "x", "--templates", "missing"),
    ("draft",),
    ("draft", ARTICLE, "--id", "../up"),
    ("check", "--format", "xml"),
    ("check", "no-such.yaml"),
    ("--no-such-option",),
    ("nonsense",),
    ("schema", "--out", "mkdocs.yml"),
]


@pytest.mark.parametrize("args", [("new", "planet", "x"), ("draft", ARTICLE, "--id", "../up")])
def test_usage_errors_are_one_line(project, args):
    before = snapshot(project)
    result = briefing(*args, cwd=project)
    line = assert_one_line_error(result, 2)
    assert "--help" in line  # says where to look
    assert snapshot(project) == before


def test_every_usage_error_is_one_line(project, monkeypatch):
    """The same boundary, run in process to try many cases quickly (startup takes seconds)."""
    monkeypatch.chdir(project)
    before = snapshot(project)
    for args in USAGE_ERRORS:
        result = CliRunner().invoke(cli.main, list(args), prog_name="briefing")
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == "", args
        assert result.stderr.count("\n") == 1, (args, result.stderr)
        assert result.stderr.startswith("Error: "), (args, result.stderr)
        assert result.stderr.rstrip("\n").isprintable(), (args, result.stderr)
        assert "--help" in result.stderr, args
    assert snapshot(project) == before


# --- What the boundary does with our own faults (in process: a bug cannot be provoked from outside)


def test_an_unexpected_error_is_one_line_saying_it_is_a_bug(project, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("surprise\nsecond line")

    monkeypatch.chdir(project)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    monkeypatch.setattr(skeletons, "new_record", broken)
    result = CliRunner().invoke(cli.main, ["new", "brief", "x"])
    assert result.exit_code == cli.EXIT_BUG
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: internal error, a bug in briefing (KeyError: ")
    assert "\\n" in result.stderr  # the newline in the message is shown, not obeyed


def test_the_debug_variable_shows_the_traceback(project, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("surprise")

    monkeypatch.chdir(project)
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    monkeypatch.setattr(skeletons, "new_record", broken)
    result = CliRunner().invoke(cli.main, ["new", "brief", "x"])
    assert isinstance(result.exception, KeyError)
