"""Every kind of bad data stops the build with one clear line: file, line or entry, and field."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, mkdocs_build, run


def _mini_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _validate(root: Path) -> tuple[int, list[str]]:
    result = run([sys.executable, "-m", "macros", "validate", "--root", str(root)], Path(__file__).parent.parent)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if line.strip()]


CASES = {
    "malformed YAML": (
        "versions.yml",
        "title: Policy two\n",
        "title: [Policy two\n",
        "data/versions.yml:11: malformed YAML: expected ',' or ']', but got ':'",
    ),
    "missing field": (
        "versions.yml",
        "    summary: Second version.\n",
        "",
        "data/versions.yml:9: entry '2.0': summary: missing required field",
    ),
    "unknown field": (
        "levels.yml",
        "    order: 1\n",
        "    order: 1\n    colour: red\n",
        "data/levels.yml:5: entry 'lvl-1': colour: unknown field",
    ),
    "bad date": (
        "versions.yml",
        '"2021-01-01"',
        '"2021-02-30"',
        "data/versions.yml:11: entry '2.0': effective: input should be a valid date or datetime, "
        "day value is outside expected range",
    ),
    "duplicate id": (
        "thresholds.yml",
        "  - id: gamma\n",
        "  - id: beta\n",
        "data/thresholds.yml:35: entry 'beta': id: duplicate id (first used by entry #2)",
    ),
    "unknown id (standard)": (
        "thresholds.yml",
        "required_safeguards: [std-a]\n        sources: [{source: doc-1",
        "required_safeguards: [std-z]\n        sources: [{source: doc-1",
        "data/thresholds.yml:6: entry 'alpha': states[0].required_safeguards[0]: unknown standard 'std-z'",
    ),
    "unknown id (entity reference)": (
        "versions.yml",
        '["threshold:alpha"]',
        '["threshold:omega"]',
        "data/versions.yml:21: entry '2.0': changes[0].entities[0]: unknown entity 'threshold:omega'",
    ),
    "change without effect": (
        "versions.yml",
        "        effect: clarifies\n",
        "",
        "data/versions.yml:15: entry '2.0': changes[0].effect: missing required field",
    ),
    "unknown change effect": (
        "versions.yml",
        "effect: clarifies",
        "effect: improves",
        "data/versions.yml:17: entry '2.0': changes[0].effect: input should be 'adds-obligation', "
        "'removes-obligation', 'widens-scope', 'narrows-scope', 'raises-bar', 'lowers-bar', 'redefines', "
        "'restructures', 'clarifies' or 'editorial'",
    ),
    "change without changelog answer": (
        "versions.yml",
        '        in_changelog: "yes"\n',
        "",
        "data/versions.yml:15: entry '2.0': changes[0].in_changelog: missing required field",
    ),
    "effect note too long": (
        "versions.yml",
        "effect_note: A new name with the same meaning.",
        "effect_note: " + "word " * 31,
        "data/versions.yml:18: entry '2.0': changes[0].effect_note: value error, at most 30 words",
    ),
    "unsourced changelog silence": (
        "versions.yml",
        ', {source: doc-3, locator: "Changelog, p. 9"}',
        "",
        "data/versions.yml:30: entry '2.1': changes[0]: value error, "
        "in_changelog 'no' needs a source citing the version's changelog",
    ),
    "duplicate change id": (
        "versions.yml",
        "      - id: tidy-up\n",
        "      - id: tidy-up\n        category: editorial\n        effect: editorial\n"
        '        effect_note: Twice.\n        in_changelog: "yes"\n        text: Again.\n'
        '        sources: [{source: doc-3, locator: "p. 9"}]\n      - id: tidy-up\n',
        "data/versions.yml:29: entry '2.1': changes: value error, duplicate change id 'tidy-up'",
    ),
    "dangling source key": (
        "levels.yml",
        "source: doc-1",
        "source: doc-9",
        "data/levels.yml:9: entry 'lvl-1': states[0].sources[0].source: unknown source 'doc-9'",
    ),
    "range points nowhere": (
        "levels.yml",
        'from: "1.0"',
        'from: "1.5"',
        "data/levels.yml:6: entry 'lvl-1': states[0].from: unknown version '1.5'",
    ),
    "ranges overlap": (
        "standards.yml",
        '      - from: "2.1"\n',
        '      - from: "2.0"\n',
        "data/standards.yml:13: entry 'std-a': states[1].from: overlaps states[0] (both cover version 2.0)",
    ),
    "range backwards": (
        "thresholds.yml",
        '      - from: "2.0"\n        to: "2.1"\n        name: Alpha-3',
        '      - from: "2.1"\n        to: "2.0"\n        name: Alpha-3',
        "data/thresholds.yml:13: entry 'alpha': states[1].to: version 2.0 comes before 'from' 2.1",
    ),
    "page runs overlap": (
        "sources.yml",
        '    version: "1.0"\n',
        '    version: "1.0"\n    printed_pages: [{pdf_from: 2, pdf_to: 9}, {pdf_from: 5, pdf_to: 12, offset: 1}]\n',
        "data/sources.yml:11: entry 'doc-1': printed_pages: value error, "
        "runs must be in page order and must not overlap",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_gives_one_clear_line(tmp_path: Path, case: str) -> None:
    file, old, new, message = CASES[case]
    root = _mini_copy(tmp_path)
    _edit(root / "data" / file, old, new)
    code, lines = _validate(root)
    assert code == 1
    assert lines == [message]


def test_fixture_itself_is_valid(tmp_path: Path) -> None:
    code, lines = _validate(_mini_copy(tmp_path))
    assert (code, lines) == (0, [])


def test_mkdocs_build_stops_cleanly_on_bad_data(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    _edit(project / "data" / "versions.yml", "effective: ", "effective: not-a-date-", 1)
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "data/versions.yml" in line]
    assert len(errors) == 1 and "effective: input should be a valid date" in errors[0]
    assert not (site / "index.html").exists(), "a partial site was written"
