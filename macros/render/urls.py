"""Where every kind of thing lives on the site: every page path and anchor is formatted here, so
links, anchors and stubs agree.

Pages are docs source paths ("versions/2.2.md"); a target is (page, anchor). ``page_url`` turns a
page into its public URL. Entity pages and anchors are declared with each kind
(macros/model/kinds.py) and formatted here.
"""

from __future__ import annotations

from macros.model.kinds import kind


def version_page(vid: str) -> str:
    return f"versions/{vid}.md"


def compare_page(older: str, newer: str) -> str:
    return f"compare/{older}-vs-{newer}.md"


def entity_target(kind_name: str, eid: str) -> tuple[str, str]:
    """(page, anchor) for an entity reference, as its kind declares (macros/model/kinds.py)."""
    return kind(kind_name).target(eid)


def model_target(mid: str) -> tuple[str, str]:
    return "models.md", mid


def source_target(sid: str) -> tuple[str, str]:
    return "sources.md", f"src-{sid}"


def faq_target(qid: str) -> tuple[str, str]:
    return "faq.md", qid


def related_target(fid: str) -> tuple[str, str]:
    return "related.md", fid


def diff_anchor(kind_name: str, eid: str) -> str:
    """An entity's entry on any pair page ("threshold-cbrn-4")."""
    return f"{kind_name}-{eid}"


def change_target(vid: str, cid: str) -> tuple[str, str]:
    """A recorded change's row in the ledger: built from its own slug, so it never renumbers."""
    return "changes.md", f"v{vid}-{cid}"


def event_target(eid: str) -> tuple[str, str]:
    return "timeline.md", f"event-{eid}"


def release_target(release: str) -> tuple[str, str]:
    """A site release's entry in the changelog on /about/ ("release-0-2-0")."""
    return "about.md", f"release-{release.replace('.', '-')}"


def url_key(src_uri: str) -> str:
    """A page's URL relative to the site root, as engines give it in ``page.url`` ("" for home)."""
    if src_uri == "index.md":
        return ""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{stem}/"


def page_url(site_url: str, src_uri: str) -> str:
    """Public URL of a docs page ("thresholds/cbrn-4.md" → "<site>/thresholds/cbrn-4/")."""
    return f"{site_url.rstrip('/')}/{url_key(src_uri)}"


def target_url(site_url: str, target: tuple[str, str]) -> str:
    page, anchor = target
    return page_url(site_url, page) + (f"#{anchor}" if anchor else "")
