"""Section permalinks named by ``aria-label`` instead of ``title``.

Python-Markdown's table of contents names each heading's "¶" link with a ``title``. Material's
``content.tooltips`` feature mounts a tooltip component on every titled element when a page loads:
on a long page (55 headings on /data/) that is tens of components for a hover text that says only
"Link to this section". An ``aria-label`` keeps the link's accessible name and mounts nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class PermalinkLabels(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            title = link.get("title")
            if title and "headerlink" in (link.get("class") or "").split():
                del link.attrib["title"]
                link.set("aria-label", title)


class PermalinkExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the table of contents (5) adds the links; before MkDocs' "relpath" (0).
        md.treeprocessors.register(PermalinkLabels(md), "atlas_permalinks", 2)


def makeExtension(**kwargs: Any) -> PermalinkExtension:
    return PermalinkExtension(**kwargs)
