"""Glossary tooltips (macros/tooltips.py): what a tooltip says, and where the extension puts one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from macros import tooltips as tt
from macros.model import Atlas
from tests.htmlsite import html_pages, page, soup, url_of

VERSIONS = ["1.0", "2.0", "3.0"]
# A small table of the shape `make gen` writes: one term that changed meaning, one that never did.
TABLE = {
    "versions": VERSIONS,
    "phrases": {"ASL": "asl", "AI Safety Level": "asl", "RSO": "rso"},
    "terms": {
        "asl": [
            {"from": "1.0", "to": "1.0", "versions": ["1.0"], "gloss": "Old ASL meaning."},
            {"from": "2.0", "to": None, "versions": ["2.0", "3.0"], "gloss": "New ASL meaning."},
        ],
        "rso": [{"from": "2.0", "to": None, "versions": ["2.0", "3.0"], "gloss": "The officer."}],
    },
}


@pytest.fixture
def md(tmp_path: Path) -> markdown.Markdown:
    path = tmp_path / "tooltips.json"
    path.write_text(json.dumps(TABLE), encoding="utf-8")
    return markdown.Markdown(extensions=["attr_list", "md_in_html", tt.TooltipExtension(table=str(path))])


def render(md: markdown.Markdown, text: str, src: str | None = "versions/1.0.md") -> str:
    md.reset()
    if src is not None:
        text += tt.marker(src, VERSIONS)
    return md.convert(text)


def test_a_version_page_gets_that_versions_meaning_or_none():
    asl, rso = TABLE["terms"]["asl"], TABLE["terms"]["rso"]
    assert tt.tooltip(asl, ["1.0"]) == "Old ASL meaning."
    assert tt.tooltip(asl, ["3.0"]) == "New ASL meaning."
    assert tt.tooltip(rso, ["1.0"]) is None  # no RSO in 1.0: a 1.0 page explains nothing


def test_a_pair_page_gets_a_shared_meaning_a_labelled_one_or_a_pointer():
    asl, rso = TABLE["terms"]["asl"], TABLE["terms"]["rso"]
    assert tt.tooltip(asl, ["2.0", "3.0"]) == "New ASL meaning."
    assert tt.tooltip(asl, ["1.0", "2.0"]) == "Its meaning differs between RSP 1.0 and RSP 2.0: the glossary has both."
    assert tt.tooltip(rso, ["1.0", "2.0"]) == "RSP 2.0: The officer."


def test_a_page_about_no_version_labels_a_meaning_that_changed():
    assert tt.tooltip(TABLE["terms"]["asl"], []) == "Since RSP 2.0: New ASL meaning."
    assert tt.tooltip(TABLE["terms"]["rso"], []) == "The officer."  # never changed: no label
    ended = [{"from": "2.0", "to": "2.2", "versions": ["2.0", "2.1", "2.2"], "gloss": "Gone."}]
    assert tt.tooltip(ended, []) == "RSP 2.0–2.2: Gone."


def test_page_versions_come_from_the_page_path():
    assert tt.page_versions("versions/1.0.md", VERSIONS) == ["1.0"]
    assert tt.page_versions("compare/1.0-vs-3.0.md", VERSIONS) == ["1.0", "3.0"]
    assert tt.page_versions("current.md", VERSIONS) == ["3.0"]
    assert tt.page_versions("versions/9.9.md", VERSIONS) == []
    assert tt.page_versions("glossary.md", VERSIONS) == []


def test_first_use_per_section_only_never_in_headings_and_linked(md):
    out = render(
        md,
        "Intro: ASL and the AI Safety Level.\n\n## ASL again\n\nASL here, ASL there.\n\n### Sub\n\nASL once more.\n",
    )
    assert out.count("<abbr") == 2  # intro and the second section; the h3 is part of the h2 section
    assert "<h2>ASL again</h2>" in out
    assert (
        '<abbr title="Old ASL meaning."><a class="atlas-term" href="../glossary.md#asl">ASL</a></abbr> and the AI'
        in out
    )
    assert "<!--" not in out  # the page marker is gone


def test_no_tooltip_inside_links_code_or_where_the_version_lacks_the_term(md):
    out = render(md, "[ASL](https://example.org) `ASL` RSO, then ASL.\n")
    assert out.count("<abbr") == 1
    assert out.endswith(
        'then <abbr title="Old ASL meaning."><a class="atlas-term" href="../glossary.md#asl">ASL</a></abbr>.</p>'
    )


def test_a_tooltip_in_markdown_inside_html_and_in_table_tails(md):
    out = render(md, "<div markdown>\n\nSee *the* ASL.\n\n</div>\n\nText *x* RSO.\n", src="compare/2.0-vs-3.0.md")
    assert '<abbr title="New ASL meaning.">' in out and '<abbr title="The officer.">' in out


def test_without_a_marker_a_tooltip_has_no_link_and_labels_its_range(md):
    out = render(md, "ASL.\n", src=None)
    assert out == '<p><abbr title="Since RSP 2.0: New ASL meaning.">ASL</abbr>.</p>'


def test_a_block_about_other_versions_gets_their_meaning_and_explains_afresh(md):
    # A state card (heading with data-versions) on a page about no version, then the page again.
    text = (
        'ASL first.\n\n## Cards\n\n### Old card { data-versions="1.0" }\n\nASL in 1.0.\n\n'
        '### New card { data-versions="2.0 3.0" }\n\nASL later.\n\n## After\n\nASL now.\n'
    )
    out = render(md, text, src=None)
    titles = [part.split('"', 1)[0] for part in out.split('<abbr title="')[1:]]
    now = "Since RSP 2.0: New ASL meaning."
    assert titles == [now, "Old ASL meaning.", "New ASL meaning.", now]
    # A container about a version (a change entry), and a titled paragraph, on a 3.0 page.
    out = render(md, '<div data-version="1.0" markdown>\n\nASL then.\n\n</div>\n\nASL now.\n', "versions/3.0.md")
    assert out.count('title="Old ASL meaning."') == 1 and out.count('title="New ASL meaning."') == 1
    out = render(md, '**Card** (v1.0)\n{: data-versions="1.0" }\n\nASL then.\n\n## Next\n\nASL.\n', "versions/3.0.md")
    assert out.index("Old ASL meaning.") < out.index("New ASL meaning.")
    # Narrowed to the page's own versions where they overlap: a 2.0-3.0 card on the 3.0 page.
    out = render(md, '### C { data-versions="1.0 3.0" }\n\nASL.\n', "versions/3.0.md")
    assert 'title="New ASL meaning."' in out


def test_links_name_the_glossary_source_relative_to_the_page_source(md):
    # Written as Markdown links are, so each engine rewrites them into its own URLs: MkDocs in its
    # "relpath" step (after this one), Zensical from the source file's folder. A URL-relative link
    # ("../glossary/") came out one level too deep on Zensical.
    for src, href in [
        ("index.md", "glossary.md#asl"),
        ("governance.md", "glossary.md#asl"),
        ("versions/index.md", "../glossary.md#asl"),
        ("versions/1.0.md", "../glossary.md#asl"),
        ("glossary.md", "#asl"),
    ]:
        assert f'href="{href}"' in render(md, "ASL.\n", src=src), src


def test_the_extension_runs_before_mkdocs_rewrites_links():
    md = markdown.Markdown(extensions=[tt.TooltipExtension()])
    names = list(md.treeprocessors._priority)
    mine = next(p.priority for p in names if p.name == "atlas_tooltips")
    assert 0 < mine < 5  # after the table of contents (5), before MkDocs' "relpath" (0)


def test_the_real_glossary_has_a_short_meaning_for_every_state(atlas: Atlas):
    data = tt.table(atlas.entities["term"], atlas.version_ids)
    for term, meanings in data["terms"].items():
        for m in meanings:
            assert m["gloss"], f"{term} from {m['from']}: no gloss"
        for versions in ([], *([v] for v in atlas.version_ids)):
            text = tt.tooltip(meanings, versions)
            assert text is None or len(text) <= tt.LIMIT, (term, versions, text)
    assert data["phrases"]["ASL"] == "asl" and data["phrases"]["Capability Threshold"] == "capability-threshold"


def test_every_built_tooltip_links_to_the_glossary(site: Path):
    """A page whose macros emit no marker would get tooltips with no way to the glossary: /cite/,
    mostly prose, gets its marker from the block-level editions() macro it calls."""
    assert page(site, "/cite/").select("article abbr > a.atlas-term[href='../glossary/#rsp']")
    unlinked = [
        f"{url_of(site, p)}: {a.get_text()}"
        for p in html_pages(site)
        for a in soup(p).select("article abbr")
        # on the glossary itself the link is to an anchor of the same page
        if not any(
            re.match(r"(.*glossary/)#[a-z0-9-]+$" if url_of(site, p) != "/glossary/" else r"#[a-z0-9-]+$", href)
            for href in (str(x.get("href", "")) for x in a.select("a.atlas-term"))
        )
    ]
    assert unlinked == []
