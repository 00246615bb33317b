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
    line = _line(site, "/compare/1.0-vs-2.0/", "Threshold: Autonomous replication in the lab")
    assert "→ Model Autonomy checkpoint · Replaced in 2.0" in line
    block = _block(site, "/compare/1.0-vs-2.0/", "threshold-ara")
    assert "Replaced in 2.0." in block and "Model Autonomy checkpoint replaced" in block
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
    assert "Autonomous AI R&D split in two: AI R&D-4 and AI R&D-5" in block
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
    assert "AI R&D-5 and AI R&D-4 merged into Automated R&D in key domains" in block
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
    assert "Autonomous AI R&D split in two: AI R&D-4 and AI R&D-5" in text
    assert "AI R&D-5 and AI R&D-4 merged into Automated R&D in key domains" in text
    line = _line(site, "/compare/2.0-vs-3.4/", "Threshold: Autonomous AI R&D")
    assert "Split in 2.1, merged in 3.0" in line


def test_2_2_to_3_0_a_new_entry_carries_our_note_on_what_it_grew_from(site: Path) -> None:
    # "New in 3.0" for internal feedback on Risk Reports must not read as "no internal review
    # before 3.0": 2.x sought internal feedback on every Capability or Safeguards Report.
    block = _block(site, "/compare/2.2-vs-3.0/", "provision-risk-report-internal-feedback")
    assert "Note: Internal review of reports predates this entry" in block, block
    assert "§7.1, item 4" in block
    # the sabotage threshold's note: misalignment came up inside other commitments before 3.0
    assert "New in 3.0 as a threshold of its own" in _block(
        site, "/compare/2.2-vs-3.0/", "threshold-high-stakes-sabotage"
    )


def test_2_2_to_3_4_risk_reports_first_appear_in_3_0_only(site: Path) -> None:
    # Risk Reports replaced the Capability and Safeguards Reports in 3.0 (audit E1-2/E2-3): one row.
    line = _line(site, "/compare/2.2-vs-3.4/", "Provision: Capability and Safeguards Reports")
    assert "Capability Reports and Safeguards Reports → Risk Reports with a coverage date" in line
    # Arrival is one event (3.0); later edits are named as changes, never as a second arrival.
    assert "· Replaced in 3.0; changed in 3.4 ·" in line, line
    block = _block(site, "/compare/2.2-vs-3.4/", "provision-risk-reports")
    assert "Replacement in 3.0; changed in 3.4." in block and "3.0, v3.4" not in block
    assert not any(x.startswith("Provision: Risk Reports") for x in _glance(site, "/compare/2.2-vs-3.4/"))


def test_2_0_to_2_1_next_level_pledge_was_replaced_by_the_reassessment_commitment(site: Path) -> None:
    """Audit E1-3: v2.1 changelog 'Iterative Commitment' adopts one in place of the other."""
    line = _line(site, "/compare/2.0-vs-2.1/", "Provision: Defining the next level in advance")
    assert "→ Revisit all thresholds at each safeguard upgrade · Replaced in 2.1 ·" in line, line
    assert not any(x.startswith("Provision: Re-examining") for x in _glance(site, "/compare/2.0-vs-2.1/"))
    counts = _text(page(site, "/compare/2.0-vs-2.1/").select_one("p.atlas-counts"))
    assert "removed (1 continued by a successor)" in counts, counts


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
                # (a departure may add what became of its successor: "… by X, itself retired in 3.0")
                # (or an arrival whose predecessor is outside the range: "…, in place of X (2.0–2.2)")
                tail = r"( by .+, itself [a-z]+ in \d+\.\d+|, in place of .+ \(\d+\.\d+(–\d+\.\d+)?\))?"
                assert re.fullmatch(r"[A-Za-z]+ in \d+\.\d+" + tail, part), line


# --- threshold histories ----------------------------------------------------------------------


