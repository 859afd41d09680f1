"""`briefing export` writes, besides the pages, the feeds, the data files and robots.txt."""

from __future__ import annotations

import json
import subprocess

import feedparser

from helpers.published import BIN, PROJECT


def test_export_writes_feeds_data_and_page_front_matter(tmp_path):
    out = tmp_path / "out"
    command = [
        str(BIN / "briefing"),
        "export",
        str(out),
        "--site-url",
        "https://org.github.io/repo/",
    ]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((out / "docs" / "feeds" / "briefs.xml").read_bytes())
    assert (
        not feed.bozo
        and feed.entries[0].link == "https://org.github.io/repo/briefs/huawei-5g-allies-2019/"
    )
    assert (
        json.loads((out / "docs" / "api" / "briefs.json").read_text())["format"] == "briefing-api"
    )
    assert (
        "Sitemap: https://org.github.io/repo/sitemap.xml"
        in (out / "docs" / "robots.txt").read_text()
    )
    assert (
        (out / "docs" / "briefs" / "huawei-5g-allies-2019.md")
        .read_text()
        .startswith("---\ndescription: ")
    )
