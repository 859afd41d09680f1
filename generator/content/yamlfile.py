"""Read one YAML file safely, and find the line and column behind any value in it.

One loader for every content file. What it accepts is plain data only, as the schema needs it:
text, integers, floats, true/false, null, lists and mappings (merge keys ``<<`` included).

- The file is read through :mod:`safefile` (regular files only, at most ``MAX_FILE_BYTES``).
- Any other tag (``!!set``, ``!!omap``, ``!!pairs``, ``!!binary``, ``!!timestamp``,
  ``!!python/...``, a local ``!tag``) is refused at its place, so nothing depends on how
  Python orders a set or builds an object. Dates stay strings: ``2019-01`` and ``2019-01-15``
  are the same kind of thing to the schema.
- Mapping keys are taken as written: ``~:``, ``yes:`` and ``1:`` are the keys ``'~'``,
  ``'yes'`` and ``'1'``, so a message names them as the user wrote them.
- Aliases (``*name``) and merge keys may share a value, but the document they expand to is
  bounded, in characters and in values, however small the file: an alias to a long text
  counts every time it is used ("billion laughs" bombs, and their slower cousins).
- Duplicate keys are reported, and nesting deeper than content ever needs is refused.

Most files use none of the above but plain values, lists and mappings: they are built straight
from the parser's events (:func:`_simple_data`), which declines anything else (a tag, an
anchor, a merge key, a duplicate key, deep nesting, many values, an error) and leaves it to the
full loader, so either way the data and the problems are the same.

Positions are only needed when something is wrong, so they are found lazily by
composing the file again (:func:`locate`), which keeps the common path fast; the composed
file is kept while its problems are located, so a file with many problems is parsed once.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content import yamlerrors
from generator.content.problems import Problem
from generator.content.safefile import UnreadableFile, read_limited

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A brief is a few KB; anything this large is a mistake (or an attack)."""

MAX_EXPANDED_CHARS = 2 * 1024 * 1024
"""Characters of the document with every alias written out: no more than the largest file holds."""

MAX_EXPANDED_VALUES = 1024 * 1024
"""Values (texts, numbers, lists, mappings, keys) of the document with every alias written out."""

MAX_VALUES = 100_000
"""Values (texts, numbers, lists, mappings, keys) one file may hold, each shared value once.
A brief holds hundreds and a long draft tens of thousands; a million small values in a 2 MB
file would cost a minute of validation and one problem each, so they are refused first."""

MAX_DEPTH = 50
"""Content is never nested this deep; deeper input is rejected before recursion hurts."""

KeyPath = tuple[str | int, ...]

_SYNTAX_ERRORS = (yaml.scanner.ScannerError, yaml.parser.ParserError, yaml.composer.ComposerError)
"""What the text's form gets wrong (as opposed to a value the loader refuses)."""

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_MERGE, _VALUE = _TAG + "merge", _TAG + "value"
_PLAIN_SCALARS = {_TAG + kind for kind in ("null", "bool", "int", "float")}

_ADVICE = {
    "set": "write a list",
    "omap": "write a mapping",
    "pairs": "write a mapping",
    "binary": "write the text itself",
    "timestamp": "write the date as plain text, e.g. 2019-01-15",
}
"""What to write instead of a YAML type the schema has no use for."""

