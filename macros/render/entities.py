"""Pages about version-scoped entities: levels, safeguards, thresholds and their explorer."""

from __future__ import annotations

from itertools import pairwise

from macros.compute import lineage
from macros.compute.diff import diff_entity, recorded
from macros.compute.scope import name_at, span, state_at, substance
from macros.model import Atlas, kinds
from macros.model import types as t
from macros.model.kinds import DOMAIN, LEVEL, STANDARD, THRESHOLD
from macros.render import diagram, urls, viewas
from macros.render.citethis import cite_this, version_anchor
from macros.render.common import entity_name, provenance, shown, version_link
from macros.render.fields import OUR_LABEL, is_rename, label, name_in, value
from macros.render.markup import render
from macros.render.text import Ctx, attr, esc, stacked_table, table

# Explorer markers for a threshold that arrived through a lineage edge.
TEMPLATE = "entities.html"

ARRIVED = {"replaced": "replacement", "redefined": "redefined", "renamed": "renamed", "split": "split off"}


def step_anchor(ctx: Ctx, link: lineage.Link) -> str:
    """The anchor, on the pair page of the step where an edge took effect, of the threshold that
    appeared or disappeared in that step (both always have a detail block there)."""
    atlas = ctx.atlas
    prev = atlas.version_ids[atlas.index(link.edge.at) - 1]
    gone = state_at(atlas, atlas.entity(link.kind, link.source), link.edge.at) is None
    new = state_at(atlas, atlas.entity(link.kind, link.target), prev) is None
    if link.edge.type == "split" and new:
        return urls.diff_anchor(link.kind, link.target)
    return urls.diff_anchor(link.kind, link.source if gone or not new else link.target)


def lineage_sentence(ctx: Ctx, link: lineage.Link) -> str:
    """One lineage step, each threshold named as it was called on its side of the step (the older
    one as of the version before, the newer as of the step's version), linked to the pair page and
    anchor of the step."""
    atlas = ctx.atlas
    at = link.edge.at
    prev = atlas.version_ids[atlas.index(at) - 1]
    kname = link.kind
    source, target = atlas.entity(kname, link.source), atlas.entity(kname, link.target)
    src = name_in(ctx, kname, source, prev)
    dst = name_in(ctx, kname, target, at)
    if link.edge.type == "split" and state_at(atlas, source, at) is not None:
        said = f"{src} split in two: {name_in(ctx, kname, source, at)} and {dst}"
    elif link.edge.type == "merged" and state_at(atlas, target, prev) is not None:
        said = f"{src} and {name_in(ctx, kname, target, prev)} merged into {dst}"
    else:
        said = t.LINEAGE_PHRASES[link.edge.type].format(a=src, b=dst, kind=kinds.kind(kname).singular)
    step = ctx.link(esc(f"{prev} → {at}"), urls.compare_page(prev, at), step_anchor(ctx, link))
    return f"In {version_link(ctx, at)}, {said} ({step})."


def step_versions(ctx: Ctx, link: lineage.Link) -> str:
    """The two versions a lineage step joins, space-separated, for a ``data-versions`` attribute."""
    ids = ctx.atlas.version_ids
    return f"{ids[ctx.atlas.index(link.edge.at) - 1]} {link.edge.at}"


def range_label(ctx: Ctx, state: t.State) -> str:
    first, last = span(ctx.atlas, state)
    ids = ctx.atlas.version_ids
    if first == last:
        return f"v{ids[first]}"
    if state.to is None:
        return f"v{ids[first]} onwards"
    return f"v{ids[first]}–{ids[last]}"


def range_links(ctx: Ctx, state: t.State) -> str:
    first, last = span(ctx.atlas, state)
    ids = ctx.atlas.version_ids
    return ", ".join(version_link(ctx, v) for v in ids[first : last + 1])


