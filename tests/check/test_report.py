"""Problem reports for people, for GitHub Actions and for programs."""

from __future__ import annotations

import json

from generator.check.report import as_json, github, human
from generator.content.problems import Problem

PROBLEMS = [
    Problem("b.yaml", 3, 1, "second"),
    Problem("a,odd:name.yaml", 1, 2, "100% wrong\nreally", "warning"),
]


def test_human_is_sorted_file_line_col_lines_one_per_problem():
    assert (
        human(PROBLEMS) == "a,odd:name.yaml:1:2: warning: 100% wrong\\nreally\nb.yaml:3:1: second\n"
    )


def test_github_annotations_escape_what_workflow_commands_require():
    assert github(PROBLEMS).splitlines() == [
        "::warning file=a%2Codd%3Aname.yaml,line=1,col=2::100%25 wrong%0Areally",
        "::error file=b.yaml,line=3,col=1::second",
    ]


def test_json_counts_and_lists():
    data = json.loads(as_json(PROBLEMS))
    assert (data["errors"], data["warnings"]) == (1, 1)
    assert data["problems"][1] == {
        "file": "b.yaml",
        "line": 3,
        "col": 1,
        "severity": "error",
        "message": "second",
    }
