"""Read one YAML file safely, and find the line and column behind any value in it.

Only plain data is accepted: PyYAML's safe loader (the C one where available), no
tags that build objects, no duplicate keys, and aliases (``*name``) only while what
they expand to stays small, which defuses "billion laughs" bombs. Dates stay strings, so ``2019-01`` and
``2019-01-15`` mean the same kind of thing to the schema.

Positions are only needed when something is wrong, so they are found lazily by
composing the file again (:func:`locate`), which keeps the common path fast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A brief is a few KB; anything this large is a mistake (or an attack)."""

MAX_ALIAS_EXPANSION = 10_000
"""How many values all aliases of one file may expand to, together."""

MAX_DEPTH = 50
"""Content is never nested this deep; deeper input is rejected before recursion hurts."""

KeyPath = tuple[str | int, ...]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader without timestamps, with bounded aliases, which reports duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicate_keys: list[yaml.Node] = []
        self._expanded = 0
        self._sizes: dict[int, int] = {}
        self.depth: int | None = None  # how deep the data nests, when the plain builder made it

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag resolution without its path resolvers (this loader has none): the parser
        asks for every value, so this is a good part of the time spent reading a file."""
        if kind is yaml.ScalarNode:
            if implicit[0] and value[:1] in _IMPLICIT_RESOLVERS:
                return _implicit_tag(value)
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias refers to its own anchor", node.start_mark
            )
        if node in self.constructed_objects:  # an alias: the node is used again
            self._expanded += _node_size(node, self._sizes)
            if self._expanded > MAX_ALIAS_EXPANSION:
                raise yaml.constructor.ConstructorError(
                    None, None, f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values", node.start_mark
                )
        return super().construct_object(node, deep)

    def get_plain_data(self) -> Any:
        """The document, built straight from the composed nodes when it is plain YAML (strings,
        numbers, booleans, nulls, lists and mappings: every content file), else by PyYAML's
        own constructor. The same data either way, with the same checks; a third of the time."""
        node = self.get_single_node()
        if node is None:
            return None
        builder = _PlainBuilder(self)
        try:
            data = builder.build(node)
            self.depth = builder.deepest
            return data
        except _NotPlain:
            self.duplicate_keys, self._expanded = [], 0
            return self.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicate_keys.append(key_node)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


_TAG = "tag:yaml.org,2002:"
_IMPLICIT_RESOLVERS = {
    first: resolvers + _Loader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None
}


def _implicit_tag(value: str) -> str:
    return _short_value_tag(value) if len(value) <= 32 else _value_tag(value)


def _value_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT_RESOLVERS[value[:1]]:
        if regexp.match(value):
            return tag
    return _TAG + "str"


_short_value_tag = functools.lru_cache(maxsize=1 << 16)(_value_tag)  # dates, numbers, yes/no: over and over


class _NotPlain(Exception):
    """The document uses something the plain builder leaves to PyYAML (merge keys, other tags)."""


_PLAIN_SCALARS = {_TAG + kind for kind in ("null", "bool", "int", "float")}
# Most values are strings: the builder takes them as they are, without its bookkeeping of
# shared nodes (an alias to a string adds one value, as writing the string out would).
_STR = _TAG + "str"


class _PlainBuilder:
    """Builds plain data from composed nodes as PyYAML's safe constructor would, without its
    generic machinery; aliases are bounded and duplicate keys reported the same way."""

    def __init__(self, loader: _Loader):
        self.loader = loader
        self.built: dict[int, Any] = {}
        self.open: set[int] = set()  # nodes being built: an alias to one of them is a cycle
        self.deepest = 1

    def build(self, node: yaml.Node, depth: int = 1) -> Any:
        key = id(node)
        if key in self.built:  # an alias: the node is used again
            loader = self.loader
            loader._expanded += _node_size(node, loader._sizes)
            if loader._expanded > MAX_ALIAS_EXPANSION:
                raise yaml.constructor.ConstructorError(
                    None, None, f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values", node.start_mark
                )
            return self.built[key]
        if key in self.open:
            raise yaml.constructor.ConstructorError(None, None, "an alias refers to its own anchor", node.start_mark)
        tag = node.tag
        if tag == _STR:
            value: Any = node.value
        elif tag in _PLAIN_SCALARS and isinstance(node, yaml.ScalarNode):
            value = self.loader.yaml_constructors[tag](self.loader, node)
        elif tag == _TAG + "seq":
            self.open.add(key)
            value = [child.value if child.tag == _STR else self.build(child, depth + 1) for child in node.value]
            self.open.discard(key)
            self._reached(depth + 1 if node.value else depth)
        elif tag == _TAG + "map":
            self.open.add(key)
            value = self._mapping(node, depth)
            self.open.discard(key)
            self._reached(depth + 1 if node.value else depth)
        else:
            raise _NotPlain
        self.built[key] = value
        return value

    def _reached(self, depth: int) -> None:
        if depth > self.deepest:
            self.deepest = depth

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict:
        mapping: dict[Any, Any] = {}
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise _NotPlain
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.loader.duplicate_keys.append(key_node)
                seen.add(key_node.value)
            key = key_node.value if key_node.tag == _STR else self.build(key_node, depth + 1)
            if isinstance(key, (list, dict)):
                raise _NotPlain  # PyYAML reports the unhashable key
            mapping[key] = value_node.value if value_node.tag == _STR else self.build(value_node, depth + 1)
        return mapping


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


def read_yaml(path: Path, label: str | None = None) -> YamlFile:
    """Read ``path``; on failure ``data`` is None and ``problems`` says why."""
    result = YamlFile(path, label or str(path))
    text = _read_text(result)
    if text is None:
        return result
    loader = _Loader(text)
    try:
        result.data = loader.get_plain_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        result.problems.append(_at(result, mark, message or "invalid YAML"))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        result.problems.append(Problem(result.label, line, col, f"character U+{code:04X} is not allowed in YAML"))
    except RecursionError:
        result.problems.append(Problem(result.label, 1, 1, "YAML nested too deeply"))
    finally:
        loader.dispose()
    for key_node in loader.duplicate_keys:
        result.problems.append(_at(result, key_node.start_mark, f"duplicate key '{key_node.value}'"))
    too_deep = loader.depth > MAX_DEPTH if loader.depth is not None else _depth_exceeds(result.data, MAX_DEPTH)
    if result.data is not None and too_deep:
        result.problems.append(Problem(result.label, 1, 1, f"nested deeper than {MAX_DEPTH} levels"))
    if result.problems:
        result.data = None
    return result


def _read_text(result: YamlFile) -> str | None:
    size = result.path.stat().st_size
    if size > MAX_FILE_BYTES:
        result.problems.append(
            Problem(result.label, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        )
        return None
    raw = result.path.read_bytes()
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


def _node_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Number of values under ``node``, counting shared nodes each time they are used."""
    if id(node) not in sizes:
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        sizes[id(node)] = 1 + sum(_node_size(child, sizes) for child in children)
    return sizes[id(node)]


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def locate(path: Path, keypath: KeyPath, *, at_key: bool = False) -> tuple[int, int]:
    """Line and column (from 1) of the value at ``keypath``, or of the nearest parent found.

    With ``at_key`` the position of the mapping key itself is given, which is where
    an unknown or misspelt key should be pointed at.
    """
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_BaseLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return 1, 1
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


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], None
    return None, None