def state_table(ctx: Ctx, state: t.State) -> str:
    rows = [
        [label(key), value(ctx, key, val, state.from_)]
        for key, val in substance(state).items()
        if key != "name" and val not in ("", [], None)
    ]
    return table(["Aspect", f"In {range_label(ctx, state)}"], rows) + "\n" if rows else ""


def anchored_range_links(ctx: Ctx, kind: str, entity: t.Entity, state: t.State) -> str:
    """The versions a state covers, each link carrying that version's anchor (``#v2.2``), so a
    point-in-time link lands on the state in force then even when the state spans several versions."""
    first, last = span(ctx.atlas, state)
    ids = ctx.atlas.version_ids[first : last + 1]
    return ", ".join(f"{version_link(ctx, v)}{{ #{version_anchor(kind, entity.id, v)} }}" for v in ids)


def history(ctx: Ctx, kind: str, entity: t.Entity, heading: str = "###", fold: bool = False) -> str:
    """Each state of an entity, the one in force now first, then older ones: what changed at each
    step, its sources, and a citation of the state as of its newest version. ``fold``: the older
    states in a closed box under the newest one."""
    out = []
    states = sorted(entity.states, key=lambda s: ctx.atlas.index(s.from_))
    for i in reversed(range(len(states))):
        state = states[i]
        if fold and i == len(states) - 2:
            out.append(render(TEMPLATE, "earlier_start", len(states) - 1, states[-1].from_))
        anchor = f"{entity.id}-{state.from_.replace('.', '-')}"
        # data-versions: the versions this state covers, for the "viewing as of" highlight.
        covers = f'data-versions="{viewas.state_versions(ctx, state)}"'
        if heading:
            out.append(
                f"{heading} {esc(state.name)} {render(TEMPLATE, 'state_range', range_label(ctx, state))} "
                f"{{ #{anchor} .atlas-state {covers} }}\n"
            )
        else:  # a titled paragraph: keeps the anchor, stays out of the table of contents
            out.append(f"**{esc(state.name)}** ({range_label(ctx, state)})\n{{: #{anchor} .atlas-state {covers} }}\n")
        out.append(f"In force in: {anchored_range_links(ctx, kind, entity, state)}.\n")
        if i > 0:
            prev = states[i - 1]
            d = diff_entity(ctx.atlas, kind, entity, prev.from_, state.from_)
            # a new qualifier in brackets is our note on the state, not a change of the policy's name
            fields = [f for f in (d.fields if d else ()) if f.field != "name" or is_rename(f)]
            if fields:
                said = "; ".join(label(f.field) for f in fields if f.recorded)
                reworded = ", ".join(label(f.field).lower() for f in fields if not f.recorded)
                if reworded:
                    # our paraphrase changed where the record names no change of the policy
                    said += ("; " if said else "") + f"our summary reworded, no change recorded: {reworded}"
                before_v = ctx.atlas.version_ids[span(ctx.atlas, prev)[1]]
                pair = urls.compare_page(before_v, state.from_)
                there = ctx.link("comparison", pair, urls.diff_anchor(kind, entity.id))
                out.append(f"What changed at {state.from_}: {said} ({there}).\n")
        out.append(state_table(ctx, state))
        if state.note:
            out.append(f"*Note:* {esc(state.note)}\n")
        out.append(provenance(ctx, state) + "\n")
        out.append(cite_this(ctx, kind, entity, state))
    if fold and len(states) > 1:
        out.append(render(TEMPLATE, "earlier_end"))
    return "\n".join(out)


# --- levels ---------------------------------------------------------------------------------


def levels_index(ctx: Ctx) -> str:
    from macros.render.grids import levels_matrix  # grids builds on this module's helpers

    atlas = ctx.atlas
    levels = sorted(atlas.items(LEVEL), key=lambda e: e.order)
    eras = []
    for lv in levels:
        page, _ = urls.entity_target(LEVEL.name, lv.id)
        eras.append(f"### {ctx.link(esc(level_label(lv)), page)} {{ #{lv.id} }}\n")
        for st in sorted(lv.states, key=lambda s: atlas.index(s.from_)):
            eras.append(f"- **{range_label(ctx, st)}, as {esc(st.name)}:** {esc(st.summary)}")
        eras.append("")
    return levels_matrix(ctx) + "\n## What each level meant { #meanings }\n\n" + "\n".join(eras)


