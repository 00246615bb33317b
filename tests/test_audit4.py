"""Regression tests for the classes behind audit 4 (F1-4, F1-5, F1-7, F2-5, F2-8, F2-9, redline):
each asserts on the real data, so a data edit or a code change that brings a class back fails."""

from __future__ import annotations

import functools
import html
import re
import shutil
from pathlib import Path

from macros.model import Atlas
from macros.render import compare
from macros.render.text import Ctx
from tests.conftest import real_atlas


@functools.cache
def pair(a: str, b: str) -> str:
    atlas: Atlas = real_atlas()
    return html.unescape(compare.compare_page(Ctx(atlas, f"compare/{a}-vs-{b}.md"), a, b))


def glance(a: str, b: str) -> list[str]:
    page = pair(a, b)
    body = page.split("{ #glance }", 1)[1].split("{ #differences }", 1)[0]
    return [line for line in body.splitlines() if line.startswith("- ")]


def row(a: str, b: str, needle: str) -> str:
    found = [line for line in glance(a, b) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


# --- F1-4: a successor counts as succeeding only if its predecessor chain reaches the older side


def test_a_successor_whose_predecessor_came_and_went_inside_the_range_is_plainly_new():
    line = row("1.0", "3.4", "**Risk Reports**")
    assert "· New in 3.0, in place of Capability Reports and Safeguards Reports (2.0–2.2); changed in 3.4 ·" in line
    assert "Replaced in 3.0" not in line


def test_the_succeeding_count_only_counts_successors_of_something_on_the_older_side():
    # 1.0 to 3.4: CBRN (redefining the 1.0 misuse trigger) and the marginal-risk provision (split off
    # the competitor commitments present in 1.0); Risk Reports' predecessor is on neither side.
    assert "14</strong> added (2 succeeding an earlier threshold or provision)" in pair("1.0", "3.4")
    # On the step itself Risk Reports still replaces Capability and Safeguards Reports.
    assert "7</strong> added (2 succeeding an earlier provision)" in pair("2.2", "3.0")
    assert " · Replaced in 3.0 · " in row("2.2", "3.0", "**Capability and Safeguards Reports**")


# --- F1-5: a threshold renamed or redefined without an edge to another one still has a lineage


def threshold(tid: str) -> str:
    from macros.render import entities

    return html.unescape(entities.threshold_page(Ctx(real_atlas(), f"thresholds/{tid}.md"), tid))


def test_a_renamed_and_redefined_threshold_without_edges_gets_a_lineage_section():
    page = threshold("cbrn-4")
    assert "## Lineage { #lineage }" in page
    lineage = page.split("{ #lineage }", 1)[1].split("## Version by version", 1)[0]
    assert (
        "In [v3.0](../versions/3.0.md), the name CBRN-4 became Novel chemical/biological weapons production" in lineage
    )
    assert (
        "In [v3.3](../versions/3.3.md), the meaning of Novel chemical/biological weapons production changed" in lineage
    )


def test_a_rename_only_step_is_told_as_a_rename_not_a_change_of_meaning():
    lineage = threshold("high-stakes-sabotage").split("{ #lineage }", 1)[1].split("## Version by version", 1)[0]
    assert "the name High-stakes sabotage opportunities became Misaligned AI systems in high-stakes settings" in lineage
    assert "meaning" not in lineage


# --- F1-7: every citation existed for the version it is cited for

# Retrospective sentences: the state's own text says the fact comes from a later document.
LATER_ON_PURPOSE = {
    ("provision", "responsible-scaling-officer", "1.0", "post-rsp-2.0"): "'Anthropic later said' who held the role",
    ("term", "rso", "1.0", "post-rsp-2.0"): "who held the role in the first year, told in 2.0's announcement",
    ("term", "safeguards-report", "2.0", "post-rsp-3.0"): "'Anthropic later described' the May 2025 report",
    ("term", "if-then-commitments", "1.0", "post-rsp-3.0"): "the term is 'Anthropic's later label', said so",
    ("term", "ara", "1.0", "rsp-2.0"): "the definition says the abbreviation comes from the 2.0 changelog",
}


def test_no_state_cites_a_document_published_after_it_was_superseded():
    from macros.compute.scope import cited_too_late

    atlas = real_atlas()
    late = {
        (kind, e.id, s.from_, c.source)
        for kind, items in atlas.entities.items()
        for e in items
        for s in e.states
        for c in cited_too_late(atlas, s)
    }
    assert late == set(LATER_ON_PURPOSE)


def test_the_check_flags_a_later_system_card_on_a_state_that_ended_before_it():
    from macros.compute.scope import cited_too_late
    from macros.model import types as t

    atlas = real_atlas()
    cbrn4 = atlas.entity("threshold", "cbrn-4")
    ended = next(s for s in cbrn4.states if s.from_ == "2.1")
    card = t.Cite(source="system-card-mythos-preview", locator="§2")
    assert cited_too_late(atlas, ended.model_copy(update={"sources": [*ended.sources, card]})) == [card]


def test_a_pair_page_cites_for_each_side_only_what_existed_then():
    page = pair("2.2", "3.0")
    for anchor in ("threshold-cbrn", "threshold-cbrn-4"):
        block = page.split(f"{{ #{anchor} }}", 1)[1].split("#### ", 1)[0]
        side = block.split("*In 3.0:*", 1)[1]
        assert "Mythos" not in side, anchor


# --- F2-8: a state says what the policy says as of its versions, not how it differs from before

# Words that report a change rather than a state ("no longer", "now", "is gone", "spoke of").
DELTA = re.compile(
    r"\b(no longer|any ?more|any longer|(?<!for )now|(is|are|was|were) (gone|dropped|removed|added)|dropped|"
    r"takes? over|take their place|spoke of|unchanged|instead of)\b",
    re.I,
)
# (kind, id, from, field): why the words there describe the state, not a change. Empty today.
DELTA_ALLOWED: dict[tuple[str, str, str, str], str] = {}


def delta_words(entities: dict[str, list]) -> set[tuple[str, str, str, str, str]]:
    from macros.compute.scope import substance
    from macros.model.kinds import DIFF_KINDS

    found = set()
    for kind in DIFF_KINDS:
        for e in entities[kind]:
            for s in e.states:
                for key, val in substance(s).items():
                    for text in val if isinstance(val, list) else [val]:
                        if isinstance(text, str) and (m := DELTA.search(text)):
                            found.add((kind, e.id, s.from_, key, m.group(0)))
    return {f for f in found if f[:4] not in DELTA_ALLOWED}


def test_no_state_text_carries_delta_wording():
    # Notes (not state text) are where history goes: "Version 1.0's … are not carried over".
    assert delta_words(real_atlas().entities) == set()


def test_the_delta_check_flags_a_state_that_reports_a_change():
    atlas = real_atlas()
    cbrn = atlas.entity("threshold", "cbrn")
    state = cbrn.states[-1]
    bad = state.model_copy(update={"summary": state.summary + " Radiological weapons are no longer covered."})
    patched = {**atlas.entities, "threshold": [cbrn.model_copy(update={"states": [*cbrn.states[:-1], bad]})]}
    assert ("threshold", "cbrn", state.from_, "summary", "no longer") in delta_words(patched)


# --- F2-9: each side of a pair page cites that version's own text first


def test_each_side_lists_its_own_version_text_first():
    page = pair("3.3", "3.4")
    block = page.split("{ #threshold-ai-rnd }", 1)[1].split("#### ", 1)[0]
    side = block.split("*In 3.3:*", 1)[1].split("*In 3.4:*", 1)[0]
    assert side.index("RSP v3.3") < side.index("Watchtower")


# --- F2-5: a rename-only step is a rename, and a domain's own change is shown where it is claimed


def test_a_rename_only_step_after_arrival_is_labelled_renamed():
    line = row("2.0", "3.4", "**[High-stakes sabotage opportunities]")
    assert " · New in 3.0; renamed in 3.3 · " in line
    block = pair("2.0", "3.4").split("{ #threshold-high-stakes-sabotage }", 1)[1].split("#### ", 1)[0]
    assert "It was also renamed after it arrived, in 3.3" in block


def test_a_domain_changed_in_a_step_shows_what_changed():
    block = pair("2.0", "2.1").split("{ #domain-misalignment }", 1)[1].split("## ", 1)[0]
    assert "*Changed in 2.1.*" in block
    assert "What the policy says" in block and "<ins>" in block


def test_since_tracks_the_content_not_the_last_rename():
    from macros.compute.scope import unchanged_since

    atlas = real_atlas()
    assert unchanged_since(atlas, atlas.entity("threshold", "high-stakes-sabotage"), "3.4") == "3.0"
    assert unchanged_since(atlas, atlas.entity("threshold", "cbrn-4"), "3.4") == "3.3"
    # 2.2 changed only the insider footnote (out of scope), not the summary: still a change
    assert unchanged_since(atlas, atlas.entity("standard", "asl-3-security"), "2.2") == "2.2"


# --- redline: deleted/inserted text only where the record says the policy changed that field


def block(a: str, b: str, anchor: str) -> str:
    return pair(a, b).split(f"{{ #{anchor} }}", 1)[1].split("#### ", 1)[0].split("??? quote", 1)[0]


def test_a_recorded_change_is_drawn_as_a_redline():
    # 2.1 corrected the safeguards-decision slip (change decision-lists lists the provision)
    shown = block("2.0", "2.1", "provision-capability-safeguards-reports")
    assert "<del>Capability</del> <ins>Safeguards</ins> Report" in shown


def _without_change(tmp_path: Path, change: str) -> Atlas:
    """The real data less one recorded change: the two summaries still differ, the record is silent."""
    from macros.model import load_atlas

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    path = data / "versions.yml"
    text = path.read_text()
    start = text.index(f"      - id: {change}\n")
    end = text.index("      - id: ", start + 1)
    path.write_text(text[:start] + text[end:])
    return load_atlas(data)


def test_a_difference_the_record_does_not_list_is_shown_plainly(tmp_path: Path) -> None:
    # With 2.0's update-process change taken out of the record, our two summaries still differ.
    atlas = _without_change(tmp_path, "update-proposers")
    page = html.unescape(compare.compare_page(Ctx(atlas, "compare/1.0-vs-2.0.md"), "1.0", "2.0"))
    shown = page.split("{ #provision-policy-updates }", 1)[1].split("#### ", 1)[0].split("??? quote", 1)[0]
    assert "<del>" not in shown and "<ins>" not in shown
    assert "(reworded in" in shown and "no redline is drawn" in shown
    # and with the change recorded, the same step is a redline
    assert "<del>" in block("1.0", "2.0", "provision-policy-updates")


def test_a_field_marked_reworded_is_not_redlined_though_the_step_is_recorded(tmp_path):
    import shutil
    from pathlib import Path

    from macros.compute.diff import diff_entity
    from macros.model import load_atlas

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    path = data / "thresholds.yml"
    text = path.read_text()
    marker = '      - from: "3.4"\n'
    assert text.count(marker) == 1
    path.write_text(text.replace(marker, marker + "        reworded: [summary]\n"))
    atlas = load_atlas(data)
    d = diff_entity(atlas, "threshold", atlas.entity("threshold", "ai-rnd"), "3.3", "3.4")
    assert d is not None
    summary = next(f for f in d.fields if f.field == "summary")
    assert not summary.recorded
    page = html.unescape(compare.compare_page(Ctx(atlas, "compare/3.3-vs-3.4.md"), "3.3", "3.4"))
    shown = page.split("{ #threshold-ai-rnd }", 1)[1].split("#### ", 1)[0].split("??? quote", 1)[0]
    assert "<del>" not in shown and "no redline is drawn" in shown
    # and unmarked, the same step is a redline
    assert "<del>" in block("3.3", "3.4", "threshold-ai-rnd")


def test_entity_histories_tell_a_reworded_summary_from_a_recorded_change(tmp_path: Path) -> None:
    from macros.render import entities

    silent = _without_change(tmp_path, "update-proposers")
    updates = html.unescape(
        entities.history(Ctx(silent, "governance.md"), "provision", silent.entity("provision", "policy-updates"))
    )
    assert "What changed at 2.0: Name; our summary reworded, no change recorded: meaning" not in updates
    assert "What changed at 2.0: our summary reworded, no change recorded: name, meaning" in updates
    atlas = real_atlas()
    recorded = html.unescape(
        entities.history(Ctx(atlas, "governance.md"), "provision", atlas.entity("provision", "policy-updates"))
    )
    assert "no change recorded" not in recorded.split("What changed at 2.0:", 1)[1].split("\n", 1)[0]
    cbrn4 = html.unescape(
        entities.history(Ctx(atlas, "thresholds/cbrn-4.md"), "threshold", atlas.entity("threshold", "cbrn-4"))
    )
    assert "What changed at 3.3: Meaning (" in cbrn4


def test_no_glance_headline_opens_on_a_pronoun_borrowed_from_another_entry():
    # E1-12 class: "It requires at least the ASL-3 Security Standard …" on the Misalignment row
    # was the AI R&D threshold's sentence. The check covers every pair of versions.
    atlas = real_atlas()
    ids = atlas.version_ids
    found = [
        line
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        for line in glance(a, b)
        if re.search(r" · (It|They|This|These) ", line)
    ]
    assert found == []
