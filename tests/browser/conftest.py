"""Browser fixtures: the built site on a loopback HTTP server, Debian's chromium, and watched pages.

Never downloads a browser: Playwright drives /usr/bin/chromium (`make browser` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, Watched, serve, watch


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served from 127.0.0.1 on a free port, in a thread, for the whole session."""
    with serve(site) as origin:
        yield origin


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make browser`"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()  # bundles axe.min.js: nothing is fetched


@pytest.fixture
def context(chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    ctx = chromium.new_context(base_url=base_url, color_scheme="light")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def dark_context(chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    ctx = chromium.new_context(base_url=base_url, color_scheme="dark")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def mobile_context(chromium: Browser, base_url: str) -> Iterator[BrowserContext]:
    """Lighthouse's phone: 412 x 823 CSS pixels, touch."""
    ctx = chromium.new_context(
        base_url=base_url,
        viewport={"width": 412, "height": 823},
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def watched(context: BrowserContext, base_url: str) -> Watched:
    return watch(context, base_url)
