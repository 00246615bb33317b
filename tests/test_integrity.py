"""Cross-file checks (macros/model/integrity.py), one reference kind and one range rule at a time.

Each case edits or writes data files of the mini fixture and loads it in-process; the whole list
of error lines must be exactly the expected one (file, line, entry, field and wording), so a check
that goes quiet, reports twice, blames the wrong entry or says the wrong thing fails here."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.model import load_atlas
from macros.model.errors import DataError
from macros.model.integrity import site_pages
from tests.conftest import MINI

RELATED = """verified: "2026-01-01"
items:
  - id: other
    developer: Other
    framework: Other framework
    editions:
      - {{label: One, date: "2024-01-01", source: doc-1}}
      - {{label: Two, date: "2025-01-01", source: {edition}}}
    summary: A framework.
    parallels:
      - {{concept: A concept}}
      - {{concept: Levels, entity: "{entity}"}}
    sources: [{{source: {source}, locator: "p. 1"}}]
"""

MODELS = """verified: "2026-01-01"
items:
  - id: model-a
    model: Model A
    date: "2022-06-01"
    level: {level}
    determination: Handled at level one.
    reasoning: Tests said so.
    sources: [{{source: doc-3, locator: "p. 2"}}]
  - id: model-b
    model: Model B
    date: "2022-07-01"
    determination: No level named.
    reasoning: None given.
    sources: [{{source: doc-3, locator: "p. 3"}}]
"""

THEORY = """verified: "2026-01-01"
mechanisms:
  - id: mech
    name: Mechanism
    summary: How it works.
    relies_on: Trust.
    provisions: ["threshold:alpha", "{ref}"]
    sources: [{{source: doc-1, locator: "p. 1"}}]
framings: []
assessment: []
critiques:
  - id: crit
    critic: A critic
    summary: A critique.
    reply_sources: [{{source: {reply}, locator: "p. 1"}}]
    sources: [{{source: doc-1, locator: "p. 1"}}]
"""

FAQ = """verified: "2026-01-01"
items:
  - id: f1
    question: Why?
    answer: Because.
    see: ["about.md#why", "{see}"]
    sources: [{{source: doc-1, locator: "p. 1"}}]
"""

REDIRECTS = """verified: "2026-01-01"
items:
  - id: r1
    old: old/place.md#x
    new: {new}
    reason: Moved.
"""

EVENTS = """verified: "2026-01-01"
items:
  - id: ev
    date: "2022-03-01"
    kind: report
    title: A report
    summary: Something happened.
    sources: [{{source: doc-4, locator: "pp. 2-{page}"}}]
"""


STANDARDS_REVERSED = """verified: "2026-01-01"
items:
  - id: std-a
    level: lvl-1
    type: security
    states:
      - from: "2.1"
        name: Standard A
        summary: Guards the weights.
        sources: [{source: doc-3, locator: "p. 4"}]
      - from: "1.0"
        to: "2.0"
        name: Standard A
        summary: Guards the weights.
        sources: [{source: doc-1, locator: "p. 4"}]
