"""The 404 page, served the way static hosts serve it (404.html for any unknown path).

Upper-case or slash-less addresses of real pages are corrected in the browser (macros/notfound.py
explains why not with static redirect pages); other misses get suggestions, a prefilled search box
and the ways in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.support import QuietHandler, serve, watch

pytestmark = pytest.mark.browser


class NotFoundHandler(QuietHandler):
    """Like GitHub Pages: an unknown path gets the site's 404.html with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    with serve(site, NotFoundHandler) as origin:
        yield origin


@pytest.fixture
def ctx(chromium: Browser, host: str) -> Iterator[BrowserContext]:
    context = chromium.new_context(base_url=host)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize(
    ("asked", "lands"),
    [
        ("/thresholds/CBRN-4/", "/thresholds/cbrn-4/"),
        ("/compare/2.2-VS-3.0/", "/compare/2.2-vs-3.0/"),
        ("/Glossary/#asl", "/glossary/#asl"),
        ("/versions/3.4", "/versions/3.4/"),
    ],
)
def test_an_address_that_differs_only_in_case_or_slash_reaches_the_page(
    ctx: BrowserContext, host: str, asked: str, lands: str
) -> None:
    page = ctx.new_page()
    page.goto(asked)
    expect(page).to_have_url(host + lands)
    expect(page.locator("#atlas-404")).to_have_count(0)


def test_a_missing_page_suggests_the_nearest_and_offers_search_and_ways_in(ctx: BrowserContext, host: str) -> None:
    w = watch(ctx, host)
    response = w.page.goto(host + "/thresholds/cbrn4/")
    assert response is not None and response.status == 404
    page = w.page
    expect(page.locator("h1")).to_have_text("Page not found")
    suggestion = page.locator(".atlas-404__suggest a").first
    expect(suggestion).to_have_text("/thresholds/cbrn-4/")
    expect(page.locator("#atlas-404-q")).to_have_value("thresholds cbrn4")
    for target in ("/current/", "/versions/", "/glossary/"):
        expect(page.locator(f'#atlas-404 a[href$="{target}"]')).to_have_count(1)
    suggestion.click()
    expect(page).to_have_url(host + "/thresholds/cbrn-4/")
    # A 404 is expected here; nothing else may fail or leave the site.
    w.console_errors[:] = [e for e in w.console_errors if "404" not in e]
    w.assert_clean()
