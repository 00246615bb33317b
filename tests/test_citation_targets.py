"""Pinpoint citations over the real data: the CBRN-4-in-2.2 task from issue 14, and every state."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import rispy
from pybtex.database import parse_string

from macros import citation_targets as ct
from macros.compute.scope import state_at
from macros.model import Atlas
from tests.test_citation import citeproc, normal

SITE = "https://rsp-atlas.github.io/"
KW = {"site_url": SITE, "release": "0.1.0", "release_date": dt.date(2026, 11, 28)}


@pytest.fixture(scope="module")
def cbrn4(atlas: Atlas) -> ct.PinpointCite:
    return ct.cite_state(atlas, "threshold", "cbrn-4", "2.2", **KW)  # type: ignore[arg-type]


def test_cbrn4_in_2_2_primary_text(cbrn4: ct.PinpointCite) -> None:
    f = cbrn4.formats()["primary"]
    for name, text in f.items():
        assert "Version 2.2" in text, name
        assert "14 May 2025" in text or name in ("APA", "Chicago"), name
        assert "#page=8" in text, name  # the threshold table: PDF page 8 ...
    # ... printed page 4 (2.2 counts pages after four unnumbered front pages).
    assert "(Anthropic, 2025, p. 4)" in f["APA"]
    assert "(Anthropic 2025, 4)" in f["Chicago"]
    assert "\u00a72, threshold table, p. 4 (PDF p. 8)" in f["APA"]
    item = json.loads(f["CSL-JSON"])[0]
    assert item["URL"].endswith("#page=8") and item["page"] == "4"
    assert item["issued"] == {"date-parts": [[2025, 5, 14]]}


def test_cbrn4_in_2_2_atlas_entry_uses_the_2_2_name(cbrn4: ct.PinpointCite) -> None:
    f = cbrn4.formats()["entry"]
    for name, text in f.items():
        assert "CBRN-4" in text, name
        assert "Novel chemical" not in text, name  # the 3.x name
        assert f"{SITE}thresholds/cbrn-4/#v2.2" in text, name
        assert "0.1.0" in text, name


def test_anchor_helpers() -> None:
    assert ct.state_anchor("2.2") == "v2.2"
    assert ct.entity_state_url(SITE, "threshold", "cbrn-4", "2.2") == f"{SITE}thresholds/cbrn-4/#v2.2"
    assert ct.entity_state_url(SITE, "level", "asl-3", "1.0") == f"{SITE}levels/asl-3/#v1.0"
    assert ct.entity_state_url(SITE, "term", "asl", "3.0") == f"{SITE}glossary/#asl-v3.0"
    assert ct.entity_state_url(SITE, "domain", "cyber", "2.0") == f"{SITE}thresholds/#domain-cyber-v2.0"
    assert ct.page_url(SITE, "index.md") == SITE


def test_no_page_cited_gives_section_only(atlas: Atlas) -> None:
    source = atlas.sources["rsp-2.2"]
    from macros.model import types as t

    pin = ct.pinpoint(source, [t.Cite(source="rsp-2.2", locator="Appendix C")])
    assert pin == ct.Pinpoint("Appendix C", None, None)
    w = ct.primary_work(atlas, "2.2", [t.Cite(source="rsp-2.2", locator="Appendix C")])
    assert "#page=" not in w.url and w.page is None and w.pinpoint == "Appendix C"
    assert ct.primary_work(atlas, "2.2", []).pinpoint is None


def test_accessed_date_reaches_the_machine_formats(atlas: Atlas) -> None:
    p = ct.cite_state(atlas, "threshold", "cbrn-4", "2.2", accessed=dt.date(2026, 12, 1), **KW)  # type: ignore[arg-type]
    f = p.formats()["entry"]
    assert json.loads(f["CSL-JSON"])[0]["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert "urldate = {2026-12-01}" in f["BibTeX"]
    assert rispy.loads(f["RIS"])[0]["access_date"] == "2026/12/01"


def test_state_outside_its_range_is_refused(atlas: Atlas) -> None:
    with pytest.raises(ValueError, match="no state"):
        ct.cite_state(atlas, "threshold", "cbrn-4", "1.0", **KW)  # type: ignore[arg-type]


def _every_state(atlas: Atlas) -> list[tuple[str, str, str]]:
    out = []
    for kind, entities in atlas.entities.items():
        for e in entities:
            for vid in atlas.version_ids:
                if state_at(atlas, e, vid) is not None:
                    out.append((kind, e.id, vid))
    return out


def test_every_state_and_change_parses_in_every_format(atlas: Atlas) -> None:
    """All five formats of both citations, for every entity state and every recorded change."""
    cites = [ct.cite_state(atlas, k, e, v, **KW) for k, e, v in _every_state(atlas)]  # type: ignore[arg-type]
    for v in atlas.versions:
        cites += [ct.cite_change(atlas, v.id, i, **KW) for i in range(len(v.changes))]  # type: ignore[arg-type]
    assert len(cites) > 200
    for p in cites:
        for who, f in p.formats().items():
            entries = parse_string(f["BibTeX"], "bibtex").entries
            (entry,) = entries.values()
            (person,) = entry.persons["author"]
            assert not person.first_names, (who, f["BibTeX"])
            (rec,) = rispy.loads(f["RIS"])
            assert f["RIS"].endswith("\nER  - ")
            assert rec["urls"] == [json.loads(f["CSL-JSON"])[0]["URL"]]
            state_or_page = p.entry.url.split("#")[1]
            # a state's version anchor ("v2.2", "asl-v2.2") or a change's ledger row ("v2.2-<slug>")
            assert re.fullmatch(r"([a-z0-9.-]+-)?v\d+\.\d+|v\d+\.\d+-[a-z0-9-]+", state_or_page), state_or_page


@pytest.mark.parametrize(("name", "style"), [("APA", "apa"), ("Chicago", "chicago-author-date")])
def test_pinpoint_styles_match_citeproc(atlas: Atlas, name: str, style: str) -> None:
    sample = [
        ("threshold", "cbrn-4", "2.2"),
        ("level", "asl-3", "1.0"),
        ("provision", "responsible-scaling-officer", "3.4"),
        ("term", "asl", "2.2"),
    ]
    for k, e, v in sample:
        p = ct.cite_state(atlas, k, e, v, **KW)  # type: ignore[arg-type]
        for who in ("primary", "entry"):
            ours = p.formats()[who][name].split("\nIn text:")[0]
            assert normal(ours) == citeproc(json.loads(p.formats()[who]["CSL-JSON"])[0], style), (k, e, v, who)
    for v in atlas.versions:  # every recorded change, both citations
        for i in range(len(v.changes)):
            p = ct.cite_change(atlas, v.id, i, **KW)  # type: ignore[arg-type]
            for who in ("primary", "entry"):
                ours = p.formats()[who][name].split("\nIn text:")[0]
                assert normal(ours) == citeproc(json.loads(p.formats()[who]["CSL-JSON"])[0], style), (v.id, i, who)


def test_a_change_is_cited_at_its_ledger_row_by_its_names_then(atlas: Atlas) -> None:
    v = atlas.version("2.0")
    i = next(i for i, c in enumerate(v.changes) if c.id == "asl-redefined")
    p = ct.cite_change(atlas, "2.0", i, **KW)  # type: ignore[arg-type]
    assert p.entry.url == f"{SITE}changes/#v2.0-asl-redefined"
    assert p.entry.title == "Restructures in RSP version 2.0: ASL-2 Standard, ASL-3 Standard"  # the 2.0 names
    assert p.primary.url.endswith("#page=6") and p.primary.page == "2"
    assert p.entry.key == "rspatlas-change-v2-0-asl-redefined"


def test_pinpoint_coins(cbrn4: ct.PinpointCite) -> None:
    from urllib.parse import parse_qs

    from bs4 import BeautifulSoup

    spans = BeautifulSoup(cbrn4.coins(), "html.parser").find_all("span", class_="Z3988")
    primary, entry = (parse_qs(s["title"]) for s in spans)
    assert primary["rft_id"][0].endswith("#page=8") and primary["rft.pages"] == ["4"]
    assert entry["rft.title"] == ["CBRN-4 in RSP version 2.2"]