def level_page(ctx: Ctx, lid: str) -> str:
    atlas = ctx.atlas
    lv = atlas.get(LEVEL, lid)
    name = max(lv.states, key=lambda s: atlas.index(s.from_)).name
    out = [
        f"# {esc(name)}\n",
        f"Names carried: {names_carried(ctx, 'level', lv, link=False)}.\n",
        viewas.control(ctx, "this level", urls.diff_anchor(LEVEL.name, lid)),
        "## Meaning, version by version { #history }\n",
        history(ctx, "level", lv),
    ]
    stds = [s for s in atlas.items(STANDARD) if s.level == lid]
    out.append("## Standards at this level { #standards }\n")
    out.append("\n".join(f"- {names_carried(ctx, 'standard', s)} ({esc(s.type)})" for s in stds) or "None recorded.")
    out.append("\n## Thresholds that point here { #thresholds }\n")
    refs = []
    mine = {s.id for s in stds}
    for th in atlas.items(THRESHOLD):
        for st in th.states:
            if mine & set(st.required_safeguards):
                refs.append(f"- {entity_name(ctx, 'threshold', th, st)} ({range_label(ctx, st)}): required")
            elif mine & set(st.expected_safeguards):
                # the text expected these standards but did not yet require them: say which it was
                refs.append(
                    f"- {entity_name(ctx, 'threshold', th, st)} ({range_label(ctx, st)}): expected, not yet required"
                )
    out.append("\n".join(refs) or "No threshold names this level's standards as required or expected safeguards.")
    handled = [m for m in shown(atlas.models) if m.level == lid]
    out.append("\n## Models handled under this level { #models }\n")
    out.append("\n".join(f"- {ctx.link(esc(m.model), *urls.model_target(m.id))}" for m in handled) or "None recorded.")
    return "\n".join(out) + "\n"


def level_label(level: t.Entity) -> str:
    """A level by its number ("ASL-3"), which every version's name for it contains: for rows and
    headings that span versions, where any one of its names would be wrong for the others."""
    assert isinstance(level, t.Level)
    return f"ASL-{level.order}"


def names_carried(ctx: Ctx, kind: str, entity: t.Entity, link: bool = True) -> str:
    """Every name an entity carried, each with the versions it held in (never one name for all)."""
    states = sorted(entity.states, key=lambda st: ctx.atlas.index(st.from_))
    parts: list[tuple[str, t.State, str]] = []
    for st in states:
        if parts and parts[-1][0] == st.name:
            first = parts[-1][1]
            merged = first.model_copy(update={"to": st.to})
            parts[-1] = (st.name, first, range_label(ctx, merged))
        else:
            parts.append((st.name, st, range_label(ctx, st)))
    shown_names = []
    for _, st, rng in parts:
        name = entity_name(ctx, kind, entity, st) if link else esc(st.name)
        shown_names.append(f"{name} ({rng}; {OUR_LABEL})" if st.name_is_ours else f"{name} ({rng})")
    return " → ".join(shown_names)


# --- safeguards -----------------------------------------------------------------------------


def safeguards(ctx: Ctx) -> str:
    atlas = ctx.atlas
    out = [viewas.control(ctx, "each standard")]
    for typ, title in (("deployment", "Deployment standards"), ("security", "Security standards")):
        out.append(f"## {title} {{ #{typ} }}\n")
        for std in (s for s in atlas.items(STANDARD) if s.type == typ):
            name = max(std.states, key=lambda s: atlas.index(s.from_)).name
            out.append(f"### {esc(name)} {{ #{urls.entity_target(STANDARD.name, std.id)[1]} }}\n")
            out.append(f"Names carried: {names_carried(ctx, 'standard', std, link=False)}.\n")
            out.append(f"Level: {names_carried(ctx, 'level', atlas.get(LEVEL, std.level))}.\n")
            out.append(history(ctx, "standard", std, ""))
    return "\n".join(out) + "\n"


