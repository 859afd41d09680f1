import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write
from generator.content.yamlfile import (
    _DECLINED,
    MAX_EXPANDED_CHARS,
    MAX_EXPANDED_VALUES,
    MAX_FILE_BYTES,
    _Loader,
    _simple_data,
    locate,
    read_yaml,
)


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in read_yaml(path, path.name).problems]


def test_plain_yaml_loads_and_dates_stay_strings(tmp_path):
    path = write(
        tmp_path / "a.yaml",
        """
        date: 2019-01-15
        month: 2019-01
        year: 2019
    """,
    )
    loaded = read_yaml(path)
    assert loaded.problems == []
    assert loaded.data == {"date": "2019-01-15", "month": "2019-01", "year": 2019}


def test_duplicate_keys_are_reported_at_the_second_key(tmp_path):
    path = write(
        tmp_path / "a.yaml",
        """
        title: one
        summary: x
        title: two
    """,
    )
    assert problems_of(path) == ["a.yaml:3:1: duplicate key 'title'"]


def test_python_object_tags_are_rejected_with_position(tmp_path):
    path = write(
        tmp_path / "a.yaml",
        """
        title: ok
        evil: !!python/object/apply:os.system ["echo pwned"]
    """,
    )
    [problem] = problems_of(path)
    assert problem.startswith("a.yaml:2:7: ")
    assert "python/object" in problem


def test_syntax_error_is_one_line_at_the_bracket_never_closed(tmp_path):
    path = write(tmp_path / "a.yaml", "title: [unclosed\nsummary: x\n")
    [problem] = problems_of(path)
    assert problem == "a.yaml:1:8: this '[' is never closed with ']'"


def test_small_aliases_are_allowed(tmp_path):
    path = write(
        tmp_path / "a.yaml",
        """
        who: &who {kind: anonymous, reason: not authorized}
        again: *who
    """,
    )
    assert read_yaml(path).data["again"] == {"kind": "anonymous", "reason": "not authorized"}


def test_billion_laughs_is_rejected(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    # a5 holds 9**6 "lol"s (1.6 million characters): the first alias to it is one too many.
    assert problems_of(path) == [
        "bomb.yaml:7:10: with its aliases expanded, the document holds more than 2,097,152 characters; "
        "write shared text once"
    ]


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
    assert problem == f"big.yaml:1:1: is larger than {MAX_FILE_BYTES:,} bytes"


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
    path = write(
        tmp_path / "a.yaml",
        """
        positions:
          - actor: huawei
            stance: supports
          - actor: nato
            stance: opposes
    """,
    )
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
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",
    "a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nm: {<<: [*a, *b], x: 9}\nn: {<<: [*b, *a]}\n",  # first merged wins
    "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\nd: {<<: {w: 0}, x: 5}\n",  # merges of merges
    "- plain\n- 'quoted'\n- \"esc\\u00e9\"\n- |\n  block\n- null\n- false\n- 3\n",
    "a: !!str 2019\nb: !!int '12'\nc: !!float 1\nd: !!bool yes\ne: !!null ''\nf: !!seq [1]\ng: !!map {k: v}\n",
    "=: value key\n",
]


def loaded_by(method: str, text: str):
    """The data and duplicate keys that ``_Loader.<method>`` gives for ``text``."""
    loader = _Loader(text)
    try:
        return getattr(loader, method)(), [n.value for n in loader.duplicate_keys]
    finally:
        loader.dispose()


def pyyaml_data(text: str):
    """What PyYAML's own safe constructor builds (with this module's resolver: dates stay text)."""
    return loaded_by("get_single_data", text)[0]


def plain_data(text: str):
    return loaded_by("get_plain_data", text)[0]


def test_the_plain_builder_gives_what_pyyaml_builds():
    """Documents of plain types with text keys: the very data PyYAML's safe loader gives."""
    project = Path(__file__).resolve().parents[2]
    texts = TRICKY_DOCUMENTS + [
        p.read_text(encoding="utf-8") for p in sorted((project / "content").rglob("*.yaml"))
    ]
    for text in texts:
        assert repr(plain_data(text)) == repr(pyyaml_data(text)), text  # repr: NaN != NaN
    shared = plain_data(TRICKY_DOCUMENTS[1])
    assert shared["other"] is shared["base"] and shared["list"][0] is shared["base"]


# --- keys are taken as written ------------------------------------------------------------------

