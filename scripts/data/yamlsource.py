"""Reading one YAML data file: its values, where each value stands, and the problems plain loading hides.

PyYAML keeps the last of two equal keys without a word, and its constructed values forget their
line numbers. We compose the node tree ourselves, check it, remember the position of every key
and list item, and only then construct the Python values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.data.problems import Problem, display_path, format_key_path

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: A data file larger than this is refused before parsing: no hand-written data file comes near it,
#: and refusing keeps a mistaken or hostile file from exhausting memory.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Deeper nesting than this is refused: the data's deepest value is six levels down.
MAX_DEPTH = 64
#: Values, and characters of text, that a file may hold once its aliases (``*name``) are expanded: aliases may
#: share a value, not multiply a small file into gigabytes ("billion laughs").
MAX_EXPANDED_NODES = 200_000
MAX_EXPANDED_CHARS = 4 * MAX_FILE_BYTES
#: Whole numbers longer than this are refused (no count, number or year in the data comes near it).
MAX_INT_DIGITS = 18

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"

KeyPath = tuple[object, ...]


@dataclass
class YamlDocument:
    """The values of one data file and the 1-based (line, column) of each key path in it."""

    path: Path
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def position(self, key_path: KeyPath) -> tuple[int, int]:
        """Where ``key_path`` stands, or its nearest ancestor that exists in the file."""
        parts = tuple(key_path)
        while parts:
            if parts in self.positions:
                return self.positions[parts]
            parts = parts[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, key_path: KeyPath, message: str) -> Problem:
        line, column = self.position(key_path)
        return Problem(self.name, line, column, format_key_path(key_path), message)


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path`` (``raw``: its bytes, read already). Returns the document (None if it cannot be used at all)
    and the problems found."""
    name = display_path(path)
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(name, 1, 1, "", f"the file is {size / 1048576:.1f} MiB; data files may be at most "
                        f"{MAX_FILE_BYTES // 1048576} MiB: split it into several files")
            ]
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(name, line, column, "", f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                    "save it with UTF-8 encoding")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(name, 1, 1, "", "the file is empty: expected a YAML mapping of keys to values")]
        refused = _measure(node, name)
        if refused is not None:
            return None, [refused]
        problems: list[Problem] = []
        positions: dict[KeyPath, tuple[int, int]] = {(): _mark(node.start_mark)}
        _walk(node, (), positions, problems, name, loader)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        # A scanner error ("while scanning a quoted scalar", "... a simple key") is found where the scanner gave
        # up, often at the end of the file or on the next line; the mistake is where the scalar or key began.
        scanning = (exc.context or "").startswith("while scanning") and exc.context_mark is not None
        mark = exc.context_mark if scanning else (exc.problem_mark or exc.context_mark)
        line, column = _mark(mark) if mark is not None else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        if "expected a single document" in what:
            what = "expected one YAML document, found more (remove the extra '---')"
        return None, [Problem(name, line, column, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # errors without a position
        return None, [Problem(name, 1, 1, "", f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(name, 1, 1, "", f"the file is nested too deeply (at most {MAX_DEPTH} levels)")]
    except (ValueError, TypeError, OverflowError, MemoryError) as exc:  # a value the constructors cannot build
        return None, [Problem(name, 1, 1, "", f"a value cannot be read: {exc}")]
    finally:
        loader.dispose()
    return YamlDocument(path, data, positions), problems


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _measure(root: yaml.Node, name: str) -> Problem | None:
    """Refuse a tree nested too deeply, or one whose aliases expand beyond the limits, before anything walks
    it recursively or constructs it. Iterative, and each node (an alias is the same node) is counted once."""
    size: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters) once expanded
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            line, column = _mark(node.start_mark)
            return Problem(name, line, column, "", f"the values are nested too deeply (more than {MAX_DEPTH} levels)")
        if id(node) in size and not done:
            continue
        children = _children(node)
        if not done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children if id(child) not in size)
            continue
        values, chars = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        for child in children:
            child_values, child_chars = size.get(id(child), (1, 0))
            values, chars = values + child_values, chars + child_chars
        if values > MAX_EXPANDED_NODES or chars > MAX_EXPANDED_CHARS:
            line, column = _mark(node.start_mark)
            return Problem(name, line, column, "", "aliases (*name) expand this value beyond the limit of "
                           f"{MAX_EXPANDED_NODES:,} values or {MAX_EXPANDED_CHARS // 1048576} MiB of text: "
                           "write the values out instead of repeating aliases")
        size[id(node)] = (values, chars)
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_scalar(node: yaml.ScalarNode, here: KeyPath, problems: list[Problem], name: str, loader: Any) -> None:
    """Numbers and dates the constructors would fail on (or take minutes over) become problems; the node is
    turned into text so that the rest of the file is still read and checked."""
    message = None
    if node.tag == _INT_TAG and len(node.value.lstrip("+-").replace("_", "")) > MAX_INT_DIGITS:
        message = f"expected a number of at most {MAX_INT_DIGITS} digits, got {len(node.value)} characters of digits"
    elif node.tag in (_TIMESTAMP_TAG, _FLOAT_TAG, _INT_TAG):
        try:
            loader.yaml_constructors[node.tag](loader, node)
        except (ValueError, OverflowError) as exc:
            what = "date" if node.tag == _TIMESTAMP_TAG else "number"
            message = f"expected a real {what}, got {node.value!r} ({exc})"
    if message is not None:
        line, column = _mark(node.start_mark)
        problems.append(Problem(name, line, column, format_key_path(here), message))
        node.tag = _STR_TAG


def _walk(node: yaml.Node, here: KeyPath, positions: dict, problems: list[Problem], name: str, loader: Any) -> None:
    """Record positions and find duplicate keys; iterative, and each node (an alias is the same node) once."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, here)]
    while stack:
        node, here = stack.pop()
        if id(node) in seen:  # an alias: its node was walked where its anchor stands
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, here, problems, name, loader)
        elif isinstance(node, yaml.MappingNode):
            first_seen: dict[object, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
                line, column = _mark(key_node.start_mark)
                if key in first_seen:
                    problems.append(Problem(name, line, column, format_key_path(here + (key,)),
                                            f"duplicate key '{key}' (first given on line {first_seen[key]}); "
                                            "YAML would silently keep only the last value: remove one"))
                    continue
                first_seen[key] = line
                positions[here + (key,)] = (line, column)
                if isinstance(key_node, yaml.ScalarNode):
                    _check_scalar(key_node, here + (key,), problems, name, loader)
                stack.append((value_node, here + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                positions[here + (index,)] = _mark(item.start_mark)
                stack.append((item, here + (index,)))
