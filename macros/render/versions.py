"""The versions index and one page per version."""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from macros.compute import versions as cv
from macros.compute.diff import changed_only, diff
from macros.compute.scope import in_force, unchanged_since
from macros.model import types as t
from macros.model.kinds import ANCHORED_KINDS, DIFF_KINDS, IN_FORCE_KINDS, kind
from macros.render import diagram, urls
from macros.render.citethis import version_anchor
from macros.render.common import caveated, effect_link, entity_name, entity_refs, grouped, provenance, version_link
from macros.render.markup import render
from macros.render.paths import path_nav, path_next
from macros.render.text import Ctx, attr, esc, fmt_date, safe_url, table

TEMPLATE = "versions.html"


def status_badge(ctx: Ctx, vid: str) -> str:
    st = cv.status(ctx.atlas, vid)
    return render(TEMPLATE, "status", st, st.capitalize())


def versions_table(ctx: Ctx) -> str:
    rows = []
    for v in reversed(ctx.atlas.versions):
        until = cv.superseded_on(ctx.atlas, v.id)
        pdf = ctx.atlas.sources[v.links.pdf]
        rows.append(
            [
                version_link(ctx, v.id, f"RSP {v.id}"),
                fmt_date(v.effective),
                status_badge(ctx, v.id),
                fmt_date(until) + " (superseded)" if until else "still in force",
                str(len(v.changes)),
                f"[PDF]({safe_url(pdf.url)})",
            ]
        )
    head = ["Version", "Effective", "Status", "In force until", "Changes recorded", "Primary text"]
    return table(head, rows) + "\n"


class TimelineItem(NamedTuple):
    id: str
    iso: str
    shown: str
    link: Markup
    gist: str  # the summary's first sentence


class Fact(NamedTuple):
    term: str
    value: Markup


def versions_timeline(ctx: Ctx) -> str:
    items = [
        TimelineItem(
            v.id,
            v.effective.isoformat(),
            fmt_date(v.effective),
            Markup(ctx.link(esc(f"RSP {v.id}"), urls.version_page(v.id))),  # an escaped Markdown link
            v.summary.split(". ")[0].rstrip("."),
        )
        for v in ctx.atlas.versions
    ]
    return render(TEMPLATE, "timeline", items)


def _facts(ctx: Ctx, v: t.Version) -> str:
    atlas = ctx.atlas
    prev, nxt = cv.predecessor(atlas, v.id), cv.successor(atlas, v.id)
    # Every value is markup from the template or Markdown of escaped links and dates.
    facts: list[Fact] = [
        Fact("Effective", Markup(render(TEMPLATE, "effective", v.effective.isoformat(), fmt_date(v.effective)))),
        Fact("Status", Markup(status_badge(ctx, v.id))),
    ]
    if nxt:
        facts.append(
            Fact("Superseded by", Markup(f"{version_link(ctx, nxt.id, f'RSP {nxt.id}')} on {fmt_date(nxt.effective)}"))
        )
    if prev:
        facts.append(
            Fact("Preceded by", Markup(f"{version_link(ctx, prev.id, f'RSP {prev.id}')} ({fmt_date(prev.effective)})"))
        )
    links = (
        (v.links.pdf, "Policy text (PDF)"),
        (v.links.redline, "Redline"),
        (v.links.announcement, "Announcement"),
    )
    for sid, label in links:
        if sid:
            src = atlas.sources[sid]
            facts.append(Fact(label, Markup(f"[{esc(src.title)}]({safe_url(src.url)})")))
    return render(TEMPLATE, "facts", facts)


def _changes(ctx: Ctx, v: t.Version) -> str:
    if not v.changes:
        return "This is the first version: there is no predecessor to compare with.\n"
    out = []
    # A change speaks of the version it changed and the one it made: tooltips give both meanings.
    scope = attr(" ".join(cv.change_versions(ctx.atlas, v.id)))
    for cat, changes in grouped(v.changes, lambda c: c.category, t.CHANGE_CATEGORY_LABELS):
        out.append(f'### {t.CHANGE_CATEGORY_LABELS[cat]} {{ #changes-{cat} data-between="{scope}" }}\n')
        for c in changes:
            touches = ""
            if c.entities:
                touches = " *Affects:* " + entity_refs(ctx, c.entities, v.id) + "."
            effect = f" *Effect:* {effect_link(ctx, v.id, c)}."
            out.append(f"- {esc(c.text)}{effect}{touches}  \n  {provenance(ctx, c)}")
        out.append("")
    return "\n".join(out) + "\n"


