"""Identical input gives identical bytes; the only date stamped in comes from SOURCE_DATE_EPOCH."""

import gzip
import subprocess
from pathlib import Path

from conftest import mkdocs_build


def site_bytes(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(project, tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1563000000"}
    assert mkdocs_build(project, "--site-dir", str(tmp_path / "one"), env=epoch).returncode == 0
    assert mkdocs_build(project, "--site-dir", str(tmp_path / "two"), env=epoch).returncode == 0
    one, two = site_bytes(tmp_path / "one"), site_bytes(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert "sitemap.xml.gz" in one


def with_site_url(project: Path) -> Path:
    """MkDocs lists pages in the sitemap only when it knows the site's address."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('site_url: ""', "site_url: https://org.github.io/repo/"))
    return project


def test_the_build_date_comes_from_source_date_epoch(project, tmp_path):
    with_site_url(project)
    assert mkdocs_build(project, "--site-dir", str(tmp_path / "s"), env={"SOURCE_DATE_EPOCH": "1563000000"}).returncode == 0
    assert "<lastmod>2019-07-13</lastmod>" in (tmp_path / "s" / "sitemap.xml").read_text()
    assert gzip.open(tmp_path / "s" / "sitemap.xml.gz").read() == (tmp_path / "s" / "sitemap.xml").read_bytes()


def test_without_source_date_epoch_the_last_commit_dates_the_build(project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with_site_url(project)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    dated = {"GIT_COMMITTER_DATE": "2020-02-02T12:00:00Z", "GIT_AUTHOR_DATE": "2020-02-02T12:00:00Z"}
    subprocess.run([*git, "commit", "-qm", "content"], cwd=project, check=True, env={"PATH": "/usr/bin:/bin", **dated})
    assert mkdocs_build(project).returncode == 0
    assert "<lastmod>2020-02-02</lastmod>" in (project / "site" / "sitemap.xml").read_text()
