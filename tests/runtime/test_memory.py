"""The garbage-collector and memory policy of a build (generator/runtime/memory.py)."""

import atexit
import gc

from generator.runtime import memory
from generator.runtime.memory import gc_paused


def test_gc_paused_turns_the_collector_off_and_back_as_it_was():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_freezing_at_exit_is_registered_once_however_often_asked(monkeypatch):
    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(
        atexit, "unregister", lambda f: registered.remove(f) if f in registered else None
    )
    for _ in range(3):
        memory.freeze_at_exit()
    assert registered == [gc.freeze]


def test_a_build_freezes_what_it_made_and_thaws_it_after():
    try:
        memory.frozen_for_build()
        assert gc.get_freeze_count() > 0
    finally:
        memory.thaw()
    assert gc.get_freeze_count() == 0
