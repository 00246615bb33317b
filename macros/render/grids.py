"""Version grids: the pair matrix, the levels matrix, governance at a glance, the threshold explorer.

One layout rule for all four (issue 13): the newest version comes first; the grid fits the
content column of a 1280 px screen without scrolling; on a phone (``.atlas-narrow``, CSS) the same
facts are a list or stacked cards, so nothing scrolls sideways; words never break inside (only
after a slash or hyphen); every symbol carries its meaning in text for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.compute.diff import EntityDiff, diff_entity
from macros.compute.scope import span, state_at
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import DOMAIN, LEVEL, PROVISION, THRESHOLD
from macros.render import urls
from macros.render.common import display_title
from macros.render.entities import ARRIVED, _earlier, _page_href, level_label, names_carried
from macros.render.fields import is_rename
from macros.render.markup import render
from macros.render.text import Ctx, esc, table

TEMPLATE = "grids.html"


def _mark(symbol: str, meaning: str) -> str:
    """A symbol a sighted reader scans, named for screen readers; the legend above each grid says
    what the symbols mean. No ``title``: Material mounts a tooltip component on every titled
    element at load, 216 of them on /governance/ alone (with the glossary tooltips, a large share
    of its Total Blocking Time)."""
    return render(TEMPLATE, "mark", symbol, meaning)


def _wide(grid: str, note: str = "", kind: str = "") -> str:
    # The grid and its note are Markdown this module assembled from escaped cells (esc, ctx.link).
    return render(TEMPLATE, "wide", Markup(grid), Markup(note), kind)


def _narrow(lines: list[str]) -> str:
    # Markdown list lines assembled here from escaped names and links.
    return render(TEMPLATE, "narrow", [Markup(line) for line in lines])


# --- /compare/: every pair ------------------------------------------------------------------


def pair_matrix(ctx: Ctx) -> str:
    """Rows: the newer version, newest first; columns: the older one, newest first."""
    ids = list(ctx.atlas.version_ids)
    newer = list(reversed(ids[1:]))
    older = list(reversed(ids[:-1]))
    rows: list[list[str]] = []
    lines = []
    for b in newer:
        cells: list[str] = []
        links: list[str] = []
        for a in older:
            if ids.index(a) < ids.index(b):
                page = urls.compare_page(a, b)
                cells.append(ctx.link(esc(f"{a}→{b}"), page))
                links.append(cells[-1])
            else:
                cells.append("")
        rows.append([f"**{b}**", *cells])
        lines.append(f"- **{b}** against an older version: " + " · ".join(links))
    return _wide(table(["Newer ↓ vs older →", *older], rows), kind="pairs") + _narrow(lines)


# --- /levels/ -------------------------------------------------------------------------------


def levels_matrix(ctx: Ctx) -> str:
    """Levels × versions (newest first): which versions describe each level."""
    atlas = ctx.atlas
    ids = list(reversed(atlas.version_ids))
    levels = sorted(atlas.items(LEVEL), key=lambda e: e.order)
    rows: list[list[str]] = []
    lines = []
    for lv in levels:
        held = [vid for vid in ids if state_at(atlas, lv, vid)]
        cells = [_mark("●", f"described in {vid}") if vid in held else _mark("–", f"not in {vid}") for vid in ids]
        # The level's number, not one of its names: "ASL-3 protections" is the 3.x name, and a row
        # reading "ASL-3 protections: described in 1.0" would put it on versions that never used it.
        name = ctx.link(esc(level_label(lv)), *urls.entity_target(LEVEL.name, lv.id))
        rows.append([name, *cells])
        named = names_carried(ctx, "level", lv, link=False)
        lines.append(f"- {name}: described in {', '.join(reversed(held))}; named {named}.")
    legend = "● = described in that version; – = not described. Newest version first.\n\n"
    return _wide(table(["Level", *ids], rows), legend) + _narrow(lines)


# --- /governance/: at a glance --------------------------------------------------------------

GLANCE_MARKS = {
    "changed": ("●", "introduced or changed"),
    "same": ("·", "in force, unchanged"),
    "absent": ("–", "absent"),
}


def _glance(atlas: Atlas, p: t.Entity, i: int) -> str:
    """How provision ``p`` stood in the version at index ``i``: changed there, carried over, or absent."""
    for st in p.states:
        first, last = span(atlas, st)
        if first <= i <= last:
            return "changed" if i == first else "same"
    return "absent"


def governance_matrix(ctx: Ctx) -> str:
    """Provisions × versions, newest version first; on a phone, one line per provision instead."""
    atlas = ctx.atlas
    ids = list(reversed(atlas.version_ids))
    order = list(reversed(range(len(atlas.version_ids))))
    rows: list[list[str]] = []
    lines = []
    for p in atlas.items(PROVISION):
        marks = [_glance(atlas, p, i) for i in order]
        cells = [_mark(GLANCE_MARKS[m][0], f"{GLANCE_MARKS[m][1]} in {vid}") for vid, m in zip(ids, marks, strict=True)]
        title = ctx.link(esc(display_title(atlas, p)), *urls.entity_target(PROVISION.name, p.id))
        rows.append([title, *cells])
        changed = [vid for vid, m in zip(ids, marks, strict=True) if m == "changed"]
        now = "in force now" if marks[0] != "absent" else "not in the current version"
        lines.append(f"- {title}: {now}; introduced or changed in {', '.join(reversed(changed))}.")
    legend = " · ".join(f"{sym} = {text}" for sym, text in GLANCE_MARKS.values())
    return _wide(table(["Provision", *ids], rows), f"{legend}. Newest version first.\n\n") + _narrow(lines)


# --- /thresholds/: the explorer -------------------------------------------------------------


@dataclass(frozen=True)
class Domain:
    id: str
    name: str  # its newest name
    earlier: Markup  # its earlier names, as entities.py writes them


@dataclass(frozen=True)
class Delta:
    """What happened to a threshold in a version, linking to that version's comparison."""

    href: str
    title: str
    what: str