SPECIAL_SCALARS = [
    "~",
    "null",
    "Null",
    "NULL",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "1",
    "0",
    "-1",
    "0x1F",
    "0o17",
    "1_000",
    "1.5",
    "1e3",
    ".inf",
    "-.Inf",
    ".nan",
    "2019-01-15",
    "2019",
    "12:30",
    "190:20:30",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    keys=st.lists(st.sampled_from(SPECIAL_SCALARS), min_size=1, max_size=6, unique=True),
    nested=st.booleans(),
)
def test_keys_are_kept_as_written(tmp_path, keys, nested):
    body = "".join(f"{'  ' if nested else ''}{key}: v{n}\n" for n, key in enumerate(keys))
    path = tmp_path / "keys.yaml"
    path.write_text(("outer:\n" if nested else "") + body)
    loaded = read_yaml(path)
    assert loaded.problems == []
    mapping = loaded.data["outer"] if nested else loaded.data
    assert list(mapping) == keys
    # ... and a message about a key finds it where it is written.
    n = len(keys) - 1
    assert locate(path, (("outer",) if nested else ()) + (keys[n],), at_key=True) == (
        n + 1 + nested,
        1 + 2 * nested,
    )


def test_equals_and_merge_signs_as_values_are_text(tmp_path):
    path = write(tmp_path / "a.yaml", "a: =\nb: <<\nc: [=, <<]\n")
    assert read_yaml(path).data == {"a": "=", "b": "<<", "c": ["=", "<<"]}


def test_a_list_or_mapping_as_key_is_refused_at_the_key(tmp_path):
    path = write(
        tmp_path / "a.yaml",
        """
        ok: 1
        ? [1, 2]
        : unhashable
    """,
    )
    assert problems_of(path) == ["a.yaml:2:3: a key must be plain text, not a list or a mapping"]


# --- only the plain types -----------------------------------------------------------------------

REFUSED_TAGS = {
    "!!set": "write a list",
    "!!omap": "write a mapping",
    "!!pairs": "write a mapping",
    "!!binary": "write the text itself",
    "!!timestamp": "write the date as plain text, e.g. 2019-01-15",
    "!!python/object/apply:os.system": "write plain text",
    "!!python/name:os.system": "write plain text",
    "!!python/tuple": "write plain text",
    "!local": "write plain text",
    "!<tag:example.com,2000:x>": "write plain",
    "!!yaml": "write plain text",
}
PAYLOADS = ["x", "'2019-01-15'", "{a: 1}", "[a, b]", "{a, b}", "aGVsbG8="]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tag=st.sampled_from(sorted(REFUSED_TAGS)),
    payload=st.sampled_from(PAYLOADS),
    place=st.sampled_from(["value", "item", "nested", "key", "merged"]),
    line=st.integers(0, 3),
)
def test_any_tag_but_the_plain_ones_is_refused_where_it_is_written(
    tmp_path, tag, payload, place, line
):
    tagged = f"{tag} {payload}"
    before = "".join(f"f{n}: plain\n" for n in range(line))
    if place == "value":
        text, at = f"{before}field: {tagged}\n", (line + 1, 8)
    elif place == "item":
        text, at = f"{before}items:\n  - ok\n  - {tagged}\n", (line + 3, 5)
    elif place == "nested":
        text, at = f"{before}outer:\n  inner: [ok, {tagged}]\n", (line + 2, 15)
    elif place == "key":
        text, at = f"{before}{tag} k: v\n", (line + 1, 1)
    else:
        text, at = f"{before}base: &b {{k: {tagged}}}\nm: {{<<: *b}}\n", (line + 1, 14)
    path = tmp_path / "tagged.yaml"
    path.write_text(text)
    problems = read_yaml(path, "tagged.yaml").problems
    if place == "key" and tag in ("!!merge", "!!value"):
        return  # a key tagged so is a merge or a plain key: YAML's own meaning, nothing built from it
    assert len(problems) == 1, (text, problems)
    shown = tag if not tag.startswith("!<tag:yaml") else tag
    assert str(problems[0]).startswith(f"tagged.yaml:{at[0]}:{at[1]}: tag "), (text, problems)
    assert REFUSED_TAGS[tag] in problems[0].message
    if tag.startswith("!!"):
        assert f"tag {shown} is not allowed" in problems[0].message


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: !!int abc\n", "1:4: 'abc' is not a valid !!int"),
        ("a: !!float x\n", "1:4: 'x' is not a valid !!float"),
        ("a: !!bool maybe\n", "1:4: 'maybe' is not a valid !!bool"),
        ("a: !!float ''\n", "1:4: '' is not a valid !!float"),
        ("a: !!str [1]\n", "1:4: tag !!str does not fit a list"),
        ("a: !!seq {k: v}\n", "1:4: tag !!seq does not fit a mapping"),
        ("a: !!map x\n", "1:4: tag !!map does not fit a single value"),
        ("a: {<<: x}\n", "1:9: '<<' merges a mapping or a list of mappings"),
        ("a: &a [*a]\n", "1:4: an alias refers to its own anchor"),
    ],
)
def test_a_plain_tag_on_a_value_it_does_not_fit_is_refused(tmp_path, text, message):
    path = tmp_path / "a.yaml"
    path.write_text(text)
    assert problems_of(path) == [f"a.yaml:{message}"]


