"""The overview's two structure diagrams: the 3.x policy and, as history, the 1.0–2.2 if-then flow.

The boxes describe the structure of a whole series of versions, so each diagram names the series it
is true for (computed from the data), and the 3.x one lists the thresholds by their names in the
newest 3.x version. A visible text list follows each figure with the same content.
"""

from __future__ import annotations

from macros.compute.scope import in_force
from macros.model.kinds import THRESHOLD
from macros.render import diagram
from macros.render.common import visible
from macros.render.text import Ctx, esc

D = diagram


def _series(ctx: Ctx, majors: tuple[str, ...]) -> list[str]:
    """The version ids whose major number is one of `majors`, oldest first."""
    return [v for v in ctx.atlas.version_ids if v.split(".")[0] in majors]


def _text_list(nodes: list[D.Node], edges: list[D.Edge]) -> str:
    """The diagram as a Markdown list: one line per arrow, in the order the figure draws the boxes."""
    label = {n.id: n.label for n in nodes}
    order = D.stacked_order(nodes, edges)
    rank = {nid: i for i, nid in enumerate(order)}
    lines = []
    for e in sorted(edges, key=lambda e: (rank[e.source], rank[e.target])):
        via = f" ({esc(e.label)})" if e.label else ""
        lines.append(f"- {esc(label[e.source])} →{via} {esc(label[e.target])}")
    return "\n".join(lines) + "\n"


def _figure(ctx: Ctx, title: str, desc: str, nodes: list[D.Node], edges: list[D.Edge], caption: str) -> str:
    svg = D.flowchart(title, nodes, edges, desc=desc)
    return (
        D.figure(svg, caption)
        + "\n"
        + '??? info "Text version of the diagram"\n\n'
        + "\n".join("    " + ln if ln else "" for ln in _text_list(nodes, edges).splitlines())
        + "\n"
    )


def structure_now(ctx: Ctx) -> str:
    """How versions 3.0 onward are organised: per threshold a plan and a recommendation, then reports."""
    series = _series(ctx, ("3",))
    if not series:
        return ""
    first, last = series[0], series[-1]
    names = [s.name for _, s in in_force(ctx.atlas, THRESHOLD, last) if visible(s)]
    nodes = [
        D.Node("thr", f"The {len(names)} thresholds of {last}: " + "; ".join(names), key=True),
        D.Node("plan", "Anthropic's own plan: what it will do whatever other developers do"),
        D.Node(
            "rec",
            "An industry-wide recommendation: what every frontier developer should do, "
            "which Anthropic says it cannot promise alone",
        ),
        D.Node("road", "Frontier Safety Roadmap: public goals, not binding, graded in the open"),
        D.Node("rep", "Risk Report every 3 to 6 months: threats, evidence, protections and overall risk"),
        D.Node("ext", "External review of a Risk Report"),
    ]
    edges = [
        D.Edge("thr", "plan", "for each threshold"),
        D.Edge("thr", "rec", "for each threshold"),
        D.Edge("plan", "rep", "progress reported in"),
        D.Edge("road", "rep", "missed goals reviewed in"),
        D.Edge("rep", "ext", "in defined cases"),
    ]
    span = f"{first}" if first == last else f"{first} to {last}"
    caption = f"The structure of versions {span} in outline." if first != last else f"The structure of {span}."
    return _figure(
        ctx,
        f"How RSP {span} is organised",
        "Each threshold has Anthropic's own plan and an industry-wide recommendation; "
        "Risk Reports, with external review in defined cases, report on both and on the Roadmap.",
        nodes,
        edges,
        caption,
    )


def structure_ifthen(ctx: Ctx) -> str:
    """The if-then flow of versions 1.0 to 2.2, shown as history."""
    series = _series(ctx, ("1", "2"))
    if not series:
        return ""
    first, last = series[0], series[-1]
    nodes = [
        D.Node("eval", "Evaluate the model"),
        D.Node("q", "Could it be at or past a capability threshold?", key=True),
        D.Node("go-on", "Continue with current safeguards"),
        D.Node("apply", "Apply the required safeguards"),
        D.Node("ready", "Safeguards in place?", key=True),
        D.Node("deploy", "Train further or deploy"),
        D.Node("hold", "Hold back until they are"),
    ]
    edges = [
        D.Edge("eval", "q"),
        D.Edge("q", "go-on", "no, ruled out"),
        D.Edge("q", "apply", "cannot rule out"),
        D.Edge("apply", "ready"),
        D.Edge("ready", "deploy", "yes"),
        D.Edge("ready", "hold", "not yet"),
    ]
    return _figure(
        ctx,
        f"The if-then structure of RSP {first} to {last}",
        "Evaluate; if a threshold cannot be ruled out, apply the required safeguards; "
        "train further or deploy only once they are in place.",
        nodes,
        edges,
        f"The if-then structure in outline, as it stood in versions {first} to {last}.",
    )
