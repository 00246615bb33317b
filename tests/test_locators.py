"""Page locators: printed page numbers for readers, PDF pages for viewers and links."""

from __future__ import annotations

import dataclasses

import pytest

from macros.model import Atlas
from macros.model import types as t
from macros.render.common import cite_list
from macros.render.locators import first_pdf_page, page_ranges, printed_page, reader_locator
from macros.render.text import Ctx, esc

# The layouts of real RSP PDFs (see data/sources.yml): four unnumbered front pages in 2.x; an
# unnumbered cover in 3.x; two PDF pages printed "10" in 3.1-3.3.
V2 = [t.PrintedPages(pdf_from=5, pdf_to=23, offset=4)]
V30 = [t.PrintedPages(pdf_from=2, pdf_to=19, offset=0)]
V31 = [t.PrintedPages(pdf_from=2, pdf_to=10, offset=0), t.PrintedPages(pdf_from=11, pdf_to=20, offset=1)]


def test_printed_page_follows_the_runs_and_is_none_on_unnumbered_pages():
    assert [printed_page(n, V2) for n in (1, 4, 5, 15, 23, 24)] == [None, None, 1, 11, 19, None]
    assert [printed_page(n, V31) for n in (1, 9, 10, 11, 20)] == [None, 9, 10, 10, 19]


@pytest.mark.parametrize(
    ("locator", "ranges"),
    [
        ("§7.1.1, p. 15", [(15, 15)]),
        ("§1 table, pp. 6-7", [(6, 7)]),
        ("§1, threshold table, p. 8; Appendix C, p. 20", [(8, 8), (20, 20)]),
        ("§1 table, pp. 7 and 9", [(7, 7), (9, 9)]),
        ("pp. 6 and 8-9", [(6, 6), (8, 9)]),
        ("§3.6, footnote 9, p. 14", [(14, 14)]),
        ("p. 7, footnote 3", [(7, 7)]),
        ("Changelog, May 14, 2025 (RSP v2.2), p. 20", [(20, 20)]),
        ("Whole document", []),
        ("Appendix 4 and Gap. 3", []),
    ],
)
def test_page_ranges_parses_every_page_a_locator_names(locator, ranges):
    assert page_ranges(locator) == ranges
    assert first_pdf_page(locator) == (ranges[0][0] if ranges else None)


@pytest.mark.parametrize(
    ("locator", "runs", "shown"),
    [
        ("§7.1.1, p. 15", V2, "§7.1.1, p. 11 (PDF p. 15)"),
        ("§1 table, pp. 6-7", V2, "§1 table, pp. 2-3 (PDF pp. 6-7)"),
        (
            "§1, threshold table, p. 8; Appendix C, p. 20",
            V2,
            "§1, threshold table, p. 4 (PDF p. 8); Appendix C, p. 16 (PDF p. 20)",
        ),
        ("pp. 6 and 8-9", V2, "pp. 2 and 4-5 (PDF pp. 6 and 8-9)"),
        ("p. 7, footnote 3", V2, "p. 3 (PDF p. 7), footnote 3"),
        # Pages that print no number are named by their PDF page only.
        ("Contents, p. 4", V2, "Contents, PDF p. 4"),
        ("Executive summary, pp. 4-5", V2, "Executive summary, PDF pp. 4-5"),
        ("Title page, p. 1", V30, "Title page, PDF p. 1"),
        # Printed equals PDF: written once.
        ("§1 table, pp. 8-9", V30, "§1 table, pp. 8-9"),
        ("§1 table, pp. 7 and 9", V31, "§1 table, pp. 7 and 9"),
        # Two PDF pages share the printed number 10.
        ("§1, pp. 10-11", V31, "§1, p. 10 (PDF pp. 10-11)"),
        ("Changelog, p. 20", V31, "Changelog, p. 19 (PDF p. 20)"),
        # Numbering not checked: shown as written.
        ("§7.1.1, p. 15", None, "§7.1.1, p. 15"),
        ("Full post", V2, "Full post"),
    ],
)
def test_reader_locator_gives_printed_pages_and_the_pdf_page_where_they_differ(locator, runs, shown):
    assert reader_locator(locator, runs) == shown


def test_runs_must_be_ordered_and_start_at_printed_page_one():
    with pytest.raises(ValueError, match="pdf_from <= pdf_to"):
        t.PrintedPages(pdf_from=9, pdf_to=5)
    with pytest.raises(ValueError, match="printed numbers from 1"):
        t.PrintedPages(pdf_from=2, pdf_to=5, offset=4)


def _with_pages(mini: Atlas, source_id: str, runs: list[t.PrintedPages] | None) -> Atlas:
    items = tuple(s.model_copy(update={"printed_pages": runs}) if s.id == source_id else s for s in mini.source_items)
    return dataclasses.replace(mini, source_items=items)


def test_citation_shows_printed_page_and_links_the_pdf_page(mini):
    atlas = _with_pages(mini, "doc-3", [t.PrintedPages(pdf_from=5, pdf_to=12, offset=4)])
    out = cite_list(Ctx(atlas, "versions/2.1.md"), [t.Cite(source="doc-3", locator="§2, p. 9")])
    assert "(https://example.org/3.pdf#page=9)" in out
    assert esc("§2, p. 5 (PDF p. 9)") in out


def test_citation_without_page_map_is_shown_as_written_and_unanchored(mini):
    out = cite_list(Ctx(mini, "versions/2.1.md"), [t.Cite(source="doc-3", locator="§2, p. 9")])
    assert "(https://example.org/3.pdf)" in out and "#page=" not in out
    assert "§2, p. 9" in out and "PDF" not in out


def test_every_cited_page_exists_in_its_document(atlas):
    """A locator past a document's last page is a typo; the page maps know each length."""
    bad = []
    for cite in _all_cites(atlas):
        runs = atlas.sources[cite.source].printed_pages
        if not runs:
            continue
        last = runs[-1].pdf_to
        bad += [f"{cite.source}: {cite.locator}" for a, b in page_ranges(cite.locator) if not 1 <= a <= b <= last]
    assert bad == []


def test_real_rsp_pages_render_as_printed(atlas):
    runs = atlas.sources["rsp-2.0"].printed_pages
    assert reader_locator("§7.1.1, p. 15", runs) == "§7.1.1, p. 11 (PDF p. 15)"
    assert reader_locator("Changelog, p. 20", atlas.sources["rsp-3.3"].printed_pages) == "Changelog, p. 19 (PDF p. 20)"
    assert reader_locator("§4, p. 15", atlas.sources["rsp-3.0"].printed_pages) == "§4, p. 15"


def _all_cites(atlas: Atlas) -> list[t.Cite]:
    """Every Cite anywhere in the dataset, found by walking the models."""
    found: list[t.Cite] = []

    def walk(obj: object) -> None:
        if isinstance(obj, t.Cite):
            found.append(obj)
        elif isinstance(obj, t.Strict):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))
        elif isinstance(obj, list | tuple):
            for x in obj:
                walk(x)
        elif isinstance(obj, dict):
            for x in obj.values():
                walk(x)

    for field in dataclasses.fields(atlas):
        walk(getattr(atlas, field.name))
    return found
