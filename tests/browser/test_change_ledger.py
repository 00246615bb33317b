"""/changes/: the filters hide the right rows, live in the link, and a shared link restores them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import Watched

pytestmark = pytest.mark.browser

ROWS = "#atlas-ledger .atlas-change"


def _visible_ids(page: Page) -> set[str]:
    return set(page.eval_on_selector_all(ROWS + ":not([hidden])", "els => els.map(e => e.id)"))


def _expected(atlas, keep) -> set[str]:
    return {f"v{v.id}-{c.id}" for i, v in enumerate(atlas.versions) for c in v.changes if keep(i, v, c)}


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_effect_filter_round_trips_through_the_link(watched: Watched, atlas) -> None:
    watched.goto("/changes/")
    page = watched.page
    total = sum(len(v.changes) for v in atlas.versions)
    expect(page.locator("output.atlas-ledger__msg")).to_have_text(f"Showing {total} of {total} changes.")
    page.locator("select[name=effect]").select_option("raises-bar")
    want = _expected(atlas, lambda i, v, c: c.effect == "raises-bar")
    assert _visible_ids(page) == want
    expect(page.locator("output.atlas-ledger__msg")).to_have_text(f"Showing {len(want)} of {total} changes.")
    assert _query(page) == {"effect": ["raises-bar"]}
    # Versions left with no visible row lose their heading too.
    hidden = page.eval_on_selector_all(".atlas-ledger__version[hidden]", "els => els.map(e => e.dataset.version)")
    assert set(hidden) == {
        v.id for v in atlas.versions if v.changes and not any(c.effect == "raises-bar" for c in v.changes)
    }

    shared = page.url
    watched.goto(urlparse(shared).path + "?" + urlparse(shared).query)
    expect(page.locator("select[name=effect]")).to_have_value("raises-bar")
    assert _visible_ids(page) == want
    watched.assert_clean()


def test_version_range_entity_and_changelog_filters_combine(watched: Watched, atlas) -> None:
    order = {v.id: i for i, v in enumerate(atlas.versions)}
    watched.goto("/changes/?from=3.1&to=2.0&changelog=no")  # a reversed range still means 2.0 to 3.1
    page = watched.page
    want = _expected(atlas, lambda i, v, c: order["2.0"] <= i <= order["3.1"] and c.in_changelog == "no")
    assert want and _visible_ids(page) == want

    page.locator("select[name=changelog]").select_option("")
    page.locator("select[name=entity]").select_option("threshold:cbrn-4")
    want = _expected(atlas, lambda i, v, c: order["2.0"] <= i <= order["3.1"] and "threshold:cbrn-4" in c.entities)
    assert want and _visible_ids(page) == want
    assert _query(page) == {"from": ["3.1"], "to": ["2.0"], "entity": ["threshold:cbrn-4"]}

    page.get_by_role("button", name="Show all").click()
    expect(page.locator(ROWS + ":not([hidden])")).to_have_count(sum(len(v.changes) for v in atlas.versions))
    assert _query(page) == {}
    watched.assert_clean()


def test_an_unknown_value_in_the_link_is_ignored(watched: Watched, atlas) -> None:
    watched.goto("/changes/?effect=improves&entity=threshold:nope")
    assert len(_visible_ids(watched.page)) == sum(len(v.changes) for v in atlas.versions)
    watched.assert_clean()


def test_without_script_every_row_shows(chromium: Browser, base_url: str, atlas) -> None:
    ctx = chromium.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto("/changes/?effect=raises-bar")
        expect(page.locator(ROWS)).to_have_count(sum(len(v.changes) for v in atlas.versions))
        assert page.locator(ROWS + ":visible").count() == sum(len(v.changes) for v in atlas.versions)
        expect(page.locator("form.atlas-ledger-filter")).to_be_hidden()
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("url", "control"), [("/changes/", "form.atlas-ledger-filter"), ("/thresholds/cbrn-4/", "form.atlas-viewas")]
)
def test_a_control_takes_its_place_before_the_script_runs(
    chromium: Browser, base_url: str, url: str, control: str
) -> None:
    """Unhidden by atlas.js after the first paint, the ledger filter pushed the whole ledger down
    (Lighthouse: cumulative layout shift 0.25 on /changes/). With atlas.js held back, the control
    must already be laid out where it will stay."""
    ctx = chromium.new_context(base_url=base_url)
    try:
        page = ctx.new_page()
        page.route("**/assets/atlas.js", lambda route: route.abort())
        page.goto(url)
        expect(page.locator(control)).to_be_visible()
    finally:
        ctx.close()


def test_a_link_to_an_entry_far_down_lands_on_it_on_a_phone(chromium: Browser, base_url: str, atlas) -> None:
    """On a phone the ledger's entries skip layout until they near the screen (content-visibility,
    atlas.css): a link to one far down must still bring it into view, whole-width and readable."""
    last = atlas.versions[1]
    anchor = f"v{last.id}-{last.changes[-1].id}"
    ctx = chromium.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(f"/changes/#{anchor}")
        # The browser scrolls once the page has loaded; on a busy machine that can take a while.
        expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
        # Once it is in view, its top on the screen, not just its lower part.
        top, height = page.evaluate(
            "id => { const r = document.getElementById(id).getBoundingClientRect(); return [r.top, r.height]; }", anchor
        )
        assert 0 <= top < 844 and height > 100, (top, height)
    finally:
        ctx.close()
