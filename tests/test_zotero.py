"""What Zotero saves from each kind of page, by the rules of its translators (tests/zotero.py).

Zotero's connector offers the COinS reading first (it outranks "Embedded Metadata"), so both
readings must be right: the site page with the site as an organisation, its title, release date,
URL and website title; on entity pages also each cited state (policy text and Atlas entry).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import citation
from macros.pagemeta import releases
from tests import zotero
from tests.conftest import ROOT

SITE = "https://rsp-atlas.github.io"
PAGES = {
    "/": "RSP Atlas",
    "/thresholds/cbrn-4/": "Novel chemical/biological weapons production",  # its current name
    "/versions/2.2/": "RSP 2.2",
    "/compare/2.2-vs-3.0/": "RSP 2.2 vs 3.0",
    "/glossary/": "Glossary",
    "/changes/": "Change ledger",
    "/cite/": "Cite",
}


def _doc(site: Path, url: str) -> str:
    path = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def release_date() -> str:
    return releases(ROOT)[0].date.isoformat()


@pytest.mark.parametrize("url", sorted(PAGES))
def test_embedded_metadata_reads_a_web_page_by_the_site(site: Path, url: str, release_date: str) -> None:
    item = zotero.embedded_metadata(BeautifulSoup(_doc(site, url), "html.parser"))
    assert item["itemType"] == "webpage", item["itemType"]  # not a "journal article"
    assert PAGES[url].lower() in item["title"].lower(), item["title"]
    assert item["url"] == SITE + url
    assert item["date"] == release_date.replace("-", "/")
    assert item["publicationTitle"] == citation.SITE  # Zotero's "Website Title"
    # Highwire has no organisation authors: Zotero splits the name at its last space, in order.
    assert [" ".join(filter(None, (c["firstName"], c["lastName"]))) for c in item["creators"]] == [citation.AUTHOR]
    assert item["archiveLocation"] is None  # nothing lands in "Loc. in Archive"


@pytest.mark.parametrize("url", sorted(PAGES))
def test_coins_reading_comes_first_and_names_the_site_as_an_organisation(
    site: Path, url: str, release_date: str
) -> None:
    html = _doc(site, url)
    items = zotero.zotero_reads(html)
    page = items[0]  # the page's own COinS leads the list Zotero offers
    embedded = zotero.embedded_metadata(BeautifulSoup(html, "html.parser"))
    assert page["itemType"] == "webpage"
    assert page["title"] == embedded["title"]
    assert page["url"] == SITE + url
    assert page["date"] == release_date
    assert page["publicationTitle"] == citation.SITE
    assert page["creators"] == [{"lastName": citation.AUTHOR, "isInstitution": True}]


def test_pair_page_names_both_versions(site: Path) -> None:
    item = zotero.embedded_metadata(BeautifulSoup(_doc(site, "/compare/2.2-vs-3.0/"), "html.parser"))
    assert "2.2" in item["title"] and "3.0" in item["title"]
    assert item["abstractNote"] == "Compares Anthropic's Responsible Scaling Policy version 2.2 with version 3.0."
    assert len(item["relations"]) == 2 and all(u.startswith("http") for u in item["relations"])
    (page,) = zotero.zotero_reads(_doc(site, "/compare/2.2-vs-3.0/"))
    assert page["title"] == item["title"]


def test_entity_page_offers_each_cited_state(site: Path) -> None:
    items = zotero.zotero_reads(_doc(site, "/thresholds/cbrn-4/"))
    reports = [i for i in items if i["itemType"] == "report" and "Version 2.2" in i["title"]]
    assert reports, [i["title"] for i in items]
    policy = reports[0]
    assert policy["creators"] == [{"lastName": "Anthropic", "isInstitution": True}]
    assert policy["url"].endswith("#page=8") and policy["pages"] == "4"
    assert policy["date"] == "2025-05-14"
    entries = [i for i in items if i["itemType"] == "webpage" and i["title"] == "CBRN-4 in RSP version 2.2"]
    assert len(entries) == 1 and entries[0]["url"] == f"{SITE}/thresholds/cbrn-4/#v2.2"


def test_glossary_and_changes_offer_their_citations(site: Path) -> None:
    gloss = zotero.zotero_reads(_doc(site, "/glossary/"))
    assert any(i["url"] == f"{SITE}/glossary/#asl-v2.2" for i in gloss)
    changes = zotero.zotero_reads(_doc(site, "/changes/"))
    assert any(i["url"].startswith(f"{SITE}/changes/#v") for i in changes[1:])


def test_the_emulation_can_fail() -> None:
    """The readings reject what Zotero gets wrong: a bare citation_title page is a journal
    article to Zotero, and rft.creator splits an organisation into a person."""
    bare = BeautifulSoup('<html><head><meta name="citation_title" content="X"></head></html>', "html.parser")
    assert zotero.embedded_metadata(bare)["itemType"] == "journalArticle"
    text = '<meta name="citation_title" content="X"><meta name="DC.type" content="Text">'
    assert (
        zotero.embedded_metadata(BeautifulSoup(f"<html><head>{text}</head></html>", "html.parser"))["itemType"]
        == "journalArticle"
    )
    person = zotero.parse_context_object("rft_val_fmt=info:ofi/fmt:kev:mtx:dc&rft.creator=RSP+Atlas+contributors")
    assert person is not None and person["creators"] == [{"firstName": "RSP Atlas", "lastName": "contributors"}]
    plus = zotero.parse_context_object("rft_val_fmt=info:ofi/fmt:kev:mtx:dc&rft.title=a%2Bb")
    assert plus is not None and plus["title"] == "a b"


def test_coins_spans_are_not_tooltip_hosts(site: Path) -> None:
    """Material mounts a tooltip on every [title] but [data-preview], at load: on /glossary/ and
    /changes/ that was hundreds of mounts for empty spans no reader can hover."""
    for url in ("/", "/glossary/", "/changes/"):
        spans = BeautifulSoup(_doc(site, url), "html.parser").select("span.Z3988[title]")
        assert spans and all(s.has_attr("data-preview") for s in spans), url
