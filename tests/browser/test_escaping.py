"""Inline SVG diagrams show data text exactly: labels are XML-escaped at build time
(macros/render/diagram.py svg_text) and must render as the original characters, not as codes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import Watched

pytestmark = pytest.mark.browser


def test_svg_labels_show_the_data_text(watched: Watched, atlas) -> None:
    watched.goto("/safeguards/")
    expect(watched.page.locator("svg.atlas-svg").first).to_be_visible()
    shown = " ".join(watched.page.locator("svg.atlas-svg text").all_text_contents())
    names = {st.name for th in atlas.entities["threshold"] for st in th.states}
    with_amp = {n for n in names if "&" in n and n in shown}
    assert with_amp, "expected a threshold name with '&' (e.g. 'AI R&D-4') among the diagram labels"
    assert "&amp;" not in shown and "&#" not in shown and "#amp;" not in shown, shown
    watched.assert_clean()