"""


def _project(tmp_path: Path, edits: list[tuple[str, str, str]], writes: dict[str, str], docs: bool) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    for file, old, new in edits:
        path = root / "data" / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for file, text in writes.items():
        (root / "data" / file).write_text(text, encoding="utf-8")
    if docs:
        for page in ("index.md", "about.md", "levels/index.md"):
            (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
            (root / "docs" / page).write_text("# Page\n", encoding="utf-8")
    return root


def _errors(root: Path) -> list[str]:
    try:
        load_atlas(root / "data")
    except DataError as exc:
        return exc.messages
    return []


GOOD_RELATED = RELATED.format(edition="doc-2", entity="level:lvl-1", source="doc-1")
GOOD_THEORY = THEORY.format(ref="standard:std-a", reply="doc-2")

CASES: dict[str, tuple[list[tuple[str, str, str]], dict[str, str], list[str]]] = {
    "valid extras": (
        [],
        {
            "related.yml": GOOD_RELATED,
            "models.yml": MODELS.format(level="lvl-1"),
            "theory.yml": GOOD_THEORY,
            "events.yml": EVENTS.format(page="4"),
        },
        [],
    ),
    "edition source": (
        [],
        {"related.yml": RELATED.format(edition="doc-9", entity="level:lvl-1", source="doc-1")},
        ["data/related.yml:8: entry 'other': editions[1].source: unknown source 'doc-9'"],
    ),
    "parallel entity": (
        [],
        {"related.yml": RELATED.format(edition="doc-2", entity="level:lvl-7", source="doc-1")},
        ["data/related.yml:12: entry 'other': parallels[1].entity: unknown entity 'level:lvl-7'"],
    ),
    "framework source": (
        [],
        {"related.yml": RELATED.format(edition="doc-2", entity="level:lvl-1", source="doc-0")},
        ["data/related.yml:13: entry 'other': sources[0].source: unknown source 'doc-0'"],
    ),
    "determination level": (
        [],
        {"models.yml": MODELS.format(level="lvl-2")},
        ["data/models.yml:3: entry 'model-a': level: unknown level 'lvl-2'"],
    ),
    "mechanism provision": (
        [],
        {"theory.yml": THEORY.format(ref="provision:nothing", reply="doc-2")},
        ["data/theory.yml:7: entry 'mech': provisions[1]: unknown entity 'provision:nothing'"],
    ),
    "critique reply source": (
        [],
        {"theory.yml": THEORY.format(ref="standard:std-a", reply="doc-5")},
        ["data/theory.yml:15: entry 'crit': reply_sources[0].source: unknown source 'doc-5'"],
    ),
    "event locator beyond the pages": (
        [("sources.yml", 'version: "3.0"\n', 'version: "3.0"\n    pages: 8\n')],
        {"events.yml": EVENTS.format(page="9")},
        ["data/events.yml:8: entry 'ev': sources[0].locator: page 9 is beyond the 8 pages of source 'doc-4'"],
    ),
    "locator within the pages": (
        [("sources.yml", 'version: "3.0"\n', 'version: "3.0"\n    pages: 9\n')],
        {"events.yml": EVENTS.format(page="9")},
        [],
    ),
    "redline source": (
        [("versions.yml", "links: {pdf: doc-3}", "links: {pdf: doc-3, redline: doc-8}")],
        {},
        ["data/versions.yml:27: entry '2.1': links.redline: unknown source 'doc-8'"],
    ),
    "announcement source": (
        [("versions.yml", "links: {pdf: doc-4}", "links: {pdf: doc-4, redline: doc-3, announcement: doc-7}")],
        {},
        ["data/versions.yml:41: entry '3.0': links.announcement: unknown source 'doc-7'"],
    ),
    "version source": (
        [
            (
                "versions.yml",
                'sources: [{source: doc-4, locator: "p. 1"}]',
                'sources: [{source: doc-6, locator: "p. 1"}]',
            )
        ],
        {},
        ["data/versions.yml:43: entry '3.0': sources[0].source: unknown source 'doc-6'"],
    ),
    "second required safeguard": (
        [("thresholds.yml", "required_safeguards: [std-a]", "required_safeguards: [std-a, std-b]")],
        {},
        ["data/thresholds.yml:6: entry 'alpha': states[0].required_safeguards[1]: unknown standard 'std-b'"],
    ),
    "two problems in one file": (
        [
            ("levels.yml", "source: doc-1", "source: doc-8"),
            ("standards.yml", "level: lvl-1", "level: lvl-0"),
        ],
        {},
        [
            "data/levels.yml:9: entry 'lvl-1': states[0].sources[0].source: unknown source 'doc-8'",
            "data/standards.yml:3: entry 'std-a': level: unknown level 'lvl-0'",
        ],
    ),
    "second state overlaps": (
        [
            (
                "thresholds.yml",
                '      - from: "3.0"\n        name: Alpha-3',
                '      - from: "2.1"\n        name: Alpha-3',
            )
        ],
        {},
        ["data/thresholds.yml:18: entry 'alpha': states[2].from: overlaps states[1] (both cover version 2.1)"],
    ),
    "states listed out of order": ([], {"standards.yml": STANDARDS_REVERSED}, []),
    "first version uncovered is fine": (
        [("levels.yml", 'from: "1.0"', 'from: "2.0"')],
        {},
        [],
    ),
    "bad range stops the gap check": (
        [
            ("standards.yml", '        to: "2.0"', '        to: "9.0"'),
            ("standards.yml", '      - from: "2.1"\n', '      - from: "3.0"\n'),
        ],
        {},
        ["data/standards.yml:8: entry 'std-a': states[0].to: unknown version '9.0'"],
    ),
    "a change affecting an entry whose record did not change then": (
        [("versions.yml", 'entities: ["threshold:alpha"]', 'entities: ["threshold:alpha", "standard:std-a"]')],
        {},
        [
            "data/versions.yml:21: entry '2.0/alpha-renamed': entities[1]: "
            "'standard:std-a' has no change of record in 2.0"
        ],
    ),
    "two lineage problems": (
        [
            (
                "thresholds.yml",
                '      - to: beta\n        type: split\n        at: "2.0"',
                '      - to: omega\n        type: split\n        at: "0.9"',
            )
        ],
        {},
        [
            "data/thresholds.yml:24: entry 'alpha': lineage[0].to: unknown threshold 'omega'",
            "data/thresholds.yml:24: entry 'alpha': lineage[0].at: unknown version '0.9'",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cross_file_check(tmp_path: Path, case: str) -> None:
    edits, writes, expected = CASES[case]
    assert _errors(_project(tmp_path, edits, writes, docs=False)) == expected


PAGE_CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    "faq see with anchor": ({"faq.yml": FAQ.format(see="levels/index.md#x")}, []),
    "faq see elsewhere": ({"faq.yml": FAQ.format(see="https://example.org/a")}, []),
    "faq see a generated page": ({"faq.yml": FAQ.format(see="compare/2.0-vs-3.0.md")}, []),
    "faq see unknown": (
        {"faq.yml": FAQ.format(see="levels/nowhere.md#y")},
        ["data/faq.yml:6: entry 'f1': see[1]: no page 'levels/nowhere.md'"],
    ),
    "redirect to a page": ({"redirects.yml": REDIRECTS.format(new="levels/index.md#top")}, []),
    "redirect to nowhere": (
        {"redirects.yml": REDIRECTS.format(new="levels/gone.md#top")},
        ["data/redirects.yml:5: entry 'r1': new: no page 'levels/gone.md'"],
    ),
}


@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_page_references(tmp_path: Path, case: str) -> None:
    writes, expected = PAGE_CASES[case]
    assert _errors(_project(tmp_path, [], writes, docs=True)) == expected


def test_pages_are_not_checked_without_docs(tmp_path: Path) -> None:
    root = _project(tmp_path, [], {"faq.yml": FAQ.format(see="nowhere.md")}, docs=False)
    assert _errors(root) == []


def test_site_pages_include_the_generated_ones(tmp_path: Path, mini) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "page.md").write_text("# P\n", encoding="utf-8")
    (docs / "note.txt").write_text("x", encoding="utf-8")
    ids = ["1.0", "2.0", "2.1", "3.0"]
    assert mini.version_ids == tuple(ids) or list(mini.version_ids) == ids
    compare = {f"compare/{a}-vs-{b}.md" for i, a in enumerate(ids) for b in ids[i + 1 :]}
    assert len(compare) == 6
    assert site_pages(mini, docs) == frozenset(
        {"sub/page.md"}
        | {f"versions/{v}.md" for v in ids}
        | compare
        | {"levels/lvl-1.md"}
        | {f"thresholds/{t}.md" for t in ("alpha", "beta", "gamma")}
    )


def _version_problems(dated: list[tuple[str, str]]) -> list[str]:
    """_check_versions on bare (id, effective) pairs, listed in the given order; every line is 1."""
    from macros.model import integrity

    items = tuple(SimpleNamespace(id=vid, effective=dt.date.fromisoformat(day)) for vid, day in dated)
    report = integrity._Reporter({"versions": {}})
    integrity._check_versions(SimpleNamespace(version_items=items), report)  # type: ignore[arg-type]
    return [line.removeprefix("data/versions.yml:1: entry ") for line in report.errors]


LATER = "takes effect {} but the lower-numbered version {} takes effect later"
EARLIER = "takes effect {} but the higher-numbered version {} takes effect earlier"
VERSION_ORDER: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "none": ([], []),
    "one": ([("1.0", "2020-01-01")], []),
    "in order": ([("1.0", "2020-01-01"), ("2.0", "2021-01-01"), ("10.0", "2022-01-01")], []),
    "listed out of order": ([("10.0", "2022-01-01"), ("1.0", "2020-01-01"), ("9.0", "2021-01-01")], []),
    "newest dated first": (
        [("1.0", "2020-01-01"), ("2.0", "2021-01-01"), ("3.0", "2019-01-01")],
        ["'3.0': effective: " + LATER.format("2019-01-01", "2.0")],
    ),
    "oldest dated last": (
        [("1.0", "2025-01-01"), ("2.0", "2021-01-01"), ("3.0", "2022-01-01")],
        ["'1.0': effective: " + EARLIER.format("2025-01-01", "2.0")],
    ),
    "same date": (
        [("1.0", "2020-01-01"), ("2.0", "2020-01-01"), ("3.0", "2021-01-01")],
        ["'2.0': effective: same effective date as version 1.0"],
    ),
    "same date, later pair": (
        [("1.0", "2020-01-01"), ("2.0", "2021-01-01"), ("3.0", "2021-01-01")],
        ["'3.0': effective: same effective date as version 2.0"],
    ),
    "a tie keeps the lower numbers": (
        [("1.0", "2020-01-01"), ("2.0", "2023-01-01"), ("3.0", "2022-01-01")],
        ["'3.0': effective: " + LATER.format("2022-01-01", "2.0")],
    ),
    "two jumped ahead": (
        [
            ("1.0", "2020-01-01"),
            ("2.0", "2030-01-01"),
            ("3.0", "2031-01-01"),
            ("4.0", "2021-01-01"),
            ("5.0", "2022-01-01"),
            ("6.0", "2023-01-01"),
        ],
        [
            "'2.0': effective: " + EARLIER.format("2030-01-01", "4.0"),
            "'3.0': effective: " + EARLIER.format("2031-01-01", "4.0"),
        ],
    ),
    "one jumped back over many": (
        [
            ("1.0", "2020-01-01"),
            ("2.0", "2021-01-01"),
            ("3.0", "2022-01-01"),
            ("4.0", "2023-01-01"),
            ("5.0", "2020-06-01"),
            ("6.0", "2024-01-01"),
        ],
        ["'5.0': effective: " + LATER.format("2020-06-01", "4.0")],
    ),
    "every version dated before the one below it": (
        [("1.0", "2025-01-01"), ("2.0", "2022-01-01"), ("3.0", "2021-01-01")],
        [
            "'2.0': effective: " + LATER.format("2022-01-01", "1.0"),
            "'3.0': effective: " + LATER.format("2021-01-01", "1.0"),
        ],
    ),
    "first and last swapped": (
        [("1.0", "2024-01-01"), ("2.0", "2021-01-01"), ("3.0", "2022-01-01"), ("4.0", "2020-01-01")],
        [
            "'1.0': effective: " + EARLIER.format("2024-01-01", "2.0"),
            "'4.0': effective: " + LATER.format("2020-01-01", "3.0"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(VERSION_ORDER))
def test_version_order_blames_the_fewest_versions(case: str) -> None:
    dated, expected = VERSION_ORDER[case]
    assert _version_problems(dated) == expected


# States whose "from" is not their first key: a problem must point at the "from" line itself.
FROM_LATE = """verified: "2026-01-01"
items:
  - id: std-a
    level: lvl-1
    type: security
    states:
      - name: Standard A
        summary: Guards the weights.
        sources: [{{source: doc-1, locator: "p. 4"}}]
        from: "{first}"
        to: "{first_to}"
      - name: Standard A
        summary: Guards the weights.
        sources: [{{source: doc-3, locator: "p. 4"}}]
        from: "{second}"
{second_to}"""


def _standards(first: str, first_to: str, second: str, second_to: str = "") -> dict[str, str]:
    to = f'        to: "{second_to}"\n' if second_to else ""
    return {"standards.yml": FROM_LATE.format(first=first, first_to=first_to, second=second, second_to=to)}


RANGES: dict[str, tuple[dict[str, str], list[str]]] = {
    "valid, from last": (_standards("1.0", "2.0", "2.1"), []),
    "overlap on the from line": (
        _standards("1.0", "2.0", "2.0"),
        ["data/standards.yml:15: entry 'std-a': states[1].from: overlaps states[0] (both cover version 2.0)"],
    ),
    "gap on the from line": (
        _standards("1.0", "2.0", "3.0"),
        ["data/standards.yml:15: entry 'std-a': states[1].from: gap after states[0]: no state covers version 2.1"],
    ),
    "two unknown froms": (
        _standards("0.1", "2.0", "0.2"),
        [
            "data/standards.yml:10: entry 'std-a': states[0].from: unknown version '0.1'",
            "data/standards.yml:15: entry 'std-a': states[1].from: unknown version '0.2'",
        ],
    ),
    "two unknown ends": (
        _standards("1.0", "1.1", "2.1", "3.9"),
        [
            "data/standards.yml:11: entry 'std-a': states[0].to: unknown version '1.1'",
            "data/standards.yml:16: entry 'std-a': states[1].to: unknown version '3.9'",
        ],
    ),
    "two backwards": (
        _standards("2.0", "1.0", "3.0", "2.1"),
        [
            "data/standards.yml:11: entry 'std-a': states[0].to: version 1.0 comes before 'from' 2.0",
            "data/standards.yml:16: entry 'std-a': states[1].to: version 2.1 comes before 'from' 3.0",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(RANGES))
def test_range_problems_point_at_their_line(tmp_path: Path, case: str) -> None:
    writes, expected = RANGES[case]
    assert _errors(_project(tmp_path, [], writes, docs=False)) == expected


def test_a_bad_range_in_one_entity_does_not_hide_another_entity(tmp_path: Path) -> None:
    beta_again = '        sources: [{source: doc-2, locator: "p. 7"}]\n'
    edits = [
        ("thresholds.yml", '        to: "1.0"', '        to: "1.9"'),  # alpha: unknown end
        (
            "thresholds.yml",
            beta_again,
            beta_again + '      - from: "2.1"\n        name: Beta\n        summary: Again.\n' + beta_again,
        ),
    ]
    assert _errors(_project(tmp_path, edits, {}, docs=False)) == [
        "data/thresholds.yml:7: entry 'alpha': states[0].to: unknown version '1.9'",
        "data/thresholds.yml:35: entry 'beta': states[1].from: overlaps states[0] (both cover version 2.1)",
    ]


MODELS_UNSORTED = """verified: "2026-01-01"
items:
  - id: model-late
    model: Model late
    date: "2022-09-01"
    determination: Listed first, dated last.
    reasoning: None given.
    sources: [{source: doc-3, locator: "p. 3"}]
  - id: model-early
    model: Model early
    date: "2022-01-01"
    level: lvl-4
    determination: Listed second, dated first.
    reasoning: None given.
    sources: [{source: doc-3, locator: "p. 2"}]
