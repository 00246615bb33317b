"""Findings of audit 4 (issue #11): state texts must say what the version in force says, and a
domain the 3.x policy never mentions is dropped, not renamed."""

from __future__ import annotations

from pathlib import Path

from macros.compute.diff import diff
from macros.compute.scope import state_at
from tests.htmlsite import page


def _text(doc) -> str:
    return " ".join(doc.get_text(" ").split())


def test_3_4_automated_rnd_says_further_acceleration_looks_likely(atlas, site: Path):
    # v3.4 row 4 (p. 10): continuation "seems likely" to accelerate; 3.1-3.3 said "could".
    th = atlas.entity("threshold", "ai-rnd")
    old, new = state_at(atlas, th, "3.3").summary, state_at(atlas, th, "3.4").summary
    assert "could bring even faster" in old
    assert "could bring even faster" not in new and "seems likely to bring even faster" in new
    card = page(site, "/compare/3.3-vs-3.4/").find(id="threshold-ai-rnd")
    assert card is not None
    inserted = " ".join(i.get_text() for i in card.find_all_next("ins", limit=40))
    assert "likely" in inserted
    for url in ("/current/", "/versions/3.4/"):
        assert "could bring even faster" not in _text(page(site, url)), url


def test_text_still_in_force_in_3_4_is_kept_in_the_3_4_state(atlas, site: Path):
    # A briefer rewrite of a state makes the word diff strike out text still in the policy:
    # v3.4 §3.2 (p. 12) keeps the candour, absolute-risk and deviation principles, §3.5 (p. 14)
    # the four redaction reasons, §3.6 (p. 14) the "highly capable" pointer.
    rr = state_at(atlas, atlas.entity("provision", "risk-reports"), "3.4").summary
    for phrase in ("candid", "absolute risk", "deviations are tracked", "intellectual property", "privacy"):
        assert phrase in rr, phrase
    th = state_at(atlas, atlas.entity("threshold", "ai-rnd"), "3.4").summary
    assert "used for external review" in th and "aggregate AI capabilities" in th
    deleted = " ".join(d.get_text() for d in page(site, "/compare/3.3-vs-3.4/").find_all("del"))
    for phrase in ("deviations are tracked", "intellectual property", "used for external review"):
        assert phrase not in deleted, phrase
    assert "deviations are tracked" in _text(page(site, "/current/"))


def test_a_domain_absent_from_3_x_is_dropped_in_3_0_not_renamed(atlas, site: Path):
    # v3.0 and v3.4 never mention cyber, and have no autonomy domain, threshold or checkpoint.
    for did in ("cyber", "autonomy"):
        assert state_at(atlas, atlas.entity("domain", did), "3.0") is None, did
    by_id = {d.entity.id: d for d in diff(atlas, "2.2", "3.0") if d.kind == "domain"}
    assert by_id["cyber"].status == "removed" and by_id["autonomy"].status == "removed"
    text = _text(page(site, "/compare/2.2-vs-3.0/"))
    assert "Risk domain: Cyber operations · Dropped in 3.0" in text
    assert "Cyber operations → Cyber" not in text
    assert "Cyber operations → Cyber" not in _text(page(site, "/compare/1.0-vs-3.4/"))


def test_version_1_0_names_and_counts_follow_its_own_text(atlas):
    # v1.0 p. 7 says "Autonomous replication in the lab"; "ARA" first appears in the 2.0 changelog.
    assert "ARA" not in state_at(atlas, atlas.entity("threshold", "ara"), "1.0").name
    # v3.0 §4 items 1 and 3 (p. 15): one change to the RSO's duties, recorded once.
    v30 = atlas.versions[atlas.index("3.0")]
    told = [c.id for c in v30.changes if "seven to six" in c.text and "its own entry" not in c.text]
    assert told == ["rso-duties-six"], told
    # v3.3's changelog calls only the off-cycle change a refinement, not the internal-scope one.
    summary = " ".join(atlas.versions[atlas.index("3.3")].summary.split())
    assert summary.index("refinement") < summary.index("internal models"), summary


def test_marginal_risk_analysis_descends_from_the_2_x_lowering_footnote(atlas, site: Path):
    # v2.2 note 17 (p. 17) and v3.0 §3.3 (p. 12): the same small-added-risk reasoning, with an
    # admission of overall risk and advocacy for regulation attached.
    from macros.compute import lineage

    assert [lk.target for lk in lineage.successors(atlas, "competitor-commitments", "provision")] == [
        "marginal-risk-analysis"
    ]
    card = page(site, "/compare/2.2-vs-3.0/").find(id="provision-marginal-risk-analysis")
    assert card is not None
    assert "Split off in 3.0" in card.find_next("p").get_text()


def test_a_glance_row_is_summarised_by_a_note_about_that_row(site: Path):
    # A note led by another entry may share a word with this row; only its full name counts then.
    from tests.test_golden import _line

    line = _line(site, "/compare/3.0-vs-3.1/", "Provision: External review of Risk Reports")
    assert "highly capable" in line and "threshold is met if" not in line, line
    line = _line(site, "/compare/2.2-vs-3.0/", "Provision: Reporting noncompliance")
    assert "regular-clearance" not in line, line
    line = _line(site, "/compare/3.3-vs-3.4/", "Provision: Public disclosure")
    assert "disclose each redaction" in line, line
    line = _line(site, "/compare/3.3-vs-3.4/", "Provision: Risk Reports")
    assert "coverage date" in line.split("·")[-1], line
