"""Build-time SVG diagrams: escaping, wrapping, layout and the built pages that use them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.render import diagram as D
from macros.render import markup, records, structure, versions
from macros.render.text import Ctx
from tests.htmlsite import page

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    "R&D & <b>bold</b>",
    "say \"hi\" 'there'",
    "]]> <![CDATA[ x ]]>",
    "line one\nline two\r\n\tline three",
    "{{ atlas.versions }} {% if x %}y{% endif %}",
    "Supercalifragilisticexpialidocious-and-then-some-more-characters-without-any-space",
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on any markup a label smuggled in


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_svg_text_makes_hostile_strings_inert():
    for s in HOSTILE:
        out = D.svg_text(s)
        assert not re.search(r"[<>\"'{}]", out), out
        assert "&" not in re.sub(r"&(amp|lt|gt|quot|#39|#123|#125);", "", out)
        # The escaped form reads back as exactly the original text.
        assert ET.fromstring(f"<t>{out}</t>").text == s.replace("\r\n", "\n").replace("\r", "\n")


def test_svg_text_fails_on_a_broken_escaper(monkeypatch):
    # The templates escape SVG text with the |svg filter, which calls svg_text: what the test must
    # catch is that escaper passing text through.
    monkeypatch.setattr(markup, "svg_text", lambda s: s)
    with pytest.raises(ET.ParseError):
        _parse(D.flowchart("t", [D.Node("a", HOSTILE[0]), D.Node("b", HOSTILE[1])], [D.Edge("a", "b", "<x")]))


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_come_out_as_text(label: str):
    svg = D.flowchart(
        label,
        [D.Node("a", label), D.Node("b", "B"), D.Node("c", "C")],
        [D.Edge("a", "b", label), D.Edge("a", "c", label)],
        desc=label,
    )
    root = _parse(svg)
    assert [el.tag for el in root.iter() if el.tag.endswith("script")] == []
    assert "{{" not in svg and "{%" not in svg and "<script" not in svg and "]]>" not in svg
    words = label.split()
    shown = " ".join(_texts(root))
    # Wrapping may split an over-long word, but every character is shown, in order: nothing truncated.
    assert "".join(shown.split()).count("".join(words)) == 3  # box, arrow label, lane label
    assert root.find(f"{SVG}title").text == " ".join(label.split())  # type: ignore[union-attr]
    # Markdown passes the figure through untouched (it is one raw HTML line, even with newlines in the label).
    assert "\n" not in D.figure(svg, label).strip()
    html = markdown.markdown("Intro\n\n" + D.figure(svg, label) + "\nAfter", extensions=["md_in_html", "attr_list"])
    assert D.figure(svg, label).strip() in html


def test_wrap_never_truncates_and_respects_width():
    text = "Relies on: Leadership and staff treating publicly declared safety goals as real constraints " + "x" * 45
    lines = D.wrap(text, 20)
    assert all(len(ln) <= 20 for ln in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert D.wrap("", 10) == [""]


def test_wrap_test_fails_on_a_truncating_wrap():
    lines = D.wrap("a" * 30, 10)
    assert lines == ["a" * 10] * 3
    truncated = [ln[:8] for ln in lines]  # a "broken" wrap that cuts lines short
    assert "".join(truncated) != "a" * 30


def _boxes_and_texts(
    root: ET.Element,
) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, str]]]:
    boxes = [
        (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width", 0)), float(r.get("height", 0)))
        for r in root.iter(f"{SVG}rect")
    ]
    texts = [(float(t.get("x", 0)), float(t.get("y", 0)), t.text or "") for t in root.iter(f"{SVG}text")]
    return boxes, texts


def test_flowchart_layout_keeps_text_inside_boxes_and_boxes_apart():
    nodes = [
        D.Node(str(i), f"Box number {i} with a fairly long label that has to wrap " * (i % 3 + 1)) for i in range(6)
    ]
    edges = [D.Edge("0", "1", "first"), D.Edge("0", "3", "skip"), D.Edge("1", "2"), D.Edge("3", "4"), D.Edge("2", "5")]
    root = _parse(D.flowchart("t", nodes, edges))
    view_w, view_h = (float(v) for v in root.get("viewBox", "").split()[2:])
    assert view_w == D.VIEW_W
    boxes, texts = _boxes_and_texts(root)
    assert len(boxes) == len(nodes)
    for a, b in zip(sorted(boxes, key=lambda r: r[1]), sorted(boxes, key=lambda r: r[1])[1:], strict=False):
        assert a[1] + a[3] < b[1], "boxes overlap"
    for x, y, s in texts:
        assert 0 <= x <= view_w and 0 < y <= view_h
        inside = [r for r in boxes if r[0] <= x <= r[0] + r[2] and r[1] <= y <= r[1] + r[3]]
        if inside:  # box text, not an arrow label
            r = inside[0]
            assert x + len(s) * D.FONT * D.CHAR_EM <= r[0] + r[2], f"{s!r} overflows its box"
    # Every edge is drawn: one path each, with one arrowhead each.
    assert len(list(root.iter(f"{SVG}path"))) == len(edges)
    assert len(list(root.iter(f"{SVG}polygon"))) == len(edges)


def test_flowchart_is_accessible_and_themed():
    svg = D.flowchart(
        "Title",
        [D.Node("a", "A", key=True), D.Node("b", "B"), D.Node("c", "C")],
        [D.Edge("a", "b"), D.Edge("a", "c")],
        "Desc",
    ) + D.timeline("T", [("2023", ["1.0"])])
    root = _parse(svg[: svg.index("</svg>") + 6])
    assert root.get("role") == "img" and root.get("width") == "100%"
    ids = root.get("aria-labelledby", "").split()
    assert [root.find(f".//*[@id='{i}']").tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]  # type: ignore[union-attr]
    assert "var(--md-default-fg-color" in svg and "var(--md-accent-fg-color" in svg
    assert not re.search(r'(fill|stroke)="(#|rgb|black|white)', svg), "hard-coded colours do not follow dark mode"
    assert not re.search(r"(fill|stroke):(#|rgb|black|white)", svg)


def test_output_is_deterministic_and_ids_differ_between_diagrams():
    def make(label: str) -> str:
        return D.flowchart("t", [D.Node("a", label), D.Node("b", "B")], [D.Edge("a", "b", "x")])

    assert make("A") == make("A")
    id_a = re.search(r'id="([^"]+)"', make("A")).group(1)  # type: ignore[union-attr]
    id_b = re.search(r'id="([^"]+)"', make("B")).group(1)  # type: ignore[union-attr]
    assert id_a != id_b


def test_stacked_order_puts_successors_under_their_source():
    nodes = [D.Node(i, i) for i in ["rsp", "m1", "r1", "m2", "r2"]]
    edges = [D.Edge("rsp", "m1"), D.Edge("m1", "r1"), D.Edge("rsp", "m2"), D.Edge("m2", "r2")]
    assert D.stacked_order(nodes, edges) == ["rsp", "m1", "r1", "m2", "r2"]
    # A merge (two parents, one child) keeps the child below both; a cycle still lists every node once.
    merge = [D.Node(i, i) for i in "abc"]
    assert D.stacked_order(merge, [D.Edge("a", "c"), D.Edge("b", "c")]) == ["a", "b", "c"]
    assert sorted(D.stacked_order(merge, [D.Edge("a", "b"), D.Edge("b", "a")])) == ["a", "b", "c"]


def test_unknown_or_duplicate_nodes_are_refused():
    with pytest.raises(ValueError):
        D.flowchart("t", [D.Node("a", "A")], [D.Edge("a", "zz")])
    with pytest.raises(ValueError):
        D.flowchart("t", [D.Node("a", "A"), D.Node("a", "B")], [])


def test_lineage_svg():
    svg = D.lineage_svg(
        "Lineage of AI R&D",
        [("ai-rnd", "Autonomous AI R&D"), ("ai-rnd-4", "AI R&D-4"), ("ai-rnd-5", "AI R&D-5")],
        [("ai-rnd", "ai-rnd-4", "split in 2.1"), ("ai-rnd", "ai-rnd-5", "split in 2.1")],
    )
    root = _parse(svg)
    shown = " ".join(_texts(root))
    for s in ["Autonomous AI R&D", "AI R&D-4", "AI R&D-5", "split in 2.1"]:
        assert s in shown
    assert "R&amp;D" in svg
    assert len(list(root.iter(f"{SVG}rect"))) == 3 and len(list(root.iter(f"{SVG}polygon"))) == 2


def test_safeguard_svg_shares_a_standard_between_thresholds():
    svg = D.safeguard_svg(
        "Safeguards required as of 2.2",
        [("cbrn-3", "CBRN-3"), ("ai-rnd-4", "AI R&D-4"), ("asl-3", "ASL-3 Deployment and Security Standards")],
        [("cbrn-3", "asl-3", "requires"), ("ai-rnd-4", "asl-3", "requires")],
    )
    root = _parse(svg)
    assert len(list(root.iter(f"{SVG}rect"))) == 3  # the standard drawn once
    assert len(list(root.iter(f"{SVG}polygon"))) == 2
    assert 'class="b k"' in svg  # thresholds outlined in the accent colour


def test_timeline():
    root = _parse(D.timeline("Versions", [("2023", ["1.0 (19 Sep)"]), ("2024", ["2.0 (15 Oct)", "<x> & y"])]))
    assert _texts(root) == ["2023", "1.0 (19 Sep)", "2024", "2.0 (15 Oct)", "<x> & y"]


def test_renderers_emit_svg_not_mermaid(atlas):
    ctx = Ctx(atlas, "overview.md")
    for out in [
        versions.versions_diagram(ctx),
        records.mechanisms_diagram(ctx),
        structure.structure_now(ctx),
        structure.structure_ifthen(ctx),
    ]:
        assert "mermaid" not in out and '<svg class="atlas-svg" role="img"' in out
        svg = out[out.index("<svg") : out.index("</svg>") + 6]
        _parse(svg)
    now = structure.structure_now(ctx)
    assert f"thresholds of {atlas.version_ids[-1]}" in now and "Risk Report" in now
    assert "Text version of the diagram" in now and "Text version of the diagram" in structure.structure_ifthen(ctx)


# --- the built site ---------------------------------------------------------------------------

SVG_PAGES = ["/overview/", "/theory-of-change/", "/versions/", "/safeguards/", "/thresholds/ai-rnd/"]


def svg_problems(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with a built page's diagrams: none drawn, Mermaid left, or no accessible name."""
    problems = []
    svgs = doc.select("svg[role=img]")
    if not svgs:
        problems.append("no inline <svg role=img>")
    if doc.select(".mermaid") or doc.select("pre.mermaid, code.language-mermaid"):
        problems.append("a Mermaid block is left")
    for svg in svgs:
        title = svg.find("title")
        if title is None or not title.get_text(strip=True):
            problems.append("an SVG without a <title>")
        elif title.get("id") not in (svg.get("aria-labelledby") or "").split():
            problems.append("an SVG not labelled by its <title>")
    return problems


