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
from macros.render import urls
from macros.render.citethis import version_anchor
from macros.render.common import shown
from macros.render.urls import entity_target, page_url, target_url


def _version_anchors(atlas: Atlas) -> list[str]:
    """Point-in-time anchors: an entity as it stood in each version it existed in ("#v2.2")."""
    out = []
    for kind in sorted(ANCHORED_KINDS):
        for entity in atlas.entities[kind]:
            page, _ = entity_target(kind, entity.id)
            for state in entity.states:
                first, last = span(atlas, state)
                for vid in atlas.version_ids[first : last + 1]:
                    out.append(target_url("/", (page, version_anchor(kind, entity.id, vid))))
    return out


def current_urls(atlas: Atlas, docs: Path) -> list[str]:
    pages = sorted(
        page_url("/", p.relative_to(docs).as_posix()) for p in docs.rglob("*.md") if "/." not in p.as_posix()
    )
    anchors = [
        # Entities sharing a page: each has an anchor there (one with a page of its own is a page).
        *(
            target_url("/", entity_target(k.name, e.id))
            for k in KINDS
            if not k.own_pages
            for e in atlas.entities[k.name]
        ),
        # Only what a page shows has an anchor: unverified records are never shown.
        *(target_url("/", urls.model_target(m.id)) for m in shown(atlas.models)),
        *(target_url("/", urls.faq_target(q.id)) for q in shown(atlas.faq)),
        *(target_url("/", urls.related_target(f.id)) for f in shown(atlas.related)),
        *(target_url("/", urls.source_target(s.id)) for s in atlas.source_items),
        *(page_url("/", urls.compare_page(a, b)) for a, b in cv.pairs(atlas)),
        *(target_url("/", urls.change_target(v.id, c.id)) for v in atlas.versions for c in v.changes),
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
