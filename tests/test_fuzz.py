"""Property-based fuzzing (hypothesis) of every exit with hostile strings, and of the loader.

Each escaper is checked by parsing its output the way the reader's software will (Markdown, HTML,
XML, CSV, JSON, inline SVG) and asserting the text comes back as exactly the data
text, with no markup, no template syntax and no way out of its context. Deterministic
(``derandomize``) and without an example database, so a run is reproducible and writes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.__main__ import main as cli
from macros.exports import csv_files, dataset_json, feed_xml
from macros.model import Atlas, load_atlas
from macros.model.load import forbidden_char
from macros.release import Release
from macros.render import entities
from macros.render.text import Ctx, attr, esc, html_text, inert_title, one_line
from tests.conftest import MINI

FUZZ = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Fragments that end or open a context somewhere on the site.
NASTY = [
    "<script>alert(1)</script>",
    "</title>",
    '"',
    "'",
    "`",
    "```",
    "{{ 7*7 }}",
    "{% raw %}",
    "{##",
    "|",
    "[",
    "]",
    "](javascript:alert(1))",
    "*[x]: y",
    "\\",
    "#",
    "#quot;",
    "&",
    "&amp;",
    "&#123;",
    "]]>",
    "-->",
    "<!--",
    "- ",
    "1. ",
    "---",
    "> ",
    ":",
    "{ #id }",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x07",
    "\x1b",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\ufffe",
    "é",
    "😀",
]
hostile = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=8).map("".join)
# What the validator lets through to the renderers (it refuses control, bidi, zero-width chars).
valid = hostile.map(one_line).filter(lambda s: s and forbidden_char(s) is None)

MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "def_list", "footnotes", "abbr", "admonition"])


def _text(html_fragment: str) -> str:
    return BeautifulSoup(html_fragment, "html.parser").get_text()


@FUZZ
@given(valid)
def test_markdown_inline_escaping(s: str) -> None:
    out = esc(s)
    assert "\n" not in out and not re.search(r"\{\{|\{%|\{#", out)
    rendered = MD.reset().convert(out)
    soup = BeautifulSoup(rendered, "html.parser")
    # One paragraph of plain text: no list, rule, heading, link, emphasis, code or raw HTML.
    assert [t.name for t in soup.find_all(True)] == ["p"], rendered
    assert soup.get_text() == s


@FUZZ
@given(valid)
def test_markdown_escaping_inside_a_table_cell(s: str) -> None:
    rendered = MD.reset().convert(f"| a | b |\n|---|---|\n| {esc(s)} | z |\n")
    cells = BeautifulSoup(rendered, "html.parser").select("tbody td")
    assert [c.get_text() for c in cells] == [s, "z"], rendered


@FUZZ
@given(hostile)
def test_html_text_and_attribute_escaping(s: str) -> None:
    doc = BeautifulSoup(f'<p title="{attr(s)}">{html_text(s)}</p><i>end</i>', "html.parser")
    assert [t.name for t in doc.find_all(True)] == ["p", "i"]
    assert doc.p.get_text() == one_line(s)
    assert doc.p["title"] == s


@FUZZ
@given(hostile)
def test_front_matter_titles_are_inert(s: str) -> None:
    title = inert_title(s)
    assert not set(title) & set('<>"{}\n')
    assert html.unescape(title) == one_line(s)
    # As Material writes it: unescaped into <title> and into a double-quoted attribute.
    doc = BeautifulSoup(f'<title>{title}</title><meta content="{title}"><i>end</i>', "html.parser")
    assert doc.title.get_text() == one_line(s) and doc.meta["content"] == one_line(s)
    assert [t.name for t in doc.find_all(True)] == ["title", "meta", "i"]


def _with_text(mini: Atlas, s: str) -> Atlas:
    versions = tuple(v.model_copy(update={"summary": s, "title": s}) for v in mini.version_items)
    ths = tuple(
        th.model_copy(update={"states": [st_.model_copy(update={"name": s, "summary": s}) for st_ in th.states]})
        for th in mini.entities["threshold"]
    )
    return dataclasses.replace(mini, version_items=versions, entities={**mini.entities, "threshold": ths})


@pytest.fixture(scope="module")
def mini_atlas() -> Atlas:
    return load_atlas(MINI / "data")


@FUZZ
@given(hostile)
def test_feed_is_well_formed_and_round_trips(mini_atlas: Atlas, s: str) -> None:
    atlas = _with_text(mini_atlas, s)
    rel = Release(version="1.0.0", date=atlas.versions[0].effective, summary=s)
    root = ET.fromstring(feed_xml(atlas, "https://example.org/", [rel]).encode("utf-8"))
    ns = "{http://www.w3.org/2005/Atom}"
    keep = re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", s)
    summaries = [e.findtext(f"{ns}summary") for e in root.iter(f"{ns}entry")]
    # XML parsers normalise line ends; everything else comes back as written.
    assert all(x.startswith(keep.replace("\r\n", "\n").replace("\r", "\n")) for x in summaries)


@FUZZ
@given(valid)
def test_csv_and_json_round_trip(mini_atlas: Atlas, s: str) -> None:
    atlas = _with_text(mini_atlas, s)
    rows = list(csv.DictReader(io.StringIO(csv_files(atlas)["versions.csv"], newline="")))
    # Text a spreadsheet would read as a formula comes back behind one apostrophe (docs/data.md).
    cell = "'" + s if s[0] in "=+-@" else s
    assert [r["summary"] for r in rows] == [cell] * len(atlas.versions)
    th = list(csv.DictReader(io.StringIO(csv_files(atlas)["thresholds.csv"], newline="")))
    assert {r["name"] for r in th} == {cell}
    data = json.loads(dataset_json(atlas))
    assert {v["summary"] for v in data["versions"]["items"]} == {s}


# Characters XML 1.0 allows; the validator lets a few others through (e.g. U+FFFE), which HTML tolerates.
_XML_OK = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


@FUZZ
@given(valid.filter(_XML_OK.fullmatch))
def test_diagram_svgs_parse_and_show_the_data_text(mini_atlas: Atlas, s: str) -> None:
    atlas = _with_text(mini_atlas, s)
    for md in (
        entities.safeguard_map(Ctx(atlas, "safeguards.md")),
        entities.threshold_page(Ctx(atlas, "thresholds/alpha.md"), "alpha"),
    ):
        svgs = re.findall(r"<svg\b.*?</svg>", md, flags=re.S)
        assert svgs
        shown = ""
        for svg in svgs:
            root = ET.fromstring(svg)  # smuggled markup would break the XML or add elements
            assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
            assert "{{" not in svg and "{%" not in svg and "\n\n" not in svg
            shown += "".join(root.itertext())
        assert "".join(s.split()) in "".join(shown.split())


# --- the loader: any input is data OK or one-line errors, never an exception ----------------------


def _run(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli(["validate", "--root", str(root)])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(MINI, root)
    return root


def _reset(root: Path) -> None:
    for path in (MINI / "data").glob("*.yml"):
        shutil.copy2(path, root / "data" / path.name)


@settings(FUZZ, max_examples=60)
@given(hostile)
def test_loader_takes_any_text_in_any_field(scratch: Path, capsys: pytest.CaptureFixture[str], s: str) -> None:
    _reset(scratch)
    path = scratch / "data" / "thresholds.yml"
    quoted = json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar
    path.write_text(path.read_text(encoding="utf-8").replace("id: gamma", f"id: {quoted}", 1), encoding="utf-8")
    versions = scratch / "data" / "versions.yml"
    versions.write_text(versions.read_text().replace("summary: Second version.", f"summary: {quoted}"))
    code, err = _run(scratch, capsys)
    assert code in (0, 1)
    assert all(line.startswith("data/") and line.isprintable() for line in err), err
    assert code == 0 or 1 <= len(err) <= 3, err  # at most one line per hostile field (id, summary)


@settings(FUZZ, max_examples=60)
@given(st.binary(max_size=200))
def test_loader_takes_any_bytes(scratch: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    _reset(scratch)
    (scratch / "data" / "faq.yml").write_bytes(data)
    code, err = _run(scratch, capsys)
    assert code == 1 and len(err) >= 1
    assert all(line.startswith("data/faq.yml:") and line.isprintable() for line in err), err


@settings(FUZZ, max_examples=40)
@given(
    st.dictionaries(
        st.text(max_size=6),
        st.recursive(
            st.none() | st.text(max_size=6) | st.integers(),
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=4), c, max_size=3),
            max_leaves=6,
        ),
        max_size=4,
    )
)
def test_loader_takes_any_yaml_shape(scratch: Path, capsys: pytest.CaptureFixture[str], doc: dict) -> None:
    _reset(scratch)
    (scratch / "data" / "levels.yml").write_text(yaml.safe_dump({"verified": "2026-01-01", "items": [doc]}))
    code, err = _run(scratch, capsys)
    assert code == 1
    assert all(line.startswith("data/") and line.isprintable() for line in err), err
