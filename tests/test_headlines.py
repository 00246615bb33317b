"""At-a-glance headlines on pair pages (audit G1-1, G1-6): a row's headline must be true of the
range it sits in, and read as a sentence on its own.

Sources: v2.2 fn 11 p. 13 (the insider exclusion of the ASL-3 Security Standard), v3.0/v3.4 (no
Security Standard; §4 item 1, six RSO duties; §3.1, Risk Reports every 3-6 months; Appendix A, no
Required Safeguards; no incident procedures; no US-government notice).
"""

from __future__ import annotations

import html
import re

import pytest

from macros.compute import versions as cv
from macros.compute.diff import EntityDiff, diff, stated_changes
from macros.compute.pairview import pair_view
from macros.model import Atlas
from macros.model.kinds import DIFF_KINDS
from macros.render import compare
from macros.render.text import Ctx


def _headlines(atlas: Atlas, a: str, b: str) -> dict[str, tuple[EntityDiff, str]]:
    ctx = Ctx(atlas, f"compare/{a}-vs-{b}.md")
    return {
        f"{d.kind}:{d.entity.id}": (d, html.unescape(compare.headline(ctx, d, a, b)))
        for d in diff(atlas, a, b, DIFF_KINDS)
        if d.status != "unchanged"
    }


# Row -> words of an earlier step's note that the row's end state (3.4) contradicts.
OUTDATED = {
    "standard:asl-3-security": ("insider",),
    "provision:responsible-scaling-officer": ("seven duties",),
    "provision:evaluation-cadence": ("two-stage",),
    "provision:competitor-commitments": ("Required Safeguards",),
    "provision:external-expert-input": ("Capability and Safeguards Reports", "US government"),
    "provision:public-disclosure": ("noncompliance",),
    "provision:noncompliance-reporting": ("incident",),
    "provision:pause-commitment": ("interim measures",),
}


@pytest.mark.parametrize("a", ["1.0", "2.0"])
def test_long_range_headlines_do_not_describe_an_undone_step(atlas: Atlas, a: str) -> None:
    """G1-1a/b: on 1.0-vs-3.4 the ASL-3 security row said the Security Standard 'now excludes
    sophisticated insiders' (2.2), though 3.x has no Security Standard."""
    found = _headlines(atlas, a, "3.4")
    bad = {ref: said for ref, words in OUTDATED.items() for w in words if w in (said := found[ref][1])}
    assert bad == {}


def test_a_headline_on_a_long_range_says_which_step_it_describes(atlas: Atlas) -> None:
    """A note-based headline over several versions is dated by the last step in which the row
    changed, so its "now" reads as of that step and no later step undoes it."""
    bad = []
    for a, b in cv.pairs(atlas):
        if atlas.index(b) - atlas.index(a) < 2:
            continue
        for ref, (d, said) in _headlines(atlas, a, b).items():
            steps = sorted(set(d.at) | set(d.revised), key=atlas.index)
            # "In X:" is the change made in X, so X is the last step that touched the row; the
            # row's state at the end of the range is "As of b:" (it once read "In 3.4:" for a row
            # 3.4 never touched)
            if said.startswith("In ") and steps and not said.startswith(f"In {steps[-1]}: "):
                bad.append((a, b, ref, said[:60]))
            if said.startswith("As of ") and not said.startswith(f"As of {b}: "):
                bad.append((a, b, ref, said[:60]))
    assert bad == []
    said = _headlines(atlas, "1.0", "3.4")["provision:pause-commitment"][1]
    assert said.startswith("In 3.1: "), said


def test_headlines_read_as_sentences(atlas: Atlas) -> None:
    """G1-6: no headline opens on a back-reference ("It requires …", "The other two …"), on a
    lowercase fragment ("… and approvals are …"), or stops on a semicolon."""
    bad = []
    for a, b in cv.pairs(atlas):
        notes = " ".join(" ".join(c.text.split()) for _, c in stated_changes(atlas, a, b))
        for ref, (_, said) in _headlines(atlas, a, b).items():
            body = re.sub(r"^(?:In|As of) [0-9.]+: ", "", said)
            if body.startswith("Its thresholds: "):
                continue  # computed from the domain's rows, not a note
            # a state's own first sentence may name the row's subject as "Both bodies"
            from_note = body[:40] in notes
            if (
                body.endswith(";")
                or (from_note and compare.BACK_REFERENCE.match(body))
                or body.startswith("…")
                or not body[:1].isupper()
            ):
                bad.append((a, b, ref, said[:70]))
    assert bad == []
    two_one = _headlines(atlas, "2.0", "2.1")["standard:asl-4-security"][1]
    assert not two_one.startswith("It "), two_one


def test_a_changed_card_shows_what_changed(atlas: Atlas) -> None:
    """G1-7: 'Risk domain: Misalignment · Changed in 2.1' showed only its sources, though its record
    changed (v2.1 p. 8: the misalignment affirmative case becomes a stated AI R&D-4 requirement).
    Every changed card shows a before/after, a rename in its title, its changed thresholds, or a
    link to the step that shows it."""
    shown = ("<del>", "<ins>", "came in one step", "Its thresholds that differ", "detailed on the page of each step")
    bad = []
    for a, b in cv.pairs(atlas):
        ctx = Ctx(atlas, f"compare/{a}-vs-{b}.md")
        for e in pair_view(atlas, a, b, DIFF_KINDS).entries:
            d = e.diff
            if d.status != "changed" or d.moves:
                continue
            block = compare._entity_block(ctx, e, a, b)
            title = block.splitlines()[0]
            if not any(s in block for s in shown) and "→" not in title:
                bad.append((a, b, d.kind, d.entity.id))
    assert bad == []