# --- thresholds -----------------------------------------------------------------------------


def _earlier(ctx: Ctx, entity: t.Entity) -> str:
    """The row spans every version: earlier names are shown too, labelled as such."""
    states = sorted(entity.states, key=lambda st: ctx.atlas.index(st.from_))
    latest = states[-1].name
    older = [n for n in dict.fromkeys(st.name for st in states) if n != latest]
    if not older:
        return ""
    return render(TEMPLATE, "earlier", "; ".join(older))


def _page_href(ctx: Ctx, target: str) -> str:
    """A directory-URL href for raw HTML, which MkDocs does not rewrite."""
    rel = ctx.href(target)
    if rel.endswith("index.md"):
        return rel[: -len("index.md")] or "./"
    return rel[: -len(".md")] + "/" if rel.endswith(".md") else rel


def domains(ctx: Ctx) -> str:
    atlas = ctx.atlas
    out = []
    for d in sorted(atlas.items(DOMAIN), key=lambda e: e.order):
        name = max(d.states, key=lambda s: atlas.index(s.from_)).name
        out.append(f"### {esc(name)} {{ #{urls.entity_target(DOMAIN.name, d.id)[1]} }}\n")
        for st in sorted(d.states, key=lambda s: atlas.index(s.from_)):
            out.append(f"- **{range_label(ctx, st)}:** {esc(st.summary)} {provenance(ctx, st)}")
        ths = [th for th in atlas.items(THRESHOLD) if th.domain == d.id]
        if ths:
            out.append("\nThresholds: " + ", ".join(entity_name(ctx, "threshold", th) for th in ths) + ".")
        out.append("")
    return "\n".join(out) + "\n"


def domain_names(ctx: Ctx, th: t.Threshold) -> str:
    """The threshold's risk domain under the names it had while the threshold existed (a 2.x
    threshold is not filed under the 3.x label), each with the versions it applies to."""
    atlas = ctx.atlas
    dom = atlas.get(DOMAIN, th.domain)
    runs: list[tuple[t.DomainState, list[str]]] = []
    for vid in atlas.version_ids:
        ds = state_at(atlas, dom, vid)
        if state_at(atlas, th, vid) is None or ds is None:
            continue
        if runs and runs[-1][0].name == ds.name:
            runs[-1][1].append(vid)
        else:
            runs.append((ds, [vid]))
    if len(runs) == 1:
        return entity_name(ctx, "domain", dom, runs[0][0])
    parts = []
    for ds, vids in runs:
        span_label = f"v{vids[0]}" if len(vids) == 1 else f"v{vids[0]}–{vids[-1]}"
        parts.append(f"{entity_name(ctx, 'domain', dom, ds)} ({span_label})")
    return ", ".join(parts)