def _pinned_name(ctx: Ctx, kind: str, entity: t.Entity, state: t.State, vid: str) -> str:
    """The entity's name in ``vid``, linked to the state in force in that version (``#v2.2``), not the page top."""
    if kind not in ANCHORED_KINDS:
        return entity_name(ctx, kind, entity, state)
    page, _ = urls.entity_target(kind, entity.id)
    return ctx.link(esc(state.name), page, version_anchor(kind, entity.id, vid))


def _with_caveats(ctx: Ctx, text: str, name: str, entity: t.Entity, state: t.State, vid: str) -> str:
    """The state's text, confidence label and dispute link; the dispute itself is on the entity's page."""
    page, _ = urls.entity_target(name, entity.id)
    return caveated(ctx, text, state, page, version_anchor(name, entity.id, vid))


def _in_force(ctx: Ctx, v: t.Version) -> str:
    out = [
        "“Unchanged since” gives the version from which each entry has stood as it does here. "
        "A rename alone, or a rewording of our summary, is not a change.\n"
    ]
    for name in IN_FORCE_KINDS:
        rows = in_force(ctx.atlas, kind(name), v.id)
        out.append(f"### {kind(name).heading} {{ #in-force-{name} }}\n")
        if not rows:
            out.append("None in this version.\n")
            continue
        cells = [
            [
                _pinned_name(ctx, name, entity, state, v.id),
                _with_caveats(ctx, esc(t.meaning(state)), name, entity, state, v.id),
                version_link(ctx, unchanged_since(ctx.atlas, entity, v.id)),
            ]
            for entity, state in rows
        ]
        out.append(table(["Name", "In this version", "Unchanged since"], cells))
        out.append("")
    return "\n".join(out) + "\n"


def _compare_links(ctx: Ctx, v: t.Version) -> str:
    links = []
    for other in ctx.atlas.versions:
        if other.id == v.id:
            continue
        a, b = sorted((v.id, other.id), key=ctx.atlas.index)
        links.append(ctx.link(esc(f"{a} vs {b}"), urls.compare_page(a, b)))
    return "Compare with any other version: " + " · ".join(links) + "\n"


def _entities_that_differ(n: int) -> str:
    return "entity that differs" if n == 1 else "entities that differ"


def version_page(ctx: Ctx, vid: str) -> str:
    atlas = ctx.atlas
    v = atlas.version(vid)
    prev, nxt = cv.predecessor(atlas, vid), cv.successor(atlas, vid)
    parts = [f"# RSP {v.id}: {esc(v.title)}\n", path_nav(ctx), _facts(ctx, v)]
    if v.version_note:
        parts.append(f'!!! note "Note on this version"\n\n    {esc(v.version_note)}\n')
    parts.append(f"## Summary {{ #summary }}\n\n{esc(v.summary)}\n\n{provenance(ctx, v)}\n")
    title = f"What changed from {prev.id}" if prev else "What changed"
    parts.append(f"## {title} {{ #changes }}\n")
    if prev:
        computed = changed_only(diff(atlas, prev.id, vid, DIFF_KINDS))
        parts.append(
            f"The policy's own changes, in our words, by category. The computed, field-by-field "
            f"comparison of the {len(computed)} {_entities_that_differ(len(computed))} is on "
            f"{ctx.link(esc(f'{prev.id} vs {vid}'), urls.compare_page(prev.id, vid))}.\n"
        )
    parts.append(_changes(ctx, v))
    parts.append(f"## In force in {v.id} {{ #in-force }}\n")
    parts.append(_in_force(ctx, v))
    parts.append("## Compare {: #compare }\n")
    nav = []
    if prev:
        nav.append("Previous: " + ctx.link(esc(f"{prev.id} vs {vid}"), urls.compare_page(prev.id, vid)))
    if nxt:
        nav.append("Next: " + ctx.link(esc(f"{vid} vs {nxt.id}"), urls.compare_page(vid, nxt.id)))
    parts.append(" · ".join(nav) + "\n\n" + _compare_links(ctx, v))
    parts.append(path_next(ctx))
    return "\n".join(parts)


def versions_diagram(ctx: Ctx) -> str:
    """An inline-SVG timeline of versions by year; the table above and the list below carry the same facts."""
    by_year: dict[int, list[str]] = {}
    for v in ctx.atlas.versions:
        by_year.setdefault(v.effective.year, []).append(f"{v.id} ({fmt_date(v.effective)[:-5]})")
    groups = [(str(year), items) for year, items in by_year.items()]
    first, last = ctx.atlas.versions[0], ctx.atlas.versions[-1]
    svg = diagram.timeline(
        "RSP versions by effective date",
        groups,
        desc=f"{len(ctx.atlas.versions)} versions, {first.id} to {last.id}, grouped by the year they took effect.",
    )
    return diagram.figure(svg, "Versions by the year they took effect; the table and list give the same dates.")
