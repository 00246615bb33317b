"""The light/dark toggle (overrides/partials/palette.html, assets/csp/palette.js): the scheme follows
the system until the reader chooses, one label shows the way to switch, the keyboard switches it,
and a choice is kept from page to page."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

LIGHT, DARK = "__palette_0", "__palette_1"
STORED = "Object.keys(localStorage).filter(k => k.endsWith('.__palette'))"


def switches_to(page: Page) -> str:
    labels = page.locator("form[data-atlas-palette] label:visible")
    expect(labels).to_have_count(1)
    # Its "for": the option it switches to (its title may be taken over by Material's tooltip).
    return labels.first.get_attribute("for") or ""


def test_light_system_shows_light_and_offers_dark(context: BrowserContext) -> None:
    page = context.new_page()
    page.goto("/governance/", wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert switches_to(page) == DARK
    assert page.evaluate(STORED) == [], "nothing is stored before the reader chooses"


def test_a_system_change_applies_until_the_reader_chooses(context: BrowserContext) -> None:
    page = context.new_page()
    page.goto("/governance/", wait_until="load")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.emulate_media(color_scheme="dark")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert switches_to(page) == LIGHT
    page.emulate_media(color_scheme="light")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # Once the reader has chosen, the choice holds.
    page.locator("form[data-atlas-palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(200)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_dark_system_shows_dark_and_offers_light(dark_context: BrowserContext) -> None:
    page = dark_context.new_page()
    page.goto("/governance/", wait_until="load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert switches_to(page) == LIGHT


def test_click_and_enter_switch_and_the_choice_is_kept(context: BrowserContext) -> None:
    page = context.new_page()
    page.goto("/", wait_until="load")
    body = page.locator("body")
    page.locator("form[data-atlas-palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert switches_to(page) == LIGHT
    assert len(page.evaluate(STORED)) == 1
    # Keyboard: Enter on the focused option switches to the next one, as in Material.
    page.locator("#__palette_1").focus()
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto("/levels/", wait_until="load")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert switches_to(page) == LIGHT
    assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
