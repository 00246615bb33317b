"""Version grids (pair matrix, levels, governance at a glance, threshold explorer) at 1280 and 390 px.

Newest version first; nothing scrolls sideways (not the page, not the grid inside it); no word is
split across lines; every symbol says what it means; the explorer's filters live in the address.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.support import watch

pytestmark = pytest.mark.browser

GRIDS = {
    "/compare/": ".atlas-grid table",
    "/levels/": ".atlas-grid table",
    "/governance/": ".atlas-grid table",
    "/thresholds/": "table.atlas-explorer",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}

# Every word inside the grid whose letters land on more than one line (breaks after "/" or "-" are fine).
SPLIT_WORDS = """(root) => {
  const bad = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement || n.parentElement.getClientRects().length === 0) continue;
    const re = /[^\\s\\/\\-–]+/g;
    for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
      if (tops.size > 1) bad.push(m[0]);
    }
  }
  return bad;
}"""
# Elements inside the grid wider than what holds them (a scrolling box, or content past the screen).
OVERFLOW = """(root) => {
  const out = [];
  for (let el = root; el && el !== document.body; el = el.parentElement) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
      out.push(el.tagName + "." + el.className + " " + el.scrollWidth + ">" + el.clientWidth);
    }
  }
  const right = root.getBoundingClientRect().right;
  if (right > window.innerWidth + 1) out.push("grid ends at " + right + " px");
  return out;
}"""


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def sized(request: pytest.FixtureRequest, chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    width, height = WIDTHS[request.param]
    phone = request.param == "phone"
    ctx = chromium.new_context(
        base_url=base_url, viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    try:
        yield ctx
    finally:
        ctx.close()


def _shown(page: Page, selector: str) -> Page:
    return page.locator(selector).filter(visible=True).first  # type: ignore[return-value]


@pytest.mark.parametrize("path", list(GRIDS))
def test_grid_fits_without_sideways_scrolling_or_split_words(sized: BrowserContext, base_url: str, path: str) -> None:
    w = watch(sized, base_url)
    w.goto(path)
    page = w.page
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path}: the page is {width[0]} px wide in a {width[1]} px window"
    # On a phone the matrices give way to a list (the explorer to stacked cards); check what shows.
    shown = page.locator(f"{GRIDS[path]}, .atlas-narrow").filter(visible=True).first
    expect(shown).to_be_visible()
    assert shown.evaluate(OVERFLOW) == [], path
    assert shown.evaluate(SPLIT_WORDS) == [], path
    w.assert_clean()


@pytest.mark.parametrize("path", ["/levels/", "/governance/", "/compare/"])
def test_matrix_puts_the_newest_version_first_and_names_its_symbols(watched, path: str) -> None:  # type: ignore[no-untyped-def]
    watched.goto(path)
    page = watched.page
    heads = page.locator(".atlas-grid table thead th").all_inner_texts()
    versions = [h.strip() for h in heads[1:]]
    assert len(versions) >= 8, heads
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))), reverse=True), versions
    for cell in page.locator(".atlas-grid table tbody td:not(:first-child)").all()[:60]:
        text = cell.inner_text().strip()
        if text in {"●", "·", "–"}:
            label = cell.locator("[role=img]").get_attribute("aria-label") or ""
            assert len(label) > 3, f"{path}: symbol {text!r} without a text alternative"


def test_explorer_is_newest_first_and_its_filters_are_shareable(watched) -> None:  # type: ignore[no-untyped-def]
    watched.goto("/thresholds/")
    page = watched.page
    firsts = page.locator("#atlas-explorer tbody tr th").all_inner_texts()
    assert firsts[0].strip() == "3.4" or float(firsts[0]) > float(firsts[-1]), firsts
    form = page.locator("form.atlas-filter:not(.atlas-filter--kinds)")
    form.locator("select[name=domain]").select_option("cyber")
    form.locator("select[name=from]").select_option(label="3.0")
    assert page.url.endswith("/thresholds/?domain=cyber&from=3.0"), page.url
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    form = page.locator("form.atlas-filter:not(.atlas-filter--kinds)")
    expect(form.locator("select[name=domain]")).to_have_value("cyber")
    expect(form.locator("select[name=from]")).to_have_value("3.0")
    expect(page.locator("#atlas-explorer td[data-domain=chem-bio]").first).to_be_hidden()
    expect(page.locator("#atlas-explorer tbody tr:visible")).to_have_count(len([f for f in firsts if float(f) >= 3.0]))
    watched.assert_clean()
