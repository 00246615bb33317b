"""The 404 page's knowledge of the site (macros/notfound.py) and the page itself (overrides/404.html)."""

from __future__ import annotations

import json
from pathlib import Path

from macros import notfound
from tests.conftest import ROOT
from tests.htmlsite import soup


def test_known_urls_cover_pages_and_redirects_in_lower_case(atlas):
    urls = notfound.known_urls(atlas, ROOT)
    assert {"", "thresholds/cbrn-4/", "compare/2.2-vs-3.0/", "versions/latest/", "compare/3.0-vs-2.2/"} <= set(urls)
    # The 404 page lower-cases what it is asked: that only works if every known URL is lower case,
    # and a case-insensitive checkout could not hold two that differ only in case anyway.
    assert all(u == u.lower() for u in urls)
    assert len({u.lower() for u in urls}) == len(urls)


def test_known_urls_are_exactly_the_pages_the_site_serves(site: Path):
    known = set(json.loads((site / "assets" / "known-urls.json").read_text(encoding="utf-8")))
    served = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    assert known == served


def test_not_found_page_offers_search_and_the_ways_in(site: Path):
    doc = soup(site / "404.html")
    box = doc.select_one("#atlas-404")
    assert box is not None and box["data-known"].endswith("assets/known-urls.json")
    assert box.select_one('form[role=search] input[name="q"]') is not None
    hrefs = {a["href"] for a in box.select("a[href]")}
    assert {"/current/", "/versions/", "/glossary/"} <= hrefs