@pytest.mark.parametrize("url", SVG_PAGES)
def test_built_pages_have_inline_svg_diagrams(site: Path, url: str):
    doc = page(site, url)
    assert svg_problems(doc) == []
    assert not doc.select('script[src*="mermaid"]')
    # The text alternatives next to the diagrams are rendered, not left as raw Markdown.
    content = doc.select_one("article") or doc
    assert "](" not in content.get_text(), "unrendered Markdown link on the page"


def test_version_timeline_list_has_links(site: Path):
    items = page(site, "/versions/").select("ol.atlas-tl li")
    assert items and all(li.select_one("a[href]") for li in items)


def test_svg_problems_catches_broken_pages():
    from bs4 import BeautifulSoup

    def check(html: str) -> list[str]:
        return svg_problems(BeautifulSoup(html, "lxml"))

    assert check('<pre class="mermaid"><code>flowchart LR</code></pre>') == [
        "no inline <svg role=img>",
        "a Mermaid block is left",
    ]
    assert check('<svg role="img"><g/></svg>') == ["an SVG without a <title>"]
    assert check('<svg role="img"><title id="a">T</title></svg>') == ["an SVG not labelled by its <title>"]
    assert check('<svg role="img" aria-labelledby="a"><title id="a">T</title></svg>') == []


