"""Golden tests written from the RSP texts: for each pair or threshold history, statements the
sources support must be on the built page, and the false statements an audit found must not.

Sources (../shared/sources/rsp-corpus/documents/): 2.0 changelog ("ARA threshold now a
checkpoint": replaced, not dropped); 2.1 changelog (AI R&D threshold disaggregated into AI R&D-4
and AI R&D-5; CBRN-4 added); 3.0 §1 row 4 (one automated-R&D row whose working trigger is two
years of 2018-2024 progress in one, AI R&D-5's acceleration test); 1.0 ("containment measures",
"deployment measures"); 2.0-2.2 (ASL-3 Deployment/Security Standard); 3.x ("ASL-3 protections").
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.htmlsite import page


def _text(el) -> str:  # type: ignore[no-untyped-def]
    text = " ".join(el.get_text(" ").split())
    for spaced, tight in ((" -", "-"), ("( ", "("), (" )", ")"), (" ,", ","), (" .", "."), (" ;", ";")):
        text = text.replace(spaced, tight)
    return text


def _block(site: Path, url: str, anchor: str) -> str:
    """Text of a detail block on a pair page: from its heading to the next heading."""
    head = page(site, url).find(id=anchor)
    assert head is not None, (url, anchor)
    parts = []
    for el in head.find_next_siblings():
        if el.name in ("h2", "h3", "h4"):
            break
        parts.append(_text(el))
    return _text(head) + " " + " ".join(parts)


def _glance(site: Path, url: str) -> list[str]:
    doc = page(site, url)
    return [_text(li) for li in doc.find(id="glance").find_next("ul").find_all("li", recursive=False)]


def _line(site: Path, url: str, start: str) -> str:
    found = [line for line in _glance(site, url) if line.startswith(start)]
    assert len(found) == 1, (url, start, found)
    return found[0]


def _whole(site: Path, url: str) -> str:
    return _text(page(site, url).select_one("article"))


# --- 1.0 → 2.0 --------------------------------------------------------------------------------


def test_1_0_to_2_0_ara_was_replaced_by_the_checkpoint_not_dropped(site: Path) -> None:
    line = _line(site, "/compare/1.0-vs-2.0/", "Threshold: Autonomous replication in the lab (ARA)")
    assert "→ Model Autonomy checkpoint · Replaced in 2.0" in line
    block = _block(site, "/compare/1.0-vs-2.0/", "threshold-ara")
    assert "Replaced in 2.0." in block and "was replaced by Model Autonomy checkpoint" in block
    assert "Dropped" not in block and "no longer in the policy" not in block
    # one line for the pair, not an unrelated "new" checkpoint as well
    assert not [x for x in _glance(site, "/compare/1.0-vs-2.0/") if x.startswith("Threshold: Model Autonomy")]


def test_1_0_to_2_0_misuse_trigger_redefined_as_cbrn_weapons_under_2_0_names(site: Path) -> None:
    line = _line(site, "/compare/1.0-vs-2.0/", "Threshold: ASL-3 misuse trigger")
    assert "→ CBRN weapons · Redefined in 2.0" in line
    assert "Non-novel" not in _whole(site, "/compare/1.0-vs-2.0/")
    assert "ASL-3 protections" not in _whole(site, "/compare/1.0-vs-2.0/")


def test_1_0_to_2_0_has_no_glossary_terms_claimed_unchanged(site: Path) -> None:
    unchanged = _text(page(site, "/compare/1.0-vs-2.0/").find(id="unchanged").find_next("div"))
    for term in ("Catastrophic risk", "Red-teaming", "Long-Term Benefit Trust"):
        assert term not in unchanged
    assert page(site, "/compare/1.0-vs-2.0/").find(id="diff-term") is None
    # the LTBT's role did change in 2.0: it is a changed provision
    ltbt = [x for x in _glance(site, "/compare/1.0-vs-2.0/") if "Board approves updates after consulting the LTBT" in x]
    assert len(ltbt) == 1 and "→ Board approves; LTBT consulted and sent the reports · Changed in 2.0" in ltbt[0]


# --- 2.0 → 2.1 --------------------------------------------------------------------------------


def test_2_0_to_2_1_ai_rnd_5_was_split_off_not_new(site: Path) -> None:
    line = _line(site, "/compare/2.0-vs-2.1/", "Threshold: Autonomous AI R&D")
    assert "→ AI R&D-4 and AI R&D-5 · Split in 2.1" in line
    block = _block(site, "/compare/2.0-vs-2.1/", "threshold-ai-rnd-5")
    assert block.startswith("AI R&D-5") and "Split off in 2.1." in block
    assert "Autonomous AI R&D was split in two: AI R&D-4 and AI R&D-5" in block
    assert "New in 2.1" not in block
    assert "Automated R&D" not in _whole(site, "/compare/2.0-vs-2.1/")


def test_2_0_to_2_1_a_new_qualifier_is_not_a_rename(site: Path) -> None:
    line = _line(site, "/compare/2.0-vs-2.1/", "Level: ASL-4 Standard (not yet defined)")
    assert "→ ASL-4 Standard (partly specified) · Changed in 2.1 ·" in line
    line = _line(site, "/compare/2.0-vs-2.1/", "Standard: Higher security standard")
    assert "→ ASL-4 Security Standard · Renamed in 2.1" in line  # 2.0 spoke of "a higher security standard"


def test_2_0_to_2_1_cbrn_4_is_new_and_cbrn_renamed_cbrn_3(site: Path) -> None:
    assert "New in 2.1" in _line(site, "/compare/2.0-vs-2.1/", "Threshold: CBRN-4")
    assert "CBRN weapons → CBRN-3 · Renamed in 2.1" in _line(site, "/compare/2.0-vs-2.1/", "Threshold: CBRN weapons")


# --- 2.1 → 2.2 --------------------------------------------------------------------------------


def test_2_1_to_2_2_only_the_asl_3_security_insider_footnote_changed(site: Path) -> None:
    lines = _glance(site, "/compare/2.1-vs-2.2/")
    assert len(lines) == 1 and lines[0].startswith("Standard: ASL-3 Security Standard ·")
    block = _block(site, "/compare/2.1-vs-2.2/", "standard-asl-3-security")
    assert "Attackers out of scope" in block


# --- 2.2 → 3.0 --------------------------------------------------------------------------------


def test_2_2_to_3_0_both_ai_rnd_thresholds_merged_into_automated_rnd(site: Path) -> None:
    line = _line(site, "/compare/2.2-vs-3.0/", "Threshold: AI R&D-4 and AI R&D-5")
    assert "→ Automated R&D in key domains · Merged in 3.0" in line
    assert "enamed" not in line  # not a renamed AI R&D-4
    block = _block(site, "/compare/2.2-vs-3.0/", "threshold-ai-rnd-5")
    assert "Merged into a successor in 3.0." in block
    assert "AI R&D-5 was merged with AI R&D-4 into Automated R&D in key domains" in block
    assert "Dropped" not in block and "no longer in the policy" not in block


def test_2_2_to_3_0_required_safeguards_named_as_in_2_2(site: Path) -> None:
    block = _block(site, "/compare/2.2-vs-3.0/", "threshold-cbrn")
    assert "in 2.2: ASL-3 Deployment Standard, ASL-3 Security Standard; in 3.0: —" in block
    assert "CBRN-3 → Non-novel chemical/biological weapons production" in block


def test_2_2_to_3_0_checkpoint_retired_once(site: Path) -> None:
    line = _line(site, "/compare/2.2-vs-3.0/", "Threshold: Model Autonomy checkpoint")
    assert line == "Threshold: Model Autonomy checkpoint · Retired in 3.0 · " + line.split(" · ", 2)[2]


# --- 3.0 → 3.1 --------------------------------------------------------------------------------


def test_3_0_to_3_1_appendix_a_is_not_claimed_unchanged(site: Path) -> None:
    doc = page(site, "/compare/3.0-vs-3.1/")
    blocks = doc.find(id="unchanged").find_all_next("details")
    confirmed = [b for b in blocks if _text(b.find("summary")).startswith("Unchanged")]
    assert not any("Appendix A" in _text(b) for b in confirmed)
    unrecorded = [b for b in blocks if _text(b.find("summary")).startswith("No change recorded")]
    changed = [x for x in _glance(site, "/compare/3.0-vs-3.1/") if "Appendix A" in x]
    # either honestly unrecorded, or (once the data records 3.1's pausing clause) shown as changed
    assert any("Appendix A" in _text(b) for b in unrecorded) or changed


# --- long ranges ------------------------------------------------------------------------------


def test_2_0_to_3_4_shows_the_path_with_links_to_each_steps_pair_page(site: Path) -> None:
    doc = page(site, "/compare/2.0-vs-3.4/")
    head = doc.find(id="threshold-ai-rnd")
    steps = head.find_next("ul")
    hrefs = [a["href"] for a in steps.find_all("a") if "vs" in a["href"]]
    assert hrefs == ["../2.0-vs-2.1/#threshold-ai-rnd-5", "../2.2-vs-3.0/#threshold-ai-rnd-5"]
    text = _text(steps)
    assert "Autonomous AI R&D was split in two: AI R&D-4 and AI R&D-5" in text
    assert "AI R&D-5 was merged with AI R&D-4 into Automated R&D in key domains" in text
    line = _line(site, "/compare/2.0-vs-3.4/", "Threshold: Autonomous AI R&D")
    assert "Split in 2.1, merged in 3.0" in line


def test_2_2_to_3_4_risk_reports_first_appear_in_3_0_only(site: Path) -> None:
    line = _line(site, "/compare/2.2-vs-3.4/", "Provision: Risk Reports")
    assert "Risk Reports (new in 3.0) → Risk Reports with a coverage date" in line
    # Arrival is one event (3.0); later edits are named as changes, never as a second arrival.
    assert "· New in 3.0; changed in " in line and "New in 3.0," not in line
    block = _block(site, "/compare/2.2-vs-3.4/", "provision-risk-reports")
    assert "New in 3.0;" in block and "New in 3.0, " not in block and "3.0, v3.4" not in block


def test_2_0_to_3_0_checkpoint_dropped_once_not_in_2_1_and_3_0(site: Path) -> None:
    line = _line(site, "/compare/2.0-vs-3.0/", "Threshold: Model Autonomy checkpoint")
    how = line.split(" · ")[1]
    assert how.startswith("Retired in 3.0") and "etired in 2.1" not in how and "ropped in 2.1" not in how


def test_1_0_to_3_4_no_entity_appears_or_disappears_in_two_versions(site: Path) -> None:
    for line in _glance(site, "/compare/1.0-vs-3.4/"):
        # Each event is its own phrase ("new in 2.0, split in 2.1"): an arrival or departure names
        # exactly one version; only "changed in" may list several.
        for part in re.split(r"; |, (?=[a-z]+ in )", line.split(" · ")[1]):
            if part.lower().startswith(("new in", "dropped in", "replaced in", "retired in")):
                assert re.fullmatch(r"[A-Za-z]+ in \d+\.\d+", part), line


# --- threshold histories ----------------------------------------------------------------------


def test_ai_rnd_5_lineage_uses_the_names_of_2_0_and_2_1(site: Path) -> None:
    text = _text(page(site, "/thresholds/ai-rnd-5/").find(id="lineage").find_next("ul"))
    assert "In v2.1, Autonomous AI R&D was split in two: AI R&D-4 and AI R&D-5" in text
    assert "Automated R&D in key domains was split" not in text
    assert "In v3.0, AI R&D-5 was merged with AI R&D-4 into Automated R&D in key domains" in text


def test_misuse_trigger_lineage_names_the_2_0_threshold(site: Path) -> None:
    text = _text(page(site, "/thresholds/misuse-uplift/").find(id="lineage").find_next("ul"))
    assert "was redefined as CBRN weapons" in text
    assert "Non-novel" not in text


def test_threshold_histories_name_safeguards_as_of_each_state(site: Path) -> None:
    doc = page(site, "/thresholds/cbrn/")
    row = doc.find(id="cbrn-2-0").find_next("table").find(string="Required safeguards").find_parent("tr")
    assert _text(row) == "Required safeguards ASL-3 Deployment Standard, ASL-3 Security Standard"
    doc = page(site, "/thresholds/misuse-uplift/")
    row = doc.find(id="misuse-uplift-1-0").find_next("table").find(string="Required safeguards").find_parent("tr")
    assert "ASL-3 containment (security) measures" in _text(row) and "ASL-3 deployment measures" in _text(row)
    assert "protections" not in _text(row)


def test_models_page_files_determinations_under_the_level_name_then(site: Path) -> None:
    doc = page(site, "/models/")
    assert _text(doc.find(id="claude-2").find_previous("h2")).startswith("Handled under ASL-2 (as named in v1.0)")
    assert _text(doc.find(id="claude-opus-4").find_previous("h2")).startswith("Handled under ASL-3 Standard")
    headings = [_text(h) for h in doc.select("article h2")]
    assert not any("ASL-3 protections" in h or "ASL-2 Standard (as named in v1.0)" in h for h in headings)


def test_pair_pages_are_left_out_of_the_search_index(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "compare/" in locations  # the picker stays findable
    assert not [loc for loc in locations if loc.startswith("compare/") and loc != "compare/"]


def test_explorer_marks_successors_as_such(site: Path) -> None:
    doc = page(site, "/thresholds/")
    cell = doc.select_one('td[data-domain="autonomy"][data-col="1"]')
    assert "replacement" in _text(cell) and "new" not in _text(cell)
    cell = doc.select_one('td[data-domain="chem-bio"][data-col="1"]')
    assert "redefined" in _text(cell)


def test_provisions_and_domains_are_never_claimed_renamed(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    """Their state names are the site's labels, not the policy's names: 3.4 did not rename Risk Reports."""
    from macros.compute import versions as cv

    for a, b in cv.pairs(atlas):
        for line in _glance(site, f"/compare/{a}-vs-{b}/"):
            if line.startswith(("Provision:", "Risk domain:")):
                assert "enamed" not in line, (a, b, line)
    block = _block(site, "/compare/3.3-vs-3.4/", "provision-risk-reports")
    assert block.startswith("Risk Reports") and "Changed in 3.4." in block and "enamed" not in block


def test_2_0_to_3_4_novel_chem_bio_shows_its_later_rewrites(site: Path) -> None:
    """Arrived in 2.1 (as CBRN-4), rewritten in 3.0 and redefined in 3.3: a long range must say so."""
    line = _line(site, "/compare/2.0-vs-3.4/", "Threshold: CBRN-4")
    how = line.split(" · ")[1]
    assert how.startswith("New in 2.1; changed in") and "3.0" in how and "3.3" in how, line


def test_1_0_to_2_2_headline_comes_from_a_version_where_the_row_changed(site: Path) -> None:
    """The ASL-4 security row changed in 2.0 and 2.1; 2.2's insider footnote is an ASL-3 change."""
    line = _line(site, "/compare/1.0-vs-2.2/", "Standard: ASL-4 security")
    assert "insider" not in line.split(" · ")[2], line


def test_1_0_to_2_0_counts_say_which_arrivals_and_departures_are_one_lineage_step(site: Path) -> None:
    """ARA → checkpoint (replaced) and the misuse trigger → CBRN (redefined) are one step each."""
    counts = _text(page(site, "/compare/1.0-vs-2.0/").select_one("p.atlas-counts"))
    assert "added (2 succeeding an earlier threshold)" in counts, counts
    assert "removed (2 continued by a successor)" in counts, counts


def test_1_0_to_2_2_ai_rnd_row_says_it_arrived_in_2_0_before_the_split(site: Path) -> None:
    line = _line(site, "/compare/1.0-vs-2.2/", "Threshold: — → AI R&D")
    assert line.split(" · ")[1].startswith("New in 2.0, split in 2.1"), line