# An anchor (&name) starts a token, so it never follows a letter or digit ("AT&T", "?a=1&b=2");
# a file without one has no aliases, and its expanded size is its own, already bounded.
_MAY_HAVE_ANCHOR = re.compile(r"(?<![0-9A-Za-z])&[0-9A-Za-z_-]")


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Parser and composer of the C loader, with dates left as strings; data is built by
    :class:`_PlainBuilder`, never by PyYAML's constructors."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TAG + "timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str):
        super().__init__(stream)
        self.text = stream
        self.duplicate_keys: list[yaml.Node] = []
        self.depth: int | None = None  # how deep the data nests, once built

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag resolution without its path resolvers (this loader has none): the parser
        asks for every value, so this is a good part of the time spent reading a file."""
        if kind is yaml.ScalarNode:
            if implicit[0] and value[:1] in _IMPLICIT_RESOLVERS:
                return _implicit_tag(value)
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def get_plain_data(self) -> Any:
        """The document as plain data, or a yaml.MarkedYAMLError saying where and why not."""
        node = self.get_single_node()
        if node is None:
            return None
        if _MAY_HAVE_ANCHOR.search(self.text):
            _check_expansion(node, self.text)
        builder = _PlainBuilder(self)
        data = builder.build(node)
        self.depth = builder.deepest
        return data


_IMPLICIT_RESOLVERS = {
    first: resolvers + _Loader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


def _implicit_tag(value: str) -> str:
    return _short_value_tag(value) if len(value) <= 32 else _value_tag(value)


def _value_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT_RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


_short_value_tag = functools.lru_cache(maxsize=1 << 16)(
    _value_tag
)  # dates, numbers, yes/no: over and over


def _refuse(message: str, mark: Any) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(None, None, message, mark)


def _shown_tag(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return shown if len(shown) <= 60 else shown[:59] + "…"


_PLAIN_ADVICE = "write plain text, numbers, true/false, lists or mappings"


def _tag_refused(node: yaml.Node) -> yaml.MarkedYAMLError:
    advice = _ADVICE.get(node.tag.removeprefix(_TAG), _PLAIN_ADVICE)
    return _refuse(f"tag {_shown_tag(node.tag)} is not allowed; {advice}", node.start_mark)


def _misfit(node: yaml.Node) -> yaml.MarkedYAMLError:
    """A core tag on the wrong kind of node (``!!str [1]``), or any other tag."""
    if node.tag not in (_STR, _SEQ, _MAP) and node.tag not in _PLAIN_SCALARS:
        return _tag_refused(node)
    kind = {yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}.get(
        type(node), "a single value"
    )
    return _refuse(f"tag {_shown_tag(node.tag)} does not fit {kind}", node.start_mark)


class _PlainBuilder:
    """Builds plain data from composed nodes: each node once (an alias shares the value, as in
    PyYAML), merge keys applied as YAML says, keys kept as written, any other tag refused."""

    def __init__(self, loader: _Loader):
        self.loader = loader
        self.built: dict[int, Any] = {}
        self.open: set[int] = set()  # nodes being built: an alias to one of them is a cycle
        self.deepest = 1
        self.scalars: dict[tuple[str, str], Any] = {}  # numbers and true/false, built once each
        self.values = 1  # the document itself

    def build(self, node: yaml.Node, depth: int = 1) -> Any:
        if isinstance(node, yaml.ScalarNode):  # a value, never shared in a way that matters
            return self._scalar(node)
        key = id(node)
        if key in self.built:  # an alias: the node is used again (its size was checked before)
            return self.built[key]
        if key in self.open:
            raise _refuse("an alias refers to its own anchor", node.start_mark)
        tag = node.tag
        self._count(node)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            self.open.add(key)
            value = [
                child.value
                if child.tag == _STR and isinstance(child, yaml.ScalarNode)
                else self.build(child, depth + 1)
                for child in node.value
            ]
            self.open.discard(key)
            self._reached(depth + 1 if node.value else depth)
        elif tag == _MAP and isinstance(node, yaml.MappingNode):
            self.open.add(key)
            value = self._mapping(node, depth)
            self.open.discard(key)
            self._reached(depth + 1 if node.value else depth)
        else:
            raise _misfit(node)
        self.built[key] = value
        return value

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR or tag in (_VALUE, _MERGE):  # "=" or "<<" as a value is just that text
            return node.value
        if tag not in _PLAIN_SCALARS:
            raise _misfit(node)
        known = self.scalars.get((tag, node.value))
        if known is not None or (tag, node.value) in self.scalars:
            return known
        try:  # an explicit tag may not fit its value: "!!int abc"
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, KeyError, IndexError, TypeError):
            shown = node.value if len(node.value) <= 60 else node.value[:59] + "…"
            raise _refuse(f"'{shown}' is not a valid {_shown_tag(tag)}", node.start_mark) from None
        if len(node.value) <= 32:  # the same few numbers and flags, over and over
            self.scalars[(tag, node.value)] = value
        return value

    def _count(self, node: yaml.Node) -> None:
        """Count the values a list or mapping adds; refuse the file at the one that is too many."""
        pairs = isinstance(node, yaml.MappingNode)
        before, self.values = self.values, self.values + len(node.value) * (2 if pairs else 1)
        if self.values <= MAX_VALUES:
            return
        child = node.value[(MAX_VALUES - before) // (2 if pairs else 1)]
        mark = (child[0] if pairs else child).start_mark
        raise _refuse(
            f"the file holds more than {MAX_VALUES:,} values, far more than any "
            "brief; split it or remove what is not content",
            mark,
        )

    def _reached(self, depth: int) -> None:
        if depth > self.deepest:
            self.deepest = depth

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict:
        mapping: dict[str, Any] = {}
        seen: set[str] = set()
        merged: list[dict] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _refuse(
                    "a key must be plain text, not a list or a mapping", key_node.start_mark
                )
            if key_node.tag not in (_STR, _MERGE, _VALUE) and key_node.tag not in _PLAIN_SCALARS:
                raise _tag_refused(key_node)
            if key_node.value in seen:
                self.loader.duplicate_keys.append(key_node)
            seen.add(key_node.value)
            if key_node.tag == _MERGE:
                merged += self._merged(value_node, depth)
                continue
            # Keys stay as written: "yes", "~" and "1" name fields, never True, None or 1.
            mapping[key_node.value] = (
                value_node.value
                if value_node.tag == _STR and isinstance(value_node, yaml.ScalarNode)
                else self.build(value_node, depth + 1)
            )
        if not merged:
            return mapping
        # As YAML merges (and PyYAML): the mapping's own keys win, then the first mapping merged,
        # and so on; keys keep the place where they first appear, the merged ones first.
        result: dict[str, Any] = {}
        for source in merged:
            for key, value in source.items():
                result.setdefault(key, value)
        result.update(mapping)
        return result

    def _merged(self, value_node: yaml.Node, depth: int) -> list[dict]:
        listed = isinstance(value_node, yaml.SequenceNode) and value_node.tag == _SEQ
        sources = value_node.value if listed else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise _refuse("'<<' merges a mapping or a list of mappings", source.start_mark)
        return [self.build(source, depth + 1) for source in sources]


def _check_expansion(root: yaml.Node, text: str) -> None:
    """Refuse a document whose aliases expand past the limits, at the alias that crosses one."""
    values, chars = _expanded_size(root, {}, set())
    if values <= MAX_EXPANDED_VALUES and chars <= MAX_EXPANDED_CHARS:
        return
    mark, what = _crossing(text) or (root.start_mark, "the limit")
    raise _refuse(
        f"with its aliases expanded, the document holds more than {what}; write shared text once",
        mark,
    )


def _expanded_size(
    node: yaml.Node, sizes: dict[int, tuple[int, int]], open_: set[int]
) -> tuple[int, int]:
    """(values, characters) under ``node``, shared nodes counted each time they are used."""
    key = id(node)
    known = sizes.get(key)
    if known is not None:
        return known
    if key in open_:
        raise _refuse("an alias refers to its own anchor", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        size = (1, len(node.value))
    else:
        open_.add(key)
        mapping = isinstance(node, yaml.MappingNode)
        children = [n for pair in node.value for n in pair] if mapping else node.value
        values, chars = 1, 0
        for child in children:
            child_values, child_chars = _expanded_size(child, sizes, open_)
            values += child_values
            chars += child_chars
        open_.discard(key)
        size = (values, chars)
    sizes[key] = size
    return size


def _crossing(text: str) -> tuple[Any, str] | None:
    """Where, reading in order, the expanded document first grows past a limit, and which.

    From the parser's events, which (unlike the composed nodes) say where each alias is written;
    an anchored value's size is known at its end, before any alias to it."""
    values = chars = 0
    sizes: dict[str, tuple[int, int]] = {}
    open_: list[tuple[str | None, int, int, Any]] = []  # collections being read
    for event in yaml.parse(text, Loader=_BaseLoader):
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            values, chars = values + 1, chars + len(event.value)
            if event.anchor:
                sizes[event.anchor] = (1, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            alias_values, alias_chars = sizes.get(event.anchor, (0, 0))
            values, chars = values + alias_values, chars + alias_chars
        elif isinstance(event, yaml.CollectionStartEvent):
            open_.append((event.anchor, values, chars, mark))
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start_values, start_chars, mark = open_.pop()
            values += 1
            if anchor:
                sizes[anchor] = (values - start_values, chars - start_chars)
        if chars > MAX_EXPANDED_CHARS:
            return mark, f"{MAX_EXPANDED_CHARS:,} characters"
        if values > MAX_EXPANDED_VALUES:
            return mark, f"{MAX_EXPANDED_VALUES:,} values"
    return None  # not reached: the events and the nodes describe the same document


_DECLINED = object()
"""What :func:`_simple_data` gives for a document it leaves to the full loader."""

_SIMPLE_DEPTH = MAX_DEPTH - 2  # nested collections the fast path takes: never too deep
_SIMPLE_VALUES = MAX_VALUES // 2  # values it takes: never too many


class _Decline(Exception):
    """The document uses something the fast path leaves to :class:`_Loader`."""


def _simple_data(text: str) -> Any:
    """The document's data, built from the parser's events, or ``_DECLINED``.

    Reading a file was mostly composing nodes and walking them again (a Python object and calls
    for every value); events need neither. Only documents of plain values, lists and mappings
    without a tag, an anchor, an alias, a merge key or a duplicate key are taken, so the data is
    the very data :class:`_PlainBuilder` gives, and every refusal is still the loader's."""
    parser = _BaseLoader(text)
    try:
        return _events_to_data(parser.get_event)
    except (_Decline, yaml.YAMLError, ValueError, TypeError, AttributeError):
        return _DECLINED
    finally:
        parser.dispose()


def _events_to_data(next_event: Any) -> Any:
    """The stream's single document as plain data, or :class:`_Decline` raised."""
    _expect(next_event(), yaml.StreamStartEvent)
    _expect(next_event(), yaml.DocumentStartEvent)
    open_: list[dict | list] = []  # the collections being read, outermost first
    keys: list[Any] = []  # for each, the key whose value comes next (_NO_KEY: a key comes next)
    for _ in range(_SIMPLE_VALUES):
        event = next_event()
        kind = event.__class__
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = open_.pop()
            keys.pop()
        else:
            if kind not in _SIMPLE_NODES or event.tag is not None or event.anchor is not None:
                raise _Decline  # an alias, a tag or an anchor
            awaits_key = bool(open_) and keys[-1] is _NO_KEY and open_[-1].__class__ is dict
            if kind is yaml.ScalarEvent and awaits_key:
                keys[-1] = _key(event, open_[-1])
                continue
            if kind is yaml.ScalarEvent:
                value = _scalar(event)
            elif awaits_key or len(open_) >= _SIMPLE_DEPTH:
                raise _Decline  # a list or mapping as a key, or deep nesting
            else:
                open_.append({} if kind is yaml.MappingStartEvent else [])
                keys.append(_NO_KEY)
                continue
        if not open_:
            _expect(next_event(), yaml.DocumentEndEvent)
            _expect(next_event(), yaml.StreamEndEvent)  # one document only
            return value
        into = open_[-1]
        if into.__class__ is dict:
            into[keys[-1]] = value
            keys[-1] = _NO_KEY
        else:
            into.append(value)
    raise _Decline  # many values: the loader counts them


_NO_KEY = object()
_SIMPLE_NODES = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def _expect(event: Any, kind: type) -> None:
    if event.__class__ is not kind:
        raise _Decline


def _key(event: Any, mapping: dict) -> str:
    """Keys as written; a merge key (a plain ``<<``) and a key seen before are the loader's."""
    key = event.value
    if (event.implicit[0] and key == "<<") or key in mapping:
        raise _Decline
    return key


def _scalar(event: Any) -> Any:
    value = event.value
    if event.implicit[0] and value[:1] in _IMPLICIT_RESOLVERS:
        tag = _implicit_tag(value)
        if tag in _PLAIN_SCALARS:
            return _plain_scalar(tag, value) if len(value) <= 32 else _constructed(tag, value)
    return value  # text, and "=" or "<<" as a value


def _constructed(tag: str, value: str) -> Any:
    """A number, true/false or null as PyYAML's safe constructor makes it."""
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))


