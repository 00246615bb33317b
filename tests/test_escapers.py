"""Exact outputs of the small escapers and link helpers in macros/render/text.py.

The fuzzing in test_fuzz.py checks properties (text round-trips, no markup escapes); these pin the
exact strings, so a changed entity, table entry or index shows up as a failing line here (and the
mutation run, `make mutation`, counts on them)."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.model import Atlas
from macros.render.text import Ctx, attr, esc, fmt_date, html_text, indent, inert_title, one_line, safe_url

ESC = {
    "plain": ("Plain words", "Plain words"),
    "whitespace runs collapse": ("a  b\n\tc ", "a b c"),
    "bare ampersand stays": ("R&D & co", "R&D & co"),
    "ampersand before an entity": ("&amp; &#123; &x", "&amp;amp; &amp;&#35;123; &x"),
    "entity right after text": ("a&b;", "a&amp;b;"),
    "html": ('<a href="x">\'</a>', "&lt;a href&#61;&quot;x&quot;&gt;&#39;&lt;/a&gt;"),
    "markdown specials": (
        "*_[](){}#+!|~^=:$%\\`",
        "&#42;&#95;&#91;&#93;&#40;&#41;&#123;&#125;&#35;&#43;&#33;&#124;&#126;&#94;&#61;&#58;&#36;&#37;&#92;&#96;",
    ),
    "list dash": ("- item", "&#45; item"),
    "rule": ("---", "&#45;--"),
    "dash inside": ("a - b", "a - b"),
    "ordered list": ("12. x", "12&#46; x"),
    "ordered list at the end": ("3.", "3&#46;"),
    "number then text": ("12.x", "12.x"),
    "number not at the start": ("x 1. y", "x 1. y"),
    "not text": (42, "42"),
}


@pytest.mark.parametrize("case", sorted(ESC))
def test_esc_exact(case: str) -> None:
    given, expected = ESC[case]
    assert esc(given) == expected


def test_safe_url_encodes_what_would_end_a_link_or_attribute() -> None:
    assert safe_url("https://x.org/a b(c)<d>\"e'f&g#h") == "https://x.org/a%20b%28c%29%3Cd%3E%22e%27f&g#h"


def test_attr_and_html_text() -> None:
    assert attr("a\"b'<&>\n c") == "a&quot;b&#x27;&lt;&amp;&gt;\n c"
    assert attr(7) == "7"
    assert html_text(" a\"'  <b>\n& ") == "a\"' &lt;b&gt; &amp;"
    assert html_text(7) == "7"
    assert one_line(" a \n b ") == "a b"


INERT = {
    "plain": ("A title", "A title"),
    "bare ampersand": ("R&D and more", "R&D and more"),
    "bare ampersand before an entity": ("R&D &amp; x", "R&D &amp;amp; x"),
    "entity": ("&amp;", "&amp;amp;"),
    "entity without semicolon": ("&lt x", "&amp;lt x"),
    "numeric entity": ("&#123;", "&amp;#123;"),
    "markup and jinja": ('<x> "q" {{ 7 }} {%', "&lt;x&gt; &quot;q&quot; &#123;&#123; 7 &#125;&#125; &#123;%"),
    "quote kept": ("it's", "it's"),
    "line breaks": ("a\n b", "a b"),
}


@pytest.mark.parametrize("case", sorted(INERT))
def test_inert_title_exact(case: str) -> None:
    given, expected = INERT[case]
    assert inert_title(given) == expected


def test_fmt_date() -> None:
    assert fmt_date(dt.date(2024, 2, 5)) == "5 Feb 2024"
    assert fmt_date(dt.date(2024, 2, 5), "month") == "Feb 2024"
    assert fmt_date(dt.date(2024, 12, 31), "day") == "31 Dec 2024"
    assert fmt_date(dt.date(2024, 1, 1), "month") == "Jan 2024"


HREF = {
    "sibling folder": ("compare/2.2-vs-3.0.md", ("versions/2.2.md",), "../versions/2.2.md"),
    "same page, fragment": ("compare/2.2-vs-3.0.md", ("compare/2.2-vs-3.0.md#x",), "#x"),
    "same page, no fragment": ("about.md", ("about.md",), ""),
    "from the root": ("about.md", ("levels/x.md",), "levels/x.md"),
    "anchor argument": ("about.md", ("index.md", "top"), "index.md#top"),
    "anchor argument wins": ("about.md", ("index.md#old", "new"), "index.md#new"),
    "fragment kept": ("levels/a.md", ("levels/b.md#f",), "b.md#f"),
}


@pytest.mark.parametrize("case", sorted(HREF))
def test_ctx_href(mini: Atlas, case: str) -> None:
    page, args, expected = HREF[case]
    assert Ctx(mini, page).href(*args) == expected


def test_ctx_link(mini: Atlas) -> None:
    ctx = Ctx(mini, "levels/a.md")
    assert ctx.link("Text", "versions/2.0.md") == "[Text](../versions/2.0.md)"
    assert ctx.link("Text", "versions/2.0.md", "c1") == "[Text](../versions/2.0.md#c1)"


def test_indent() -> None:
    assert indent("a\n\n  b\n \nc") == "    a\n\n      b\n\n    c"
    assert indent("x", 2) == "  x"
