"""One page of each type: no console or page errors, no request off the site's origin, no axe-core violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, expect

from tests.browser.support import Watched, axe_report, watch

pytestmark = pytest.mark.browser

# One page of each type the site generates or hand-writes.
PAGES = {
    "home": "/",
    "version": "/versions/3.0/",
    "comparison": "/compare/2.2-vs-3.0/",
    "level": "/levels/asl-3/",
    "explorer": "/thresholds/",
    "threshold": "/thresholds/cbrn-4/",
    "models": "/models/",
    "theory-of-change": "/theory-of-change/",
    "glossary": "/glossary/",
    "cite": "/cite/",
    "data": "/data/",
    "timeline": "/timeline/",
    "current": "/current/",
    "as-of": "/as-of/",
    "changes": "/changes/",
    "paths": "/paths/",
    "governance": "/governance/",
}

# axe-core's defaults plus WCAG 2.2's target size, which axe leaves off but Lighthouse checks.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def open_and_audit(w: Watched, axe: Axe, path: str) -> dict:
    # networkidle: late requests (search index worker, repository facts, diagrams) are recorded too.
    w.goto(path, wait_until="networkidle")
    assert w.page.locator("article h1").count() == 1, f"{path}: no single h1 in the article"
    cite = w.page.locator("details#cite-this-page")
    if cite.count():
        cite.locator("summary").click()  # audit the cite box's formats and buttons, hidden while closed
        assert cite.get_attribute("open") is not None
        expect(cite.locator("pre.atlas-citethis__text")).to_have_count(5)  # fetched on opening
    return axe.run(w.page, options=AXE_OPTIONS).response


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_is_clean(watched: Watched, axe: Axe, path: str) -> None:
    results = open_and_audit(watched, axe, path)
    assert results["violations"] == [], f"axe-core on {path}:\n{axe_report(results)}"
    watched.assert_clean()
    assert any(u.endswith("/assets/atlas.js") for u in watched.requests), "atlas.js was not loaded"


@pytest.mark.parametrize("path", ["/", "/versions/3.0/"], ids=["home", "version"])
def test_dark_mode_is_clean(dark_context: BrowserContext, base_url: str, axe: Axe, path: str) -> None:
    """prefers-color-scheme: dark selects Material's slate scheme; contrast must still pass."""
    w = watch(dark_context, base_url)
    results = open_and_audit(w, axe, path)
    assert w.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert results["violations"] == [], f"axe-core on {path} (slate):\n{axe_report(results)}"
    w.assert_clean()


@pytest.mark.parametrize("path", ["/", "/thresholds/"], ids=["home", "explorer"])
def test_phone_layout_is_clean(mobile_context: BrowserContext, base_url: str, axe: Axe, path: str) -> None:
    """On a phone, tables and link lists are tight: touch targets need WCAG 2.2's 24 px."""
    w = watch(mobile_context, base_url)
    results = open_and_audit(w, axe, path)
    assert results["violations"] == [], f"axe-core on {path} (phone):\n{axe_report(results)}"
    w.assert_clean()


def test_light_mode_is_the_default(watched: Watched) -> None:
    """The dark-mode test above only means something if the scheme really follows the media query."""
    watched.goto("/")
    assert watched.page.locator("body").get_attribute("data-md-color-scheme") == "default"
