"""Diagrams drawn at build time as inline SVG, from plain data: no diagram JavaScript in the browser.

Two kinds: a flowchart of labelled boxes joined by labelled arrows, and a timeline grouped by year.
Both use one stacked (top-to-bottom) layout that scales to its container, because a single narrow
column stays legible on a 390 px phone, where a wide layout shrunk to fit would not. On wide screens
the figure is capped in width so the text is not blown up either.

This module lays the shapes out; templates/diagram.html writes them, passing every piece of text
through `svg_text`. Colours come from the theme's CSS custom properties (with `currentColor` as the
fallback), so the same markup works in light and dark mode. Output is a pure function of the input:
the same data gives byte-identical markup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from markupsafe import Markup

from macros.render.markup import render
from macros.render.text import svg_text as svg_text  # the one SVG escaper (templates: |svg); tests reach it here

TEMPLATE = "diagram.html"

# viewBox units. The figure is drawn VIEW_W wide and shown at most MAX_WIDTH_PX wide, so one unit
# is one CSS pixel on a 390 px phone (Material leaves ~320 px for content there) and a little more
# on a desktop: text renders at 15-16 px on the phone and at most ~19 px on a desktop.
VIEW_W = 320
MAX_WIDTH_PX = 380
FONT = 16
EDGE_FONT = 15
LINE = 21  # line height for FONT
EDGE_LINE = 19
# Average advance of a sans-serif glyph, in ems, rounded up so a wrapped line never overflows its box.
CHAR_EM = 0.55
PAD = 10
LANE = 12  # horizontal spacing of the side lanes that carry arrows between non-adjacent boxes
MIN_BOX = 200


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    key: bool = False  # drawn with the accent outline: a decision or the diagram's starting point


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    dashed: bool = False


# --- shapes, drawn by templates/diagram.html; coordinates already formatted (``_n``) ----------


class Line(NamedTuple):
    x: str
    y: str
    text: str


class Texts(NamedTuple):
    """Lines of text, one ``<text>`` each."""

    lines: list[Line]
    cls: str
    anchor: str
    size: str  # "" for the figure's default size
    edge: int | None  # which arrow a label belongs to (the index of its edge), for tests and tools
    kind: Literal["texts"] = "texts"


class Rect(NamedTuple):
    cls: str
    x: str
    y: str
    width: str
    height: str
    kind: Literal["rect"] = "rect"


class Path(NamedTuple):
    d: str
    dashed: bool = False
    edge: int | None = None
    stroke_width: str = ""
    kind: Literal["path"] = "path"


class Polygon(NamedTuple):
    points: list[str]
    kind: Literal["polygon"] = "polygon"


class Circle(NamedTuple):
    cls: str
    cx: str
    cy: str
    r: str
    kind: Literal["circle"] = "circle"


Shape = Texts | Rect | Path | Polygon | Circle


# --- text -----------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """Whitespace collapsed to single spaces: a blank line inside the figure would end Markdown's
    raw HTML block and spill the rest of the SVG into the page as text."""
    return " ".join(text.split())


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to at most `width` characters a line; a longer word is split, never cut off."""
    width = max(width, 1)
    lines: list[str] = []
    cur = ""
    for word in text.split():
        while len(word) > width:
            if cur:
                lines.append(cur)
                cur = ""
            lines.append(word[:width])
            word = word[width:]
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines or [""]


