"""The loader's pieces one by one: how a file is parsed, where an error is placed, how it is worded.

test_bad_data.py drives whole fixtures through the CLI; these pin each branch and message of
macros/model/load.py directly (fast, and the mutation run, `make mutation`, counts on them)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.model import load
from macros.model import types as t
from macros.model.errors import DataError
from macros.model.integrity import nearest_line
from macros.model.load import forbidden_char, format_error, load_atlas, printable, read_file
from tests.conftest import MINI

PARSE = {
    "duplicate key": (b"a: 1\nb: 2\na: 3\n", "data/f.yml:3: malformed YAML: duplicate key 'a'"),
    "unclosed list": (b"a: [1\nb: 2\n", "data/f.yml:2: malformed YAML: expected ',' or ']', but got ':'"),
    "tab indent": (b"a:\n\tb: 1\n", "data/f.yml:2: malformed YAML: found character '\\t' that cannot start any token"),
    "unclosed quote": (b"a: 1\nb: 'x\n", "data/f.yml:3: malformed YAML: found unexpected end of stream"),
    "undefined alias": (b"a: 1\nb: *x\n", "data/f.yml:2: malformed YAML: found undefined alias 'x'"),
    "python tag": (
        b"a: !!python/object x\n",
        "data/f.yml:1: malformed YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object'",
    ),
    "control character": (
        b"a: 1\nb: x\x01y\n",
        "data/f.yml:2: bad character: U+0001 (control character) at column 5; remove it",
    ),
    "control character, first line": (
        b"ab\x02",
        "data/f.yml:1: bad character: U+0002 (control character) at column 3; remove it",
    ),
    "noncharacter": (
        "a: 1\n\nbb: x\ufffey\n".encode(),
        "data/f.yml:3: bad character: U+FFFE (control character) at column 6; remove it",
    ),
    "invalid UTF-8": (
        b"a: 1\nb: 2\nc: \xc3\n",
        "data/f.yml:3: invalid UTF-8: byte 0xc3 cannot be decoded; save as UTF-8",
    ),
    "control character after a blank first line": (
        b"\nab\x02",
        "data/f.yml:2: bad character: U+0002 (control character) at column 3; remove it",
    ),
    "invalid UTF-8 after a blank first line": (
        b"\nb: \xc3\n",
        "data/f.yml:2: invalid UTF-8: byte 0xc3 cannot be decoded; save as UTF-8",
    ),
    "long message is cut": (
        b"a: *" + b"x" * 500 + b"\n",
        "data/f.yml:1: malformed YAML: found undefined alias '" + "x" * 346 + "…",
    ),
    "invalid UTF-8, first line": (b"\xff", "data/f.yml:1: invalid UTF-8: byte 0xff cannot be decoded; save as UTF-8"),
}


def _parse_bytes(tmp_path: Path, data: bytes) -> tuple[Any, list[str]]:
    path = tmp_path / "f.yml"
    path.write_bytes(data)
    return load._parse(path, "data/f.yml")


@pytest.mark.parametrize("case", sorted(PARSE))
def test_parse_error_is_one_line(tmp_path: Path, case: str) -> None:
    data, message = PARSE[case]
    assert _parse_bytes(tmp_path, data) == (None, [message])


def test_parse_keeps_dates_as_text_and_records_lines(tmp_path: Path) -> None:
    raw, errors = _parse_bytes(tmp_path, b"d: 2024-01-02\nitems:\n  - id: x\n    s:\n      - 1\n      - 2\n  - id: y\n")
    assert errors == []
    lines: dict[Any, int] = {}
    assert load._strip_lines(raw, (), lines) == {"d": "2024-01-02", "items": [{"id": "x", "s": [1, 2]}, {"id": "y"}]}
    assert lines == {
        (): 1,
        ("d",): 1,
        ("items",): 2,
        ("items", 0): 3,
        ("items", 0, "id"): 3,
        ("items", 0, "s"): 4,
        ("items", 0, "s", 0): 5,
        ("items", 0, "s", 1): 6,
        ("items", 1): 7,
        ("items", 1, "id"): 7,
    }


def _raising(exc: Exception) -> Any:
    def fake(*_args: Any, **_kwargs: Any) -> Any:
        raise exc

    return fake


def test_parse_error_without_problem_mark_uses_the_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mark = yaml.Mark("f", 0, 4, 0, None, None)
    monkeypatch.setattr(yaml, "load", _raising(yaml.MarkedYAMLError(context="while scanning", context_mark=mark)))
    assert _parse_bytes(tmp_path, b"a: 1\n") == (None, ["data/f.yml:5: malformed YAML: while scanning"])


def test_parse_error_without_any_mark_is_line_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml, "load", _raising(yaml.MarkedYAMLError(problem="odd")))
    assert _parse_bytes(tmp_path, b"a: 1\n") == (None, ["data/f.yml:1: malformed YAML: odd"])


def test_other_yaml_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml, "load", _raising(yaml.YAMLError("strange\x00thing")))
    assert _parse_bytes(tmp_path, b"a: 1\n") == (None, ["data/f.yml:1: malformed YAML: strange\\u0000thing"])
    monkeypatch.setattr(yaml, "load", _raising(yaml.YAMLError("y" * 500)))
    assert _parse_bytes(tmp_path, b"a: 1\n") == (None, ["data/f.yml:1: malformed YAML: " + "y" * 369 + "…"])


def test_printable() -> None:
    assert printable("a\x00b\u202ec") == "a\\u0000b\\u202ec"
    assert printable("x" * 80) == "x" * 80
    assert printable("x" * 81) == "x" * 79 + "…"
    assert printable("abcde", 4) == "abc…"
    assert printable("abcd", 4) == "abcd"
    assert printable(12) == "12"


def test_format_error_is_printable_and_capped() -> None:
    assert format_error("data/a.yml", 3, "entry 'x'", "name", "bad\x07") == "data/a.yml:3: entry 'x': name: bad\\u0007"
    long = format_error("data/a.yml", 3, "file", "f", "y" * 500)
    assert len(long) == 400 and long.endswith("y…")


RAW = {"items": [{"id": "x"}, {"name": "y"}, "text"], "verified": "2026-01-01"}
WHERE = {
    "entry by id": (("items", 0, "name"), "entry 'x'", "name"),
    "entry by number": (("items", 1, "name"), "entry #2", "name"),
    "entry that is not a mapping": (("items", 2), "entry #3", "(whole entry)"),
    "entry beyond the list": (("items", 5, "a"), "file", "a"),
    "entry just past the list": (("items", 3, "a"), "file", "a"),
    "top-level field": (("verified",), "file", "verified"),
    "deep field": (("items", 0, "states", 1, "from_"), "entry 'x'", "states[1].from"),
    "string index": (("items", "0"), "file", "items.0"),
}


@pytest.mark.parametrize("case", sorted(WHERE))
def test_entry_name_and_field_path(case: str) -> None:
    loc, entry, field = WHERE[case]
    assert (load._entry_name(RAW, loc), load._field_path(loc)) == (entry, field)


def test_entry_name_of_odd_shapes() -> None:
    assert load._entry_name({"items": "x"}, ("items", 0)) == "file"
    assert load._entry_name(["x"], ("items", 0)) == "file"
    assert load._entry_name({"items": [{"id": "\x00" + "z" * 60}]}, ("items", 0)) == "entry '\\u0000" + "z" * 33 + "…'"


def test_nearest_line_takes_the_nearest_known_ancestor() -> None:
    lines = {("a",): 3, ("a", 0): 4}
    assert nearest_line(("a", 0, "b", 1), lines) == 4
    assert nearest_line(("a", 0, "b"), lines) == 4
    assert nearest_line(("a", 1), lines) == 3
    assert nearest_line(("a",), lines) == 3
    assert nearest_line(("b",), lines) == 1
    assert nearest_line(("b",), {(): 2, ("a",): 3}) == 2
    assert nearest_line((), {(): 2}) == 2


def test_problem_wording() -> None:
    assert load._problem({"type": "extra_forbidden", "msg": "Extra inputs are not permitted"}) == "unknown field"
    assert load._problem({"type": "missing", "msg": "Field required"}) == "missing required field"
    assert load._problem({"type": "value_error", "msg": "Value Error, X"}) == "value Error, X"


def test_forbidden_char() -> None:
    assert forbidden_char("  ok\x07 ") == "contains U+0007 (control character) at character 3; remove it"
    assert forbidden_char(" a\tb") == "contains U+0009 (control character) at character 2; remove it"
    assert forbidden_char("x\u2066") == "contains U+2066 (left-to-right isolate) at character 2; remove it"
    assert forbidden_char(" fine text\n") is None


def test_keys_are_checked_for_forbidden_characters_too(tmp_path: Path) -> None:
    path = tmp_path / "levels.yml"
    path.write_text('verified: "2026-01-01"\nitems:\n  - id: a\n    "na\\u200bme": x\n', encoding="utf-8")
    _, errors, _, _ = read_file(path, "data/levels.yml", t.LevelsFile)
    assert errors == [
        "data/levels.yml:4: entry 'a': na\\u200bme: contains U+200B (zero width space) at character 3; remove it"
    ]


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n"])
def test_a_file_that_is_not_a_mapping(tmp_path: Path, text: str) -> None:
    path = tmp_path / "levels.yml"
    path.write_text(text, encoding="utf-8")
    model, errors, lines, _ = read_file(path, "data/levels.yml", t.LevelsFile)
    assert (model, errors, lines) == (
        None,
        ["data/levels.yml:1: file: (whole file): expected a mapping with 'verified' and 'items'"],
        {},
    )


def test_every_schema_error_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "levels.yml"
    path.write_text('verified: "2026-01-01"\nitems:\n  - id: a\n    x: 1\n  - y: 2\n', encoding="utf-8")
    model, errors, _, _ = read_file(path, "data/levels.yml", t.LevelsFile)
    assert model is None
    assert "data/levels.yml:4: entry 'a': x: unknown field" in errors
    assert "data/levels.yml:5: entry #2: id: missing required field" in errors


def test_missing_files_are_all_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    (data / "glossary.yml").unlink()
    (data / "paths.yml").unlink()
    with pytest.raises(DataError) as info:
        load_atlas(data)
    assert info.value.messages == [
        "data/glossary.yml:1: file: (whole file): file is missing",
        "data/paths.yml:1: file: (whole file): file is missing",
    ]
