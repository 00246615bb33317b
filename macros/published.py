"""The URLs and anchors the site publishes: what `tests/published-urls.txt` snapshots.

Once a URL or anchor is published it must keep resolving (directly or through a redirect):
`python -m macros urls` prints the current set; `python -m macros urls --publish` appends the
new ones to the snapshot, at a release (never from `gen`: a URL generated locally is not yet a
promise). tests/test_urls.py never lets an entry disappear.
"""

from __future__ import annotations

from pathlib import Path

from macros.compute import versions as cv
from macros.compute.scope import span
from macros.model import Atlas
from macros.model.kinds import ANCHORED_KINDS, KINDS
from macros.pagemeta import page_url
from macros.render.citethis import version_anchor
from macros.render.urls import entity_target


def _version_anchors(atlas: Atlas) -> list[str]:
    """Point-in-time anchors: an entity as it stood in each version it existed in ("#v2.2")."""
    out = []
    for kind in sorted(ANCHORED_KINDS):
        for entity in atlas.entities[kind]:
            page, _ = entity_target(kind, entity.id)
            for state in entity.states:
                first, last = span(atlas, state)
                for vid in atlas.version_ids[first : last + 1]:
                    out.append(page_url("/", page) + "#" + version_anchor(kind, entity.id, vid))
    return out


def current_urls(atlas: Atlas, docs: Path) -> list[str]:
    pages = sorted(
        page_url("/", p.relative_to(docs).as_posix()) for p in docs.rglob("*.md") if "/." not in p.as_posix()
    )
    anchors = [
        # Entities sharing a page: each has an anchor there (one with a page of its own is a page).
        *(
            page_url("/", page) + "#" + anchor
            for k in KINDS
            for e in atlas.entities[k.name]
            for page, anchor in [entity_target(k.name, e.id)]
            if anchor
        ),
        *(f"/models/#{m.id}" for m in atlas.models if m.confidence != "unverified"),
        *(f"/faq/#{q.id}" for q in atlas.faq),
        *(f"/related/#{f.id}" for f in atlas.related),
        *(f"/sources/#src-{s.id}" for s in atlas.source_items),
        *(f"/compare/{a}-vs-{b}/" for a, b in cv.pairs(atlas)),
        *(f"/changes/#v{v.id}-{c.id}" for v in atlas.versions for c in v.changes),
        *_version_anchors(atlas),
    ]
    return sorted(set(pages) | set(anchors))


SNAPSHOT = "tests/published-urls.txt"


def append_new(atlas: Atlas, root: Path) -> list[str]:
    """Add newly published URLs to the snapshot (append-only: nothing is ever removed)."""
    path = root / SNAPSHOT
    if not path.exists():
        return []
    have = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    new = [u for u in current_urls(atlas, root / "docs") if u not in have]
    if new:
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(new) + "\n")
    return [f"published {u}" for u in new]
