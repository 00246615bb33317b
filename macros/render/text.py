"""Escaping, dates, links and small shared fragments. Every data string passes through esc()."""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from macros.model import Atlas
from macros.release import Release

# Characters that Markdown, attr_list, pymdownx or Jinja could read as syntax. Entities are inert.
_MD_SPECIAL = {
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "{": "&#123;",
    "}": "&#125;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "#": "&#35;",
    "+": "&#43;",
    "!": "&#33;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    ":": "&#58;",
    "$": "&#36;",
    "%": "&#37;",
}


_ENTITY_START = re.compile(r"#?[A-Za-z0-9]+;")
_ORDERED = re.compile(r"(\d+\.)(?:\s|$)")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


# Every special character but "&", which depends on what follows it, and its entity.
_ESCAPES = {**_MD_SPECIAL, **{k: v for k, v in _HTML_SPECIAL.items() if k != "&"}}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _entity(m: re.Match[str]) -> str:
    return _ESCAPES[m.group()]


def esc(value: object) -> str:
    """Plain data text → inline Markdown that renders as exactly that text (one pass, so the
    entities it writes are never escaped again)."""
    return _esc(str(value))


# A build escapes about 25,000 strings but fewer than 2,000 distinct ones (a change note shows on
# many pair pages): each distinct text is escaped once.
@functools.lru_cache(maxsize=16384)
def _esc(value: str) -> str:
    text = " ".join(value.split())
    # Split at "&" and escape each piece in one regex pass (a build escapes about 25,000 strings:
    # the pass takes a quarter of the time str.translate did with the same table). A bare "&" is
    # safe, and keeps phrases like "R&D" matchable for tooltips; one that would start an entity is escaped.
    first, *rest = text.split("&")
    out = [_SPECIAL.sub(_entity, first)]
    for piece in rest:
        out.append("&amp;" if _ENTITY_START.match(piece) else "&")
        out.append(_SPECIAL.sub(_entity, piece))
    result = "".join(out)
    # At the start of a line, "- x", "---" and "12. x" would open a list or draw a rule.
    if text.startswith("-"):
        return "&#45;" + result[1:]
    if m := _ORDERED.match(text):
        dot = m.end(1) - 1  # digits are not escaped, so the dot sits at the same place in the output
        return result[:dot] + "&#46;" + result[dot + 1 :]
    return result


_URL_ESCAPES = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", '"': "%22", "'": "%27"})


def safe_url(url: str) -> str:
    """A data URL made safe inside Markdown link syntax and HTML attributes."""
    return url.translate(_URL_ESCAPES)


def attr(value: object) -> str:
    """A value for an HTML attribute."""
    return html.escape(str(value))  # quotes too: quote=True is the default


def svg_text(text: str) -> str:
    """Text made inert inside SVG/HTML: XML metacharacters escaped, and braces too, so nothing that
    later reads the page (Markdown, a template engine) can take the label for markup or code."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def one_line(value: object) -> str:
    """Collapse every run of whitespace (newlines included) to one space: most exits are one line."""
    return " ".join(str(value).split())


def html_text(value: object) -> str:
    """Data text for an HTML text node, on one line."""
    return html.escape(one_line(value), quote=False)  # pragma: no mutate (quote=None is falsy like False)


def inert_title(value: object) -> str:
    """Data text for a page's front-matter ``title``/``description``.

    Material writes ``page.meta.title`` into ``<title>`` and the nav, and ``description`` into a
    double-quoted attribute, all unescaped; mkdocs-macros renders a title holding ``{{``/``{%`` as
    Jinja. HTML-escaping (quotes included) and writing braces as entities makes it inert there."""
    text = one_line(value)
    out = []
    for i, ch in enumerate(text):
        if ch == "&":
            # Only where it would start a character reference: a bare "&" (as in "R&D") stays, because
            # Material escapes titles again in some places (the footer's aria-label) and "&amp;" would show.
            # It does when unescaping eats it; entities further along the tail must not count.
            tail = text[i : i + 40]  # pragma: no mutate (the longest entity name is 32 characters)
            out.append("&amp;" if html.unescape(tail) != "&" + html.unescape(tail[1:]) else "&")
        else:
            out.append(_TITLE_SPECIAL.get(ch, ch))
    return "".join(out)


_TITLE_SPECIAL = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;", "}": "&#125;"}


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(day: dt.date, precision: str = "day") -> str:  # pragma: no mutate (only "month" is tested for)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@functools.cache
def _relpath(path: str, start: str) -> str:
    # A pure function of two strings that pages ask ~10,000 times a build (posixpath.relpath
    # resolves both against the working directory first).
    return posixpath.relpath(path, start)


@dataclass(frozen=True)
class Ctx:
    """What a renderer knows: the dataset and the page it renders into (for relative links)."""

    atlas: Atlas
    page: str  # source path of the current page, e.g. "compare/2.2-vs-3.0.md"
    releases: tuple[Release, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)  # source path → page title
    site_url: str = "https://rsp-atlas.github.io/"  # for absolute citation URLs

    def href(self, target: str, anchor: str = "") -> str:
        """Relative link from the current page to a source path (MkDocs validates and rewrites it)."""
        path, _, frag = target.partition("#")
        anchor = anchor or frag
        rel = "" if path == self.page else _relpath(path, posixpath.dirname(self.page) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def link(self, text: str, target: str, anchor: str = "") -> str:
        """A Markdown link; ``text`` must already be escaped."""
        return f"[{text}]({self.href(target, anchor)})"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table (no trailing newline) of cells that are already inline Markdown.

    A "|" in a cell would end it early: it is written as an entity (data URLs cannot hold one,
    so no link is touched). A line break would end the table: it is an error, not output.
    """

    def line(cells: Sequence[str]) -> str:
        for cell in cells:
            if "\n" in cell:
                raise ValueError(f"a table cell cannot span lines: {cell[:60]!r}")
        return "| " + " | ".join(cell.replace("|", "&#124;") for cell in cells) + " |"

    body = [line(r) for r in rows]
    return "\n".join([line(header), "|---" * len(header) + "|", *body])


def stacked_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table() that becomes one card per row on a phone instead of scrolling sideways.

    Each cell after the first carries its column's name in a span atlas.css shows only on a
    phone: at desktop width it is a plain table, read as one by screen readers.
    """
    from macros.render.markup import render  # markup builds on this module's escapers

    labelled = [
        [r[0], *(render("text.html", "stack_label", h) + c for h, c in zip(header[1:], r[1:], strict=True))]
        for r in rows
    ]
    # The table is Markdown of cells the caller escaped, and the labels just rendered.
    return render("text.html", "stack", Markup(table(header, labelled)))


def indent(block: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in block.splitlines())
