"""Tables wrapped for sideways scrolling when the page is built, not when it loads.

On load, Material moves every ``table:not([class])`` of a page into
``div.md-typeset__scrollwrap > div.md-typeset__table``. Each move re-styles the table and what
follows it: /data/ has 52 tables, /governance/ 63, and the browser then restyles and lays out
the whole page in a forced step before first interaction. Writing the same wrapper here, and
marking the table with ``atlas-table`` so Material skips it, gives the same layout with no moves.
``assets/atlas.css`` gives ``table.atlas-table`` the styles Material gives ``table:not([class])``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "atlas-table"


def _wrapped(table: ET.Element) -> ET.Element:
    scroll = ET.Element("div", {"class": "md-typeset__scrollwrap"})
    inner = ET.SubElement(scroll, "div", {"class": "md-typeset__table"})
    inner.append(table)
    scroll.tail, table.tail = table.tail, None
    table.set("class", CLASS)
    return scroll


class TableWrapper(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        if root.find(".//table") is None:
            return  # most pages: one C-level search instead of a walk in Python
        # Parents first, then their tables: the tree must not change while it is walked.
        for parent in [el for el in root.iter() if el.find("table") is not None]:
            for i, child in enumerate(parent):
                if child.tag == "table" and "class" not in child.attrib:
                    parent[i] = _wrapped(child)


class TableExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the glossary tooltips (1), which read a table's place among its siblings; before
        # MkDocs' "relpath" (0), which is indifferent to the wrapper.
        md.treeprocessors.register(TableWrapper(md), "atlas_tables", 0.5)


def makeExtension(**kwargs: Any) -> TableExtension:
    return TableExtension(**kwargs)
