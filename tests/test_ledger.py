"""The change ledger: every recorded change carries a neutral effect and a changelog reconciliation."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from macros.model import types as t
from tests.htmlsite import page


def test_every_effect_label_has_a_name_and_a_meaning():
    assert all(name and meaning for name, meaning in t.EFFECT_LABELS.values())


def _changes(atlas):
    return [(v.id, c) for v in atlas.versions for c in v.changes]


def test_every_change_has_an_effect_a_note_and_a_changelog_answer(atlas):
    changes = _changes(atlas)
    assert len(changes) >= 93
    for vid, c in changes:
        assert c.effect in t.EFFECT_LABELS, (vid, c.id)
        assert c.effect_note.strip(), (vid, c.id)
        assert c.in_changelog in t.IN_CHANGELOG_LABELS, (vid, c.id)


def test_silent_changelog_is_said_and_sourced(atlas):
    for vid, c in _changes(atlas):
        if c.in_changelog != "no":
            continue
        note = c.effect_note.lower()
        assert "not in" in note and "changelog" in note, (vid, c.id)
        assert any("Changelog" in s.locator and s.source.endswith(vid) for s in c.sources), (vid, c.id)


# --- the /changes/ page -------------------------------------------------------------------------


def ledger_problems(doc: BeautifulSoup, atlas) -> list[str]:
    """Rows missing, duplicated, unexpected or out of order (newest version first) on /changes/."""
    expected = [f"v{v.id}-{c.id}" for v in atlas.versions for c in v.changes]
    rows = doc.select("#atlas-ledger .atlas-change")
    ids = [r.get("id") for r in rows]
    problems = [f"listed {n} times: {i}" for i, n in Counter(ids).items() if n > 1]
    problems += [f"missing: {i}" for i in expected if i not in ids]
    problems += [f"unexpected: {i}" for i in set(ids) - set(expected)]
    orders = [int(r["data-order"]) for r in rows]
    if orders != sorted(orders, reverse=True):
        problems.append("versions are not newest first")
    for r in rows:
        vid, cid = r["data-version"], r["id"].removeprefix(f"v{r['data-version']}-")
        change = next((c for v in atlas.versions if v.id == vid for c in v.changes if c.id == cid), None)
        if change is None:
            continue
        label = t.EFFECT_LABELS[change.effect][0]
        if r["data-effect"] != change.effect or label not in r.get_text():
            problems.append(f"wrong effect shown: {r['id']}")
        if t.IN_CHANGELOG_LABELS[change.in_changelog] not in r.get_text():
            problems.append(f"changelog status not shown: {r['id']}")
        if not r.select(".atlas-cite"):
            problems.append(f"no sources: {r['id']}")
    return problems


def _count(td: Tag) -> int:
    """A count cell's number, without the column label it carries for the phone layout."""
    return int("".join(td.find_all(string=True, recursive=False)))


def count_problems(doc: BeautifulSoup, atlas) -> list[str]:
    """Cells of the effect-by-version table that disagree with the data."""
    problems = []
    table = doc.select_one("#atlas-ledger-counts")
    for key in t.EFFECT_LABELS:
        tr = table.select_one(f'tr[data-effect="{key}"]')
        for v in atlas.versions:
            if not v.changes:
                continue
            want = sum(c.effect == key for c in v.changes)
            got = _count(tr.select_one(f'td[data-version="{v.id}"]'))
            if got != want:
                problems.append(f"{key} in {v.id}: page says {got}, data {want}")
            rows = doc.select(f'#atlas-ledger .atlas-change[data-version="{v.id}"][data-effect="{key}"]')
            if len(rows) != want:
                problems.append(f"{key} in {v.id}: {len(rows)} rows, data {want}")
        total = sum(c.effect == key for v in atlas.versions for c in v.changes)
        if _count(tr.select_one(".atlas-ledger__total")) != total:
            problems.append(f"{key}: wrong total")
    return problems


def test_ledger_lists_every_change_exactly_once(atlas, site: Path):
    doc = page(site, "/changes/")
    assert ledger_problems(doc, atlas) == []
    # The check can fail: drop one row, repeat another.
    broken = copy.copy(doc)
    rows = broken.select("#atlas-ledger .atlas-change")
    rows[0].decompose()
    rows[5].insert_after(copy.copy(rows[5]))
    found = ledger_problems(broken, atlas)
    assert any(p.startswith("missing:") for p in found) and any(p.startswith("listed 2 times") for p in found)


def test_effect_counts_on_the_page_match_the_data(atlas, site: Path):
    doc = page(site, "/changes/")
    assert count_problems(doc, atlas) == []
    broken = copy.copy(doc)
    cell = broken.select_one('#atlas-ledger-counts tr[data-effect="raises-bar"] td[data-version="3.4"]')
    cell.string = str(_count(cell) + 1)
    assert count_problems(broken, atlas) == ["raises-bar in 3.4: page says 2, data 1"]


def test_without_script_every_row_shows_and_the_form_stays_hidden(site: Path):
    # Hidden by the stylesheet where script does not run (tests/browser/test_change_ledger.py),
    # not by the attribute: unhiding it from atlas.js shifted the whole ledger down after paint.
    doc = page(site, "/changes/")
    form = doc.select_one("form.atlas-ledger-filter")
    assert "atlas-needs-script" in form["class"] and not form.has_attr("hidden")
    assert "@media (scripting: none) { .atlas-needs-script { display: none !important; } }" in (
        site / "assets" / "atlas.css"
    ).read_text(encoding="utf-8")
    assert not doc.select("#atlas-ledger [hidden]")


def test_version_pages_show_each_change_effect_linking_to_its_ledger_row(atlas, site: Path):
    for v in atlas.versions:
        if not v.changes:
            continue
        hrefs = {a["href"].rpartition("#")[2] for a in page(site, f"/versions/{v.id}/").select('a[href*="changes/#"]')}
        assert hrefs == {f"v{v.id}-{c.id}" for c in v.changes}, v.id
