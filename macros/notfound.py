"""What the 404 page knows: every URL the site serves, so it can correct or suggest one.

Static hosts are case-sensitive, so ``/thresholds/CBRN-4/`` finds nothing. Static redirect pages
for upper-case variants would collide with the real folders on case-insensitive file systems
(macOS and Windows checkouts: ``thresholds/CBRN-4/`` *is* ``thresholds/cbrn-4/`` there), so the
404 page does the lower-casing in the browser instead: ``overrides/404.html`` and ``atlas.js`` read
``docs/assets/known-urls.json`` (written here by ``python -m macros gen``), send a reader whose
address differs from a known one only in case, a missing slash or ``index.html`` straight there,
and otherwise suggest the nearest known pages.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros import redirects
from macros.model import Atlas
from macros.render.urls import url_key

KNOWN_URLS = "docs/assets/known-urls.json"


def known_urls(atlas: Atlas, root: Path) -> list[str]:
    """Every URL the built site answers, relative to the site root ("" is the home page)."""
    docs = root / "docs"
    pages = {url_key(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md") if "/." not in p.as_posix()}
    # Redirect pages (moved pages, renamed IDs, friendly URLs) answer too: docs/<old>/index.html.
    moved = {rel.removeprefix("docs/").removesuffix("index.html") for rel in redirects.expected(atlas, root)}
    return sorted(pages | moved)


def expected(atlas: Atlas, root: Path) -> dict[str, str]:
    return {KNOWN_URLS: json.dumps(known_urls(atlas, root), indent=0) + "\n"}
