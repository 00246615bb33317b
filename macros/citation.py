"""Citations in five formats (APA, Chicago author-date, BibTeX, RIS, CSL-JSON).

Every citation is first described as a ``Work`` (one neutral record), then written out by one
function per format, so the five formats cannot disagree about a title, date or URL. The APA and
Chicago strings are written by hand (no citeproc at build time) in exactly the form citeproc-py
gives with the official ``apa`` and ``chicago-author-date`` styles; tests/test_citation.py holds
them to that, and parses BibTeX with pybtex and RIS with rispy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from html import escape
from typing import Literal
from urllib.parse import quote, urlencode

SITE = "RSP Atlas"
AUTHOR = "RSP Atlas contributors"
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# BibTeX's predefined month macros: written bare (``month = nov``), never braced.
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

CslType = Literal["webpage", "report"]


@dataclass(frozen=True)
class Work:
    """One citable thing, independent of format.

    ``author`` is a corporate author (one literal name, never split into given/family names).
    ``page`` is the printed page a reference names; ``pinpoint`` the full reader locator
    (section, printed page and PDF page), which the styles print beside the reference.
    """

    key: str
    kind: CslType
    author: str
    title: str
    issued: dt.date
    url: str
    container: str | None = None  # the website a page belongs to
    publisher: str | None = None
    genre: str | None = None  # e.g. "Release 0.1.0"; APA prints it in brackets
    page: str | None = None
    pinpoint: str | None = None
    note: str = ""
    accessed: dt.date | None = None


# --- page citations (the cite box at the foot of every page) --------------------------------


@dataclass(frozen=True)
class PageCite:
    """A site page. ``rsp_compare`` is the older version of a pair page (``rsp_version`` the newer)."""

    title: str
    url: str
    release: str  # site release, semantic version
    release_date: dt.date
    rsp_version: str | None = None
    policy_url: str | None = None
    rsp_compare: str | None = None
    compare_policy_url: str | None = None


def rsp_label(c: PageCite) -> str | None:
    """What RSP text a page is about: "RSP 2.2 vs 3.0" for a pair page, "RSP version 3.4" otherwise."""
    if c.rsp_compare and c.rsp_version:
        return f"RSP {c.rsp_compare} vs {c.rsp_version}"
    if c.rsp_version:
        return f"RSP version {c.rsp_version}"
    return None


def _page_title(c: PageCite) -> str:
    label = rsp_label(c)
    if label is None:
        return c.title
    # A title that already names its version(s) ("RSP 2.2 vs 3.0", "Version 2.2") is left alone.
    named = [v for v in (c.rsp_compare, c.rsp_version) if v]
    if all(v in c.title for v in named):
        return c.title
    return f"{c.title} ({label})"


def _page_note(c: PageCite) -> str:
    if c.rsp_compare and c.rsp_version:
        return f"Compares Anthropic's Responsible Scaling Policy version {c.rsp_compare} with version {c.rsp_version}."
    if c.rsp_version:
        return f"Describes Anthropic's Responsible Scaling Policy version {c.rsp_version}."
    return ""


def _page_key(c: PageCite) -> str:
    last = c.url.rstrip("/").rsplit("/", 1)[-1] if c.url.rstrip("/").count("/") > 2 else ""
    return f"rspatlas-{slug(last) or 'home'}-{slug(c.release)}"


def page_work(c: PageCite) -> Work:
    return Work(
        key=_page_key(c),
        kind="webpage",
        author=AUTHOR,
        title=_page_title(c),
        issued=c.release_date,
        url=c.url,
        container=SITE,
        genre=f"Release {c.release}",
        note=_page_note(c),
    )


def meta_tags(c: PageCite) -> list[tuple[str, str]]:
    """(name, content) pairs for the page's <meta> tags, as Zotero's "Embedded Metadata" reads them.

    Highwire ``citation_*`` tags give the title, date and URL. Without an item type, Zotero takes
    any page with ``citation_title`` for a journal article: ``og:type`` "website" makes it a web
    page, and ``og:site_name`` its website title. What the page describes goes in DC.description
    (Zotero's abstract), not DC.coverage (which Zotero files as the archive location): a pair
    page says it compares both versions and names both policy texts (two DC.relation).
    """
    d = c.release_date
    out = [
        ("citation_title", _page_title(c)),
        ("citation_author", AUTHOR),
        ("citation_publisher", SITE),
        ("citation_date", f"{d.year}/{d.month:02d}/{d.day:02d}"),
        ("citation_public_url", c.url),
        ("og:type", "website"),
        ("og:site_name", SITE),
        ("DC.title", _page_title(c)),
        ("DC.creator", AUTHOR),
        ("DC.publisher", SITE),
        ("DC.date", d.isoformat()),
        ("DC.identifier", c.url),
        ("DC.type", "Text"),
        ("DC.language", "en"),
    ]
    note = _page_note(c)
    if note:
        out.append(("DC.description", note))
    for url in (c.compare_policy_url, c.policy_url):
        if url:
            out.append(("DC.relation", url))
    return out


# --- the five formats -----------------------------------------------------------------------


def as_work(x: Work | PageCite) -> Work:
    return page_work(x) if isinstance(x, PageCite) else x


def apa(w: Work | PageCite) -> str:
    """APA 7 reference-list entry (citeproc-py, style ``apa``), as plain text."""
    w = as_work(w)
    d = w.issued
    if w.kind == "webpage":
        genre = f" [{w.genre}]" if w.genre else ""
        return f"{w.author}. ({d.year}, {MONTH_NAMES[d.month - 1]} {d.day}). {w.title}{genre}. {w.container}. {w.url}"
    page = f" ({_page_label(w.page)})" if w.page else ""
    return f"{w.author}. ({d.year}). {w.title}{page}. {w.publisher}. {w.url}"


def chicago(w: Work | PageCite) -> str:
    """Chicago author-date reference-list entry (citeproc-py, style ``chicago-author-date``).

    Titles are in headline case (the same rule citeproc applies); a full stop after a quoted
    title goes inside the quotation marks, as Chicago has it.
    """
    w = as_work(w)
    d = w.issued
    title = headline_case(w.title)
    if w.kind == "webpage":
        genre = f" {w.genre}." if w.genre else ""
        day = f"{MONTH_NAMES[d.month - 1]} {d.day}"
        return f"{w.author}. {d.year}. \u201c{title}.\u201d{genre} {w.container}, {day}. {w.url}."
    return f"{w.author}. {d.year}. {title}. {w.publisher}. {w.url}."


def in_text(w: Work, style: Literal["APA", "Chicago"]) -> str:
    """The parenthetical citation that carries the page: (Anthropic, 2025, p. 4) / (Anthropic 2025, 4)."""
    y = w.issued.year
    if style == "APA":
        return f"({w.author}, {y}, {_page_label(w.page)})" if w.page else f"({w.author}, {y})"
    return f"({w.author} {y}, {w.page})" if w.page else f"({w.author} {y})"


def bibtex(w: Work | PageCite) -> str:
    w = as_work(w)
    d = w.issued
    # Double braces: the corporate author is one literal name (pybtex/BibTeX would otherwise
    # read "RSP Atlas contributors" as first names "RSP Atlas", last name "contributors"), and
    # the title keeps its capitals ("CBRN-4", "RSP") in styles that lower-case titles.
    fields: list[tuple[str, str]] = [
        ("author", "{{" + bib_escape(w.author) + "}}"),
        ("title", "{{" + bib_escape(w.title) + "}}"),
    ]
    if w.kind == "webpage":
        entry = "misc"
        fields.append(("howpublished", "{" + bib_escape(", ".join(x for x in (w.container, w.genre) if x)) + "}"))
    else:
        entry = "techreport"
        fields += [("institution", "{" + bib_escape(w.publisher or w.author) + "}"), ("type", "{Policy}")]
    fields += [
        ("year", str(d.year)),
        ("month", BIB_MONTHS[d.month - 1]),
        ("url", "{" + bib_url(w.url) + "}"),
    ]
    if w.kind == "report" and w.page:
        fields.append(("pages", "{" + bib_escape(w.page) + "}"))
    if w.accessed:
        fields.append(("urldate", "{" + w.accessed.isoformat() + "}"))
    note = " ".join(x for x in (w.note, f"Pinpoint: {w.pinpoint}." if w.pinpoint else "") if x)
    if note:
        fields.append(("note", "{" + bib_escape(note) + "}"))
    body = ",\n".join(f"  {k} = {v}" for k, v in fields)
    return f"@{entry}{{{w.key},\n{body}\n}}"


# The closing tag of an RIS record: "ER", two spaces, a hyphen and ONE TRAILING SPACE. Anything
# that copies or templates it must keep that space (some importers reject the record without it).
RIS_END = "ER  - "


def ris(w: Work | PageCite) -> str:
    w = as_work(w)
    d = w.issued
    lines = [f"TY  - {'ELEC' if w.kind == 'webpage' else 'RPRT'}", f"AU  - {w.author}", f"TI  - {w.title}"]
    if w.container:
        lines.append(f"T2  - {w.container}")
    if w.publisher:
        lines.append(f"PB  - {w.publisher}")
    lines += [f"PY  - {d.year}", f"DA  - {d.year}/{d.month:02d}/{d.day:02d}", f"UR  - {w.url}"]
    if w.genre:
        lines.append(f"ET  - {w.genre}")
    if w.page:
        lines.append(f"SP  - {w.page}")
    if w.accessed:
        lines.append(f"Y2  - {w.accessed.year}/{w.accessed.month:02d}/{w.accessed.day:02d}")
    note = " ".join(x for x in (w.note, f"Pinpoint: {w.pinpoint}." if w.pinpoint else "") if x)
    if note:
        lines.append(f"N1  - {note}")
    lines.append(RIS_END)
    return "\n".join(_one_line(x) for x in lines[:-1]) + "\n" + RIS_END


def csl_item(w: Work) -> dict[str, object]:
    item: dict[str, object] = {
        "id": w.key,
        "type": w.kind,
        "title": csl_title(w.title),
        "author": [{"literal": w.author}],
        "issued": {"date-parts": [[w.issued.year, w.issued.month, w.issued.day]]},
        "URL": w.url,
    }
    optional = {"container-title": w.container, "publisher": w.publisher, "genre": w.genre, "page": w.page}
    item.update({k: v for k, v in optional.items() if v})
    note = " ".join(x for x in (w.note, f"Pinpoint: {w.pinpoint}." if w.pinpoint else "") if x)
    if note:
        item["note"] = note
    if w.accessed:
        item["accessed"] = {"date-parts": [[w.accessed.year, w.accessed.month, w.accessed.day]]}
    return item


def csl_json(w: Work | PageCite) -> str:
    w = as_work(w)
    return json.dumps([csl_item(w)], indent=2, ensure_ascii=False)


def coins_kev(w: Work | PageCite) -> str:
    """The OpenURL 1.0 KEV context object of a work, as Zotero's COinS reader parses it.

    A policy document goes as a book-format "report" (``rft.btitle``, ``rft.pub``, ``rft.pages``);
    a site page in Dublin Core format with ``rft.type=webpage`` and the site as ``rft.source``
    (Zotero's website title). Either way the author is ``rft.aucorp``: the one key Zotero reads as
    an organisation (``rft.creator`` would be split into a person's first and last names).
    Spaces are written ``%20``, never ``+``.
    """
    w = as_work(w)
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    if w.kind == "report":
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", "report"),
            ("rft.btitle", w.title),
            ("rft.aucorp", w.author),
            ("rft.pub", w.publisher or w.author),
            ("rft.date", w.issued.isoformat()),
        ]
        if w.page:
            pairs.append(("rft.pages", w.page))
    else:
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
            ("rft.type", "webpage"),
            ("rft.title", w.title),
            ("rft.aucorp", w.author),
            ("rft.source", w.container or w.author),
            ("rft.date", w.issued.isoformat()),
        ]
    pairs.append(("rft_id", w.url))
    return urlencode(pairs, quote_via=quote)


def coins(w: Work | PageCite) -> str:
    """COinS: the KEV in an empty, invisible ``Z3988`` span, escaped for the attribute.

    ``data-preview`` keeps Material from mounting a tooltip on the span: its content.tooltips
    takes every ``[title]`` but ``[data-preview]``, and each mount adds listeners and a layout
    read on load (hundreds of spans on /glossary/ and /changes/) for a span nobody can hover.
    """
    # The KEV is percent-encoded (no quote marks left), so only its "&" needs escaping.
    return f'<span class="Z3988" data-preview title="{escape(coins_kev(w))}"></span>'


# Shown as text in every cite box, readable without JavaScript; the others, which reference
# managers import, are fetched when a box is opened (assets/atlas.js).
PLAIN_FORMATS = ("APA", "Chicago")
IMPORT_FORMATS = ("BibTeX", "RIS", "CSL-JSON")


def plain_formats(w: Work, *, with_pinpoint: bool = False) -> dict[str, str]:
    """APA and Chicago of one work; ``with_pinpoint`` adds the in-text citation and locator lines
    (the reference-list entry alone cannot carry a pinpoint)."""
    a, c = apa(w), chicago(w)
    if with_pinpoint:
        a += f"\nIn text: {in_text(w, 'APA')}" + (f"\nPinpoint: {w.pinpoint}." if w.pinpoint else "")
        c += f"\nIn text: {in_text(w, 'Chicago')}" + (f"\nPinpoint: {w.pinpoint}." if w.pinpoint else "")
    return {"APA": a, "Chicago": c}


def import_formats(w: Work) -> dict[str, str]:
    """BibTeX, RIS and CSL-JSON of one work (they carry the pinpoint in their note)."""
    return {"BibTeX": bibtex(w), "RIS": ris(w), "CSL-JSON": csl_json(w)}


def work_formats(w: Work, *, with_pinpoint: bool = False) -> dict[str, str]:
    """The five formats of one work, in display order: ``plain_formats`` then ``import_formats``."""
    return {**plain_formats(w, with_pinpoint=with_pinpoint), **import_formats(w)}


def all_formats(c: PageCite) -> dict[str, str]:
    """The page cite box: format name → citation text."""
    return work_formats(page_work(c))


# --- text helpers ---------------------------------------------------------------------------

# citeproc-py's headline-case rule (CSL text-case="title"): an all-lower-case word is capitalised
# unless it is a stop word that does not follow ":" or "."; other words are left as written.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "the",
        "till",
        "to",
        "up",
        "via",
        "with",
        "yet",
    ]
)
# Words kept as written even in headline case ("RSP 2.2 vs 3.0"); CSL-JSON marks them nocase.
_NOCASE = frozenset({"vs", "vs."})


def headline_case(text: str) -> str:
    out: list[str] = []
    prev = ":"
    for word in text.split():
        if word in _NOCASE:
            pass
        elif word.islower() and (word not in _STOP_WORDS or prev in (":", ".")):
            word = word[0].upper() + word[1:]
        elif word.islower():
            word = word.lower()
        prev = word[-1]
        out.append(word)
    return " ".join(out)


def csl_title(title: str) -> str:
    """The title with CSL's ``nocase`` markup on words headline case must not touch."""
    return " ".join(f'<span class="nocase">{w}</span>' if w in _NOCASE else w for w in title.split())


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a7": r"\S{}",
}


def bib_escape(text: str) -> str:
    """Text for a braced BibTeX field. Braces become commands, never ``\\{``: BibTeX counts
    every brace, escaped or not, so a lone ``\\{`` would unbalance the entry."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in _one_line(text))


def bib_url(url: str) -> str:
    """A URL for a braced ``url`` field: kept verbatim (``#page=8`` must survive) except braces
    and backslashes, which no URL needs and which would break the entry, percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _page_label(page: str) -> str:
    return f"pp. {page}" if re.search(r"[-\u2013,]", page) else f"p. {page}"


def _one_line(text: str) -> str:
    # A newline inside a field would end an RIS line or a BibTeX paragraph early.
    return " ".join(text.split()) if "\n" in text or "\r" in text else text
