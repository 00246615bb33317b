"""Every citation format as exact text: a reviewed snapshot of the cite boxes, meta tags and COinS.

tests/test_citation.py checks the formats with real parsers and citeproc; parsers forgive a lost
brace, space or field order, so this file pins the whole output. It runs in-process (no build) and
is what the mutation run over macros/citation.py leans on. After a deliberate format change,
rewrite the snapshot with `.venv/bin/python -m tests.test_citation_exact` and review its diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from macros import citation as c
from macros import citation_targets as ct
from macros.model import Atlas
from tests.conftest import ROOT, real_atlas
from tests.test_citation import PAGES

# Loaded at import on purpose: see tests/conftest.py real_atlas.
ATLAS = real_atlas()

SNAPSHOT = ROOT / "tests" / "fixtures" / "citations.json"
KW = {"site_url": "https://rsp-atlas.github.io/", "release": "0.1.0", "release_date": dt.date(2026, 11, 28)}
# Pages that link their policy text(s): their meta tags carry DC.relation.
LINKED = [
    c.PageCite(
        title="Version 2.2",
        url="https://rsp-atlas.github.io/versions/2.2/",
        release="0.1.0",
        release_date=dt.date(2026, 1, 5),
        rsp_version="2.2",
        policy_url="https://example.org/rsp-2.2.pdf",
    ),
    c.PageCite(
        title="Compare",
        url="https://rsp-atlas.github.io/compare/1.0-vs-2.2/",
        release="0.1.0",
        release_date=dt.date(2026, 1, 5),
        rsp_version="2.2",
        policy_url="https://example.org/rsp-2.2.pdf",
        rsp_compare="1.0",
        compare_policy_url="https://example.org/rsp-1.0.pdf",
    ),
]
TITLES = [
    "the scope of a policy: an overview",
    "RSP 2.2 vs 3.0",
    "iPhone and the ASL-3 standard. of course",
    "Going over and into: up, down, via",
]


def _pinpoints(atlas: Atlas) -> dict[str, ct.PinpointCite]:
    v20 = atlas.version("2.0")
    change = next(i for i, ch in enumerate(v20.changes) if ch.id == "asl-redefined")
    return {
        "cbrn-4 in 2.2": ct.cite_state(atlas, "threshold", "cbrn-4", "2.2", **KW),  # type: ignore[arg-type]
        "cbrn-4 in 2.2, accessed": ct.cite_state(
            atlas,
            "threshold",
            "cbrn-4",
            "2.2",
            accessed=dt.date(2026, 12, 1),
            **KW,  # type: ignore[arg-type]
        ),
        "asl-3 in 1.0": ct.cite_state(atlas, "level", "asl-3", "1.0", **KW),  # type: ignore[arg-type]
        "change asl-redefined in 2.0": ct.cite_change(atlas, "2.0", change, **KW),  # type: ignore[arg-type]
    }


def _pages() -> dict[str, object]:
    return {
        p.title: {
            "formats": c.all_formats(p),
            "meta": [list(m) for m in c.meta_tags(p)],
            "coins": c.coins(p),
            "label": c.rsp_label(p),
        }
        for p in [*PAGES, *LINKED]
    }


def _pins() -> dict[str, object]:
    return {name: {"formats": p.formats(), "coins": p.coins()} for name, p in _pinpoints(ATLAS).items()}


def _titles() -> dict[str, object]:
    return {t: {"headline": c.headline_case(t), "csl": c.csl_title(t)} for t in TITLES}


# Works the site does not produce today but the formats accept: reports with a page range or list
# and a publisher other than the author, a web page with no release.
WORKS = [
    c.Work(
        key="r1",
        kind="report",
        author="Anthropic",
        title="Policy",
        issued=dt.date(2024, 10, 15),
        url="https://example.org/p.pdf",
        publisher="Anthropic PBC",
        page="4-5",
        pinpoint="\u00a73, pp. 4-5",
    ),
    c.Work(
        key="r2",
        kind="report",
        author="Anthropic",
        title="Policy",
        issued=dt.date(2024, 10, 15),
        url="https://example.org/p.pdf",
        publisher="Anthropic PBC",
        page="4, 7",
    ),
    c.Work(
        key="w1",
        kind="webpage",
        author="A",
        title="T",
        issued=dt.date(2025, 2, 3),
        url="https://example.org/",
        container="Site",
    ),
]


def _works() -> dict[str, object]:
    return {
        w.key: {
            "formats": c.work_formats(w, with_pinpoint=True),
            "coins": c.coins(w),
            "in_text": [c.in_text(w, "APA"), c.in_text(w, "Chicago")],
        }
        for w in WORKS
    }


PARTS = {"pages": _pages, "pinpoints": _pins, "titles": _titles, "works": _works}


def produce() -> dict[str, object]:
    return {name: part() for name, part in PARTS.items()}


# Each test computes its own part (no shared fixture): mutmut links a test to the functions it
# calls during that test, and would miss those a module fixture calls for the first test only.
@pytest.mark.parametrize("part", PARTS)
def test_citations_equal_the_snapshot(part: str) -> None:
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(PARTS[part]())) == snapshot[part]


if __name__ == "__main__":
    text = json.dumps(produce(), indent=1, ensure_ascii=False) + "\n"
    Path(SNAPSHOT).write_text(text, encoding="utf-8")
