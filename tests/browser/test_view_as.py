""" "Viewing as of" on entity pages: the chosen version's state is highlighted, the choice lives in
the link and in localStorage, "compare with current" opens the right pair page, at desktop and
phone widths, by keyboard, clean under axe; without script the per-version anchors remain."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, expect

from macros.compute.scope import state_at
from tests.browser.support import Watched, axe_report, watch
from tests.browser.test_pages import AXE_OPTIONS

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
HIGHLIGHT = ".atlas-state--asof"


@pytest.fixture(params=list(WIDTHS))
def sized(request: pytest.FixtureRequest, chromium: Browser, base_url: str) -> Iterator[Watched]:
    width, height = WIDTHS[request.param]
    ctx: BrowserContext = chromium.new_context(base_url=base_url, viewport={"width": width, "height": height})
    try:
        yield watch(ctx, base_url)
    finally:
        ctx.close()


def test_a_version_in_the_link_highlights_its_state_and_offers_the_comparison(sized: Watched, axe: Axe, atlas) -> None:
    sized.goto("/thresholds/cbrn-4/?as-of=2.2")
    page = sized.page
    form = page.locator("form.atlas-viewas")
    expect(form).to_be_visible()
    expect(form.locator("select[name=as-of]")).to_have_value("2.2")
    state = state_at(atlas, atlas.entity("threshold", "cbrn-4"), "2.2")
    lit = page.locator(HIGHLIGHT)
    expect(lit).to_have_count(1)
    expect(lit).to_have_id(f"cbrn-4-{state.from_.replace('.', '-')}")
    expect(lit.locator(".atlas-asof-badge")).to_have_text("In force in RSP 2.2")
    expect(form.locator("output")).to_contain_text("RSP 2.2")
    link = form.locator(".atlas-viewas__compare")
    expect(link).to_be_visible()
    latest = atlas.version_ids[-1]
    href = link.evaluate("a => a.href")
    assert urlparse(href).path == f"/compare/2.2-vs-{latest}/" and href.endswith("#threshold-cbrn-4"), href
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    results = axe.run(page, options=AXE_OPTIONS).response
    assert results["violations"] == [], axe_report(results)
    link.click()
    page.wait_for_url(f"**/compare/2.2-vs-{latest}/#threshold-cbrn-4")
    sized.assert_clean()


def test_keyboard_choice_is_kept_in_the_link_and_across_pages(watched: Watched, atlas) -> None:
    watched.goto("/levels/asl-3/")
    page = watched.page
    select = page.locator("form.atlas-viewas select[name=as-of]")
    expect(select).to_have_value("")  # current by default: nothing highlighted
    expect(page.locator(HIGHLIGHT)).to_have_count(0)
    select.focus()
    page.keyboard.press("ArrowDown")  # from "Current" to the newest older version
    older = atlas.version_ids[-2]
    expect(select).to_have_value(older)
    assert parse_qs(urlparse(page.url).query) == {"as-of": [older]}
    expect(page.locator(HIGHLIGHT)).to_have_count(1)
    # Another entity page, no choice in its link: the stored choice applies.
    watched.goto("/glossary/")
    expect(page.locator("form.atlas-viewas select")).to_have_value(older)
    want = sum(1 for term in atlas.entities["term"] for s in term.states if state_at(atlas, term, older) is s)
    expect(page.locator(HIGHLIGHT)).to_have_count(want)
    # Back to current: the link and the store forget the choice.
    page.locator("form.atlas-viewas select").select_option("")
    expect(page.locator(HIGHLIGHT)).to_have_count(0)
    assert "as-of" not in page.url
    assert page.evaluate("localStorage.getItem('atlas-as-of')") is None
    watched.assert_clean()


def test_a_version_anchor_selects_its_version(watched: Watched) -> None:
    watched.goto("/governance/#responsible-scaling-officer-v2.2")
    expect(watched.page.locator("form.atlas-viewas select")).to_have_value("2.2")
    lit = watched.page.locator(HIGHLIGHT)
    assert lit.count() > 1  # every provision in force in 2.2
    for versions in lit.evaluate_all("els => els.map(e => e.dataset.versions)"):
        assert "2.2" in versions.split()
    watched.assert_clean()


def test_without_script_the_control_stays_hidden_and_anchors_work(chromium: Browser, base_url: str) -> None:
    ctx = chromium.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + "/safeguards/")
        expect(page.locator("form.atlas-viewas")).to_be_hidden()
        assert page.locator("[id$='-v2.2']").count() > 0
    finally:
        ctx.close()


def test_a_link_to_an_older_provision_state_opens_its_fold(chromium: Browser, base_url: str) -> None:
    """Governance folds each provision's older states under the one in force; a link to one of them
    (and a version anchor inside it) must open the fold and show the state."""
    ctx = chromium.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        for anchor in ("evaluation-cadence-3-0", "evaluation-cadence-v3.1"):
            page.goto(f"/governance/#{anchor}")
            target = page.locator(f"[id='{anchor}']")
            expect(target).to_be_visible()
            assert target.evaluate("el => el.closest('details.atlas-earlier').open")
            expect(target).to_be_in_viewport()  # retried: the scroll comes once the page has loaded
            top = target.evaluate("el => el.getBoundingClientRect().top")
            assert 0 <= top < 844, (anchor, top)  # its top on the screen, not just its lower part
    finally:
        ctx.close()


def test_viewing_as_of_an_old_version_opens_the_folds_it_highlights(watched: Watched) -> None:
    watched.goto("/governance/?as-of=2.2")
    page = watched.page
    hits = page.locator(".atlas-state--asof")
    expect(hits.first).to_be_visible()
    assert hits.count() > 0
    closed = page.eval_on_selector_all(
        ".atlas-state--asof", "els => els.filter(e => e.closest('details.atlas-earlier:not([open])')).length"
    )
    assert closed == 0