def threshold_page(ctx: Ctx, tid: str) -> str:
    atlas = ctx.atlas
    th = atlas.get(THRESHOLD, tid)
    latest = max(th.states, key=lambda s: atlas.index(s.from_))
    names: list[tuple[str, bool]] = []
    for st in sorted(th.states, key=lambda s: atlas.index(s.from_)):
        if not names or names[-1][0] != st.name:
            names.append((st.name, st.name_is_ours))
    first, last = (
        atlas.version_ids[min(span(atlas, s)[0] for s in th.states)],
        atlas.version_ids[max(span(atlas, s)[1] for s in th.states)],
    )
    ends = "still in force" if last == atlas.version_ids[-1] else f"last in {last}"
    out = [
        f"# {esc(latest.name)}\n",
        f"Domain: {domain_names(ctx, th)}. First appears in {version_link(ctx, first)}; {ends}. "
        # quotation marks for the policy's names only: ours is a description, not a quotation
        f"Names it has carried: {', '.join(f'{esc(n)} ({OUR_LABEL})' if ours else f'“{esc(n)}”' for n, ours in names)}"
        ".\n",
    ]
    preds, succs = lineage.predecessors(atlas, tid), lineage.successors(atlas, tid)
    # a step is about the versions on its two sides: its tooltips give their meaning, not the newest
    told = [
        (
            atlas.index(lk.edge.at),
            f"- {lineage_sentence(ctx, lk)} {esc(lk.edge.note)}\n"
            f'    {{: data-versions="{attr(step_versions(ctx, lk))}" }}',
        )
        for lk in preds + succs
    ]
    own = _own_steps(ctx, th, {lk.edge.at for lk in preds + succs if lk.edge.type in ("split", "merged")})
    if told or own:
        # A threshold renamed or redefined without an edge to another one (CBRN-4) has a lineage too.
        out.append("## Lineage { #lineage }\n")
        out.extend(text for _, text in sorted(told + own, key=lambda x: x[0]))
        out.append("")
    if preds or succs:
        fam = lineage.family(atlas, tid)
        out.append(_family_diagram(ctx, fam))
    out.append("## Version by version { #history }\n")
    out.append(viewas.control(ctx, "this threshold", urls.diff_anchor(THRESHOLD.name, tid)))
    out.append(history(ctx, "threshold", th))
    return "\n".join(out) + "\n"


def _meaning_changed(atlas: Atlas, tid: str, prev: t.State, cur: t.State) -> bool:
    """Whether a threshold's meaning changed where ``cur`` took over from ``prev``: a new text the
    record marks as a change, not a rewording of ours."""
    assert isinstance(prev, t.SummaryState) and isinstance(cur, t.SummaryState)
    changed = prev.summary != cur.summary and "summary" not in cur.reworded
    return changed and recorded(atlas, THRESHOLD.name, tid, cur.from_)


def _own_steps(ctx: Ctx, th: t.Threshold, reshaped: set[str]) -> list[tuple[int, str]]:
    """The threshold's own renames and recorded changes of meaning, each at the version it took
    effect, with the names on both sides as of their versions. A new name that comes with a split or
    merge (``reshaped``), and the meaning it took then, are that event's, already told by its edge."""
    atlas = ctx.atlas
    states = sorted(th.states, key=lambda s: atlas.index(s.from_))
    out: list[tuple[int, str]] = []
    for prev, cur in pairwise(states):
        at = cur.from_
        before = atlas.version_ids[atlas.index(at) - 1]
        if state_at(atlas, th, before) is not prev:
            continue  # a gap: it left and came back, not a step
        step = ctx.link(esc(f"{before} → {at}"), urls.compare_page(before, at), urls.diff_anchor(THRESHOLD.name, th.id))
        said = []
        if at in reshaped:
            continue
        if prev.name != cur.name:
            said.append(f"the name {esc(prev.name)} became {esc(cur.name)}")
        if _meaning_changed(atlas, th.id, prev, cur):
            said.append("its meaning changed" if said else f"the meaning of {esc(cur.name)} changed")
        if said:
            line = f"- In {version_link(ctx, at)}, {' and '.join(said)} ({step})."
            out.append((atlas.index(at), f'{line}\n    {{: data-versions="{attr(before + " " + at)}" }}'))
    return out


def _runs(ctx: Ctx, th: t.Entity) -> list[list[t.State]]:
    """A threshold's states grouped into runs of one name: one box of the lineage diagram each."""
    runs: list[list[t.State]] = []
    for st in sorted(th.states, key=lambda s: ctx.atlas.index(s.from_)):
        if runs and runs[-1][-1].name == st.name:
            runs[-1].append(st)
        else:
            runs.append([st])
    return runs


