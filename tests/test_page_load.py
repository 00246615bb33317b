"""What a page makes Material do on load, counted in the built HTML (not timed).

Material's ``content.tooltips`` mounts a tooltip component (listeners, a layout read) on every
element with a ``title`` in the article that is not ``[data-preview]``. Before this budget,
/governance/ had 376 of them (glossary terms in every block, a title on every grid symbol and on
every heading's "¶" link) and /changes/ 250: a large share of each page's Total Blocking Time in
Lighthouse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.htmlsite import html_pages, soup, url_of

pytestmark = pytest.mark.build

# The most titled elements one page may carry. The largest today: /governance/ and /changes/ (85).
TOOLTIP_HOSTS = 100


def tooltip_hosts(path: Path) -> int:
    article = soup(path).select_one("article")
    return 0 if article is None else len(article.select("[title]:not([data-preview])"))


def test_no_page_mounts_more_than_its_budget_of_tooltips(site: Path) -> None:
    over = {url_of(site, p): n for p in html_pages(site) if (n := tooltip_hosts(p)) > TOOLTIP_HOSTS}
    assert not over, f"pages over {TOOLTIP_HOSTS} tooltip hosts: {over}"


def test_headings_and_grid_symbols_carry_no_title(site: Path) -> None:
    for p in html_pages(site):
        doc = soup(p)
        assert not doc.select("a.headerlink[title]"), url_of(site, p)
        assert not doc.select("span[role=img][title]"), url_of(site, p)


def test_no_page_mounts_materials_palette_component(site: Path) -> None:
    """Material's palette component re-styles the whole page two to three times as it mounts
    (overrides/partials/palette.html); assets/csp/palette.js does its job without that. The toggle
    form must still be there, with one radio option per scheme (redirect pages have no header)."""
    for p in html_pages(site):
        doc = soup(p)
        if doc.select_one("header.md-header") is None:
            continue
        assert not doc.select('[data-md-component="palette"]'), url_of(site, p)
        form = doc.select_one("form[data-atlas-palette]")
        assert form is not None, url_of(site, p)
        assert len(form.select("input.md-option[type=radio]")) == 2, url_of(site, p)


def test_no_page_turns_on_instant_navigation(site: Path) -> None:
    """Material's instant navigation sets every relative ``href`` and ``src`` of the first page it
    loads to its absolute URL. For the ``<link rel=stylesheet>`` elements that is a new URL, so
    Chromium parses all three stylesheets again and re-styles the whole document: in a trace of
    /compare/2.2-vs-3.0/ at 4x CPU, a 53 ms forced restyle of 1,365 elements that is gone without
    it. Pages load whole instead."""
    for p in html_pages(site):
        config = soup(p).select_one("script#__config")
        if config is None:
            continue
        assert "navigation.instant" not in json.loads(config.string or "{}")["features"], url_of(site, p)


def test_no_table_is_left_for_material_to_move(site: Path) -> None:
    """Material moves every ``table:not([class])`` into its scroll wrapper on load, restyling the
    page each time (52 tables on /data/). macros/tables.py writes that wrapper at build time: every
    table in an article is classed, and each ``atlas-table`` sits in exactly one wrapper."""
    for p in html_pages(site):
        article = soup(p).select_one("article")
        if article is None:
            continue
        assert not article.select("table:not([class])"), url_of(site, p)
        for table in article.select("table.atlas-table"):
            inner = table.parent
            assert inner is not None and inner.get("class") == ["md-typeset__table"], url_of(site, p)
            outer = inner.parent
            assert outer is not None and outer.get("class") == ["md-typeset__scrollwrap"], url_of(site, p)
            assert not outer.find_parent(class_="md-typeset__table"), url_of(site, p)
