"""At 390 × 844 (a common phone) pages do not scroll sideways, and wide grids give way to lists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.support import watch

pytestmark = pytest.mark.browser

PHONE_PAGES = ["/", "/current/", "/as-of/", "/paths/", "/faq/", "/glossary/", "/governance/", "/models/"]


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
    width = w.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path}: content is {width[0]} px wide in a {width[1]} px window"
    w.assert_clean()


def test_governance_grid_becomes_a_list_on_a_phone(phone: BrowserContext, base_url: str) -> None:
    w = watch(phone, base_url)
    w.goto("/governance/")
    expect(w.page.locator(".atlas-wide").first).to_be_hidden()
    expect(w.page.locator(".atlas-narrow li").first).to_be_visible()
    w.assert_clean()
