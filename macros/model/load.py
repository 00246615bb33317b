"""Read ``data/*.yml``, validate each file against its model, then cross-check the whole set.

Errors are collected and raised together as one :class:`DataError`; each message is one line:
``data/FILE.yml:LINE: ENTRY: FIELD: problem``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.model.atlas import FILES, Atlas
from macros.model.errors import DataError
from macros.model.integrity import check_integrity, nearest_line, site_pages

LINE_KEY = "__line__"
Path_ = tuple[int | str, ...]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line each mapping starts on, and refuses duplicate keys."""

    # PyYAML's signature; how deep it builds makes no difference to the finished document.
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # pragma: no mutate
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        mapping = super().construct_mapping(node, deep=True)  # pragma: no mutate (see above)
        # Remember where the mapping, each key, and each item of a list value start.
        where: dict[Any, int] = {(): node.start_mark.line + 1}
        for key_node, value_node in node.value:
            key = key_node.value
            where[(key,)] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    where[(key, i)] = item.start_mark.line + 1
        mapping[LINE_KEY] = where
        return mapping


# Keep dates as strings: pydantic parses them, so a bad date gets a pydantic message, and quoted
# and unquoted dates behave alike.
def _as_string(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_string)


# The same loader over libyaml's parser, when PyYAML has it: it parses the data files about
# eight times faster (≈0.8 s of every build). Its error messages differ from the pure-Python
# parser's, so a file it rejects is parsed again by _LineLoader for the message (see _parse).
_FastLoader: type[_LineLoader] = (
    type("_FastLoader", (yaml.CSafeLoader, _LineLoader), {}) if yaml.__with_libyaml__ else _LineLoader
)


def _strip_lines(node: Any, path: Path_, lines: dict[Path_, int]) -> Any:
    if isinstance(node, dict):
        for rel, line in node.pop(LINE_KEY).items():  # every mapping the loader builds has one
            lines.setdefault((*path, *rel), line)
        return {k: _strip_lines(v, (*path, k), lines) for k, v in node.items()}
    if isinstance(node, list):
        return [_strip_lines(v, (*path, i), lines) for i, v in enumerate(node)]
    return node


def _entry_name(raw: Any, loc: Path_) -> str:
    """Human name of the top-level entry a location falls in: its ``id``, else its index."""
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(raw, dict):
        items = raw.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items):
            item = items[loc[1]]
            if isinstance(item, dict) and "id" in item:
                return f"entry '{printable(item['id'], 40)}'"
            return f"entry #{loc[1] + 1}"
    return "file"


def _field_path(loc: Path_) -> str:
    rest = loc[2:] if len(loc) >= 2 and isinstance(loc[1], int) else loc
    out = ""
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out.replace("from_", "from") or "(whole entry)"


def printable(text: object, limit: int = 80) -> str:
    """Text safe to print on one line of an error: non-printables as escapes, long text cut."""
    out = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text))
    return out if len(out) <= limit else out[: limit - 1] + "…"


def format_error(rel: str, line: int, entry: str, field: str, problem: str) -> str:
    return printable(f"{rel}:{line}: {entry}: {field}: {problem}", limit=400)


# Characters no text field may hold: C0/C1 controls (a line break or tab inside text included:
# every text field is one paragraph, and the site collapses whitespace anyway), bidi overrides
# and isolates, zero-width characters, and Unicode line/paragraph separators. They are invisible
# in review, reorder what a reader sees, or make an export (XML, CSV, JSON, Markdown) invalid.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]")


def forbidden_char(text: str) -> str | None:
    """A description of the first forbidden character in ``text`` (ends ignored), or None."""
    m = _FORBIDDEN.search(text.strip())
    if m is None:
        return None
    return f"contains {_describe(m.group())} at character {m.start() + 1}; remove it"


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, '').lower() or 'control character'})"


def _strings(node: Any, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str):
                yield (*loc, k), k
            yield from _strings(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*loc, i))
    elif isinstance(node, str):
        yield loc, node


def _char_errors(rel: str, raw: Any, lines: dict[Path_, int]) -> list[str]:
    errors = []
    for loc, text in _strings(raw, ()):
        problem = forbidden_char(text)
        if problem:
            errors.append(format_error(rel, nearest_line(loc, lines), _entry_name(raw, loc), _field_path(loc), problem))
    return errors


def _parse(path: Path, rel: str) -> tuple[Any, list[str]]:
    """Decode and parse one file; any failure is one line naming the line it happened on."""
    data = path.read_bytes()
    try:
        text = data.decode()  # UTF-8
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [f"{rel}:{line}: invalid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; save as UTF-8"]
    try:
        return yaml.load(text, Loader=_FastLoader), []
    except yaml.YAMLError:
        pass  # the message comes from the pure-Python parser below, as it always has
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [printable(f"{rel}:{line}: malformed YAML: {exc.problem or exc.context}", limit=400)]
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = len(before.rpartition("\n")[2]) + 1
        char = chr(exc.character)  # decoding text (not bytes), PyYAML reports the code point
        return None, [f"{rel}:{line}: bad character: {_describe(char)} at column {column}; remove it"]
    except yaml.YAMLError as exc:
        return None, [printable(f"{rel}:1: malformed YAML: {exc}", limit=400)]


def _problem(err: ErrorDetails) -> str:
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "missing required field"
    return msg[0].lower() + msg[1:]


def read_file(
    path: Path, rel: str, model: type[BaseModel]
) -> tuple[BaseModel | None, list[str], dict[Path_, int], Any]:
    """Parse and validate one data file. Returns (model or None, errors, line map, raw)."""
    raw, errors = _parse(path, rel)
    if errors:
        return None, errors, {}, None
    lines: dict[Path_, int] = {}
    raw = _strip_lines(raw, (), lines)
    if not isinstance(raw, dict):
        return None, [f"{rel}:1: file: (whole file): expected a mapping with 'verified' and 'items'"], {}, raw
    errors = _char_errors(rel, raw, lines)
    if errors:
        return None, errors, lines, raw  # the same text would only fail again on its pattern
    try:
        return model.model_validate(raw), [], lines, raw
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            errors.append(
                format_error(rel, nearest_line(loc, lines), _entry_name(raw, loc), _field_path(loc), _problem(err))
            )
        return None, errors, lines, raw


def load_atlas(data_dir: Path) -> Atlas:
    """Load, validate and cross-check every data file; raise :class:`DataError` on any problem."""
    errors: list[str] = []
    parsed: dict[str, Any] = {}
    lines: dict[str, dict[Path_, int]] = {}
    for stem, model in FILES.items():
        path = data_dir / f"{stem}.yml"
        rel = f"data/{stem}.yml"
        if not path.exists():
            errors.append(f"{rel}:1: file: (whole file): file is missing")
            continue
        obj, errs, line_map, _ = read_file(path, rel, model)
        errors.extend(errs)
        parsed[stem] = obj
        lines[stem] = line_map
    if errors:
        raise DataError(errors)
    atlas = Atlas.from_files(parsed)
    docs = data_dir.parent / "docs"
    errors = check_integrity(atlas, lines, site_pages(atlas, docs) if docs.is_dir() else None)
    if errors:
        raise DataError(errors)
    return atlas