_CONSTRUCTOR = _Loader("")
_plain_scalar = functools.lru_cache(maxsize=1 << 16)(_constructed)  # the same few, over and over


@dataclass
class YamlFile:
    """A YAML document read from disk: its data, or the problems that stopped it."""

    path: Path
    label: str  # how the file is named in messages (relative to the project)
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, keypath: KeyPath, message: str, *, at_key: bool = False) -> Problem:
        line, col = locate(self.path, keypath, at_key=at_key)
        return Problem(self.label, line, col, message)


def read_yaml(path: Path, label: str | None = None, *, raw: bytes | None = None) -> YamlFile:
    """Read ``path`` (whose bytes are ``raw`` when already read through :mod:`safefile`); on
    failure ``data`` is None and ``problems`` says why."""
    result = YamlFile(path, label or str(path))
    text = _read_text(result, raw)
    if text is None:
        return result
    data = _simple_data(text)
    if data is not _DECLINED:
        result.data = data
        return result
    loader = _Loader(text)
    try:
        result.data = loader.get_plain_data()
    except _SYNTAX_ERRORS as exc:
        (line, col), message = yamlerrors.explain(exc, text)
        result.problems.append(Problem(result.label, line, col, message))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        result.problems.append(_at(result, mark, message or "invalid YAML"))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        result.problems.append(
            Problem(result.label, line, col, f"character U+{code:04X} is not allowed in YAML")
        )
    except RecursionError:
        result.problems.append(Problem(result.label, 1, 1, "YAML nested too deeply"))
    finally:
        loader.dispose()
    for key_node in loader.duplicate_keys:
        duplicate = f"duplicate key '{_cut(key_node.value)}'"
        result.problems.append(_at(result, key_node.start_mark, duplicate))
    if result.data is not None and loader.depth is not None and loader.depth > MAX_DEPTH:
        result.problems.append(
            Problem(result.label, 1, 1, f"nested deeper than {MAX_DEPTH} levels")
        )
    if result.problems:
        result.data = None
    return result


