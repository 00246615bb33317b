"""Every kind of bad data stops the build with one clear line: file, line or entry, and field."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from macros.__main__ import main as cli
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
    """The CLI end to end, as a separate process (kept for one case; the rest run in-process)."""
    result = run([sys.executable, "-m", "macros", "validate", "--root", str(root)], Path(__file__).parent.parent)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if line.strip()]


def _cli(root: Path, capsys: pytest.CaptureFixture[str], command: str = "validate") -> tuple[int, list[str]]:
    """The CLI in-process (fast): exit code and non-empty stderr lines. Any exception fails the test."""
    code = cli([command, "--root", str(root)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.strip()]


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
    "unknown id (expected standard)": (
        "thresholds.yml",
        "required_safeguards: [std-a]\n        sources: [{source: doc-1",
        "required_safeguards: [std-a]\n        expected_safeguards: [std-y]\n        sources: [{source: doc-1",
        "data/thresholds.yml:6: entry 'alpha': states[0].expected_safeguards[0]: unknown standard 'std-y'",
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
def test_bad_data_gives_one_clear_line(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    file, old, new, message = CASES[case]
    root = _mini_copy(tmp_path)
    _edit(root / "data" / file, old, new)
    code, lines = _cli(root, capsys)
    assert code == 1
    assert lines == [message]


def test_fixture_itself_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(_mini_copy(tmp_path), capsys) == (0, [])


def test_a_nul_byte_is_one_line_end_to_end(tmp_path: Path) -> None:
    """The one subprocess case: the real entry point, exit code and stderr, no traceback."""
    root = _mini_copy(tmp_path)
    _edit(root / "data" / "versions.yml", "Second version.", "Second\x00version.")
    code, lines = _validate(root)
    assert (code, lines) == (
        1,
        ["data/versions.yml:13: bad character: U+0000 (control character) at column 20; remove it"],
    )


@pytest.mark.build  # runs `mkdocs build`
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


QUIZ = """verified: "2026-01-01"
items:
  - id: q1
    question: What?
    answer: This.
    see: [{see}]
    show_on: [{show_on}]
    sources: [{{source: doc-1, locator: "p. 1"}}]