def chars_fitting(width: float, font: int) -> int:
    return int(width // (font * CHAR_EM))


def _n(x: float) -> str:
    """Coordinates with at most one decimal and no trailing zeros: stable, compact output."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _tspans(
    lines: list[str],
    x: float,
    y0: float,
    line_h: int,
    cls: str = "",
    anchor: str = "",
    size: int = FONT,
    edge: int | None = None,
) -> Texts:
    return Texts(
        [Line(_n(x), _n(y0 + i * line_h), line) for i, line in enumerate(lines)],
        cls,
        anchor,
        str(size) if size != FONT else "",
        edge,
    )


def _ident(kind: str, payload: str) -> str:
    """A page-unique, deterministic element id derived from the diagram's content."""
    return f"atlas-svg-{kind}-{hashlib.sha256(payload.encode()).hexdigest()[:10]}"


def _frame(ident: str, title: str, desc: str, height: float, body: list[Shape]) -> str:
    # One line, no blank lines: Markdown passes it through as a raw HTML block, untouched.
    return render(TEMPLATE, "svg", ident, one_line(title), one_line(desc), VIEW_W, _n(height), FONT, MAX_WIDTH_PX, body)


def _arrowhead(x: float, y: float, dx: int, dy: int) -> Polygon:
    """A filled triangle pointing along (dx, dy) with its tip at (x, y); no <marker>, so no shared ids."""
    s = 7.0
    if dy:  # vertical
        pts = [(x, y), (x - s / 1.6, y - dy * s), (x + s / 1.6, y - dy * s)]
    else:
        pts = [(x, y), (x - dx * s, y - s / 1.6), (x - dx * s, y + s / 1.6)]
    return Polygon([f"{_n(a)},{_n(b)}" for a, b in pts])


# --- flowchart ------------------------------------------------------------------------------


def stacked_order(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[str]:
    """A top-to-bottom order in which most arrows point down and each box is followed by its first
    successor where possible (a reverse post-order of a depth-first walk in input order)."""
    ids = [n.id for n in nodes]
    succ: dict[str, list[str]] = {i: [] for i in ids}
    has_pred: set[str] = set()
    for e in edges:
        if e.source in succ and e.target in succ:
            succ[e.source].append(e.target)
            has_pred.add(e.target)
    seen: set[str] = set()
    post: list[str] = []

    def visit(root: str) -> None:
        # Iterative, so a long lineage chain cannot hit Python's recursion limit.
        stack: list[tuple[str, int]] = [(root, 0)]
        seen.add(root)
        while stack:
            node, i = stack[-1]
            kids = list(reversed(succ[node]))
            if i < len(kids):
                stack[-1] = (node, i + 1)
                if kids[i] not in seen:
                    seen.add(kids[i])
                    stack.append((kids[i], 0))
            else:
                stack.pop()
                post.append(node)

    roots = [i for i in ids if i not in has_pred] + ids  # then anything only reachable in a cycle
    for r in reversed(roots):
        if r not in seen:
            visit(r)
    return list(reversed(post))


def _assign_lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane per span (rows from, to), reusing a lane once the arrow in it has ended: inner lanes
    go to the shortest arrows because the spans arrive sorted by length."""
    taken: list[list[tuple[int, int]]] = []
    out = []
    for a, b in spans:
        lo, hi = min(a, b), max(a, b)
        for k, used in enumerate(taken):
            if all(hi < u_lo or lo > u_hi for u_lo, u_hi in used):
                used.append((lo, hi))
                out.append(k)
                break
        else:
            taken.append([(lo, hi)])
            out.append(len(taken) - 1)
    return out


def flowchart(
    title: str,
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    desc: str = "",
    order: Sequence[str] | None = None,
    name_sources: bool = False,
) -> str:
    """Boxes one under another, joined by labelled arrows: straight down between neighbours, along
    a side lane otherwise. `title` names the figure for assistive technology; the caller also prints
    the same facts as a visible list. `order` fixes the boxes' order (default: `stacked_order`);
    with `name_sources` a side arrow's label starts with the box it comes from, because that box
    is not the one next to the label."""
    known = {n.id: n for n in nodes}
    if len(known) != len(nodes):
        raise ValueError("duplicate node id in diagram")
    for e in edges:
        if e.source not in known or e.target not in known:
            raise ValueError(f"edge {e.source!r} -> {e.target!r} names an unknown node")
    order = list(order) if order is not None else stacked_order(nodes, edges)
    if sorted(order) != sorted(known):
        raise ValueError("the order must list every node once")
    pos = {nid: i for i, nid in enumerate(order)}
    if name_sources:
        edges = [
            e
            if pos[e.target] == pos[e.source] + 1 or not e.label
            else Edge(e.source, e.target, f"from {known[e.source].label}: {e.label}", e.dashed)
            for e in edges
        ]
    adjacent = [e for e in edges if pos[e.target] == pos[e.source] + 1]
    lanes = sorted(
        (e for e in edges if pos[e.target] != pos[e.source] + 1),
        key=lambda e: (abs(pos[e.target] - pos[e.source]), pos[e.source], pos[e.target]),
    )
    lane_of = _assign_lanes([(pos[e.source], pos[e.target]) for e in lanes])
    n_lanes = max(lane_of, default=-1) + 1
    # Keep boxes at least MIN_BOX wide: with many lanes they move closer together instead.
    step = min(float(LANE), (VIEW_W - 2 - 8 - MIN_BOX) / n_lanes) if n_lanes else float(LANE)
    box_w = VIEW_W - 2 - (n_lanes * step + (8 if n_lanes else 0))
    x0 = 1.0
    cx = x0 + box_w / 2
    text_chars = chars_fitting(box_w - 2 * PAD, FONT)
    adj_chars = chars_fitting(box_w / 2 - 14 - PAD, EDGE_FONT)
    # side-arrow labels keep to the right half too, clear of the straight arrows down the middle
    lane_chars = adj_chars

    index = {id(e): k for k, e in enumerate(edges)}
    body: list[Shape] = []
    top: dict[str, float] = {}
    bottom: dict[str, float] = {}
    y = 1.0
    for i, nid in enumerate(order):
        if i:
            # A side arrow's label sits in the gap next to its target on the side the arrow comes
            # from: above the target for an arrow coming down, below it for one going up, so it is
            # never read as belonging to the box on the other side of the gap.
            up_lines = [
                (e, wrap(e.label, lane_chars)) for e in lanes if e.label and pos[e.target] == i - 1 < pos[e.source]
            ]
            adj = [(e, wrap(e.label, adj_chars)) for e in adjacent if e.target == nid and e.label]
            lane_lines = [
                (e, wrap(e.label, lane_chars)) for e in lanes if e.target == nid and e.label and pos[e.source] < i
            ]
            n_up = sum(len(ls) for _, ls in up_lines)
            n_adj = sum(len(ls) for _, ls in adj)
            n_lane_lines = sum(len(ls) for _, ls in lane_lines)
            ty = y + (n_up * EDGE_LINE + 4 if n_up else 0)
            gap = (ty - y) + 16 + max(n_adj * EDGE_LINE, 12) + n_lane_lines * EDGE_LINE + 8
            uy = y + 4
            for e, ls in up_lines:
                body.append(
                    _tspans(
                        ls,
                        x0 + box_w - 4,
                        uy + EDGE_FONT - 4,
                        EDGE_LINE,
                        anchor="end",
                        size=EDGE_FONT,
                        edge=index[id(e)],
                    )
                )
                uy += len(ls) * EDGE_LINE
            ay = ty + 14 + EDGE_FONT - 2
            for e, ls in adj:
                body.append(_tspans(ls, cx + 12, ay, EDGE_LINE, size=EDGE_FONT, edge=index[id(e)]))
                ay += len(ls) * EDGE_LINE
            ty += 16 + max(n_adj * EDGE_LINE, 12)
            for e, ls in lane_lines:
                body.append(
                    _tspans(
                        ls,
                        x0 + box_w - 4,
                        ty + EDGE_FONT - 4,
                        EDGE_LINE,
                        anchor="end",
                        size=EDGE_FONT,
                        edge=index[id(e)],
                    )
                )
                ty += len(ls) * EDGE_LINE
            y += gap
        node = known[nid]
        lines = wrap(node.label, text_chars)
        h = len(lines) * LINE + 2 * PAD - 4
        cls = "b k" if node.key else "b"
        body.append(Rect(cls, _n(x0), _n(y), _n(box_w), _n(h)))
        body.append(_tspans(lines, x0 + PAD, y + PAD + FONT - 3, LINE))
        top[nid], bottom[nid] = y, y + h
        y += h
    height = y + 1

    for e in adjacent:
        y1, y2 = bottom[e.source], top[e.target]
        body.append(Path(f"M{_n(cx)} {_n(y1)}V{_n(y2 - 6)}", e.dashed, index[id(e)]))
        body.append(_arrowhead(cx, y2, 0, 1))
    out_count: dict[str, int] = {}
    in_count: dict[str, int] = {}
    for k, e in zip(lane_of, lanes, strict=True):
        lx = x0 + box_w + 8 + k * step + step / 2
        o = out_count.get(e.source, 0)
        n_in = in_count.get(e.target, 0)
        out_count[e.source], in_count[e.target] = o + 1, n_in + 1
        sy = min(bottom[e.source] - 6, top[e.source] + 12 + 7 * o)
        if pos[e.target] < pos[e.source]:
            # going up: enter the target low, next to the label under it
            ty = max(top[e.target] + 4, bottom[e.target] - 10 - 7 * n_in)
        else:
            ty = min(bottom[e.target] - 4, top[e.target] + 10 + 7 * n_in)
        right = x0 + box_w
        route = f"M{_n(right)} {_n(sy)}H{_n(lx)}V{_n(ty)}H{_n(right + 6)}"
        body.append(Path(route, e.dashed, index[id(e)]))
        body.append(_arrowhead(right, ty, -1, 0))
    payload = repr((title, desc, nodes, edges))
    return _frame(_ident("flow", payload), title, desc, height, body)


# --- timeline -------------------------------------------------------------------------------


def timeline(title: str, groups: Sequence[tuple[str, Sequence[str]]], desc: str = "") -> str:
    """A vertical timeline: each group (a year) as a heading on the axis, its items listed under it."""
    axis_x = 14.0
    text_x = 32.0
    chars = chars_fitting(VIEW_W - text_x - 4, FONT)
    body: list[Shape] = []
    y = 4.0
    for g, (heading, items) in enumerate(groups):
        if g:
            y += 10
        body.append(Circle("y", _n(axis_x), _n(y + 10), "7"))
        body.append(_tspans(wrap(heading, chars), text_x, y + 16, LINE, cls="yl"))
        y += LINE * len(wrap(heading, chars)) + 4
        for item in items:
            lines = wrap(item, chars - 2)
            body.append(Circle("h", _n(axis_x), _n(y + 10), "3.5"))
            body.append(_tspans(lines, text_x, y + 16, LINE))
            y += LINE * len(lines) + 2
    height = y + 4
    axis = Path(f"M{_n(axis_x)} 4V{_n(height - 4)}", stroke_width="2")
    payload = repr((title, desc, [(h, list(i)) for h, i in groups]))
    return _frame(_ident("time", payload), title, desc, height, [axis, *body])


# --- ready-made diagrams for the entity pages -----------------------------------------------


def lineage_svg(title: str, nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str, str]]) -> str:
    """A threshold's lineage family: (id, label) boxes, (from, to, label) arrows such as "split in 2.1"."""
    return flowchart(
        title,
        [Node(i, label) for i, label in nodes],
        [Edge(a, b, label) for a, b, label in edges],
    )


def safeguard_svg(title: str, nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str, str]]) -> str:
    """Thresholds and what each required, as (id, label) boxes and (from, to, label) arrows.

    Targets shared by several thresholds (a standard) appear once, reached by several arrows."""
    sources = {a for a, _, _ in edges}
    return flowchart(
        title,
        [Node(i, label, key=i in sources) for i, label in nodes],
        [Edge(a, b, label) for a, b, label in edges],
    )


def figure(svg: str, caption: str = "") -> str:
    """The SVG in a figure with a plain-text caption (escaped: the figure is raw HTML, so
    Markdown inside it would not be rendered anyway)."""
    # ``svg`` is what flowchart()/timeline() rendered from diagram.html, its text escaped there.
    return render(TEMPLATE, "figure", Markup(svg), one_line(caption))
