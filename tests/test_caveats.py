"""Medium-confidence and disputed points keep their labels where a page shows them without their
sources, and rows that span versions never carry one version's name into the others.

Found by an audit of the built site: /current/ listed Claude Opus 4.8's determination (medium
confidence, disputed) bare; the "In force" tables of the version pages dropped every label; and
/levels/ called ASL-3 "ASL-3 protections" (its 3.x name) in a row that runs back to 1.0.
"""

from __future__ import annotations

import html
import re

from macros.compute.scope import in_force
from macros.model import types as t
from macros.model.kinds import IN_FORCE_KINDS, LEVEL, kind
from macros.render import current, entities, versions
from macros.render.grids import levels_matrix
from macros.render.text import Ctx, esc

LABELS = {"medium": "Medium confidence", "low": "Low confidence", "unverified": "Unverified"}


def _line_of(text: str, needle: str) -> str:
    found = [line for line in text.splitlines() if needle in line]
    assert len(found) == 1, (needle, len(found))
    return found[0]


def test_current_page_labels_each_recent_determination(atlas) -> None:  # type: ignore[no-untyped-def]
    page = current.current_page(Ctx(atlas, "current.md"))
    recent = current.recent_determinations(Ctx(atlas, "current.md"))
    assert any(m.confidence != "high" for m in recent), "fixture assumption: a recent determination is not high"
    assert any(m.dispute for m in recent), "fixture assumption: a recent determination is disputed"
    for m in recent:
        line = _line_of(page, f"(models.md#{m.id})** (")
        if m.confidence == "high":
            assert "atlas-conf" not in line, m.id
        else:
            assert LABELS[m.confidence] in line, m.id
        assert ("[Disputed reading](models.md#" in line) == (m.dispute is not None), m.id


def test_in_force_tables_label_each_state(atlas) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for v in atlas.versions:
        table = versions._in_force(Ctx(atlas, f"versions/{v.id}.md"), v)
        for name in IN_FORCE_KINDS:
            for _, state in in_force(atlas, kind(name), v.id):
                row = _line_of(table, f"| [{esc(state.name)}](")
                if state.confidence == "high":
                    assert "atlas-conf" not in row, (v.id, state.name)
                else:
                    assert LABELS[state.confidence] in row, (v.id, state.name)
                assert ("Disputed reading" in row) == (state.dispute is not None), (v.id, state.name)
                checked += state.confidence != "high" or state.dispute is not None
    assert checked, "fixture assumption: some state in force somewhere is not high or is disputed"


def test_level_rows_use_a_label_true_of_every_version(atlas) -> None:  # type: ignore[no-untyped-def]
    grid = levels_matrix(Ctx(atlas, "levels/index.md"))
    index = entities.levels_index(Ctx(atlas, "levels/index.md"))
    for lv in atlas.items(LEVEL):
        label = entities.level_label(lv)
        assert all(label in st.name for st in lv.states), (lv.id, label)
        assert f"| [{label}](" in grid and f"- [{label}](" in grid
        # the names a row does not hold for all its versions are never its label
        for st in lv.states:
            if st.name != label:
                assert f"[{esc(st.name)}](" not in grid, st.name
                assert f"### [{esc(st.name)}]" not in index, st.name
        assert re.search(rf"^### \[{re.escape(label)}\]\(", index, re.M), lv.id


def test_safeguard_map_says_how_firm_a_missing_requirement_was(atlas) -> None:  # type: ignore[no-untyped-def]
    """2.1-2.2's CBRN-4 names the ASL-4 standards it expects without requiring them: the map must
    not say no standard is named, and gives the state's own note."""
    from macros.compute.scope import state_at
    from macros.model.kinds import THRESHOLD

    text = entities.safeguard_map(Ctx(atlas, "safeguards.md"))
    assert "no required standard named" not in text
    cbrn4 = state_at(atlas, atlas.get(THRESHOLD, "cbrn-4"), "2.2")
    assert cbrn4 is not None and not cbrn4.required_safeguards and cbrn4.safeguards_note
    assert f"- {esc(cbrn4.name)} → no standard firmly required: {esc(cbrn4.safeguards_note)}" in text


