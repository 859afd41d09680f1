"""A page that fails in a worker process stops the build as it would in MkDocs' own loop:
a one-line error, a non-zero exit, and the previous site left in place."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from generator.site.output import SITE_MARKER
from helpers.corpora import scratch_folder
from helpers.site_builder import REPO
from helpers.synthetic_corpus import write_corpus

# A theme override that breaks only brief pages: generated pages, built in the workers.
BROKEN_MAIN = """{% extends "base.html" %}
{% block content %}{% if page.file.src_uri.startswith("briefs/") and page.file.name != "index" %}{{ no_such_thing.attribute }}{% endif %}{{ super() }}{% endblock %}
"""


def test_a_page_failing_in_a_worker_fails_the_build_and_keeps_the_site():
    work = scratch_folder("briefing-broken-")
    content = write_corpus(work / "content", briefs=140, actors=80, seed=5)
    overrides = work / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(BROKEN_MAIN, encoding="utf-8")
    site = work / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    (site / SITE_MARKER).touch()  # a site an earlier build wrote: the only kind a build replaces
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": str(REPO / "docs"),
        "theme": {"name": "material", "custom_dir": str(overrides)},
        "site_dir": str(site),
        "plugins": [
            {"briefing": {"content_dir": str(content), "templates_dir": str(REPO / "templates")}}
        ],
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_WORKERS": "2"},
    )
    assert result.returncode != 0
    assert "Error building page 'briefs/" in result.stderr and "no_such_thing" in result.stderr
    assert "a generated page could not be built" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(p.name for p in site.iterdir()) == [SITE_MARKER, "index.html"]