def test_many_side_arrows_stay_inside_the_drawing():
    # A star: one source, twenty targets, so nineteen arrows need a side lane each.
    nodes = [D.Node("hub", "Hub")] + [D.Node(f"t{i}", f"Target {i}") for i in range(20)]
    root = _parse(D.flowchart("star", nodes, [D.Edge("hub", f"t{i}", str(i)) for i in range(20)]))
    view_w = float(root.get("viewBox", "").split()[2])
    xs = [float(x) for p in root.iter(f"{SVG}path") for x in re.findall(r"[MH](-?[\d.]+)", p.get("d", ""))]
    assert max(xs) <= view_w
    assert min(float(r.get("width", 0)) for r in root.iter(f"{SVG}rect")) >= D.MIN_BOX


def test_lanes_are_reused_when_arrows_do_not_overlap():
    assert D._assign_lanes([(0, 2), (3, 5), (1, 4)]) == [0, 0, 1]
    assert D._assign_lanes([(0, 2), (2, 4)]) == [0, 1]  # touching at a box: separate lanes


def test_lineage_and_safeguard_svgs_take_the_real_data(atlas):
    """What the entity pages will pass once wired: every lineage family and every era's safeguard map."""
    from macros.compute import lineage
    from macros.compute.scope import state_at

    for th in atlas.entities["threshold"]:
        fam = lineage.family(atlas, th.id)
        links = [lk for lk in lineage.edges(atlas) if lk.source in fam and lk.target in fam]
        if not links:
            continue
        nodes = []
        for eid in fam:
            states = sorted(atlas.entity("threshold", eid).states, key=lambda s: atlas.index(s.from_))
            nodes.append((eid, " / ".join(dict.fromkeys(s.name for s in states))))
        edges = [(lk.source, lk.target, f"{lk.edge.type} in {lk.edge.at}") for lk in links]
        root = _parse(D.lineage_svg(f"Lineage of {th.id}", nodes, edges))
        shown = "".join("".join(_texts(root)).split())
        for _, label in nodes:
            assert "".join(label.split()) in shown
    for vid in ["1.0", "2.2", atlas.version_ids[-1]]:
        nodes, edges, seen = [], [], set()
        for th in atlas.entities["threshold"]:
            st = state_at(atlas, th, vid)
            if st is None:
                continue
            nodes.append((th.id, st.name))
            for sid in getattr(st, "required_safeguards", []):
                std = state_at(atlas, atlas.entity("standard", sid), vid)
                if sid not in seen:
                    seen.add(sid)
                    nodes.append((sid, std.name if std else sid))
                edges.append((th.id, sid, "requires"))
        root = _parse(D.safeguard_svg(f"Safeguards as of {vid}", nodes, edges))
        assert len(list(root.iter(f"{SVG}rect"))) == len(nodes)


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[list[D.Node], list[D.Edge]]:
    n = draw(st.integers(2, 7))
    nodes = [D.Node(f"n{i}", f"Box {i}") for i in range(n)]
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])))
    edges = [D.Edge(f"n{a}", f"n{b}", f"edge {a} to {b}") for a, b in sorted(pairs)]
    return nodes, edges


