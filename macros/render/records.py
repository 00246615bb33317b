"""Governance, models, timeline, glossary, FAQ, theory of change, related frameworks, sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from macros.compute import versions as cv
from macros.compute.scope import latest_state, name_at, span
from macros.model import types as t
from macros.model.kinds import LEVEL, PROVISION, TERM
from macros.render import diagram, urls, viewas
from macros.render.citethis import cite_this, version_anchor
from macros.render.common import (
    caveated,
    display_title,
    entity_ref,
    grouped,
    provenance,
    shown,
    source_label,
    version_link,
)
from macros.render.entities import history, range_label
from macros.render.markup import render
from macros.render.text import Ctx, attr, esc, fmt_date, safe_url, table

TEMPLATE = "records.html"


def governance(ctx: Ctx) -> str:
    atlas = ctx.atlas
    out = [viewas.control(ctx, "each provision")]
    for cat, provs in grouped(atlas.items(PROVISION), lambda p: p.category, t.PROVISION_CATEGORY_TITLES):
        out.append(f"## {t.PROVISION_CATEGORY_TITLES[cat]} {{ #cat-{cat} }}\n")
        for p in provs:
            out.append(f"### {esc(display_title(atlas, p))} {{ #{urls.entity_target(PROVISION.name, p.id)[1]} }}\n")
            out.append(history(ctx, "provision", p, "", fold=True))
    return "\n".join(out) + "\n"


# --- models ---------------------------------------------------------------------------------


def models(ctx: Ctx) -> str:
    atlas = ctx.atlas
    groups: dict[str | None, list[t.Determination]] = {}
    for m in shown(atlas.models):
        groups.setdefault(m.level, []).append(m)
    order = [lv.id for lv in sorted(atlas.items(LEVEL), key=lambda e: e.order)]
    out = []
    for key in [*order, None]:
        if key not in groups:
            continue
        if key is None:
            out.append("## Not assigned a level { #no-level }\n")
        last_heading = None
        for m in groups[key]:
            v = cv.in_force_at(atlas, m.date)
            if key is not None:
                # The level as it was called under the version in force on the determination's
                # date: Claude 2 was handled under 1.0's "ASL-2", not 2.x's "ASL-2 Standard".
                level = atlas.get(LEVEL, key)
                named = name_at(atlas, level, v.id if v else atlas.version_ids[0])
                heading = (named.name, named.state.from_)
                if heading != last_heading:
                    anchor = (
                        f"under-{key}" if last_heading is None else f"under-{key}-{named.state.from_.replace('.', '-')}"
                    )
                    rng = range_label(ctx, named.state)
                    small = render(TEMPLATE, "small", Markup(f"(as named in {rng})"))  # a Markdown link
                    out.append(f"## Handled under {esc(named.name)} {small} {{ #{anchor} }}\n")
                    last_heading = heading
            vtxt = f"under RSP {version_link(ctx, v.id)}" if v else "before the RSP"
            # data-version: its glossary tooltips give the meaning under that version (macros/tooltips.py)
            scope = f' data-version="{attr(v.id)}"' if v else ""
            out.append(f"### {esc(m.model)} {{ #{urls.model_target(m.id)[1]}{scope} }}\n")
            when = render(TEMPLATE, "time", m.date.isoformat(), fmt_date(m.date, m.date_precision))
            out.append(f"{when}, {vtxt}.\n")
            out.append(f"**Determination.** {esc(m.determination)}\n")
            out.append(f"**Stated reasoning.** {esc(m.reasoning)}\n")
            out.append(provenance(ctx, m) + "\n")
    return "\n".join(out) + "\n"


# --- timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    date: dt.date
    precision: str
    kind: str
    anchor: str
    html: str


TIMELINE_KINDS = {
    "version": "Versions",
    "model": "Model determinations",
    "event": "Reports and events",
    "related": "Other frameworks",
}


def timeline_rows(ctx: Ctx) -> list[Row]:
    atlas = ctx.atlas
    rows = [
        Row(
            v.effective,
            "day",
            "version",
            f"v{v.id}",
            f"**{version_link(ctx, v.id, f'RSP {v.id}')} takes effect.** {esc(v.summary)}",
        )
        for v in atlas.versions
    ]
    for m in shown(atlas.models):
        rows.append(
            Row(
                m.date,
                m.date_precision,
                "model",
                f"model-{m.id}",
                caveated(
                    ctx,
                    f"**{ctx.link(esc(m.model), *urls.model_target(m.id))}.** {esc(m.determination)}",
                    m,
                    *urls.model_target(m.id),
                ),
            )
        )
    for e in shown(atlas.events):
        rows.append(
            Row(
                e.date,
                e.date_precision,
                "event",
                urls.event_target(e.id)[1],
                caveated(ctx, f"**{esc(e.title)}.** {esc(e.summary)}", e, *urls.event_target(e.id)),
            )
        )
    for fw in shown(atlas.related):
        for ed in fw.editions:
            rows.append(
                Row(
                    ed.date,
                    "day",
                    "related",
                    f"fw-{fw.id}-{ed.date.isoformat()}",
                    f"**{esc(fw.developer)}: {esc(fw.framework)} {esc(ed.label)}.** "
                    f"{ctx.link('About this framework', *urls.related_target(fw.id))}",
                )
            )
    return sorted(rows, key=lambda r: (r.date, list(TIMELINE_KINDS).index(r.kind), r.anchor))


class TimelineItem(NamedTuple):
    kind: str
    label: str
    anchor: str
    iso: str
    shown: str
    text: Markup


def timeline(ctx: Ctx) -> str:
    items = [
        # A row's text is Markdown timeline_rows wrote from escaped text and links.
        TimelineItem(
            r.kind, TIMELINE_KINDS[r.kind], r.anchor, r.date.isoformat(), fmt_date(r.date, r.precision), Markup(r.html)
        )
        for r in timeline_rows(ctx)
    ]
    return render(TEMPLATE, "timeline", list(TIMELINE_KINDS.items()), items)


# --- glossary -------------------------------------------------------------------------------


def glossary(ctx: Ctx) -> str:
    atlas = ctx.atlas
    out = []
    terms = sorted(atlas.items(TERM), key=lambda e: latest_state(atlas, e).name.strip('"').lower())
    letters = list(dict.fromkeys(latest_state(atlas, e).name.strip('"')[:1].upper() for e in terms))
    bar = " ".join(ctx.link(esc(x), ctx.page, f"letter-{x.lower()}") for x in letters)
    out.append(render(TEMPLATE, "letters", Markup(bar)))  # Markdown links to the letters' headings
    out.append(viewas.control(ctx, "each meaning"))
    letter = ""
    for term in terms:
        states = sorted(term.states, key=lambda s: atlas.index(s.from_))
        name = states[-1].name
        initial = name.strip('"')[:1].upper()
        if initial != letter:  # letter groups keep the heading order h1 > h2 > h3
            letter = initial
            out.append(f"## {letter} {{ #letter-{letter.lower()} }}\n")
        out.append(f"### {esc(name)} {{ #{urls.entity_target(TERM.name, term.id)[1]} }}\n")
        extra = []
        if term.abbr:
            extra.append(f"Abbreviation: {esc(term.abbr)}")
        # An alias that only recases the heading is there for the tooltips (they match case), not the reader.
        if also := [a for a in term.aka if a.lower() != name.lower()]:
            extra.append("Also: " + ", ".join(esc(a) for a in also))
        if extra:
            out.append("*" + "; ".join(extra) + ".*\n")
        if len(states) == 1:
            since = render(TEMPLATE, "small", Markup(f"(from {version_link(ctx, states[0].from_)})"))  # a Markdown link
            out.append(_meaning(ctx, term, states[0], since))
        else:
            out.append("The meaning changed between versions; the newest comes first:\n")
            for st in reversed(states):
                out.append(_meaning(ctx, term, st))
    return "\n".join(out) + "\n"


def _meaning(ctx: Ctx, term: t.Term, st: t.TermState, after: str = "") -> str:
    """One meaning of a term: a titled paragraph (``#asl-2-0``) holding an anchor for every
    version it covers (``#asl-v2.2``, empty targets: the range label already says the versions),
    its sources and a "Cite this" box citing it as of the newest version it covers."""
    first, last = span(ctx.atlas, st)
    anchors = render(
        TEMPLATE, "anchors", [version_anchor("term", term.id, v) for v in ctx.atlas.version_ids[first : last + 1]]
    )
    label = f"**{range_label(ctx, st)}:** " if not after else ""
    text = f"{anchors}{label}{esc(st.definition)}" + (f" {after}" if after else "")
    block_id = f"{term.id}-{st.from_.replace('.', '-')}"
    block = f'{text}\n{{: #{block_id} .atlas-state .atlas-meaning data-versions="{viewas.state_versions(ctx, st)}" }}\n'
    return f"{block}\n{provenance(ctx, st)}\n\n{cite_this(ctx, 'term', term, st)}"


# --- FAQ ------------------------------------------------------------------------------------


def faq(ctx: Ctx) -> str:
    questions = shown(ctx.atlas.faq)
    index = "\n".join(f"- {ctx.link(esc(q.question), *urls.faq_target(q.id))}" for q in questions)
    out = [render(TEMPLATE, "questions", Markup(index))]  # a Markdown list of escaped links
    for q in questions:
        flag = " " + render(TEMPLATE, "tag", "Corrects a common misreport") if q.misreporting else ""
        out.append(f"## {esc(q.question)} {{ #{urls.faq_target(q.id)[1]} }}\n")
        out.append(f"{_lead(ctx, q.lead)}{esc(q.answer)}{flag}\n")
        if q.see:
            out.append("See: " + ", ".join(_see(ctx, p) for p in q.see) + ".\n")
        out.append(provenance(ctx, q) + "\n")
    return "\n".join(out) + "\n"


def _lead(ctx: Ctx, lead: str | None) -> str:
    """The computed opening sentence a FAQ entry asks for (see ``Faq.lead``), or nothing."""
    if lead == "current-version":
        cur = cv.current(ctx.atlas)
        link = version_link(ctx, cur.id, f"RSP {cur.id}")
        return f"The newest version in this atlas is {link}, effective {fmt_date(cur.effective)}. "
    return ""


def _see(ctx: Ctx, target: str) -> str:
    """A "see also" link: a page of this site by its title, or an https address (the schema
    admits nothing else) shown as itself."""
    if target.startswith("https://"):
        return f"[{esc(target)}]({safe_url(target)})"
    return ctx.link(esc(ctx.titles.get(target) or _page_title(target)), target)


def _page_title(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    if path.startswith("versions/") and stem != "index":
        return f"RSP {stem}"
    if path.startswith("compare/") and stem != "index":
        return stem.replace("-vs-", " vs ")
    if stem == "index":
        return path.split("/")[0].replace("-", " ").capitalize() if "/" in path else "Home"
    return stem.replace("-", " ").capitalize()


# --- theory of change -----------------------------------------------------------------------


def mechanisms(ctx: Ctx) -> str:
    out = []
    for m in ctx.atlas.theory.mechanisms:
        out.append(f"### {esc(m.name)} {{ #{m.id} }}\n")
        out.append(f"{esc(m.summary)}\n")
        # What a mechanism relies on and which provisions carry it are our reading; the sources
        # below support the summary, which is Anthropic's account.
        out.append(f"*Relies on (our reading):* {esc(m.relies_on)}\n")
        if m.provisions:
            out.append(f"*Provisions that carry it (our mapping):* {_topics(ctx, m.provisions)}.\n")
        out.append(_cites_only(ctx, m.sources) + "\n")
    return "\n".join(out) + "\n"


def _topics(ctx: Ctx, refs: list[str]) -> str:
    """Provisions by their stable topic ("Pausing training or deployment"), not one version's
    state name: a mechanism is served by the provision across versions."""
    out = []
    for ref in refs:
        kind, _, eid = ref.partition(":")
        entity = ctx.atlas.entity(kind, eid)
        topic = t.title(entity)
        out.append(ctx.link(esc(topic), *urls.entity_target(kind, eid)) if topic else entity_ref(ctx, ref))
    return ", ".join(out)


def mechanisms_diagram(ctx: Ctx) -> str:
    """The mechanisms as an inline-SVG flowchart, each followed by what it relies on; the text list
    below the figure carries the same facts."""
    th = ctx.atlas.theory
    nodes = [diagram.Node("rsp", "RSP commitments", key=True)]
    edges = []
    for m in th.mechanisms:
        nodes.append(diagram.Node(m.id, m.name))
        nodes.append(diagram.Node(f"{m.id}--relies", f"Relies on: {m.relies_on}"))
        edges.append(diagram.Edge("rsp", m.id))
        edges.append(diagram.Edge(m.id, f"{m.id}--relies", dashed=True))
    svg = diagram.flowchart(
        "How the RSP is meant to reduce risk",
        nodes,
        edges,
        desc=f"The {len(th.mechanisms)} mechanisms named for the RSP commitments, each with what it relies on.",
    )
    alt = "\n".join(f"- {esc(m.name)}: relies on {esc(m.relies_on)}" for m in th.mechanisms)
    return (
        diagram.figure(svg, f"The {len(th.mechanisms)} mechanisms and what each relies on (our reading).")
        + "\n"
        + '??? info "Text version of the diagram"\n\n'
        + "\n".join("    " + ln for ln in alt.splitlines())
        + "\n"
    )


def _cites_only(ctx: Ctx, cites: list[t.Cite]) -> str:
    from macros.render.common import cite_list

    return cite_list(ctx, cites)


def framings(ctx: Ctx) -> str:
    out = []
    for f in sorted(ctx.atlas.theory.framings, key=lambda f: f.year):
        out.append(f"### {f.year} {{ #{f.id} }}\n\n{esc(f.summary)}\n\n{_cites_only(ctx, f.sources)}\n")
    return "\n".join(out)


def assessment(ctx: Ctx) -> str:
    rows = [
        [t.VERDICT_LABELS[a.verdict], esc(a.summary), _cites_only(ctx, a.sources)] for a in ctx.atlas.theory.assessment
    ]
    return table(["Verdict", "What", "Source"], rows) + "\n"


def critiques(ctx: Ctx) -> str:
    out = []
    for c in shown(ctx.atlas.theory.critiques):
        out.append(f"### {esc(c.critic)} {{ #{c.id} }}\n\n{esc(c.summary)}\n\n{provenance(ctx, c)}\n")
        if c.reply:
            out.append(
                f"**Reply.** {esc(c.reply)}"
                + (f" {_cites_only(ctx, c.reply_sources)}" if c.reply_sources else "")
                + "\n"
            )
    return "\n".join(out) + "\n"


# --- related frameworks ---------------------------------------------------------------------


def related(ctx: Ctx) -> str:
    atlas = ctx.atlas
    out = []
    for fw in shown(atlas.related):
        out.append(f"## {esc(fw.developer)}: {esc(fw.framework)} {{ #{urls.related_target(fw.id)[1]} }}\n")
        out.append(f"{esc(fw.summary)}\n")
        eds = []
        for ed in sorted(fw.editions, key=lambda e: e.date):
            src = atlas.sources[ed.source]
            eds.append(f"- [{esc(ed.label)}]({safe_url(src.url)}), {fmt_date(ed.date)}")
        out.append("Editions:\n\n" + "\n".join(eds) + "\n")
        if fw.parallels:
            par = []
            for p in fw.parallels:
                par.append(f"- {esc(p.concept)}" + (f" — compare {entity_ref(ctx, p.entity)}" if p.entity else ""))
            out.append("Parallels in the RSP:\n\n" + "\n".join(par) + "\n")
        out.append(provenance(ctx, fw) + "\n")
    return "\n".join(out) + "\n"


# --- bibliography ---------------------------------------------------------------------------


def sources(ctx: Ctx) -> str:
    out = []
    for s in sorted(ctx.atlas.source_items, key=lambda s: (s.kind != "policy", s.date, s.id)):
        arch = f" Archived copy: [{esc('archive')}]({safe_url(s.archived_url)})." if s.archived_url else ""
        ver = f" RSP version: {version_link(ctx, s.version)}." if s.version else ""
        _, anchor = urls.source_target(s.id)
        target = render(TEMPLATE, "anchors", [anchor])
        got = f" Retrieved {fmt_date(s.retrieved)}." if s.retrieved else " Not retrieved for this site."
        note = f" {esc(s.note)}" if s.note else ""
        out.append(
            f"- {target}**{esc(source_label(s))}** — {esc(s.title)}. {esc(s.publisher)}, "
            f"{fmt_date(s.date)}. [{esc(s.url)}]({safe_url(s.url)}).{arch}{ver}{got}{note} "
            f"Key: `{s.id}`."
        )
    return "\n".join(out) + "\n"


# --- check your understanding -----------------------------------------------------------------


def quiz(ctx: Ctx, page: str | None = None) -> str:
    """Collapsible questions; all of them, or those placed on ``page`` (default: none filter)."""
    items = [q for q in shown(ctx.atlas.quiz) if page is None or page in q.show_on]
    out = []
    for q in items:
        see = ", ".join(_see(ctx, p) for p in q.see)
        out.append(f'??? question "{esc(q.question)}"\n')
        out.append(f"    {esc(q.answer)} See {see}.\n")
        out.append(f"    {provenance(ctx, q)}\n")
    return "\n".join(out) + "\n" if out else ""


def page_quiz(ctx: Ctx) -> str:
    """The questions placed on the current page, under a heading (nothing if none)."""
    body = quiz(ctx, ctx.page)
    return f"## Check your understanding {{ #check }}\n\n{body}" if body else ""