@dataclass(frozen=True)
class Item:
    href: str
    name: str
    delta: Delta | None


@dataclass(frozen=True)
class Cell:
    domain: Domain
    items: list[Item]
    none_href: str  # where an empty cell points: the domain's own note
    note: str | None  # the domain's summary in that version, for an empty cell's title


@dataclass(frozen=True)
class Row:
    col: int
    version: str
    cells: list[Cell]


def _how_changed(dd: EntityDiff, tid: str, vid: str) -> str:
    """A cell's word for one step: a threshold another merged into, a rename, or a change. A bare
    "changed" hid 3.0's merger of AI R&D-5 into the automated R&D row, and 3.3's rename."""
    if any(link.target == tid and link.edge.at == vid and link.edge.type == "merged" for link in dd.moves):
        return "merged"
    # the row another split off from: its new name belongs to the split, as on the pair pages
    if any(link.source == tid and link.edge.at == vid and link.edge.type == "split" for link in dd.moves):
        return "split"
    # a new qualifier in brackets is our note on the state, not a new name (as on the pair pages)
    renamed = any(is_rename(f) for f in dd.fields)
    other = any(f.field != "name" for f in dd.fields)
    # the pair pages' words for the same step (compare._revisions)
    return ("renamed and changed" if other else "renamed") if renamed else "changed"


def _item(ctx: Ctx, th: t.Entity, st: t.State, ids: list[str], i: int) -> Item:
    vid = ids[i]
    page, _ = urls.entity_target(THRESHOLD.name, th.id)
    delta = None
    if i > 0:
        dd = diff_entity(ctx.atlas, "threshold", th, ids[i - 1], vid)
        if dd and dd.status in ("added", "changed"):
            what = "new" if dd.status == "added" else _how_changed(dd, th.id, vid)
            # a successor is not "new": say how it descends from its predecessor
            for link in dd.moves:
                if link.target == th.id and link.edge.at == vid and link.edge.type in ARRIVED:
                    what = ARRIVED[link.edge.type]
            href = _page_href(ctx, urls.compare_page(ids[i - 1], vid))
            delta = Delta(href, f"See {ids[i - 1]} vs {vid}", what)
    return Item(_page_href(ctx, page), st.name, delta)


def explorer(ctx: Ctx) -> str:
    """Versions (rows, newest first) × risk domains (columns); atlas.js adds the filters and keeps
    them in the address. On a phone each version becomes a card of labelled domains (CSS)."""
    atlas = ctx.atlas
    ids = list(atlas.version_ids)
    domains = [
        Domain(
            d.id,
            max(d.states, key=lambda s: atlas.index(s.from_)).name,
            Markup(_earlier(ctx, d)),  # escaped by entities._earlier (esc)
        )
        for d in sorted(atlas.items(DOMAIN), key=lambda e: e.order)
    ]
    entities = {d.id: atlas.get(DOMAIN, d.id) for d in domains}
    rows = []
    for i in reversed(range(len(ids))):
        vid = ids[i]
        cells = []
        for d in domains:
            items = []
            for th in (x for x in atlas.items(THRESHOLD) if x.domain == d.id):
                st = state_at(atlas, th, vid)
                if st is not None:
                    items.append(_item(ctx, th, st, ids, i))
            # An empty cell points at the domain's own note for this version, one click away.
            ds = state_at(atlas, entities[d.id], vid)
            page, anchor = urls.entity_target(DOMAIN.name, d.id)
            cells.append(Cell(d, items, _page_href(ctx, page) + f"#{anchor}", ds.summary if ds else None))
        rows.append(Row(i, vid, cells))
    return render(TEMPLATE, "explorer", domains, ids, rows)
