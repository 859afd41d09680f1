"""What the caches unpickle: content, never code."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from generator.content import pickled
from generator.content.corpus import load_content


class _Runs:
    def __reduce__(self):
        return os.system, ("touch pwned",)


def test_loaded_content_comes_back_equal():
    root = Path(__file__).resolve().parents[2] / "content"
    corpus = load_content(root)
    records = [*corpus.briefs.values(), *corpus.actors.values(), *corpus.legal.values()]
    assert records and pickled.loads(pickle.dumps(records)) == records


@pytest.mark.parametrize(
    "payload",
    [_Runs(), {"entry": ("digest", _Runs())}, pickle.loads(pickle.dumps(print))],
    ids=["a command", "a command inside an entry", "a builtin function"],
)
def test_anything_else_is_refused_without_running(tmp_path, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(pickle.UnpicklingError):
        pickled.loads(pickle.dumps(payload))
    assert not (tmp_path / "pwned").exists()


def test_a_refused_class_stays_refused_after_content_was_read(tmp_path, monkeypatch):
    """Classes found to be content are remembered; a refused one never is."""
    monkeypatch.chdir(tmp_path)
    test_loaded_content_comes_back_equal()
    for _ in range(2):
        with pytest.raises(pickle.UnpicklingError):
            pickled.loads(pickle.dumps(_Runs()))
    assert not (tmp_path / "pwned").exists()