def test_a_set_never_reaches_the_data_whatever_the_hash_seed(tmp_path):
    """!!set made pages depend on PYTHONHASHSEED: now no seed gives data at all."""
    path = write(tmp_path / "a.yaml", "topics: !!set {b, a, c, d}\n")
    for seed in ("0", "1", "2"):
        script = (
            "import sys; from pathlib import Path; from generator.content.yamlfile import read_yaml; "
            "r = read_yaml(Path(sys.argv[1]), 'a.yaml'); print(r.data, [str(p) for p in r.problems])"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert result.stdout == "None ['a.yaml:1:9: tag !!set is not allowed; write a list']\n"


# --- the expanded document is bounded ------------------------------------------------------------


def expected_crossing(text: str) -> tuple[int, int, str] | None:
    """Where, reading the events in order, the document with its aliases written out first holds
    more than the limits (an oracle from PyYAML's event stream, apart from the loader's nodes)."""
    values = chars = 0
    sizes: dict[str, tuple[int, int]] = {}
    open_: list[tuple[str | None, int, int, yaml.Mark]] = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            values, chars = values + 1, chars + len(event.value)
            if event.anchor:
                sizes[event.anchor] = (1, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            add_values, add_chars = sizes[event.anchor]
            values, chars = values + add_values, chars + add_chars
        elif isinstance(event, yaml.CollectionStartEvent):
            open_.append((event.anchor, values, chars, mark))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start_values, start_chars, mark = open_.pop()
            values += 1
            if anchor:
                sizes[anchor] = (values - start_values, chars - start_chars)
        else:
            continue
        if chars > MAX_EXPANDED_CHARS:
            return mark.line + 1, mark.column + 1, f"{MAX_EXPANDED_CHARS:,} characters"
        if values > MAX_EXPANDED_VALUES:
            return mark.line + 1, mark.column + 1, f"{MAX_EXPANDED_VALUES:,} values"
    return None


@st.composite
def alias_documents(draw) -> str:
    """Anchored definitions, each a text, a list or mapping of aliases to earlier ones, or a
    mapping merging earlier mappings; a few of them are used again at the end."""
    lines: list[str] = []
    kinds: list[str] = []
    for n in range(draw(st.integers(1, 7))):
        earlier = list(range(n))
        kind = draw(st.sampled_from(["text", "list", "map", "merge"] if earlier else ["text"]))
        if kind == "merge" and "map" not in kinds and "merge" not in kinds:
            kind = "list"
        if kind == "text":
            body = "x" * draw(st.sampled_from([1, 10, 1000, 50_000, 300_000]))
        elif kind == "list":
            refs = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=40))
            body = "[" + ", ".join(f"*d{i}" for i in refs) + "]"
        elif kind == "map":
            refs = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=20))
            # Keys of their own: which of two merged mappings gives a shared key, PyYAML decides by
            # whether Python interned the key's text (this loader: the first, as YAML says).
            body = "{" + ", ".join(f"k{n}_{j}: *d{i}" for j, i in enumerate(refs)) + "}"
        else:
            maps = [i for i in earlier if kinds[i] in ("map", "merge")]
            refs = draw(st.lists(st.sampled_from(maps), min_size=1, max_size=4, unique=True))
            body = "{<<: [" + ", ".join(f"*d{i}" for i in refs) + f"], own{n}: x}}"
        kinds.append(kind)
        lines.append(f"d{n}: &d{n} {body}")
    uses = draw(st.lists(st.integers(0, len(lines) - 1), max_size=30))
    lines.append("uses: [" + ", ".join(f"*d{i}" for i in uses) + "]")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=alias_documents())