def test_ai_rnd_5_lineage_uses_the_names_of_2_0_and_2_1(site: Path) -> None:
    text = _text(page(site, "/thresholds/ai-rnd-5/").find(id="lineage").find_next("ul"))
    assert "In v2.1, Autonomous AI R&D split in two: AI R&D-4 and AI R&D-5" in text
    assert "Automated R&D in key domains split" not in text
    assert "In v3.0, AI R&D-5 and AI R&D-4 merged into Automated R&D in key domains" in text


def test_misuse_trigger_lineage_names_the_2_0_threshold(site: Path) -> None:
    text = _text(page(site, "/thresholds/misuse-uplift/").find(id="lineage").find_next("ul"))
    assert "as CBRN weapons" in text and "the policy redefined" in text
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
            if line.startswith("Provision:"):
                assert "enamed" not in line, (a, b, line)
            elif line.startswith("Risk domain:"):
                # the headline may report a rename of one of its thresholds, never of the domain
                assert "enamed" not in line.split(" · ")[1], (a, b, line)
    block = _block(site, "/compare/3.3-vs-3.4/", "provision-risk-reports")
    assert block.startswith("Risk Reports") and "Changed in 3.4." in block and "enamed" not in block


def test_long_ranges_show_later_renames_splits_and_merges(site: Path) -> None:
    """Arrived in 2.1 (as CBRN-4), renamed and rewritten in 3.0 (v3.0 §1 row 2: "Novel chemical/
    biological weapons production") and redefined in 3.3: a long range must say so, the 3.0 rename
    included (an audit found it folded into "changed in 3.0" on 1.0-vs-3.4)."""
    line = _line(site, "/compare/2.0-vs-3.4/", "Threshold: CBRN-4")
    how = line.split(" · ")[1]
    assert how == "New in 2.1; renamed and changed in 3.0; changed in 3.3", line
    line = _line(site, "/compare/1.0-vs-3.4/", "Threshold: Autonomous AI R&D")
    assert line.split(" · ")[1] == "New in 2.0; split in 2.1; merged in 3.0; changed in 3.1, 3.4", line
    # a new qualifier in brackets is not a new name (ASL-4 Standard (not yet defined) → (partly specified))
    line = _line(site, "/compare/1.0-vs-3.4/", "Level: ASL-4")
    assert "changed in 2.1" in line and "renamed and changed in 2.0" in line.lower(), line


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


def _without_change(site: Path, url: str) -> list[str]:
    """The entries listed under "Without a recorded change" (unchanged or no change recorded)."""
    head = page(site, url).find(id="unchanged")
    return [_text(li) for el in head.find_next_siblings() for li in el.find_all("li")]


def test_risk_domains_agree_with_their_thresholds(site: Path) -> None:
    """Audit B5/B7/F9: a domain whose threshold changed is not listed without a change, and a
    renamed row is reported as a rename of that row, not as a new meaning of the domain."""
    line = _line(site, "/compare/3.2-vs-3.3/", "Risk domain: Misalignment and sabotage")
    assert "meaning" not in line and "renamed in 3.3" in line, line
    assert "High-stakes sabotage opportunities → Misaligned AI systems in high-stakes settings" in line
    for url, domain in (
        ("/compare/3.0-vs-3.1/", "Automated R&D in key domains"),
        ("/compare/3.3-vs-3.4/", "Automated R&D in key domains"),
        ("/compare/3.2-vs-3.3/", "Chemical and biological weapons"),
        ("/compare/2.0-vs-2.1/", "Model autonomy"),
    ):
        assert f"risk domain: {domain}" not in _without_change(site, url), (url, domain)
        assert _line(site, url, f"Risk domain: {domain}")
    # 3.3 rewrote the novel chem/bio row: the long range credits it to the domain too
    line = _line(site, "/compare/2.0-vs-3.4/", "Risk domain: CBRN weapons")
    assert "3.3" in line.split(" · ")[1], line
    line = _line(site, "/compare/2.0-vs-3.4/", "Risk domain: Autonomous AI R&D")
    assert all(v in line.split(" · ")[1] for v in ("3.1", "3.4")), line


