"""Page locators a reader can follow in the printed document and in a PDF viewer.

Data locators count pages the way a PDF viewer does (the page index, starting at 1 with the
cover). Many documents print different numbers in their footers (RSP 2.0-2.2 start counting
after four unnumbered front pages), so a reader holding the document needs the printed number,
and a reader in a viewer needs the index. ``reader_locator`` gives both where they differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# "p. 7", "pp. 6-7", "pp. 7 and 9", "pp. 6, 8-9": a page keyword, then numbers or ranges joined
# by commas or "and". A comma not followed by a number ends the mention ("p. 7, footnote 3").
_NUM = r"\d+(?:\s*[-\u2013]\s*\d+)?"
_MENTION = re.compile(rf"\b(?P<kw>pp?)\.\s*(?P<pages>{_NUM}(?:\s*(?:,|and)\s*{_NUM})*)")
_ITEM = re.compile(r"(\d+)(?:\s*[-\u2013]\s*(\d+))?")


class PageRun(Protocol):
    """PDF pages ``pdf_from``..``pdf_to`` print the number ``pdf page - offset``."""

    @property
    def pdf_from(self) -> int: ...
    @property
    def pdf_to(self) -> int: ...
    @property
    def offset(self) -> int: ...


def printed_page(pdf_page: int, runs: Sequence[PageRun]) -> int | None:
    """The number printed on a PDF page, or None where the page prints none (e.g. a cover)."""
    for run in runs:
        if run.pdf_from <= pdf_page <= run.pdf_to:
            return pdf_page - run.offset
    return None


def page_ranges(locator: str) -> list[tuple[int, int]]:
    """Every page or page range a locator names, in order, as inclusive (first, last) pairs."""
    out = []
    for m in _MENTION.finditer(locator):
        for item in _ITEM.finditer(m.group("pages")):
            first = int(item.group(1))
            out.append((first, int(item.group(2) or first)))
    return out


def first_pdf_page(locator: str) -> int | None:
    """The PDF page a link should open at: the first page the locator names."""
    ranges = page_ranges(locator)
    return ranges[0][0] if ranges else None


def _printed_mention(pages: str, runs: Sequence[PageRun]) -> str | None:
    """The printed form of one mention's page list, or None if any page prints no number."""
    parts: list[str] = []
    items = 0
    pos = 0
    for item in _ITEM.finditer(pages):
        a, b = int(item.group(1)), int(item.group(2) or item.group(1))
        pa, pb = printed_page(a, runs), printed_page(b, runs)
        if pa is None or pb is None:
            return None
        # Two PDF pages can share a printed number; "pp. 10-10" would read as an error.
        parts += [pages[pos : item.start()], str(pa) if pa == pb else f"{pa}-{pb}"]
        items += 1
        pos = item.end()
    text = "".join(parts) + pages[pos:]
    return ("p. " if items == 1 and "-" not in text else "pp. ") + text


def reader_locator(locator: str, runs: Sequence[PageRun] | None) -> str:
    """The locator with printed page numbers, keeping the PDF page beside any that differ.

    ``runs`` None means the document's page numbering was not checked: the locator is returned
    as written. Pages that print no number are given as PDF pages only.
    """
    if runs is None:
        return locator

    def one(m: re.Match[str]) -> str:
        pdf = m.group(0)
        printed = _printed_mention(m.group("pages"), runs)
        if printed is None:
            return f"PDF {pdf}"
        if printed.split(". ", 1)[1] == m.group("pages"):
            return pdf
        return f"{printed} (PDF {pdf})"

    return _MENTION.sub(one, locator)