def test_aliases_load_within_the_limits_and_are_refused_at_the_alias_past_them(tmp_path, text):
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    loaded = read_yaml(path, "aliases.yaml")
    crossing = expected_crossing(text)
    if crossing is None:
        assert loaded.problems == []
        assert repr(loaded.data) == repr(pyyaml_data(text))
        return
    line, col, what = crossing
    assert [str(p) for p in loaded.problems] == [
        f"aliases.yaml:{line}:{col}: with its aliases expanded, the document holds more than {what}; "
        "write shared text once"
    ]
    assert (
        text.splitlines()[line - 1][col - 1] == "*"
    )  # only an alias can push a small file past them


def test_one_long_text_used_again_and_again_is_refused_at_the_alias_that_crosses(tmp_path):
    """The case of the issue: an alias to a long text, cheap to parse, expanded by every page."""
    big = "word " * 100_000  # 500,000 characters
    path = tmp_path / "amplified.yaml"
    path.write_text(f"summary: &s {big}\nwatch_next: [*s, *s, *s, *s, *s]\n")
    assert problems_of(path) == [
        "amplified.yaml:2:26: with its aliases expanded, the document holds more than 2,097,152 characters; "
        "write shared text once"
    ]
    path.write_text(f"summary: &s {big}\nwatch_next: [*s, *s, *s]\n")  # 2,000,000 characters: fine
    assert problems_of(path) == []


# --- hostile files through the real command ----------------------------------------------------


def _bounded_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2,) * 2)  # far below the 2 GB allowed


def _hostile_files() -> dict[str, tuple[str, str]]:
    """name → (text of content/briefs/<name>.yaml, what its error says)."""
    head = "id: NAME\ntitle: T\ndate: '2020'\nsources: [{id: s, publisher: P, title: T}]\n"
    big = "lorem ipsum dolor sit amet " * 16_000  # 432,000 characters
    return {
        "alias-to-a-long-text": (
            head + f"summary: &s {big}\nwatch_next: [" + ", ".join(["*s"] * 1000) + "]\n",
            "more than 2,097,152 characters",
        ),
        "aliases-to-a-short-list": (
            head + "summary: &b [x, y]\nwatch_next: [" + ",".join(["*b"] * 600_000) + "]\n",
            "more than 1,048,576 values",
        ),
        "merges-of-merges": (
            head
            + "summary: x\nm0: &m0 {k0: "
            + "y" * 2000
            + "}\n"
            + "".join(f"m{i}: &m{i} {{<<: *m{i - 1}, k{i}: 1}}\n" for i in range(1, 3000)),
            "more than 2,097,152 characters",
        ),
        "a-set": (
            head + "summary: x\ntopics: !!set {b, a}\n",
            "tag !!set is not allowed; write a list",
        ),
        "an-object": (
            head + "summary: !!python/object/apply:os.system [echo]\n",
            "tag !!python/object/apply",
        ),
        "odd-keys": (head + "summary: x\n~: c\nyes: 1\n1: x\n", "unknown field '~'"),
    }


@pytest.mark.parametrize("name", sorted(_hostile_files()))
def test_check_refuses_hostile_yaml_in_one_line_per_problem(project, name):
    text, says = _hostile_files()[name]
    (project / "content" / "briefs" / f"{name}.yaml").write_text(text.replace("NAME", name, 1))
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_bounded_memory,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    *lines, summary = result.stderr.splitlines()
    assert re.fullmatch(r"(\d+ warning\(s\), )?\d+ error\(s\)", summary)
    for line in lines:
        assert re.match(r"^[^\n]+:\d+:\d+: ", line) and line.isprintable(), line
    assert any(
        line.startswith(f"content/briefs/{name}.yaml:") and says in line for line in lines
    ), lines


