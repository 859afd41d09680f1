"""`mkdocs gh-deploy`, the alternative to the Pages workflow, pushes the site to a gh-pages branch."""

from __future__ import annotations

import os
import subprocess

from conftest import copy_project
from helpers.published import BIN

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def _git(*args: str, cwd) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_gh_deploy_pushes_the_site_with_nojekyll_to_a_bare_remote(tmp_path):
    remote = tmp_path / "remote.git"
    _git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    project = copy_project(tmp_path / "project")
    _git("init", "--quiet", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "--quiet", "-m", "site sources", cwd=project)
    _git("remote", "add", "pages", remote.as_uri(), cwd=project)

    env = {**os.environ, **GIT_IDENTITY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            str(BIN / "mkdocs"),
            "gh-deploy",
            "--force",
            "--remote-name",
            "pages",
            "--message",
            "Publish {sha}",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {
        ".nojekyll",
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feeds/briefs.xml",
        "api/briefs.json",
        "briefs/huawei-5g-allies-2019/index.html",
        "pagefind/pagefind.js",
    } <= files
    assert _git("log", "-1", "--format=%s", "gh-pages", cwd=remote).startswith("Publish ")
