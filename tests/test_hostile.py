"""Hostile data text reaches no reader unescaped: each exit (stub titles, templates, SVG diagrams,
tooltips, feed) is checked with a string built to break out of it. In-process: fast."""

from __future__ import annotations

import dataclasses
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import yaml

from macros import pages
from macros.model import Atlas
from macros.model import types as t
from macros.render import entities
from macros.render.text import Ctx
from tests.conftest import ROOT

BREAKOUT = '</title><script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} "q" & #x; `b`'


def with_name(atlas: Atlas, kind: str, eid: str, name: str) -> Atlas:
    """``atlas`` with the last state of one entity renamed, bypassing validation (defence in depth:
    each exit must hold even for text the validator would reject)."""
    ents = []
    for e in atlas.entities[kind]:
        if e.id == eid:
            states = [*e.states[:-1], e.states[-1].model_copy(update={"name": name})]
            e = e.model_copy(update={"states": states})
        ents.append(e)
    return dataclasses.replace(atlas, entities={**atlas.entities, kind: tuple(ents)})


def hostile_atlas(mini: Atlas, name: str) -> Atlas:
    return with_name(mini, "threshold", "alpha", name)


def _front(stub: str) -> dict[str, str]:
    return yaml.safe_load(stub.split("---\n")[1])


def test_stub_titles_are_inert_html_and_never_jinja(mini: Atlas) -> None:
    atlas = hostile_atlas(mini, BREAKOUT)
    meta = _front(pages.expected_stubs(atlas)["thresholds/alpha.md"])
    for key in ("title", "description"):
        # No tag, no quote to leave an attribute, no Jinja start string for mkdocs-macros.
        assert not set(meta[key]) & set('<>"{}'), (key, meta[key])
    assert html.unescape(meta["title"]) == " ".join(BREAKOUT.split())


def _render_footer(policy_url: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=False)
    env.filters["url"] = lambda path: path  # MkDocs' filter: relative to the page
    page = {"meta": {}, "url": "versions/1.0/"}
    atlas_page = {"verified": "2026-01-01", "rsp_version": "1.0", "policy_url": policy_url}
    pagemeta = {"release": "1", "release_date": "2026-01-01", "cites": []}  # main.html sets it from config.extra
    return env.get_template("partials/atlas-footer.html").render(page=page, atlas_page=atlas_page, pagemeta=pagemeta)


def test_footer_escapes_the_policy_url_attribute() -> None:
    out = _render_footer('https://x.example/"><script>alert(1)</script>')
    assert "<script>" not in out
    assert 'href="https://x.example/&#34;&gt;&lt;script&gt;' in out


def test_head_template_escapes_urls_and_titles() -> None:
    # main.html extends Material's base; check each data-bearing expression is filtered.
    text = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    raw = re.findall(r"\{\{\s*(?:atlas_page\.(?:url|policy_url)|title)\s*\}\}", text)
    assert raw == [], raw


SVG_NS = "{http://www.w3.org/2000/svg}"


