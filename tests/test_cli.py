from conftest import SEED_BRIEF, run_cli, write


def test_check_passes_on_shipped_content(project):
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr


def test_check_lists_every_problem_and_fails(project):
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("actor: huawei\n", "actor: huawey\n", 1))
    write(project / "content" / "actors" / "bad.yaml", "id: bad\nname: Bad\nkind: shop\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("content/actors/bad.yaml:3:7: kind: ")
    assert lines[1].startswith(f"content/briefs/{SEED_BRIEF}.yaml:")
    assert lines[1].endswith("unknown actor 'huawey' (did you mean 'huawei'?)")
    assert "Traceback" not in result.stderr


def test_export_writes_the_pages_as_markdown(project, tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (out / "briefs" / f"{SEED_BRIEF}.md").read_text().startswith("# U.S. weighs a response")
    assert (out / "actors" / "huawei.md").exists()
    assert (out / "assets" / "briefing.css").exists()
    # Exporting again replaces the earlier export.
    assert run_cli("export", str(out), cwd=project).returncode == 0


def test_export_never_overwrites_a_folder_of_the_users(project, tmp_path):
    mine = write(tmp_path / "mine" / "notes.md", "my notes\n")
    result = run_cli("export", str(mine.parent), cwd=project)
    assert result.returncode == 2
    assert mine.read_text() == "my notes\n"


def test_export_with_bad_content_writes_nothing(project, tmp_path):
    brief = project / "content" / "briefs" / f"{SEED_BRIEF}.yaml"
    brief.write_text(brief.read_text().replace("title:", "titel:", 1))
    result = run_cli("export", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1
    assert not (tmp_path / "out").exists()
