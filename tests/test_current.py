"""The policy-today page and the one-sentence answer to "which ASL is Claude at now?"."""

from __future__ import annotations

import dataclasses

from macros.compute import versions as cv
from macros.compute.scope import in_force
from macros.model.kinds import STANDARD, THRESHOLD
from macros.render import current
from macros.render.text import Ctx, esc


def _ctx(atlas, page="current.md"):
    return Ctx(atlas, page)


def test_claude_now_says_current_versions_assign_no_level(atlas):
    text = current.claude_now(_ctx(atlas), detail=True)
    latest = [m for m in atlas.models if m.confidence != "unverified"][-1]
    assert latest.level is None, "fixture assumption: the newest determination gives no level"
    cur = cv.current(atlas).id
    assert f"In RSP {cur} an AI Safety Level names safeguards, not models." in text
    # levels stopped naming models in 2.0, not 3.0: the answer must not date that change to 3.0
    assert "since RSP 3.0, the policy no longer places" not in text
    assert "No determination since" in text and "has placed a model under one" in text
    assert latest.model.split(" / ")[0] in text
    # The safeguards are named as the current version names them, never with a 2.x name.
    for entity, state in in_force(atlas, STANDARD, cv.current(atlas).id):
        assert esc(state.name) in text, entity.id
    assert "Standard" not in text.split("Source:")[0]


def test_claude_now_names_a_level_as_of_the_determination(atlas):
    claude_2 = next(m for m in atlas.models if m.id == "claude-2")
    earlier = dataclasses.replace(atlas, model_items=(claude_2,))
    text = current.claude_now(_ctx(earlier))
    assert "None, strictly" not in text
    # 1.0 had no "ASL-2 Standard": the level is named as it was in the version then in force.
    assert "ASL-2" in text and "Standard" not in text.split("Source:")[0]


def test_claude_now_claims_no_determination_since_3_0_only_if_none_gave_a_level(atlas):
    """ "No determination since 3.0 has placed a model under one" is a claim about every record since."""
    recent = current.recent_determinations(_ctx(atlas))
    with_level = recent[-1].model_copy(update={"id": "leveled", "level": "asl-3"})
    items = (*[m for m in atlas.model_items if m.id != recent[-1].id], with_level)
    items = tuple(sorted(items, key=lambda m: m.date))
    text = current.claude_now(_ctx(dataclasses.replace(atlas, model_items=items)))
    assert "No determination since" not in text
    assert "The newest determination places its model under none." in text


def test_current_page_lists_only_what_is_in_force_now(atlas):
    page = current.current_page(_ctx(atlas))
    cur = cv.current(atlas).id
    shown = {s.name for _, s in in_force(atlas, THRESHOLD, cur)}
    for th in atlas.entities["threshold"]:
        for state in th.states:
            if state.name not in shown and not any(state.name in n for n in shown):
                assert f"[{esc(state.name)}]" not in page, f"{state.name} is not in force in {cur}"
    for name in shown:
        assert esc(name) in page
    assert f"RSP {cur}" in page


def test_recent_determinations_are_newest_first_and_in_the_current_series(atlas):
    recent = current.recent_determinations(_ctx(atlas))
    assert recent, "the current series has determinations"
    assert [m.date for m in recent] == sorted((m.date for m in recent), reverse=True)
    start = next(v for v in atlas.versions if v.id.split(".")[0] == cv.current(atlas).id.split(".")[0])
    assert all(m.date >= start.effective for m in recent)


def test_unverified_determinations_are_never_the_answer(atlas):
    """The newest record is unverified here: the answer must skip it (one filter, render.common.shown)."""
    latest = [m for m in atlas.models if m.confidence != "unverified"][-1]
    rumour = latest.model_copy(update={"id": "rumour", "model": "Claude Rumour", "confidence": "unverified"})
    text = current.claude_now(_ctx(dataclasses.replace(atlas, model_items=(*atlas.model_items, rumour))), detail=True)
    assert "Rumour" not in text and latest.model.split(" / ")[0] in text
