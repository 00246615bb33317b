"""Print: any page, and the overview as a one-page summary, come out clean on paper."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", ["/overview/", "/versions/3.0/"])
def test_print_hides_site_chrome_and_keeps_the_content(context: BrowserContext, base_url: str, path: str) -> None:
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "#cite-this-page"):
        assert not page.locator(selector).first.is_visible(), f"{path}: {selector} printed"
    assert page.locator("article h1").is_visible()
    assert page.locator(".atlas-verified").is_visible(), "the verification line belongs on paper"


def test_overview_prints_as_a_short_summary(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "/overview/", wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pdf_pages(pdf) <= 2, f"{_pdf_pages(pdf)} pages"