def _run_label(ctx: Ctx, run: list[t.State]) -> str:
    first, last = span(ctx.atlas, run[0])[0], span(ctx.atlas, run[-1])[1]
    ids = ctx.atlas.version_ids
    when = (
        f"v{ids[first]}"
        if first == last
        else f"v{ids[first]} onwards"
        if run[-1].to is None
        else f"v{ids[first]}–{ids[last]}"
    )
    return f"{run[0].name} ({when})"


def _time_order(nodes: list[diagram.Node], edges: list[diagram.Edge], start: dict[str, int]) -> list[str]:
    """Boxes oldest first, so every arrow points down; among boxes that start together, the one the
    last placed box points to comes next, so a chain stays together (ARA right above the checkpoint)."""
    todo = [n.id for n in nodes]
    out: list[str] = []
    while todo:
        first = min(start[n] for n in todo)
        ready = [n for n in todo if start[n] == first]
        follow = [n for n in ready if out and any(e.source == out[-1] and e.target == n for e in edges)]
        nxt = (follow or ready)[0]
        out.append(nxt)
        todo.remove(nxt)
    return out


def _family_diagram(ctx: Ctx, fam: list[str]) -> str:
    """An SVG flowchart of the lineage family; the list under it is the accessible alternative.

    One box per name a threshold carried (with the versions it carried it in), so time runs down
    the figure and every arrow points from an older box to a newer one: a split off and merged back
    threshold draws no arrow pointing up whose label would sit beside some other box."""
    atlas = ctx.atlas
    ids = atlas.version_ids
    nodes: list[diagram.Node] = []
    edges: list[diagram.Edge] = []
    latest: list[str] = []
    box: dict[tuple[str, str], str] = {}  # (threshold, version) -> the box of the name in force then
    renames: list[tuple[int, str]] = []
    start: dict[str, int] = {}
    links = [link for link in lineage.edges(atlas) if link.source in fam and link.target in fam]
    for eid in fam:
        th = atlas.get(THRESHOLD, eid)
        runs = _runs(ctx, th)
        for k, run in enumerate(runs):
            nid = f"{eid}-{k}"
            nodes.append(diagram.Node(nid, _run_label(ctx, run)))
            start[nid] = span(atlas, run[0])[0]
            for st in run:
                first, last = span(atlas, st)
                for v in ids[first : last + 1]:
                    box[(eid, v)] = nid
            if k:
                at = run[0].from_
                # a new name that comes with a split or merge of this threshold is that event
                event = next(
                    (
                        lk.edge.type
                        for lk in links
                        if lk.edge.at == at and eid in (lk.source, lk.target) and lk.edge.type in ("split", "merged")
                    ),
                    "renamed",
                )
                edges.append(diagram.Edge(f"{eid}-{k - 1}", nid, f"{event} in {at}"))
                if event == "renamed":
                    prev = ids[atlas.index(at) - 1]
                    step = ctx.link(
                        esc(f"{prev} → {at}"), urls.compare_page(prev, at), urls.diff_anchor("threshold", eid)
                    )
                    said = f"the name {esc(runs[k - 1][-1].name)} became {esc(run[0].name)}"
                    # the same words as the threshold's own list of steps, so the two never disagree
                    if _meaning_changed(atlas, eid, runs[k - 1][-1], run[0]):
                        said += " and its meaning changed"
                    renames.append((atlas.index(at), f"- In {version_link(ctx, at)}, {said} ({step})."))
        latest.append(runs[-1][-1].name)
    for link in links:
        at = link.edge.at
        prev = ids[atlas.index(at) - 1]
        retired = link.edge.type == "retired"
        label = f"{link.edge.type} in {at}" + (", not a successor" if retired else "")
        edges.append(diagram.Edge(box[(link.source, prev)], box[(link.target, at)], label, dashed=retired))
    svg = diagram.flowchart(
        f"Lineage of {', '.join(latest)}", nodes, edges, order=_time_order(nodes, edges, start), name_sources=True
    )
    # The diagram shows the whole family, more than this threshold's own steps listed above: its
    # text alternative names every step, each with the names in force at that step.
    # every step, oldest first
    told = [(atlas.index(link.edge.at), f"- {lineage_sentence(ctx, link)}") for link in links] + renames
    steps = [text for _, text in sorted(told, key=lambda x: x[0])]
    caption = (
        "Lineage of the whole family, one box per name, oldest at the top; a dashed arrow points from a "
        "retired threshold to its nearest relative. The list below gives every step as text."
    )
    return diagram.figure(svg, caption) + "\nEvery step in this family:\n\n" + "\n".join(steps) + "\n"