def test_a_step_is_told_alike_in_a_threshold_s_own_steps_and_its_family(atlas) -> None:  # type: ignore[no-untyped-def]
    """/thresholds/cbrn/ said CBRN-3's 3.0 successor name came with a new meaning; the family list on
    the same page and on /thresholds/misuse-uplift/ said only that the name changed."""
    from macros.model.kinds import THRESHOLD

    step = re.compile(r"^- In \[v([0-9.]+)\]\([^)]*\), (the name .*?) \(\[")
    told: dict[tuple[str, str], set[str]] = {}
    for th in atlas.items(THRESHOLD):
        page = entities.threshold_page(Ctx(atlas, f"thresholds/{th.id}.md"), th.id)
        for line in page.splitlines():
            if m := step.match(line):
                name_part = m.group(2).split(" and ")[0]
                told.setdefault((m.group(1), name_part), set()).add(m.group(2))
    assert any("and its meaning changed" in s for ways in told.values() for s in ways), "fixture assumption"
    for key, ways in told.items():
        assert len(ways) == 1, (key, ways)


def test_explorer_cells_name_the_kind_of_step(atlas) -> None:  # type: ignore[no-untyped-def]
    """The explorer's 3.0 cell said only "changed" where AI R&D-5 merged into the automated R&D row,
    and 3.3's cell said "changed" for a rename with the text unchanged."""
    from macros.render.grids import explorer

    out = explorer(Ctx(atlas, "thresholds/index.md"))
    item = re.compile(r'<a href="[^"]*">((?:(?!</a>).)*)</a> <a class="atlas-delta"[^>]*>([^<]*)</a>')
    cells = {
        (row.group(1), html.unescape(re.sub(r"<[^>]+>", "", name)).replace("\u200b", ""), what)
        for row in re.finditer(r'<th scope="row">([0-9.]+)</th>(.*?)</tr>', out)
        for name, what in item.findall(row.group(2))
    }
    assert ("3.0", "Automated R&D in key domains", "merged") in cells
    assert ("3.3", "Misaligned AI systems in high-stakes settings", "renamed") in cells
    assert ("2.1", "AI R&D-4", "split") in cells and ("2.1", "AI R&D-5", "split off") in cells
    assert ("2.1", "CBRN-3", "renamed") in cells


def test_a_new_qualifier_in_brackets_is_not_listed_as_a_name_change(atlas) -> None:  # type: ignore[no-untyped-def]
    """/levels/asl-4/ said "What changed at 2.1: Name; Meaning" for "ASL-4 Standard (not yet
    defined)" → "(partly specified)": the brackets are our note, and v2.1 kept the policy's name."""
    page = entities.level_page(Ctx(atlas, "levels/asl-4.md"), "asl-4")
    line = _line_of(page, "What changed at 2.1:")
    assert line.startswith("What changed at 2.1: Meaning (") and "Name" not in line, line
    assert "What changed at 2.0: Name; " in page  # 1.0's "ASL-4" to 2.0's "ASL-4 Standard" is a new name


def test_as_of_entries_keep_their_labels_and_periods(atlas) -> None:  # type: ignore[no-untyped-def]
    """/as-of/ listed medium- and low-confidence determinations and events without a label, and
    filed the July 2026 Roadmap updates (8, 10 and 29 July) under 3.3, which ended on 8 July."""
    from macros.render import asof
    from macros.render.common import shown

    page = asof.as_of(Ctx(atlas, "as-of.md"))
    items = [*shown(atlas.models), *shown(atlas.events)]
    assert any(i.confidence != "high" for i in items), "fixture assumption"
    for item in items:
        target = f"#{item.id})" if isinstance(item, t.Determination) else f"#event-{item.id})"
        line = next(line for line in page.splitlines() if line.startswith("- ") and target in line)
        if item.confidence == "high":
            assert "atlas-conf" not in line, item.id
        else:
            assert LABELS[item.confidence] in line, item.id
    july = next(e for e in atlas.events if e.id == "roadmap-update-2026-07")
    assert asof.periods(atlas)[-1].holds(july.date), "the updates came under 3.4"


def test_timeline_rows_keep_their_labels(atlas) -> None:  # type: ignore[no-untyped-def]
    """The timeline showed no confidence label at all, and Claude Opus 4.8's disputed determination
    with only Anthropic's side."""
    from macros.render import records
    from macros.render.common import shown

    rows = {r.anchor: r.html for r in records.timeline_rows(Ctx(atlas, "timeline.md"))}
    items = [(f"model-{m.id}", m) for m in shown(atlas.models)] + [(f"event-{e.id}", e) for e in shown(atlas.events)]
    assert any(i.confidence != "high" for _, i in items) and any(i.dispute for _, i in items), "fixture assumption"
    for anchor, item in items:
        row = rows[anchor]
        assert (LABELS.get(item.confidence, "") in row) if item.confidence != "high" else "atlas-conf" not in row
        assert ("Disputed reading" in row) == (item.dispute is not None), anchor