"""

EVENTS_UNSORTED = """verified: "2026-01-01"
items:
  - id: ev-late
    date: "2022-09-01"
    kind: report
    title: Late
    summary: Listed first.
    sources: [{source: doc-4, locator: "p. 2"}]
  - id: ev-early
    date: "2022-01-01"
    kind: report
    title: Early
    summary: Listed second.
    sources: [{source: doc-0, locator: "p. 2"}]
"""

THEORY_TWICE = """verified: "2026-01-01"
mechanisms:
  - {id: same, name: M, summary: S., relies_on: R., sources: [{source: doc-1, locator: "p. 1"}]}
framings: []
assessment: []
critiques:
  - {id: same, critic: C, summary: S., sources: [{source: doc-1, locator: "p. 1"}]}
  - {id: other, critic: C, summary: S., sources: [{source: doc-1, locator: "p. 1"}]}
  - {id: same, critic: C, summary: S., sources: [{source: doc-1, locator: "p. 1"}]}
"""

V1 = """  - id: "1.0"
    title: Policy one
    effective: "2020-01-01"
    links: {pdf: doc-1}
    summary: First version.
    sources: [{source: doc-1, locator: "p. 1"}]
"""

FILE_ORDER: dict[str, tuple[list[tuple[str, str, str]], dict[str, str], list[str]]] = {
    "models listed out of date order": (
        [],
        {"models.yml": MODELS_UNSORTED},
        ["data/models.yml:9: entry 'model-early': level: unknown level 'lvl-4'"],
    ),
    "events listed out of date order": (
        [],
        {"events.yml": EVENTS_UNSORTED},
        ["data/events.yml:14: entry 'ev-early': sources[0].source: unknown source 'doc-0'"],
    ),
    "versions listed out of order": (
        [
            ("versions.yml", V1, ""),
            (
                "versions.yml",
                '    sources: [{source: doc-4, locator: "p. 1"}]\n',
                '    sources: [{source: doc-4, locator: "p. 1"}]\n' + V1,
            ),
            ("versions.yml", "links: {pdf: doc-1}", "links: {pdf: doc-1, redline: doc-0}"),
        ],
        {},
        ["data/versions.yml:41: entry '1.0': links.redline: unknown source 'doc-0'"],
    ),
    "duplicate id not the first key": (
        [("thresholds.yml", "  - id: gamma\n    domain: bio\n", "  - domain: bio\n    id: beta\n")],
        {},
        ["data/thresholds.yml:36: entry 'beta': id: duplicate id (first used by entry #2)"],
    ),
    "the same id in two theory lists is fine, twice in one is not": (
        [],
        {"theory.yml": THEORY_TWICE},
        ["data/theory.yml:9: entry 'same': id: duplicate id (first used by entry #1)"],
    ),
}


@pytest.mark.parametrize("case", sorted(FILE_ORDER))
def test_problems_name_the_entry_in_file_order(tmp_path: Path, case: str) -> None:
    edits, writes, expected = FILE_ORDER[case]
    assert _errors(_project(tmp_path, edits, writes, docs=False)) == expected
