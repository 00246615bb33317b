"""A pair page on a 390 px phone: the answer first, nothing wider than the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/compare/2.2-vs-3.0/", "/compare/1.0-vs-3.4/"])
def test_pair_page_fits_a_390px_phone_and_leads_with_the_changes(chromium: Browser, base_url: str, path: str) -> None:
    ctx = chromium.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(path)
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 0, f"{path} scrolls sideways by {wide}px at 390px"
        # the versions' own change lists start on the first screen
        top = page.locator("#stated").bounding_box()
        assert top is not None and top["y"] < 844
        # changed words are marked by more than colour
        ins = page.locator("article ins").first
        assert ins.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    finally:
        ctx.close()