"""

# Hostile or broken inputs found by a fuzzing audit: each is one line naming the real culprit.
# (file, old, new) edits; "docs" cases also get a docs/ tree so page references can be checked.
HOSTILE: dict[str, tuple[list[tuple[str, str, str]], str]] = {
    "control character in text": (
        [("versions.yml", "summary: Second version.", 'summary: "Second\\u0007version."')],
        "data/versions.yml:13: entry '2.0': summary: contains U+0007 (control character) at character 7; remove it",
    ),
    "line break inside a name": (
        [("thresholds.yml", "name: Beta", 'name: "Beta\\n```"')],
        "data/thresholds.yml:32: entry 'beta': states[0].name: contains U+000A (control character) at character 5;"
        " remove it",
    ),
    "bidi override": (
        [("versions.yml", "title: Policy two\n", 'title: "Policy \\u202eowt"\n')],
        "data/versions.yml:10: entry '2.0': title: contains U+202E (right-to-left override) at character 8; remove it",
    ),
    "zero-width character in an id": (
        [("thresholds.yml", "id: gamma", 'id: "gam\\u200bma"')],
        "data/thresholds.yml:35: entry 'gam\\u200bma': id: contains U+200B (zero width space) at character 4;"
        " remove it",
    ),
    "javascript: url": (
        [("sources.yml", "url: https://example.org/1.pdf", 'url: "javascript:alert(1)"')],
        "data/sources.yml:7: entry 'doc-1': url: string should match pattern",
    ),
    "quote in url": (
        [("sources.yml", "url: https://example.org/1.pdf", "url: 'https://example.org/\"><script>'")],
        "data/sources.yml:7: entry 'doc-1': url: string should match pattern",
    ),
    "id with double dot": (
        [("thresholds.yml", "id: gamma", "id: gamma..x")],
        "data/thresholds.yml:35: entry 'gamma..x': id: string should match pattern",
    ),
    "id with trailing dash": (
        [("thresholds.yml", "id: gamma", "id: gamma-")],
        "data/thresholds.yml:35: entry 'gamma-': id: string should match pattern",
    ),
    "300-character id": (
        [("thresholds.yml", "id: gamma", "id: " + "g" * 300)],
        "data/thresholds.yml:35: entry '" + "g" * 39 + "…': id: string should have at most 64 characters",
    ),
    "lineage edge to itself": (
        [("thresholds.yml", "      - to: beta", "      - to: alpha")],
        "data/thresholds.yml:24: entry 'alpha': lineage[0].to: a lineage edge cannot lead to its own threshold",
    ),
    "locator beyond the page count": (
        [("sources.yml", '    version: "1.0"\n', '    version: "1.0"\n    pages: 5\n')],
        "data/thresholds.yml:11: entry 'alpha': states[0].sources[0].locator: page 6 is beyond the 5 pages of source"
        " 'doc-1'",
    ),
    "duplicated version id": (
        [("versions.yml", '- id: "2.1"', '- id: "2.0"')],
        "data/versions.yml:24: entry '2.0': id: duplicate id (first used by entry #2)",
    ),
    "re-dated version": (
        [("versions.yml", 'effective: "2023-01-01"', 'effective: "2020-06-01"')],
        "data/versions.yml:40: entry '3.0': effective: takes effect 2020-06-01 but the lower-numbered version 2.1"
        " takes effect later",
    ),
    "version dated like another": (
        [("versions.yml", 'effective: "2023-01-01"', 'effective: "2022-01-01"')],
        "data/versions.yml:40: entry '3.0': effective: same effective date as version 2.1",
    ),
    "unknown pdf source": (
        [("versions.yml", "links: {pdf: doc-2}", "links: {pdf: doc-9}")],
        "data/versions.yml:12: entry '2.0': links.pdf: unknown source 'doc-9'",
    ),
    "unknown level of a standard": (
        [("standards.yml", "level: lvl-1", "level: lvl-9")],
        "data/standards.yml:3: entry 'std-a': level: unknown level 'lvl-9'",
    ),
    "unknown domain of a threshold": (
        [("thresholds.yml", "domain: bio", "domain: chem")],
        "data/thresholds.yml:3: entry 'alpha': domain: unknown domain 'chem'",
    ),
    "unknown version of a source": (
        [("sources.yml", 'version: "1.0"', 'version: "1.5"')],
        "data/sources.yml:3: entry 'doc-1': version: unknown version '1.5'",
    ),
    "lineage to an unknown threshold": (
        [("thresholds.yml", "      - to: beta", "      - to: omega")],
        "data/thresholds.yml:24: entry 'alpha': lineage[0].to: unknown threshold 'omega'",
    ),
    "lineage at an unknown version": (
        [("thresholds.yml", 'at: "2.0"', 'at: "2.5"')],
        "data/thresholds.yml:24: entry 'alpha': lineage[0].at: unknown version '2.5'",
    ),
    "gap between states": (
        [("standards.yml", '      - from: "2.1"\n', '      - from: "3.0"\n')],
        "data/standards.yml:13: entry 'std-a': states[1].from: gap after states[0]: no state covers version 2.1",
    ),
    "state ends at an unknown version": (
        [("thresholds.yml", '        to: "1.0"', '        to: "1.9"')],
        "data/thresholds.yml:7: entry 'alpha': states[0].to: unknown version '1.9'",
    ),
}


def _apply(root: Path, edits: list[tuple[str, str, str]]) -> None:
    for file, old, new in edits:
        _edit(root / "data" / file, old, new)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_data_gives_one_line_naming_the_culprit(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    edits, message = HOSTILE[case]
    root = _mini_copy(tmp_path)
    _apply(root, edits)
    code, lines = _cli(root, capsys)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(message), lines


def _with_docs(root: Path) -> Path:
    for page in ("index.md", "about.md", "levels/index.md"):
        (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / page).write_text("# Page\n", encoding="utf-8")
    return root


PAGE_CASES = {
    "see: javascript": (
        QUIZ.format(see='"javascript:alert(1)"', show_on='"about.md"'),
        "data/quiz.yml:6: entry 'q1': see[0]: string should match pattern",
    ),
    "see: unknown page": (
        QUIZ.format(see='"nowhere.md"', show_on='"about.md"'),
        "data/quiz.yml:6: entry 'q1': see[0]: no page 'nowhere.md'",
    ),
    "show_on: unknown page": (
        QUIZ.format(see='"versions/2.0.md", "https://example.org/x"', show_on='"about.md", "levels/indx.md"'),
        "data/quiz.yml:7: entry 'q1': show_on[1]: no page 'levels/indx.md'",
    ),
}


@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_faq_and_quiz_links_are_checked(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    quiz, message = PAGE_CASES[case]
    root = _with_docs(_mini_copy(tmp_path))
    (root / "data" / "quiz.yml").write_text(quiz, encoding="utf-8")
    code, lines = _cli(root, capsys)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(message), lines


def test_a_redirect_cannot_shadow_an_existing_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _with_docs(_mini_copy(tmp_path))
    (root / "data" / "redirects.yml").write_text(
        'verified: "2026-01-01"\nitems:\n  - id: r1\n    old: about.md\n    new: index.md\n    reason: Test.\n',
        encoding="utf-8",
    )
    code, lines = _cli(root, capsys)
    assert (code, lines) == (
        1,
        ["data/redirects.yml:4: entry 'r1': old: 'about.md' is an existing page; a redirect would hide it"],
    )


def test_invalid_utf8_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini_copy(tmp_path)
    path = root / "data" / "levels.yml"
    path.write_bytes(path.read_bytes().replace(b"order: 1", b"order: 1 \xff", 1))
    assert _cli(root, capsys) == (1, ["data/levels.yml:4: invalid UTF-8: byte 0xff cannot be decoded; save as UTF-8"])


def test_bad_data_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini_copy(tmp_path)
    _apply(root, HOSTILE["300-character id"][0])
    code, lines = _cli(root, capsys, "gen")
    assert code == 1 and len(lines) == 1
    assert not (root / "docs").exists() and not (root / "includes").exists()
