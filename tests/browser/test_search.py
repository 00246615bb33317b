"""Search finds what readers ask for: the page about a thing ranks near the top, old names find it too.

These drive Material's own search (its result list markup), so they belong to the MkDocs build.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.support import Watched

pytestmark = pytest.mark.browser

# query → a page that must be among the first results. Old names must find the current page.
QUERIES = [
    ("CBRN-4", "thresholds/cbrn-4/", 3),
    # lunr (inside Material) splits "ASL-3" and gives the number a trailing wildcard that matches every
    # version number, so level queries rank among the level pages, not first: a known limitation.
    ("ASL-3", "levels/asl-3/", 5),
    ("ASL-4", "levels/asl-4/", 5),
    ("CBRN-3", "thresholds/cbrn/", 3),
    ("AI R&D-5", "thresholds/ai-rnd-5/", 3),
    ("autonomous replication", "thresholds/ara/", 5),
    ("policy today", "current/", 3),
]


def _top(watched: Watched, query: str, n: int) -> list[str]:
    page = watched.page
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    items = page.locator(".md-search-result__list > li.md-search-result__item > a.md-search-result__link")
    expect(items.first).to_be_visible()
    hrefs: list[str] = items.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [urlsplit(h).path for h in hrefs[:n]]


@pytest.mark.parametrize(("query", "target", "n"), QUERIES)
def test_search_ranks_the_page_about_the_thing_first(watched: Watched, query: str, target: str, n: int) -> None:
    watched.goto("/")
    top = _top(watched, query, n)
    assert any(path.endswith("/" + target) for path in top), (query, top)


def test_pair_pages_stay_out_of_the_results(watched: Watched) -> None:
    """Pair pages repeat every entity name; they are reached from /compare/, not from search."""
    watched.goto("/")
    top = _top(watched, "Risk Reports", 20)
    assert top and not any("/compare/" in path and "-vs-" in path for path in top), top
