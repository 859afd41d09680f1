"""The MkDocs adapter: bad content stops the build and the previous site survives."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_BRIEF, mkdocs_build, write


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_content_typo_fails_with_file_line_col_and_keeps_the_site(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("\npositions:", "\npostions:"))

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert f"content/briefs/{SEED_BRIEF}.yaml:" in result.stderr
    assert "unknown field 'postions' (did you mean 'positions'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before


def test_a_build_failing_after_writing_puts_the_previous_site_back(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    # A broken link in a hand-written page is only found once pages are written: strict mode fails late.
    write(project / "docs" / "about.md", "# About\n\n[missing](nowhere.md)\n")

    result = mkdocs_build(project)

    assert result.returncode != 0
    assert "nowhere.md" in result.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site*")), "no staging folder left behind"


def test_a_hand_written_page_may_not_shadow_a_generated_one(project):
    write(project / "docs" / "briefs" / "index.md", "# Mine\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "docs/briefs/index.md clashes with a page generated from content" in result.stderr


def test_drafts_are_left_out_of_the_built_site(project):
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("status: published", "status: draft"))
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "briefs" / SEED_BRIEF).exists()
    assert SEED_BRIEF not in (project / "site" / "briefs" / "index.html").read_text()