def test_2_2_to_3_0_third_party_review_is_not_claimed_unchanged(site: Path) -> None:
    """Audit B10/E1-9: 3.0 drops the 'list will evolve' remark and moves internal review to its own item."""
    assert not any("Annual third-party review" in x for x in _without_change(site, "/compare/2.2-vs-3.0/"))
    line = _line(site, "/compare/2.2-vs-3.0/", "Provision: Third-party procedural compliance review")
    assert "Changed in 3.0" in line, line


def test_each_side_of_a_pair_cites_its_own_version(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    """Audit F10/E1-14/E2-9: 'In 2.1: Source: RSP v2.0 …' cited another version's text for a state."""
    from macros.compute import versions as cv

    problems = []
    for a, b in cv.pairs(atlas):
        if atlas.index(b) - atlas.index(a) != 1:
            continue
        for p in page(site, f"/compare/{a}-vs-{b}/").select("article p"):
            text = _text(p)
            for side in (a, b):
                if text.startswith(f"In {side}: Source:"):
                    cited = set(re.findall(r"RSP v(\d\.\d)", text.split("Disputed")[0]))
                    if cited - {side}:
                        problems.append((a, b, text[:120]))
    assert problems == []


def test_threshold_pages_name_the_domain_as_of_their_versions(site: Path) -> None:
    """Audit F8/E1-13: a 1.0 or 2.x threshold was filed under the 3.x domain label."""
    head = _text(page(site, "/thresholds/misuse-uplift/").select_one("article p"))
    assert head.startswith("Domain: Catastrophic misuse (CBRN and cyber)."), head
    head = _text(page(site, "/thresholds/ai-rnd-5/").select_one("article p"))
    assert "Automated R&D" not in head and head.startswith("Domain: Autonomous AI R&D."), head
    head = _text(page(site, "/thresholds/cbrn/").select_one("article p"))
    assert head.startswith("Domain: CBRN weapons (v2.0–2.2), Chemical and biological weapons (v3.0–3.4)."), head


def test_1_0_to_3_4_ara_is_not_continued_past_the_checkpoints_retirement(site: Path) -> None:
    """Audit E1-1: the checkpoint that replaced ARA in 2.0 was itself retired in 3.0 (v3.0 §1 has no
    checkpoint), so over 1.0→3.4 nothing continues ARA."""
    line = _line(site, "/compare/1.0-vs-3.4/", "Threshold: Autonomous replication in the lab")
    assert "Replaced in 2.0 by Model Autonomy checkpoint, itself retired in 3.0" in line, line
    counts = _text(page(site, "/compare/1.0-vs-3.4/").select_one("p.atlas-counts"))
    assert "removed (1 continued by a successor)" in counts, counts
    # where the range ends while the checkpoint is in force, the replacement does continue ARA
    counts = _text(page(site, "/compare/1.0-vs-2.0/").select_one("p.atlas-counts"))
    assert "removed (2 continued by a successor)" in counts, counts


def test_2_2_to_3_0_reads_shorter_without_losing_claims(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    """The 2.2→3.0 page was ~11,200 words in view: sources, what a dropped entry said and a domain's
    restating note are now one click away (folded), still on the page."""
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(str(page(site, "/compare/2.2-vs-3.0/").select_one("article")), "lxml")
    whole = _text(doc)
    for d in doc.select("details"):
        d.decompose()
    assert len(_text(doc).split()) < 8000
    # every dropped entry's 2.2 meaning and every 3.0 state's own citation are still there
    from macros.compute.diff import diff
    from macros.model.kinds import DIFF_KINDS

    for d in diff(atlas, "2.2", "3.0", DIFF_KINDS):
        if d.status == "removed":
            assert " ".join(d.before.summary.split())[:60] in whole, d.entity.id  # type: ignore[union-attr]
    assert whole.count("Sources") >= 40


def _deleted(site: Path, url: str, anchor: str) -> str:
    head = page(site, url).find(id=anchor)
    out = []
    for el in head.find_next_siblings():
        if el.name in ("h2", "h3", "h4"):
            break
        out += [_text(d) for d in el.find_all("del")]
    return " | ".join(out)


def test_redlines_do_not_delete_what_the_later_version_still_says(site: Path) -> None:
    """Audit E2-1: shorter summaries of 3.2 and 3.4 showed in-force text as deleted (v3.2 §3.6,
    §3.6.2-3, §4 item 5; v3.4 §3.6.1, row 4 and footnote 8)."""
    gone = _deleted(site, "/compare/3.1-vs-3.2/", "provision-ltbt-role")
    for kept in ("redacted", "within a week", "noncompliance reports about the RSO"):
        assert kept not in gone, (kept, gone)
    assert "Reviews cover" not in _deleted(site, "/compare/3.1-vs-3.2/", "provision-external-review")
    assert "Reviewers need" not in _deleted(site, "/compare/3.3-vs-3.4/", "provision-external-review")
    gone = _deleted(site, "/compare/3.3-vs-3.4/", "threshold-ai-rnd")
    assert "Doubling means" not in gone and "more staff" not in gone, gone


def test_states_in_force_now_describe_themselves_not_a_change(atlas) -> None:  # type: ignore[no-untyped-def]
    """Audit E2-4: /current/ and long ranges showed delta sentences ('Same scope', 'Three LTBT powers
    are added', 'the same three scenario commitments, now …') as what the policy requires."""
    from macros.compute.scope import state_at

    delta = re.compile(
        r"\b(the same|same scope|unchanged|is gone|are gone|are added|is added|still|remains?)\b|(?<!for )\bnow\b", re.I
    )
    newest = atlas.version_ids[-1]
    found = []
    for kind in ("threshold", "standard", "level", "provision", "domain"):
        for e in atlas.entities[kind]:
            s = state_at(atlas, e, newest)
            if s is not None and (m := delta.search(s.summary)):  # type: ignore[attr-defined]
                found.append(f"{kind}:{e.id}: {m.group(0)!r}")
    # Any state is shown against far-off versions on long ranges: the plainest delta words are out
    # everywhere ("Still no threshold", "now serves", "is gone").
    anywhere = re.compile(
        r"\b(same scope|unchanged|is gone|are gone|are added|is added)\b|^(Still|Now)\b|(?<![Ff]or )\bnow\b"
    )
    for kind in ("threshold", "standard", "level", "provision", "domain"):
        for e in atlas.entities[kind]:
            for s in e.states:
                if m := anywhere.search(s.summary):  # type: ignore[attr-defined]
                    found.append(f"{kind}:{e.id}@{s.from_}: {m.group(0)!r}")
    assert found == []


def test_glance_headlines_from_notes_are_about_their_own_row(atlas) -> None:  # type: ignore[no-untyped-def]
    """Audit A-F6, E1-12, E2-7: a note tagged with many entries gave its opening sentence (about
    another entry) as the headline, e.g. the retired checkpoint's 'Thresholds are regrouped into
    four rows.' A headline taken from a note must share a distinctive word with the row's names."""
    import html

    from macros.compute import versions as cv
    from macros.compute.diff import diff
    from macros.model.kinds import DIFF_KINDS
    from macros.render import compare
    from macros.render.text import Ctx

    bad = []
    for a, b in cv.pairs(atlas):
        ctx = Ctx(atlas, f"compare/{a}-vs-{b}.md")
        for d in diff(atlas, a, b, DIFF_KINDS):
            if d.status == "unchanged":
                continue
            said = html.unescape(compare.headline(ctx, d, a, b))
            # a long range dates its headline by the step it describes ("In 3.0: …")
            dated = re.match(r"(?:In|As of) [0-9.]+: ", said)
            end_state = " ".join(d.after.summary.split()) if d.after is not None else ""  # type: ignore[attr-defined]
            if dated and said[dated.end() :][:40] in end_state:
                continue  # a long range's end state, not a note
            said = said[dated.end() :] if dated else said
            if said.startswith(("Changed:", "Not in the policy", "Its thresholds", "Lineage step")):
                continue
            if d.status == "added" and said.split()[0] in (s.summary.split()[0] for s in d.entity.states):  # type: ignore[attr-defined]
                continue  # the entry's own summary
            if not compare._words(d) & compare._stems(said):
                bad.append((a, b, d.entity.id, said[:80]))
    assert bad == []


def test_audit_e1_nits_on_2_x_pages(site: Path) -> None:
    """E1-5: CBRN-4's ASL-4 standards were only expected (v2.1 §2 row CBRN-4), never shown as required;
    E1-10: 2.1 corrects §4.3's 'Capability Report' to 'Safeguards Report'; E1-11: the checkpoint's
    2.1 text keeps 'threshold' singular; E2-8: counts are per entry."""
    card = _text(page(site, "/thresholds/cbrn-4/").find(id="cbrn-4-2-1").find_next("table"))
    # shown as expected, in a row that says so, never as a requirement
    required, expected = card.split("Expected safeguards (not yet required)")
    assert "ASL-4 Security Standard" not in required, card
    assert "ASL-4 Security Standard" in expected.split("Safeguards note")[0], card
    line = _line(site, "/compare/2.0-vs-2.1/", "Provision: Capability and Safeguards Reports")
    assert "Changed in 2.1" in line, line
    block = _block(site, "/compare/2.0-vs-2.1/", "threshold-autonomy-checkpoint")
    assert "AI R&D thresholds and any further" not in block, block
    counts = _text(page(site, "/compare/3.3-vs-3.4/").select_one("p.atlas-counts"))
    assert "counted per entry" in counts, counts


def test_affects_lists_never_show_one_name_twice(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    """Audit E2-9: versions/3.0 listed 'Automated R&D in key domains' twice (the threshold and its
    risk domain share the name in 3.x); the two now say which kind each is."""
    for v in atlas.versions:
        for line in re.findall(r"Affects: ([^.]*)\.", _whole(site, f"/versions/{v.id}/")):
            items = [x.strip() for x in line.split(",")]
            assert len(items) == len(set(items)), (v.id, line)


def test_a_name_that_is_our_label_is_never_quoted_or_listed_as_the_policys(site: Path, atlas) -> None:
    """The 1.0 misuse trigger and the 1.0 sketches of ASL-4 measures have no name in the policy:
    where a page lists the names a thing carried, ours is marked as ours and never in quotes."""
    ours = [
        (kind, e, s)
        for kind in ("threshold", "standard", "level")
        for e in atlas.entities[kind]
        for s in e.states
        if s.name_is_ours
    ]
    assert {e.id for _, e, _ in ours} >= {"misuse-uplift", "asl-4-security", "asl-4-deployment"}
    for kind, entity, state in ours:
        if kind == "threshold":
            text = _whole(site, f"/thresholds/{entity.id}/")
            assert f"“{state.name}”" not in text, entity.id
            assert f"{state.name} (our label; the policy gives it no name)" in text, entity.id
        else:
            text = _whole(site, "/safeguards/")
            assert f"{state.name} (v{state.from_}; our label; the policy gives it no name)" in text, entity.id


def test_the_asl_4_page_lists_cbrn_4_as_expected_not_required(site: Path) -> None:
    # 2.1 and 2.2 said CBRN-4 would need the ASL-4 standards without requiring them yet; AI R&D-5
    # required ASL-4 security. The level page says which was which, and omits neither.
    doc = page(site, "/levels/asl-4/")
    items = [_text(li) for li in doc.find(id="thresholds").find_next("ul").find_all("li")]
    assert "CBRN-4 (v2.1–2.2): expected, not yet required" in items, items
    assert "AI R&D-5 (v2.1–2.2): required" in items, items
