"""Mermaid diagrams render from the self-hosted copy, never from unpkg.com, with and without instant navigation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Route, expect

from tests.browser.support import Watched

pytestmark = pytest.mark.browser

# Material renders each diagram into a *closed* shadow root; open it so the test can see the <svg>.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""
VENDOR = "/assets/vendor/mermaid.min.js"


def expect_diagrams(w: Watched) -> None:
    page = w.page
    expect(page.locator("div.mermaid svg").first).to_be_visible(timeout=20_000)
    expect(page.locator("pre.mermaid")).to_have_count(0)  # every code block was replaced by a diagram
    svg = page.locator("div.mermaid svg").first
    assert svg.locator("g").count() > 0, "the diagram is empty"
    assert any(u.endswith(VENDOR) for u in w.requests), "the self-hosted Mermaid was not loaded"
    assert not [u for u in w.requests if "unpkg.com" in u]
    w.assert_clean()


# Pages still drawn by Mermaid; overview, theory of change and versions are inline SVG now (test_svg_diagrams.py).
@pytest.mark.parametrize("path", ["/safeguards/", "/thresholds/ai-rnd/"])
def test_diagram_renders_from_own_copy(watched: Watched, path: str) -> None:
    watched.page.add_init_script(OPEN_SHADOW_ROOTS)
    watched.goto(path)
    assert watched.page.locator(".mermaid").count() > 0, f"{path} has no diagram"
    expect_diagrams(watched)


def test_diagram_renders_after_instant_navigation(watched: Watched) -> None:
    """Instant navigation swaps the content without running the page's own script tags."""
    page = watched.page

    # Material only intercepts links listed in sitemap.xml, matched by scheme, host *and port*: point the
    # sitemap at this server, as it points at the real host in production.
    def local_sitemap(route: Route) -> None:
        body = route.fetch().text()
        route.fulfill(body=re.sub(r"<loc>https?://[^/<]+/", f"<loc>{watched.origin}/", body), content_type="text/xml")

    page.route("**/sitemap.xml", local_sitemap)
    page.add_init_script(OPEN_SHADOW_ROOTS)
    watched.goto("/glossary/", wait_until="networkidle")  # instant navigation starts once the sitemap is in
    assert not any(u.endswith(VENDOR) for u in watched.requests), "a page without diagrams loaded Mermaid"
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a[href$='/safeguards/']").first.click()
    page.wait_for_url("**/safeguards/")
    expect_diagrams(watched)
    assert page.evaluate("window.__sameDocument === true"), "that was a full page load, not instant navigation"