def counting_parses(monkeypatch) -> list[str]:
    """Record every parse done to locate a problem (the cache of positions starts empty)."""
    from generator.content import yamlfile

    monkeypatch.setattr(yamlfile, "_position_trees", type(yamlfile._position_trees)())
    parsed: list[str] = []
    compose = yamlfile._compose

    def counted(text):
        parsed.append(text)
        return compose(text)

    monkeypatch.setattr(yamlfile, "_compose", counted)
    return parsed


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(count=st.integers(1, 300))
def test_a_file_with_many_problems_is_parsed_once(tmp_path, monkeypatch, count):
    path = tmp_path / "a.yaml"
    path.write_text("items:\n" + "".join(f"  - name: n{i}\n    kind: k\n" for i in range(count)))
    parsed = counting_parses(monkeypatch)
    loaded = read_yaml(path, "a.yaml")
    places = [loaded.problem(("items", i, "kind"), "x") for i in range(count)]
    assert [(p.line, p.col) for p in places] == [(3 + 2 * i, 11) for i in range(count)]
    assert len(parsed) == 1


def test_files_whose_problems_interleave_are_parsed_once_each(tmp_path, monkeypatch):
    paths = [write(tmp_path / f"{name}.yaml", "a:\n  b: 1\n") for name in "xyz"]
    parsed = counting_parses(monkeypatch)
    for _ in range(50):
        for path in paths:
            assert locate(path, ("a", "b")) == (2, 6)
    assert len(parsed) == 3


def test_a_changed_file_is_parsed_again(tmp_path, monkeypatch):
    path = write(tmp_path / "a.yaml", "a: 1\nb: 2\n")
    parsed = counting_parses(monkeypatch)
    assert locate(path, ("b",)) == (2, 4)
    path.write_text("# moved\n\na: 1\nb: 2\n")
    os.utime(path, ns=(1, 1))  # a different time, whatever the clock's resolution
    assert locate(path, ("b",)) == (4, 4)
    assert len(parsed) == 2


def test_the_document_itself_is_located_without_parsing_it_all(tmp_path, monkeypatch):
    path = write(tmp_path / "a.yaml", "# a comment\n\n[" + ",".join(["1"] * 1000) + "]\n")
    parsed = counting_parses(monkeypatch)
    assert locate(path, ()) == (3, 1)
    assert parsed == []


