import pytest

from generator.site.urls import page_path, page_url, relative_url


@pytest.mark.parametrize(
    ("path", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("briefs/index.md", "briefs/", "briefs/index.html"),
        ("briefs/x.md", "briefs/x/", "briefs/x.html"),
    ],
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


# --- keys that cannot name a page -----------------------------------------------------------

import unicodedata  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.site.urls import (  # noqa: E402
    KEY_MAX_BYTES,
    NAME_MAX_BYTES,
    PAGE_PATHS,
    reserved_key_problem,
    reserved_keys,
    topic_slug,
    topic_slug_problem,
)

KEYED = [kind for kind, pattern in PAGE_PATHS.items() if pattern.endswith("/{}.md")]
FIXED_PAGES = {pattern for pattern in PAGE_PATHS.values() if "{}" not in pattern}
slugs = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}", fullmatch=True)


def _takes_the_place_of_another_page(kind: str, key: str) -> bool:
    """The page's own path is another page's, or its folder holds another kind's pages."""
    path = page_path(kind, key)
    folder = path.removesuffix(".md") + "/"
    others = [pattern for k, pattern in PAGE_PATHS.items() if pattern != PAGE_PATHS[kind]]
    return path in FIXED_PAGES or any(pattern.startswith(folder) for pattern in others)


@pytest.mark.parametrize("kind", KEYED)
def test_the_reserved_keys_are_exactly_those_that_take_another_pages_place(kind):
    for key in reserved_keys(kind):
        assert _takes_the_place_of_another_page(kind, key), key
    candidates = {
        part.removesuffix(".md") for pattern in PAGE_PATHS.values() for part in pattern.split("/")
    }
    for key in candidates - {"{}"} - set(reserved_keys(kind)):
        assert not _takes_the_place_of_another_page(kind, key), key


def test_the_site_s_own_list_pages_are_reserved():
    assert {"index", "by-year"} <= reserved_keys("brief").keys()
    assert all("index" in reserved_keys(kind) for kind in ("actor", "legal", "topic"))


@given(st.sampled_from(KEYED), slugs)
def test_any_other_slug_is_a_page_of_its_own(kind, key):
    assert (key in reserved_keys(kind)) == _takes_the_place_of_another_page(kind, key)


labels = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


@given(labels)
def test_a_label_that_names_a_page_gives_file_names_every_file_system_takes(
    tmp_path_factory, label
):
    if topic_slug_problem(label) is not None:
        return
    slug = topic_slug(label)
    assert 0 < len(slug.encode()) <= KEY_MAX_BYTES and "/" not in slug and slug not in (".", "..")
    assert slug not in reserved_keys("topic")
    folder = tmp_path_factory.mktemp("names")
    for name in (slug + ".md", slug + ".html", slug + ".json", slug + ".xml", slug):
        (folder / name).write_bytes(b"")  # the real file system: a name too long raises here


@given(
    st.text(st.characters(categories=["Lo", "Ll", "Nd"]), min_size=1, max_size=20),
    st.integers(min_value=1, max_value=400),
)
def test_a_label_too_long_for_a_file_name_is_refused(word, times):
    label = " ".join([word] * times)
    size = len(topic_slug(label).encode())
    problem = topic_slug_problem(label)
    if size > KEY_MAX_BYTES:
        assert problem and "too long" in problem
    elif size + len(".json") <= NAME_MAX_BYTES and topic_slug(label) != "index":
        assert problem is None


@given(st.text(st.characters(categories=["P", "S", "Z", "Mn"]), min_size=1, max_size=30))
def test_a_label_without_letters_or_digits_is_refused(label):
    if not any(
        c.isalnum() for c in unicodedata.normalize("NFKC", label).casefold()
    ):  # 'ͅ' folds to 'ι'
        assert "no letter or digit" in topic_slug_problem(label)


@given(
    st.sampled_from(["index", "Index", "INDEX", "ｉｎｄｅｘ"]),
    st.sampled_from(["", " ", "!", "-", "_", "…"]),
    st.sampled_from(["", " ", "?", "--", "_", "\n"]),
)
def test_a_label_that_slugs_to_a_reserved_name_is_refused(word, before, after):
    label = before + word + after
    assert topic_slug(label) == "index"
    assert "topics/index.md" in topic_slug_problem(label)


@given(st.sampled_from(["actor", "legal"]), st.integers(min_value=0, max_value=10**6))
def test_a_number_is_not_an_id_where_list_pages_are_numbered(kind, number):
    """actors/2/ and legal/2/ are the lists' second pages: an actor or law with id 2 would
    take that place."""
    problem = reserved_key_problem(kind, str(number))
    assert problem is not None and page_path(kind, "N") in problem


@given(st.sampled_from(["actor", "legal", "brief"]), slugs)
def test_a_slug_with_a_letter_is_no_list_page(kind, key):
    if not key.replace("-", "").isdigit() and key not in reserved_keys(kind):
        assert reserved_key_problem(kind, key) is None


def test_brief_ids_may_be_numbers():  # briefs/ has no numbered list pages
    assert reserved_key_problem("brief", "2") is None
