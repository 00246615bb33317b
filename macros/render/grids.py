"""Version grids: the pair matrix, the levels matrix, governance at a glance, the threshold explorer.

One layout rule for all four (issue 13): the newest version comes first; the grid fits the
content column of a 1280 px screen without scrolling; on a phone (``.atlas-narrow``, CSS) the same
facts are a list or stacked cards, so nothing scrolls sideways; words never break inside (only
after a slash or hyphen); every symbol carries its meaning in text for screen readers.
"""

from __future__ import annotations

from macros.compute.diff import diff_entity
from macros.compute.scope import span, state_at
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import DOMAIN, LEVEL, PROVISION, THRESHOLD
from macros.render import urls
from macros.render.common import display_title, entity_name
from macros.render.entities import ARRIVED, _earlier, _page_href
from macros.render.text import Ctx, attr, esc, table


def _mark(symbol: str, meaning: str) -> str:
    """A symbol a sighted reader scans, named for screen readers and on hover."""
    return f'<span role="img" aria-label="{attr(meaning)}" title="{attr(meaning)}">{symbol}</span>'


def _breakable(text: str) -> str:
    """Escaped text that may wrap after a slash ("chemical/biological"), never inside a word."""
    return esc(text).replace("/", "/<wbr>")


def _wide(grid: str, note: str = "", kind: str = "") -> str:
    extra = f" atlas-grid--{kind}" if kind else ""
    return f'<div class="atlas-grid{extra} atlas-wide" markdown>\n\n{grid}\n\n{note}</div>\n'


def _narrow(lines: list[str]) -> str:
    return '<div class="atlas-narrow" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


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
        name = entity_name(ctx, "level", lv)
        rows.append([name, *cells])
        lines.append(f"- {name}: described in {', '.join(reversed(held))}.")
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


def explorer(ctx: Ctx) -> str:
    """Versions (rows, newest first) × risk domains (columns); atlas.js adds the filters and keeps
    them in the address. On a phone each version becomes a card of labelled domains (CSS)."""
    atlas = ctx.atlas
    ids = atlas.version_ids
    domains = sorted(atlas.items(DOMAIN), key=lambda e: e.order)
    names = {d.id: max(d.states, key=lambda s: atlas.index(s.from_)).name for d in domains}
    opts = "".join(f'<option value="{attr(d.id)}">{esc(names[d.id])}</option>' for d in domains)
    newest_first = list(reversed(range(len(ids))))

    def vopts(sel: int) -> str:
        return "".join(
            f'<option value="{attr(ids[i])}"{" selected" if i == sel else ""}>{esc(ids[i])}</option>'
            for i in range(len(ids))
        )

    controls = (
        '<form class="atlas-filter" data-target="atlas-explorer" action="#">\n'
        f'<label>Domain <select name="domain"><option value="">All domains</option>{opts}</select></label>\n'
        f'<label>From <select name="from">{vopts(0)}</select></label>\n'
        f'<label>to <select name="to">{vopts(len(ids) - 1)}</select></label>\n'
        "</form>\n"
    )
    head = '<table class="atlas-explorer" id="atlas-explorer">\n<thead><tr><th scope="col">Version</th>'
    head += "".join(
        f'<th scope="col" data-domain="{attr(d.id)}">{_breakable(names[d.id])}{_earlier(ctx, d)}</th>' for d in domains
    )
    head += "</tr></thead>\n<tbody>\n"
    body = []
    for i in newest_first:
        vid = ids[i]
        row = [f'<tr data-col="{i}"><th scope="row">{esc(vid)}</th>']
        for d in domains:
            cell = []
            for th in (x for x in atlas.items(THRESHOLD) if x.domain == d.id):
                st = state_at(atlas, th, vid)
                if st is None:
                    continue
                page, _ = urls.entity_target(THRESHOLD.name, th.id)
                item = f'<a href="{attr(_page_href(ctx, page))}">{_breakable(st.name)}</a>'
                if i > 0:
                    dd = diff_entity(atlas, "threshold", th, ids[i - 1], vid)
                    if dd and dd.status in ("added", "changed"):
                        what = "new" if dd.status == "added" else "changed"
                        # a successor is not "new": say how it descends from its predecessor
                        for link in dd.moves:
                            if link.target == th.id and link.edge.at == vid and link.edge.type in ARRIVED:
                                what = ARRIVED[link.edge.type]
                        href = _page_href(ctx, urls.compare_page(ids[i - 1], vid))
                        title = f"See {ids[i - 1]} vs {vid}"
                        item += f' <a class="atlas-delta" href="{attr(href)}" title="{attr(title)}">{what}</a>'
                cell.append(item)
            if not cell:
                # The domain's own note for this version is under "Risk domains", one click away.
                ds = state_at(atlas, d, vid)
                note = f' title="{attr(ds.summary)}"' if ds else ""
                page, anchor = urls.entity_target(DOMAIN.name, d.id)
                href = _page_href(ctx, page) + f"#{anchor}"
                cell.append(f'<a class="atlas-none" href="{attr(href)}"{note}>No threshold</a>')
            label = attr(names[d.id])
            row.append(f'<td data-col="{i}" data-domain="{attr(d.id)}" data-label="{label}">' + "<br>".join(cell))
            row[-1] += "</td>"
        body.append("".join(row) + "</tr>")
    return controls + head + "\n".join(body) + "\n</tbody>\n</table>\n"