@settings(max_examples=80, deadline=None)
@given(_graphs())
def test_every_arrow_label_lies_along_its_own_arrow(graph: tuple[list[D.Node], list[D.Edge]]) -> None:
    """A label sits within the vertical stretch its own arrow covers, next to the box the arrow
    points at, so it never reads as a step of the boxes on the far side of a gap (audit F5/B9: an
    upward 'split in 2.1' arrow labelled above its target, beside another box's arrow)."""
    nodes, edges = graph
    root = _parse(D.flowchart("t", nodes, edges))
    span: dict[str, tuple[float, float]] = {}
    for p in root.iter(f"{SVG}path"):
        if p.get("data-edge") is None:
            continue
        d = p.get("d", "")
        ys = [float(m.group(2)) for m in re.finditer(r"M(-?[\d.]+) (-?[\d.]+)", d)]
        ys += [float(v) for v in re.findall(r"V(-?[\d.]+)", d)]
        span[p.get("data-edge", "")] = (min(ys), max(ys))
    labelled = 0
    for t in root.iter(f"{SVG}text"):
        k = t.get("data-edge")
        if k is None:
            continue
        labelled += 1
        lo, hi = span[k]
        y = float(t.get("y", 0))
        assert lo <= y - D.EDGE_FONT + 4 and y <= hi, (edges[int(k)], y, (lo, hi))
    assert labelled >= len(edges)


def _arrows(svg) -> dict[str, tuple[float, float, str]]:  # type: ignore[no-untyped-def]
    """Per arrow (data-edge): where it starts and ends vertically, and its label's text."""
    out = {}
    for p in svg.find_all("path", attrs={"data-edge": True}):
        d = p["d"]
        start = float(re.match(r"M-?[\d.]+ (-?[\d.]+)", d).group(1))  # type: ignore[union-attr]
        end = float(re.findall(r"V(-?[\d.]+)", d)[-1])
        label = " ".join(t.get_text() for t in svg.find_all("text", attrs={"data-edge": p["data-edge"]}))
        out[p["data-edge"]] = (start, end, label)
    return out


def test_lineage_figures_run_down_in_time_with_each_label_on_its_own_arrow(site: Path, atlas) -> None:  # type: ignore[no-untyped-def]
    """Audit F5/B9: the AI R&D figure read 'Model Autonomy checkpoint — split in 2.1 — AI R&D-5'.
    Every arrow of a lineage figure points down (older box above newer), every step of the text
    list has a labelled arrow, and a side arrow's label names the box it comes from."""
    for th in atlas.entities["threshold"]:
        doc = page(site, f"/thresholds/{th.id}/")
        fig = doc.select_one("#lineage ~ figure svg")
        if fig is None:
            continue
        arrows = _arrows(fig)
        steps = fig.find_parent("figure").find_next("ul").find_all("li", recursive=False)
        assert len(arrows) >= len(steps) > 0, th.id
        for start, end, _ in arrows.values():
            assert start < end, (th.id, start, end)
    labels = {
        label for *_, label in _arrows(page(site, "/thresholds/ai-rnd/").select_one("#lineage ~ figure svg")).values()
    }
    assert "from Autonomous AI R&D (v2.0): split in 2.1" in labels, labels
    assert not any("checkpoint" in label and "split" in label for label in labels), labels
