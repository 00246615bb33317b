"""Build-time SVG diagrams on a 390 px phone, light and dark: legible text, no sideways scroll, no script."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.support import Watched, watch

pytestmark = pytest.mark.browser

PAGES = ["/theory-of-change/", "/overview/", "/versions/", "/safeguards/", "/thresholds/ai-rnd/"]
MIN_PX = 14.0  # issue 13 asks for 12 CSS px at least; the design aims at 14+

# For every visible diagram text: its font size as drawn (computed size x the SVG's scale), the height
# of its box on screen, and whether it ends inside its SVG; plus the page's horizontal overflow and
# the luminance of the text colour and of the page background.
MEASURE = """() => {
  const lum = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
  };
  const texts = [];
  for (const svg of document.querySelectorAll("svg.atlas-svg")) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      texts.push({
        text: t.textContent,
        drawn: parseFloat(getComputedStyle(t).fontSize) * scale,
        height: r.height,
        inside: r.left >= box.left - 1 && r.right <= box.right + 1,
        fill: lum(getComputedStyle(t).fill),
      });
    }
  }
  const bg = getComputedStyle(document.body).backgroundColor;
  return {
    texts,
    // clientWidth is the layout viewport (390): on a phone innerWidth grows to the content when zoomed out.
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    offscreen: [...document.querySelectorAll("svg.atlas-svg")].filter((s) => {
      const r = s.getBoundingClientRect();
      return r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1);
    }).length,
    background: lum(bg === "rgba(0, 0, 0, 0)" ? "rgb(255,255,255)" : bg),
  };
}"""


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, chromium: Browser, base_url: str) -> Iterator[Watched]:
    ctx: BrowserContext = chromium.new_context(
        base_url=base_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme=request.param,
    )
    try:
        yield watch(ctx, base_url)
    finally:
        ctx.close()


def problems(page: Page) -> list[str]:
    m = page.evaluate(MEASURE)
    out = []
    if not m["texts"]:
        out.append("no SVG diagram text on the page")
    for t in m["texts"]:
        if t["drawn"] < MIN_PX or t["height"] < MIN_PX:
            out.append(f"{t['text']!r} drawn at {t['drawn']:.1f} px (box {t['height']:.1f} px)")
        if not t["inside"]:
            out.append(f"{t['text']!r} runs out of its diagram")
        if abs(t["fill"] - m["background"]) < 0.4:
            out.append(f"{t['text']!r} has too little contrast with the page background")
    if m["offscreen"]:
        out.append(f"{m['offscreen']} diagram(s) extend past the screen edge")
    if m["overflow"] > 0:
        out.append(f"the page scrolls sideways by {m['overflow']} px")
    return out


@pytest.mark.parametrize("path", PAGES)
def test_diagrams_are_legible_on_a_phone(phone: Watched, path: str) -> None:
    phone.goto(path)
    assert phone.page.locator("svg.atlas-svg[role=img] title").count() > 0
    assert problems(phone.page) == []
    assert not [u for u in phone.requests if "mermaid" in u], "a page with SVG diagrams loaded Mermaid"
    phone.assert_clean()


def test_diagrams_are_legible_on_a_desktop(watched: Watched) -> None:
    watched.page.set_viewport_size({"width": 1280, "height": 800})
    watched.goto("/theory-of-change/")
    assert problems(watched.page) == []
    width = watched.page.locator("svg.atlas-svg").first.bounding_box()["width"]  # type: ignore[index]
    assert width >= 320, f"the diagram is squeezed to {width} px on a desktop"


def test_the_check_catches_small_clipped_or_unthemed_diagrams(phone: Watched) -> None:
    phone.goto("/overview/")
    page = phone.page
    page.add_style_tag(content=".atlas-svg{max-width:150px !important}")
    assert any("drawn at" in p for p in problems(page))
    page.add_style_tag(content=".atlas-svg{max-width:none !important;width:900px !important}")
    found = problems(page)
    assert any("scrolls sideways" in p for p in found)
    assert any("past the screen edge" in p for p in found)
    # Text painted in the background colour (what a hard-coded colour does in the other scheme).
    page.add_style_tag(content=".atlas-svg text{fill:var(--md-default-bg-color) !important}")
    assert any("contrast" in p for p in problems(page))
