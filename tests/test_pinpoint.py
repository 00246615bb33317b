"""Point-in-time anchors and "Cite this" beside each state, checked on the built site."""

from __future__ import annotations

from pathlib import Path

import pybtex.database
import rispy

from macros.compute.scope import latest_state, span, state_at
from macros.model.kinds import ANCHORED_KINDS
from macros.render.citethis import version_anchor
from macros.render.urls import entity_target, page_url
from tests.htmlsite import item_box_formats, page, page_box_formats


def _state_block_of(anchor_el):
    """The state an anchor belongs to: the nearest state heading or titled paragraph above it."""
    return anchor_el.find_previous(lambda el: el.name in ("h2", "h3") or "atlas-state" in (el.get("class") or []))


def test_every_version_of_every_state_has_its_own_anchor_on_the_right_state(site: Path, atlas):
    for kind in sorted(ANCHORED_KINDS):
        for entity in atlas.entities[kind]:
            target, _ = entity_target(kind, entity.id)
            doc = page(site, page_url("/", target))
            for vid in atlas.version_ids:
                state = state_at(atlas, entity, vid)
                el = doc.find(id=version_anchor(kind, entity.id, vid))
                if state is None:
                    assert el is None, (kind, entity.id, vid)
                    continue
                assert el is not None, (kind, entity.id, vid)
                first = atlas.version_ids[span(atlas, state)[0]]
                block = _state_block_of(el)
                assert block is not None and block.get("id") == f"{entity.id}-{first.replace('.', '-')}", (
                    kind,
                    entity.id,
                    vid,
                    block.get("id") if block else None,
                )


def test_the_state_in_force_now_comes_first(site: Path, atlas):
    th = atlas.entity("threshold", "cbrn-4")
    doc = page(site, "/thresholds/cbrn-4/")
    latest = latest_state(atlas, th)
    first_state = doc.select_one("article h3[id^=cbrn-4-]")
    assert first_state["id"] == f"cbrn-4-{latest.from_.replace('.', '-')}"


def test_version_pages_link_to_the_state_in_force_then(site: Path):
    doc = page(site, "/versions/2.2/")
    hrefs = [a["href"] for a in doc.select("#in-force-threshold ~ * a[href*='thresholds/']")]
    assert any(h.endswith("thresholds/cbrn-4/#v2.2") for h in hrefs), hrefs


def test_cbrn_4_in_2_2_cites_the_policy_text_at_its_page_and_the_entry_by_its_2_2_name(site: Path):
    doc = page(site, "/thresholds/cbrn-4/")
    box = next(d for d in doc.select("details.atlas-citethis") if "RSP 2.2" in d.summary.get_text())
    assert "CBRN-4 in RSP 2.2" in box.summary.get_text()
    # APA and Chicago are text in the page; BibTeX, RIS and CSL-JSON are fetched when the box
    # opens (assets/atlas.js adds them after each group's text, in this order).
    assert box["data-cite-file"] == "threshold"
    formats = item_box_formats(site, box)
    codes = []
    for which in ("primary", "entry"):
        group = box.select_one(f".atlas-citethis__group[data-which={which}]")
        assert [next(p.stripped_strings) for p in group.select(".atlas-citethis__fmt")] == ["APA", "Chicago"]
        assert list(formats[which]) == ["APA", "Chicago", "BibTeX", "RIS", "CSL-JSON"]
        codes += formats[which].values()
    assert len(codes) == 10, "five formats for the policy text, five for the entry"
    assert "Responsible Scaling Policy, Version 2.2" in codes[0] and "(p. 4)" in codes[0]
    assert "CBRN-4" in codes[6] and codes[6].endswith("/thresholds/cbrn-4/#v2.2."), codes[6]
    primary_bib, entry_bib = codes[2], codes[7]
    bib = pybtex.database.parse_string(primary_bib, "bibtex")
    (entry,) = bib.entries.values()
    assert "Version 2.2" in entry.fields["title"] and entry.fields["url"].endswith("#page=8")
    assert "p. 4 (PDF p. 8)" in entry.fields["note"]
    atlas_entry = next(iter(pybtex.database.parse_string(entry_bib, "bibtex").entries.values()))
    assert "CBRN-4" in atlas_entry.fields["title"] and "Novel" not in atlas_entry.fields["title"]
    assert atlas_entry.fields["url"].endswith("/thresholds/cbrn-4/#v2.2")
    ris = rispy.loads(codes[3])
    assert ris[0]["urls"][0].endswith("#page=8")


def test_a_pair_page_cites_and_describes_both_versions(site: Path):
    doc = page(site, "/compare/2.2-vs-3.0/")
    metas = [(m["name"], m["content"]) for m in doc.select("head meta[name]")]
    assert ("DC.description", "Compares Anthropic's Responsible Scaling Policy version 2.2 with version 3.0.") in metas
    assert len([c for n, c in metas if n == "DC.relation"]) == 2
    foot = doc.select_one(".atlas-verified").get_text(" ")
    assert "RSP v2.2" in foot and "RSP v3.0" in foot
    bib = page_box_formats(site, "/compare/2.2-vs-3.0/")["BibTeX"]
    assert "2.2" in bib and "3.0" in bib


def test_each_state_block_names_the_versions_it_covers(site: Path, atlas):
    """The 'viewing as of' highlight reads data-versions: it must list exactly the state's versions."""
    for kind in sorted(ANCHORED_KINDS):
        for entity in atlas.entities[kind]:
            target, _ = entity_target(kind, entity.id)
            doc = page(site, page_url("/", target))
            for state in entity.states:
                first, last = span(atlas, state)
                block = doc.find(id=f"{entity.id}-{state.from_.replace('.', '-')}")
                assert block is not None and block.get("data-versions") == " ".join(
                    atlas.version_ids[first : last + 1]
                ), (kind, entity.id, state.from_)
    for url in ("/thresholds/cbrn-4/", "/levels/asl-3/", "/safeguards/", "/governance/", "/glossary/"):
        assert len(page(site, url).select("form.atlas-viewas.atlas-needs-script:not([hidden])")) == 1, url