def _svgs(markdown: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", markdown, flags=re.S)


def test_diagram_labels_are_inert_svg_text(mini: Atlas) -> None:
    name = 'Alpha\n```\n<script>alert(1)</script>\n"] --> x["#quot; {{ 7*7 }} {% if 1 %}x{% endif %}'
    atlas = hostile_atlas(mini, name)
    for md in (
        entities.safeguard_map(Ctx(atlas, "safeguards.md")),
        entities.threshold_page(Ctx(atlas, "thresholds/alpha.md"), "alpha"),
    ):
        svgs = _svgs(md)
        assert svgs
        shown = ""
        for svg in svgs:
            root = ET.fromstring(svg)  # a label that smuggled markup in would break the XML or add elements
            assert not list(root.iter(f"{SVG_NS}script")) and "<script" not in svg
            # Braces are entity-encoded, so mkdocs-macros sees no Jinja; no blank line ends the HTML block.
            assert not {"{{", "{%", "{#"} & {svg[i : i + 2] for i in range(len(svg) - 1)}, svg
            assert "\n\n" not in svg
            shown += "".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
        assert "".join(name.split()) in "".join(shown.split())


def test_glossary_text_cannot_break_out_of_a_tooltip(mini: Atlas, tmp_path: Path) -> None:
    import json

    import markdown

    from macros import tooltips as tt

    state = mini.entities["threshold"][0].states[0]
    evil = '"><script>alert(1)</script> *[x]: y {{ z }}'
    term_state = t.TermState.model_construct(**{**dict(state), "name": "Term X", "definition": "d", "gloss": evil})
    term = t.Term.model_construct(id="term-x", abbr="XYZ", aka=["fine phrase"], states=[term_state])
    path = tmp_path / "t.json"
    path.write_text(tt.table_json((term,), mini.version_ids), encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["phrases"] == {
        "XYZ": "term-x",
        "Term X": "term-x",
        "fine phrase": "term-x",
    }
    md = markdown.Markdown(extensions=[tt.TooltipExtension(table=str(path))])
    out = md.convert("About XYZ." + tt.marker('a"b.md', mini.version_ids))
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;alert(1)" in out


def test_feed_stays_well_formed_xml_whatever_the_text(mini: Atlas) -> None:
    import xml.etree.ElementTree as ET

    from macros.exports import feed_xml
    from macros.release import Release

    text = "A\x07B\x00 <b>&amp;</b> ]]> \ufffe \"q\" 'a'"
    versions = tuple(v.model_copy(update={"summary": text}) for v in mini.version_items)
    atlas = dataclasses.replace(mini, version_items=versions)
    rel = Release(version="0.1.0", date=mini.versions[0].effective, summary="Release <x> \x1b")
    root = ET.fromstring(feed_xml(atlas, 'https://example.org/?a=1&b="2"/', [rel]).encode())
    ns = "{http://www.w3.org/2005/Atom}"
    summaries = [e.findtext(f"{ns}summary") for e in root.iter(f"{ns}entry")]
    assert any(s.startswith("A\ufffdB\ufffd <b>&amp;</b> ]]> \ufffd \"q\" 'a'") for s in summaries)
    assert root.find(f"{ns}link").get("href") == 'https://example.org/?a=1&b="2"/feed.xml'


FORMULAS = ["=1+1", '=HYPERLINK("http://x.example","y")', "+1", "-2+3", "@SUM(A1)", "\tx"]


def test_csv_cells_never_start_a_spreadsheet_formula(mini: Atlas) -> None:
    import csv
    import io

    from macros.exports import csv_files

    for text in [*FORMULAS, "plain - text", "'quoted", "a=b"]:
        versions = tuple(v.model_copy(update={"summary": text, "title": text}) for v in mini.version_items)
        atlas = hostile_atlas(dataclasses.replace(mini, version_items=versions), text)
        files = csv_files(atlas)
        rows = list(csv.DictReader(io.StringIO(files["versions.csv"], newline="")))
        shown = {r["summary"] for r in rows} | {r["title"] for r in rows}
        expected = "'" + text if text in FORMULAS else text  # only a formula start gains the apostrophe
        assert shown == {expected}, (text, shown)
        names = [r["name"] for r in csv.DictReader(io.StringIO(files["thresholds.csv"], newline=""))]
        assert names.count(expected) == 1, (text, names)
        changes = list(csv.DictReader(io.StringIO(files["changes.csv"], newline="")))
        assert [r["n"] for r in changes][:1] == ["1"]


def test_csv_cell_guards_text_only() -> None:
    from macros.exports import csv_cell

    assert [csv_cell(x) for x in ("\r=1", "=1", "a=1", "", "'x")] == ["'\r=1", "'=1", "a=1", "", "'x"]
    assert [csv_cell(x) for x in (-1, 2.5, None)] == [-1, 2.5, None]
