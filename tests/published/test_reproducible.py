"""Identical input gives identical bytes; the only date stamped in comes from SOURCE_DATE_EPOCH."""

import gzip
import subprocess
from pathlib import Path

from conftest import mkdocs_build

# MkDocs lists pages in the sitemap only when it knows the site's address.
SITE_URL = {"SITE_URL": "https://org.github.io/repo/"}


def site_bytes(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_two_builds_are_byte_identical(project, tmp_path):
    # Different hash seeds, so nothing may depend on the iteration order of a set.
    for name, seed in [("one", "1"), ("two", "2")]:
        env = {"SOURCE_DATE_EPOCH": "1563000000", "PYTHONHASHSEED": seed, **SITE_URL}
        assert mkdocs_build(project, "--site-dir", str(tmp_path / name), env=env).returncode == 0
    one, two = site_bytes(tmp_path / "one"), site_bytes(tmp_path / "two")
    # Pagefind writes its filter and metadata indexes in varying order (upstream issue
    # Pagefind#638); everything else, pages, feeds, data and assets, must be identical.
    one, two = (
        {k: v for k, v in site.items() if not k.startswith("pagefind/")} for site in (one, two)
    )
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert "sitemap.xml.gz" in one


def test_the_build_date_comes_from_source_date_epoch(project, tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1563000000", **SITE_URL}
    assert mkdocs_build(project, "--site-dir", str(tmp_path / "s"), env=env).returncode == 0
    assert "<lastmod>2019-07-13</lastmod>" in (tmp_path / "s" / "sitemap.xml").read_text()
    assert (
        gzip.open(tmp_path / "s" / "sitemap.xml.gz").read()
        == (tmp_path / "s" / "sitemap.xml").read_bytes()
    )


def test_without_source_date_epoch_the_last_commit_dates_the_build(project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    dated = {
        "GIT_COMMITTER_DATE": "2020-02-02T12:00:00Z",
        "GIT_AUTHOR_DATE": "2020-02-02T12:00:00Z",
    }
    subprocess.run(
        [*git, "commit", "-qm", "content"],
        cwd=project,
        check=True,
        env={"PATH": "/usr/bin:/bin", **dated},
    )
    assert mkdocs_build(project, env=SITE_URL).returncode == 0
    assert "<lastmod>2020-02-02</lastmod>" in (project / "site" / "sitemap.xml").read_text()
