"""/as-of/: a date in the form or in the link resolves to the version in force, in the page's own words."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from macros.render import asof
from macros.render.text import Ctx
from tests.browser.support import Watched

pytestmark = pytest.mark.browser


def _said(atlas, day: str) -> str:
    return asof.as_of_sentence(Ctx(atlas, "as-of.md"), dt.date.fromisoformat(day))


def test_a_date_in_the_link_resolves(watched: Watched, atlas) -> None:
    watched.goto("/as-of/?date=2025-06-01")
    msg = watched.page.locator("output.atlas-asof__msg")
    expect(msg).to_have_text(_said(atlas, "2025-06-01"))
    expect(watched.page.locator(".atlas-period--hit")).to_have_attribute("data-version", "2.2")
    watched.assert_clean()


def test_the_form_resolves_and_updates_the_link(watched: Watched, atlas) -> None:
    watched.goto("/as-of/")
    page = watched.page
    page.locator("input[name=date]").fill("2023-01-01")
    page.get_by_role("button", name="Show the policy on that date").click()
    expect(page.locator("output.atlas-asof__msg")).to_have_text(_said(atlas, "2023-01-01"))
    page.locator("input[name=date]").fill("2026-03-01")
    page.get_by_role("button", name="Show the policy on that date").click()
    expect(page.locator("output.atlas-asof__msg")).to_have_text(_said(atlas, "2026-03-01"))
    assert page.url.endswith("?date=2026-03-01")
    watched.assert_clean()
