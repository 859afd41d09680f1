"""A minimal valid brief, and the helpers that write briefs and collect their errors."""

from pathlib import Path

from conftest import write
from generator.content.corpus import check_content

MINIMAL_BRIEF = """
    id: {id}
    title: A story
    date: "2020"
    summary: Short.
    questions:
      - id: q1
        text: Is it so?
    sources:
      - id: src
        publisher: Somebody
        title: An article
    positions:
      - actor: huawei
        question: q1
        stance: supports
        statements:
          - paraphrase: It is so.
            attribution: {{kind: institutional}}
            source: src
"""


def errors(project: Path) -> list[str]:
    _, problems = check_content(project / "content", relative_to=project)
    return [str(p) for p in problems if p.severity == "error"]


def brief(project: Path, name: str, text: str | None = None) -> Path:
    return write(
        project / "content" / "briefs" / f"{name}.yaml", text or MINIMAL_BRIEF.format(id=name)
    )
