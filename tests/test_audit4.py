"""Regression tests for the classes behind audit 4 (F1-4, F1-5, F1-7, F2-5, F2-8, F2-9, redline):
each asserts on the real data, so a data edit or a code change that brings a class back fails."""

from __future__ import annotations

import functools
import html

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
