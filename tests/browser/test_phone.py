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
# the page itself. Code blocks scroll by design; the strip of format labels in "Cite this page"
# wraps instead (assets/atlas.css), so it is checked like the rest.
INNER_SCROLL = """() => Array.from(document.querySelectorAll("article *")).filter(e => {
  const x = getComputedStyle(e).overflowX;
  return (x === "auto" || x === "scroll") && e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1
    && !e.closest("pre, code");
}).map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth} px`)"""

# Text under 12 px, as Lighthouse's "legible font sizes" counts it: every text node with its
# computed size, shown or folded away (closed boxes count too), scripts and styles aside.
SMALL_TEXT = """() => { const out = {}; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement, text = n.textContent.trim();
    if (!text || el.closest("script, style, noscript, template")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) {
      const key = `${el.tagName.toLowerCase()}.${el.className} ${size.toFixed(1)} px`;
      out[key] = (out[key] || 0) + text.length;
    }
  }
  return out; }"""


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


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_text_under_12_px(phone: BrowserContext, base_url: str, path: str) -> None:
    w = watch(phone, base_url)
    w.goto(path)
    assert w.page.evaluate(SMALL_TEXT) == {}, path
    w.assert_clean()


def test_cite_page_formats_fit_a_phone(phone: BrowserContext, base_url: str) -> None:
    """All five formats of "Cite this page" show at 390 px, each wrapping inside the box (no
    sideways scrolling), with its copy button in view."""
    w = watch(phone, base_url)
    w.goto("/compare/2.2-vs-3.0/")
    box = w.page.locator("details#cite-this-page")
    box.locator("summary").click()
    expect(box.locator("pre.atlas-citethis__text")).to_have_count(5)
    expect(box.locator("button.atlas-copy")).to_have_count(5)
    inside = box.evaluate(
        """b => { const r = b.getBoundingClientRect();
        return Array.from(b.querySelectorAll("pre, button")).every(e => { const x = e.getBoundingClientRect();
          return x.width > 0 && x.left >= r.left - 1 && x.right <= r.right + 1
            && e.scrollWidth <= e.clientWidth + 1; }); }"""
    )
    assert inside
    w.assert_clean()


def test_governance_grid_becomes_a_list_on_a_phone(phone: BrowserContext, base_url: str) -> None:
    w = watch(phone, base_url)
    w.goto("/governance/")
    expect(w.page.locator(".atlas-wide").first).to_be_hidden()
    expect(w.page.locator(".atlas-narrow li").first).to_be_visible()
    w.assert_clean()
