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
from macros.model import Atlas, load_atlas
from tests.conftest import ROOT
from tests.test_citation import PAGES

SNAPSHOT = ROOT / "tests" / "fixtures" / "citations.json"
KW = {"site_url": "https://rsp-atlas.github.io/", "release": "0.1.0", "release_date": dt.date(2026, 11, 28)}
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


def produce(atlas: Atlas) -> dict[str, object]:
    pages = {
        p.title: {
            "formats": c.all_formats(p),
            "meta": [list(m) for m in c.meta_tags(p)],
            "coins": c.coins(p),
            "label": c.rsp_label(p),
        }
        for p in PAGES
    }
    pins = {name: {"formats": p.formats(), "coins": p.coins()} for name, p in _pinpoints(atlas).items()}
    titles = {t: {"headline": c.headline_case(t), "csl": c.csl_title(t)} for t in TITLES}
    return {"pages": pages, "pinpoints": pins, "titles": titles}


@pytest.fixture(scope="module")
def produced() -> dict[str, object]:
    return json.loads(json.dumps(produce(load_atlas(ROOT / "data"))))


@pytest.fixture(scope="module")
def snapshot() -> dict[str, object]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("part", ["pages", "pinpoints", "titles"])
def test_citations_equal_the_snapshot(produced: dict[str, object], snapshot: dict[str, object], part: str) -> None:
    assert produced[part] == snapshot[part]


if __name__ == "__main__":
    text = json.dumps(produce(load_atlas(ROOT / "data")), indent=1, ensure_ascii=False) + "\n"
    Path(SNAPSHOT).write_text(text, encoding="utf-8")
