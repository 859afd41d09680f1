"""The synthetic corpus: valid against the real schema, realistic, recurring, reproducible."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from bench.synthetic import CorpusSize, write_corpus
from generator.analysis.index import Index
from generator.content.corpus import check_content
from generator.site.render import Renderer

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "content"
    write_corpus(folder, briefs=40, seed=3)
    return folder


def test_the_corpus_passes_validation_with_no_problem(corpus_dir):
    corpus, problems = check_content(corpus_dir)
    assert problems == []
    assert len(corpus.briefs) == 40
    assert len(corpus.actors) == CorpusSize.for_briefs(40).actors


def test_the_corpus_renders_every_page(corpus_dir):
    corpus, _ = check_content(corpus_dir)
    index = Index(corpus)
    pages = Renderer(TEMPLATES).render_site(index)
    paths = {page.path for page in pages}
    assert {f"briefs/{brief.id}.md" for brief in index.briefs} <= paths
    assert {f"actors/{actor_id}.md" for actor_id in corpus.actors} <= paths


def test_briefs_are_a_few_kilobytes_like_real_ones(corpus_dir):
    sizes = [path.stat().st_size for path in (corpus_dir / "briefs").glob("*.yaml")]
    assert 3_000 <= statistics.median(sizes) <= 10_000


def test_actors_recur_across_briefs_and_some_are_prominent(corpus_dir):
    corpus, _ = check_content(corpus_dir)
    index = Index(corpus, include_drafts=True)
    appearances = Counter({actor: len(briefs) for actor, briefs in index.briefs_by_actor.items()})
    assert appearances.most_common(1)[0][1] >= 8  # a key actor, in a fifth of the briefs
    assert sum(1 for count in appearances.values() if count >= 2) >= 10


def test_the_corpus_cites_laws_topics_events_and_relations(corpus_dir):
    corpus, _ = check_content(corpus_dir)
    briefs = corpus.briefs.values()
    assert any(brief.legal_references for brief in briefs)
    assert all(brief.events and brief.relations and brief.topics for brief in briefs)
    topic_uses = Counter(topic for brief in briefs for topic in brief.topics)
    assert topic_uses.most_common(1)[0][1] >= 2


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    def snapshot(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))
        }

    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        write_corpus(tmp_path / name, briefs=5, seed=seed)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_it_never_writes_into_existing_content(tmp_path):
    write_corpus(tmp_path, briefs=2)
    with pytest.raises(FileExistsError):
        write_corpus(tmp_path, briefs=2)
