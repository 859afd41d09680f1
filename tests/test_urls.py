import pytest

from generator.urls import page_path, page_url, relative_url


@pytest.mark.parametrize(
    ("path", "directory", "flat"),
    [("index.md", "", "index.html"), ("briefs/index.md", "briefs/", "briefs/index.html"),
     ("briefs/x.md", "briefs/x/", "briefs/x.html")],
)
def test_page_urls_match_mkdocs(path, directory, flat):
    assert page_url(path, True) == directory
    assert page_url(path, False) == flat


@pytest.mark.parametrize(
    ("source", "target", "directory", "flat"),
    [
        ("briefs/x.md", "actors/y.md", "../../actors/y/", "../actors/y.html"),
        ("briefs/x.md", "index.md", "../../", "../index.html"),
        ("index.md", "briefs/x.md", "briefs/x/", "briefs/x.html"),
        ("briefs/index.md", "briefs/x.md", "x/", "x.html"),
        ("briefs/x.md", "briefs/x.md", "./", "x.html"),
    ],
)
def test_relative_urls_work_at_any_depth(source, target, directory, flat):
    assert relative_url(source, target, True) == directory
    assert relative_url(source, target, False) == flat


def test_page_paths_stay_in_their_folder():
    assert page_path("actor", "huawei") == "actors/huawei.md"