def thresholds_list(ctx: Ctx) -> str:
    atlas = ctx.atlas
    rows = []
    for th in atlas.items(THRESHOLD):
        names = " → ".join(
            dict.fromkeys(
                esc(s.name) + (f" ({OUR_LABEL})" if s.name_is_ours else "")
                for s in sorted(th.states, key=lambda s: atlas.index(s.from_))
            )
        )
        first = atlas.version_ids[min(span(atlas, s)[0] for s in th.states)]
        last = atlas.version_ids[max(span(atlas, s)[1] for s in th.states)]
        rows.append([entity_name(ctx, "threshold", th), names, f"{first}–{last}", domain_names(ctx, th)])
    return stacked_table(["Threshold", "Names carried", "Versions", "Domain"], rows) + "\n"


# --- diagrams -------------------------------------------------------------------------------


def _era_versions(ctx: Ctx) -> list[str]:
    """The last version of each major series (1.x, 2.x, 3.x …): one diagram per era."""
    last: dict[str, str] = {}
    for vid in ctx.atlas.version_ids:
        last[vid.split(".")[0]] = vid
    return list(last.values())


def _once(nodes: list[tuple[str, str]], nid: str, label_text: str) -> str:
    """Add a node unless present: a standard several thresholds require is drawn once, reached by several arrows."""
    if all(n != nid for n, _ in nodes):
        nodes.append((nid, label_text))
    return nid


def safeguard_map(ctx: Ctx) -> str:
    """Per era, which safeguards each threshold required; a text list carries the same facts."""
    atlas = ctx.atlas
    out = []
    for vid in _era_versions(ctx):
        nodes: list[tuple[str, str]] = []
        edges: list[tuple[str, str, str]] = []
        text = []
        for th in atlas.items(THRESHOLD):
            st = state_at(atlas, th, vid)
            if st is None:
                continue
            nodes.append((th.id, st.name))
            reqs = st.required_safeguards
            if reqs:
                names = []
                for sid in reqs:
                    n = name_at(atlas, atlas.get(STANDARD, sid), vid)
                    name = n.name if n.when == "in" else f"{n.name} (not described in {vid})"
                    names.append(name)
                    edges.append((th.id, _once(nodes, sid, name), ""))
                text.append(f"- {esc(st.name)} → {esc(', '.join(names))}")
            elif st.anthropic_plan or st.industry_recommendation:
                edges.append((th.id, _once(nodes, f"{th.id}_plan", "own plan + industry-wide recommendation"), ""))
                text.append(
                    f"- {esc(st.name)} → no required standard; Anthropic's plan and an industry-wide recommendation"
                )
            else:
                # "No standard named" would be false for 2.x's CBRN-4, whose text names the ASL-4
                # standards it expects; the state's own note says how firm that was.
                edges.append((th.id, _once(nodes, f"{th.id}_none", "no standard firmly required"), ""))
                why = f": {esc(st.safeguards_note)}" if st.safeguards_note else ""
                text.append(f"- {esc(st.name)} → no standard firmly required{why}")
        svg = diagram.safeguard_svg(f"Safeguards each threshold required as of version {vid}", nodes, edges)
        out.append(f"### As of version {vid} {{ #map-{vid.replace('.', '-')} }}\n")
        out.append(diagram.figure(svg, "Safeguard map; the text version below gives the same information."))
        out.append("Text version:\n\n" + "\n".join(text) + "\n")
    return "\n".join(out) + "\n"
