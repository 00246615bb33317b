"""At 390 × 844 (a common phone) pages do not scroll sideways, and wide grids give way to lists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.support import watch

pytestmark = pytest.mark.browser

# One page of every type.
PHONE_PAGES = [
    "/",
    "/versions/3.0/",
    "/compare/2.2-vs-3.0/",
    "/levels/",
    "/thresholds/",
    "/thresholds/cbrn-4/",
    "/models/",
    "/theory-of-change/",
    "/glossary/",
    "/current/",
    "/governance/",
    "/changes/",
    "/as-of/",
    "/cite/",
    "/faq/",
    "/paths/",
]

# Boxes inside the page that scroll sideways: a table in Material's scroll wrapper counts as much as
# the page itself. Code blocks scroll by design, and so does Material's strip of tab labels (the
# cite-this formats), which brings its own scroll buttons.
INNER_SCROLL = """() => Array.from(document.querySelectorAll("article *")).filter(e => {
  const x = getComputedStyle(e).overflowX;
  return (x === "auto" || x === "scroll") && e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1
    && !e.closest("pre, code, .tabbed-labels");
}).map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth} px`)"""


@pytest.fixture
def phone(chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    ctx = chromium.new_context(
        base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_sideways_scrolling(phone: BrowserContext, base_url: str, path: str) -> None:
    w = watch(phone, base_url)
    w.goto(path)
    # clientWidth, not innerWidth: on a phone innerWidth grows to fit content wider than the screen
    width = w.page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{path}: content is {width[0]} px wide in a {width[1]} px window"
    assert w.page.evaluate(INNER_SCROLL) == [], f"{path}: a box scrolls sideways"
    w.assert_clean()


def test_governance_grid_becomes_a_list_on_a_phone(phone: BrowserContext, base_url: str) -> None:
    w = watch(phone, base_url)
    w.goto("/governance/")
    expect(w.page.locator(".atlas-wide").first).to_be_hidden()
    expect(w.page.locator(".atlas-narrow li").first).to_be_visible()
    w.assert_clean()
