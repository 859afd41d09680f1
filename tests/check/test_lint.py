"""Warnings for content that is valid but suspicious."""

from __future__ import annotations

from generator.check.lint import lint
from generator.content.corpus import load_content


def test_shipped_content_has_no_warnings(project):
    assert lint(load_content(project / "content")) == []


def test_unused_actor_silent_position_and_uncited_source(project):
    content = project / "content"
    (content / "actors/lonely.yaml").write_text("id: lonely\nname: Lonely\nkind: other\n")
    brief = content / "briefs/huawei-5g-allies-2019.yaml"
    text = (
        brief.read_text()
        .replace(
            "positions:\n",
            "positions:\n  - actor: china\n    question: security-risk\n    stance: unclear\n",
            1,
        )
        .replace(
            "sources:\n",
            "sources:\n  - id: unread\n    publisher: Nobody\n    title: Never cited\n",
            1,
        )
    )
    brief.write_text(text)
    warnings = lint(load_content(content, relative_to=project))
    assert all(w.severity == "warning" for w in warnings)
    assert sorted((w.file, w.message) for w in warnings) == [
        ("content/actors/lonely.yaml", "actor 'lonely' is not used by any brief"),
        ("content/briefs/huawei-5g-allies-2019.yaml", "source 'unread' is never cited"),
        (
            "content/briefs/huawei-5g-allies-2019.yaml",
            "the position of 'china' on 'security-risk' has no statement to back it",
        ),
    ]
