from pathlib import Path

import yaml

from conftest import write
from generator.yamlfile import MAX_FILE_BYTES, _Loader, locate, read_yaml


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in read_yaml(path, path.name).problems]


def test_plain_yaml_loads_and_dates_stay_strings(tmp_path):
    path = write(tmp_path / "a.yaml", """
        date: 2019-01-15
        month: 2019-01
        year: 2019
    """)
    loaded = read_yaml(path)
    assert loaded.problems == []
    assert loaded.data == {"date": "2019-01-15", "month": "2019-01", "year": 2019}


def test_duplicate_keys_are_reported_at_the_second_key(tmp_path):
    path = write(tmp_path / "a.yaml", """
        title: one
        summary: x
        title: two
    """)
    assert problems_of(path) == ["a.yaml:3:1: duplicate key 'title'"]


def test_python_object_tags_are_rejected_with_position(tmp_path):
    path = write(tmp_path / "a.yaml", """
        title: ok
        evil: !!python/object/apply:os.system ["echo pwned"]
    """)
    [problem] = problems_of(path)
    assert problem.startswith("a.yaml:2:7: ")
    assert "python/object" in problem


def test_syntax_error_is_one_line_with_position(tmp_path):
    path = write(tmp_path / "a.yaml", "title: [unclosed\nsummary: x\n")
    [problem] = problems_of(path)
    assert problem.startswith("a.yaml:2:")
    assert "\n" not in problem


def test_small_aliases_are_allowed(tmp_path):
    path = write(tmp_path / "a.yaml", """
        who: &who {kind: anonymous, reason: not authorized}
        again: *who
    """)
    assert read_yaml(path).data["again"] == {"kind": "anonymous", "reason": "not authorized"}


def test_billion_laughs_is_rejected(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    [problem] = problems_of(path)
    assert "aliases expand to more than" in problem


def test_deep_nesting_is_rejected_without_traceback(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    [problem] = problems_of(path)
    assert problem.startswith("deep.yaml:1:")
    assert "nesting" in problem


def test_nesting_deeper_than_content_ever_needs_is_rejected(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "end\n")
    [problem] = problems_of(path)
    assert problem == "deep.yaml:1:1: nested deeper than 50 levels"


def test_oversized_file_is_rejected_without_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x: " + b"a" * (MAX_FILE_BYTES + 1))
    [problem] = problems_of(path)
    assert "the limit is" in problem


def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: ok\nname: caf\xe9\n")
    assert problems_of(path) == ["bad.yaml:2:10: not valid UTF-8 text"]


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: 北京\r\nname: مرحبا\r\n".encode())
    loaded = read_yaml(path)
    assert loaded.problems == []
    assert loaded.data == {"title": "北京", "name": "مرحبا"}


def test_locate_finds_values_keys_and_list_items(tmp_path):
    path = write(tmp_path / "a.yaml", """
        positions:
          - actor: huawei
            stance: supports
          - actor: nato
            stance: opposes
    """)
    assert locate(path, ("positions", 1, "actor")) == (4, 12)
    assert locate(path, ("positions", 1, "stance"), at_key=True) == (5, 5)
    assert locate(path, ("positions", 1)) == (4, 5)
    # A path that does not exist points at its nearest existing parent.
    assert locate(path, ("positions", 1, "statements", 0)) == (4, 5)


def test_control_characters_are_reported_at_their_position(tmp_path):
    path = tmp_path / "ctl.yaml"
    path.write_text("title: ok\nname: a\x01b\n")
    assert problems_of(path) == ["ctl.yaml:2:8: character U+0001 is not allowed in YAML"]


TRICKY_DOCUMENTS = [
    "a: 1\nb: -0x1F\nc: 0o17\nd: 1_000\ne: 1.5e3\nf: .inf\ng: .NaN\nh: yes\ni: ~\nj: 2019-01-15\nk: '01'\n",
    "base: &b {x: 1, y: [1, 2]}\nother: *b\nlist: [*b, *b]\n",  # aliases share one object, as in PyYAML
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # merge keys: left to PyYAML's constructor
    "? [1, 2]\n: unhashable\n",
    "binary: !!binary aGVsbG8=\nset: !!set {a, b}\n",
    "- plain\n- 'quoted'\n- \"esc\\u00e9\"\n- |\n  block\n- null\n- false\n- 3\n",
    "1: int key\n2.5: float key\nnull: null key\ntrue: bool key\n",
]


def loaded_by(method: str, text: str):
    """The data and duplicate keys that ``_Loader.<method>`` gives for ``text``."""
    loader = _Loader(text)
    try:
        return getattr(loader, method)(), [n.value for n in loader.duplicate_keys]
    finally:
        loader.dispose()


def pyyaml_data(text: str):
    """What PyYAML's own constructor builds (with this module's loader settings)."""
    return loaded_by("get_single_data", text)


def plain_data(text: str):
    return loaded_by("get_plain_data", text)


def test_the_plain_builder_gives_what_pyyaml_builds():
    project = Path(__file__).resolve().parents[1]
    texts = TRICKY_DOCUMENTS + [p.read_text(encoding="utf-8") for p in sorted((project / "content").rglob("*.yaml"))]
    for text in texts:
        try:
            expected = pyyaml_data(text)
        except yaml.YAMLError as error:
            expected_error = str(error)
            try:
                plain_data(text)
            except yaml.YAMLError as plain_error:
                assert str(plain_error) == expected_error
            else:
                raise AssertionError(f"no error for {text!r}")
            continue
        got = plain_data(text)
        assert repr(got) == repr(expected), text  # repr: NaN != NaN
    shared = plain_data(TRICKY_DOCUMENTS[1])[0]
    assert shared["other"] is shared["base"] and shared["list"][0] is shared["base"]
