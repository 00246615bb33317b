"""Mermaid shows data text exactly: labels are written with Mermaid's entity codes (``#amp;``,
``#quot;`` …, macros/render/text.py mermaid_label) and must render as the original characters."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import Watched
from tests.browser.test_mermaid import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.browser


def test_mermaid_labels_show_the_data_text(watched: Watched, atlas) -> None:
    watched.page.add_init_script(OPEN_SHADOW_ROOTS)
    watched.goto("/safeguards/")
    expect(watched.page.locator("div.mermaid svg").first).to_be_visible(timeout=20_000)
    labels = set(watched.page.locator("div.mermaid svg .nodeLabel").all_text_contents())
    names = {st.name for th in atlas.entities["threshold"] for st in th.states}
    with_amp = {n for n in names if "&" in n} & labels
    assert with_amp, "expected a threshold name with '&' (e.g. 'AI R&D-4') among the diagram labels"
    assert not [t for t in labels if "#amp;" in t or "&amp;" in t or "#quot;" in t], labels
    watched.assert_clean()