def _read_text(result: YamlFile, raw: bytes | None = None) -> str | None:
    try:
        raw = read_limited(result.path, MAX_FILE_BYTES) if raw is None else raw
    except UnreadableFile as unreadable:
        result.problems.append(Problem(result.label, 1, 1, str(unreadable)))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        result.problems.append(Problem(result.label, line, col, "not valid UTF-8 text"))
        return None


def _at(result: YamlFile, mark: Any, message: str) -> Problem:
    if mark is None:
        return Problem(result.label, 1, 1, message)
    return Problem(result.label, mark.line + 1, mark.column + 1, message)


def _cut(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def locate(path: Path, keypath: KeyPath, *, at_key: bool = False) -> tuple[int, int]:
    """Line and column (from 1) of the value at ``keypath``, or of the nearest parent found.

    With ``at_key`` the position of the mapping key itself is given, which is where
    an unknown or misspelt key should be pointed at.
    """
    if not keypath:  # the document itself: its first value is near the top, read no further
        return _first_value_position(path)
    node = _position_tree(path)
    if node is None:
        return 1, 1
    mark = node.start_mark
    for step in keypath:
        child, key_node = _child(node, step)
        if child is None:
            break
        node = child
        mark = key_node.start_mark if (at_key and key_node is not None) else child.start_mark
    return mark.line + 1, mark.column + 1


POSITION_TREES_KEPT = 3
"""Files whose composed nodes are kept for locating: problems come file by file, so one file's
many problems cost one parse, and a few large files cannot fill the memory."""

_position_trees: OrderedDict[tuple, yaml.Node | None] = OrderedDict()
_position_trees_lock = threading.Lock()


def _position_tree(path: Path) -> yaml.Node | None:
    """The composed document at ``path``, parsed once for as long as the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    with _position_trees_lock:
        if key in _position_trees:
            _position_trees.move_to_end(key)
            return _position_trees[key]
    node = _compose(_text_again(path))
    with _position_trees_lock:
        _position_trees[key] = node
        while len(_position_trees) > POSITION_TREES_KEPT:
            _position_trees.popitem(last=False)
    return node


def _text_again(path: Path) -> str | None:
    """The file's text, read as safely as the first time (it may have changed since)."""
    try:
        return read_limited(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except (UnicodeDecodeError, UnreadableFile):
        return None


def _compose(text: str | None) -> yaml.Node | None:
    if text is None:
        return None
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def _first_value_position(path: Path) -> tuple[int, int]:
    text = _text_again(path)
    if text is None:
        return 1, 1
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.NodeEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:
        pass
    return 1, 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], None
    return None, None
