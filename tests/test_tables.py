"""Tables leave the build already in Material's scroll wrapper, marked so it moves none (macros/tables.py)."""

from __future__ import annotations

import markdown

from macros import tables

TABLE = "| A | B |\n|---|---|\n| 1 | 2 |\n"


def _render(text: str) -> str:
    md = markdown.Markdown(extensions=["tables", "md_in_html", tables.TableExtension()])
    return md.convert(text)


def test_a_markdown_table_is_wrapped_and_classed_in_place() -> None:
    out = _render(f"Before.\n\n{TABLE}\nAfter.\n")
    assert out.startswith("<p>Before.</p>\n")
    assert '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="atlas-table">' in out
    assert "</table></div></div>\n<p>After.</p>" in out  # the text after the table stays after it
    assert out.count("<table") == 1


def test_tables_inside_blocks_are_wrapped_each_once() -> None:
    out = _render(f'<div class="atlas-grid" markdown>\n\n{TABLE}\n</div>\n\n{TABLE}')
    assert out.count('<div class="md-typeset__scrollwrap">') == 2
    assert out.count('<table class="atlas-table">') == 2
    assert '<div class="atlas-grid">\n<div class="md-typeset__scrollwrap">' in out


def test_a_page_without_tables_is_untouched() -> None:
    plain = markdown.Markdown(extensions=["tables"]).convert("Text.\n\n- a list\n")
    assert _render("Text.\n\n- a list\n") == plain
