from bench.stories import write_story_corpus
from conftest import SEED_BRIEF
from generator.analysis.index import Index, topic_slug
from generator.content.corpus import load_content
from helpers.samples import MINIMAL_BRIEF, brief


def test_seed_index_cross_references(project):
    index = Index(load_content(project / "content"))
    assert [b.id for b in index.briefs_by_actor["huawei"]] == [SEED_BRIEF]
    assert {
        r.reading.actor
        for r in index.readings_by_instrument["china-national-intelligence-law-2017"]
    } == {
        "us-state-department",
        "eu-digital-chief",
        "huawei",
        "chinese-mission-to-the-eu",
    }
    assert [b.id for b in index.topics["national-intelligence-law"].briefs] == [SEED_BRIEF]
    table = index.stance_tables[SEED_BRIEF]
    assert table.cell("huawei", "law-compels-cooperation").stance == "opposes"
    assert table.cell("chinese-mission-to-the-eu", "security-risk") is None


def test_briefs_and_statements_come_newest_first(project):
    for name, date in [("older", "2018"), ("newer", "2021-03")]:
        brief(
            project, name, MINIMAL_BRIEF.format(id=name).replace('date: "2020"', f'date: "{date}"')
        )
    index = Index(load_content(project / "content"))
    assert [b.id for b in index.briefs][:2] == ["newer", SEED_BRIEF]
    assert [r.brief.id for r in index.statements_by_actor["huawei"]][0] == "newer"
    assert [r.brief.id for r in index.statements_by_actor["huawei"]][-1] == "older"


def test_drafts_only_when_asked(project):
    brief(project, "wip", MINIMAL_BRIEF.format(id="wip") + "    status: draft\n")
    corpus = load_content(project / "content")
    assert "wip" not in [b.id for b in Index(corpus).briefs]
    assert "wip" not in [b.id for b in Index(corpus).briefs_by_actor["huawei"]]
    assert "wip" in [b.id for b in Index(corpus, include_drafts=True).briefs]


def test_topic_labels_that_differ_only_in_case_share_a_page(project):
    brief(project, "x", MINIMAL_BRIEF.format(id="x") + "    topics: [5G Networks]\n")
    index = Index(load_content(project / "content"))
    assert {b.id for b in index.topics["5g-networks"].briefs} == {"x", SEED_BRIEF}


def test_topic_slugs_are_safe_for_any_label():
    assert topic_slug("U.S.–China relations") == "u-s-china-relations"
    assert topic_slug("../../etc") == "etc"
    assert topic_slug("北京 政策") == "北京-政策"
    assert topic_slug("!!!").startswith("topic-")


def test_story_threads_come_oldest_first(tmp_path):
    """A thread is every brief reachable through ``follows``, in the order of the corpus's
    newest-first list, reversed; checked on a story corpus, whose threads branch and skip."""
    write_story_corpus(tmp_path, 120, 7)
    index = Index(load_content(tmp_path))
    threads = 0
    for thread_start in index.briefs:
        for links, found in (
            (index._follows, index.earlier_in_story(thread_start)),
            (index._followed_by, index.later_in_story(thread_start)),
        ):
            reachable, todo = set(), list(links.get(thread_start.id, ()))
            while todo:
                key = todo.pop()
                if key not in reachable and key != thread_start.id:
                    reachable.add(key)
                    todo += links.get(key, ())
            assert found == [b for b in reversed(index.briefs) if b.id in reachable]
            threads += bool(found)
    assert threads > 50  # the corpus has threads to check
