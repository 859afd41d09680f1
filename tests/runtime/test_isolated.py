import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from generator.runtime import isolated
from generator.runtime.isolated import ChildFailed, call_isolated
from generator.runtime.parallel import _resident_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def forkable(monkeypatch):
    """The test session may have an idle thread of its own (a site server, session-wide), where
    ``call_isolated`` would not fork: these tests are about the child, so it forks anyway."""
    monkeypatch.setattr(isolated, "can_isolate", lambda: True)


def test_the_step_runs_in_another_process_and_its_result_comes_back(forkable):
    here = os.getpid()
    pid, result = call_isolated(lambda: (os.getpid(), {"pages": list(range(1000))}))
    assert pid != here and result == {"pages": list(range(1000))}


def test_what_the_step_allocates_is_not_left_in_this_process(forkable):
    before = _resident_bytes()
    kept: list = []

    def allocate() -> int:
        kept.append(b"x" * (300 * 2**20))  # written, so resident
        return len(kept[0])

    assert call_isolated(allocate) == 300 * 2**20 and kept == []
    assert _resident_bytes() - before < 50 * 2**20


def test_an_error_in_the_step_is_raised_here_with_the_childs_traceback_as_its_cause(forkable):
    def failing_step():
        raise KeyError("no such brief")

    with pytest.raises(KeyError, match="no such brief") as raised:
        call_isolated(failing_step)
    assert "failing_step" in str(raised.value.__cause__)


def test_an_error_that_does_not_pickle_is_raised_as_its_name_and_message(forkable):
    class Local(Exception):  # a local class pickles by name: it cannot be found
        pass

    def failing_step():
        raise Local("bad template")

    with pytest.raises(RuntimeError, match="Local: bad template"):
        call_isolated(failing_step)


def test_a_child_killed_midway_is_an_error_naming_the_signal(forkable):
    here = os.getpid()

    def killed_step():
        if os.getpid() != here:  # never this process: it runs the tests
            os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ChildFailed, match="SIGKILL"):
        call_isolated(killed_step)


def test_a_result_that_does_not_pickle_is_an_error_not_a_hang(forkable, capfd):
    with pytest.raises(ChildFailed, match="exit status 1"):
        call_isolated(lambda: threading.Lock())
    assert "pickle" in capfd.readouterr().err


def test_the_childs_log_records_are_handled_here_once_and_in_order(forkable, caplog):
    logger = logging.getLogger("briefing-test.isolated")
    logger.addHandler(logging.NullHandler())  # a second logger with handlers on the way up
    caplog.set_level(logging.INFO)
    here = os.getpid()

    def logging_step():
        logger.info("rendered %d pages", 3)
        logger.warning("one %s", "warning")
        return os.getpid()

    try:
        child = call_isolated(logging_step)
    finally:
        logger.handlers.clear()
    records = [r for r in caplog.records if r.name == logger.name]
    assert [r.getMessage() for r in records] == ["rendered 3 pages", "one warning"]
    assert [r.levelno for r in records] == [logging.INFO, logging.WARNING]
    assert {r.process for r in records} == {child} and child != here


def test_with_other_threads_running_the_step_runs_in_this_process():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert call_isolated(os.getpid) == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_the_child_dies_with_the_process_that_started_it(tmp_path):
    # A killed build must not leave a renderer writing into a staging folder the next build clears.
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(
        f"""
        import os, time
        from pathlib import Path
        from generator.runtime.isolated import call_isolated

        def step():
            Path({str(pid_file)!r}).write_text(str(os.getpid()))
            time.sleep(60)

        call_isolated(step)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        deadline = time.monotonic() + 20
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline and parent.poll() is None
            time.sleep(0.05)
        child = int(pid_file.read_text())
        assert _alive(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        parent.kill()
        parent.wait()


def _alive(pid: int) -> bool:
    """Running, not a zombie (a killed child of a killed parent is reaped by init)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_where_fork_is_missing_the_step_runs_here(monkeypatch):
    monkeypatch.setattr(isolated.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert call_isolated(os.getpid) == os.getpid()