@pytest.mark.parametrize("layout", ["flow", "block", "mapping"])
def test_a_file_of_too_many_values_is_refused_at_the_first_one_too_many(tmp_path, layout):
    from generator.content.yamlfile import MAX_VALUES

    count = MAX_VALUES + 10
    if layout == "flow":
        text = "items: [" + ",".join(["1"] * count) + "]\n"
    elif layout == "block":
        text = "items:\n" + "".join(f"- {i % 7}\n" for i in range(count))
    else:
        text = "".join(f"k{i}: 1\n" for i in range(count // 2))
    path = tmp_path / "a.yaml"
    path.write_text(text)
    loaded = read_yaml(path, "a.yaml")
    [problem] = loaded.problems
    assert f"more than {MAX_VALUES:,} values" in problem.message
    line_text = text.splitlines()[problem.line - 1]
    before = text.splitlines()[: problem.line - 1]
    values_before = "\n".join(before + [line_text[: problem.col - 1]])
    # It points at the first value past the limit, counting the document, then "items" and its
    # list (3 values) and each item, or each key and its value.
    if layout == "flow":
        assert 3 + values_before.count(",") + 1 == MAX_VALUES + 1
    elif layout == "block":
        assert 3 + (len(before) - 1) + 1 == MAX_VALUES + 1
    else:
        assert 1 + 2 * len(before) + 2 == MAX_VALUES + 1
    assert loaded.data is None


_WORDS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_BREAKAGES = {
    # what is written at the broken line: (line text from key and value, words of the message)
    "tab": (lambda key, value: f"\t{key}: {value}", "a tab cannot indent YAML; use spaces"),
    "colon": (lambda key, value: f"  {key}: {value}: {value}", "a ':' inside a value"),
    "double quote": (lambda key, value: f'  {key}: "{value}', "quote is never closed"),
    "single quote": (lambda key, value: f"  {key}: '{value}", "quote is never closed"),
    "bracket": (lambda key, value: f"  {key}: [{value}, {value}", "'[' is never closed"),
    "brace": (lambda key, value: f"  {key}: {{a: {value}", "'{' is never closed"),
    "indentation": (lambda key, value: f" {key}: {value}", "indented differently"),
    "no colon": (lambda key, value: f"  {key} {value}", "no ':' after its key"),
    "text after quote": (lambda key, value: f'  {key}: "{value}" {value}', "after a closing quote"),
    "at sign": (lambda key, value: f"  {key}: @{value}", "cannot start with '@'"),
    "list item": (lambda key, value: f"- {value}", "a list item where a key was expected"),
}

_PYYAML_WORDING = (
    "while scanning",
    "while parsing",
    "did not find",
    "could not find",
    "found character",
    "not allowed in this context",
)


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(_WORDS, min_size=2, max_size=12, unique=True),
    value=_WORDS,
    broken_at=st.integers(1, 11),
    breakage=st.sampled_from(sorted(_BREAKAGES)),
    blank_lines_after=st.integers(0, 3),
)
def test_a_syntax_error_is_explained_at_the_line_to_change(
    keys, value, broken_at, breakage, blank_lines_after
):
    """A mapping nested under `section:`, one of its lines (never the first: that one sets the
    indentation) broken in a common way, and blank lines after it, where PyYAML often looks."""
    broken_at = 1 + broken_at % (len(keys) - 1)
    line_of, words = _BREAKAGES[breakage]
    lines = ["section:"] + [f"  {key}: {value}" for key in keys]
    lines[1 + broken_at] = line_of(keys[broken_at], value)
    lines[2 + broken_at : 2 + broken_at] = [""] * blank_lines_after
    loaded = yaml_problems("\n".join(lines) + "\n")
    assert len(loaded) == 1, loaded
    [(line, message)] = loaded
    assert line == 2 + broken_at, (breakage, lines, loaded)
    assert words in message
    assert not any(words in message for words in _PYYAML_WORDING)


def yaml_problems(text: str) -> list[tuple[int, str]]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text(text, encoding="utf-8")
        return [(p.line, p.message) for p in read_yaml(path, "a.yaml").problems]


# --- the fast path: plain documents built from events, the rest left to the loader ------------

FRAGMENTS = [
    *SPECIAL_SCALARS,
    "text",
    "'quoted'",
    '"esc\\u00e9"',
    "<<",
    "=",
    "!!str 1",
    "!!int 1",
    "!x y",
    "! z",
    "&a v",
    "*a",
    "[1, x]",
    "{k: v}",
    "{k: v, k: w}",
    "{<<: {m: 1}, n: 2}",
    "[]",
    "{}",
    "|\n    block",
    "''",
    "",
    "[",
    "{a: [b, {c: [d]}]}",
]


@st.composite
def fragment_documents(draw) -> str:
    """Block mappings and lists of the fragments above, nested a little; keys may repeat."""

    def block(indent: int, depth: int) -> str:
        pad = " " * indent
        lines = []
        as_list = draw(st.booleans())
        for _ in range(draw(st.integers(1, 4))):
            head = f"{pad}- " if as_list else f"{pad}{draw(st.sampled_from(FRAGMENTS[:12]))}: "
            if depth < 2 and draw(st.integers(0, 3)) == 0:
                lines.append(head.rstrip() + "\n" + block(indent + 2, depth + 1))
            else:
                lines.append(head + draw(st.sampled_from(FRAGMENTS)) + "\n")
        return "".join(lines)

    top = block(0, 0)
    return top + draw(st.sampled_from(["", "---\nx: 1\n", "...\n"]))


@settings(max_examples=300, deadline=None)
@given(text=fragment_documents())
def test_the_fast_path_gives_the_loaders_data_or_leaves_the_file_to_it(text):
    simple = _simple_data(text)
    if simple is _DECLINED:
        return
    data, duplicates = loaded_by("get_plain_data", text)  # raises where the loader refuses
    assert repr(simple) == repr(data) and duplicates == []


def test_the_fast_path_takes_plain_files_and_leaves_the_rest():
    project = Path(__file__).resolve().parents[2]
    plain = [TRICKY_DOCUMENTS[0], TRICKY_DOCUMENTS[5], TRICKY_DOCUMENTS[7]]
    plain += [p.read_text(encoding="utf-8") for p in sorted((project / "content").rglob("*.yaml"))]
    plain = [text for text in plain if "&" not in text]  # the seed brief shares an attribution
    assert len(plain) > 3
    for text in plain:
        assert repr(_simple_data(text)) == repr(plain_data(text)), text
    for text in TRICKY_DOCUMENTS[1:5] + TRICKY_DOCUMENTS[6:7]:  # aliases, merges, tags
        assert _simple_data(text) is _DECLINED
    assert _simple_data("a: 1\na: 2\n") is _DECLINED  # the loader reports the duplicate
    assert _simple_data("a: [" * 60 + "]" * 60) is _DECLINED  # and the depth
