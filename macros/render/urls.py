"""Where every kind of thing lives on the site: one place, so links and stubs agree."""

from __future__ import annotations


def version_page(vid: str) -> str:
    return f"versions/{vid}.md"


def compare_page(older: str, newer: str) -> str:
    return f"compare/{older}-vs-{newer}.md"


def level_page(lid: str) -> str:
    return f"levels/{lid}.md"


def threshold_page(tid: str) -> str:
    return f"thresholds/{tid}.md"


def entity_target(kind: str, eid: str) -> tuple[str, str]:
    """(page, anchor) for an entity reference."""
    return {
        "level": (level_page(eid), ""),
        "threshold": (threshold_page(eid), ""),
        "standard": ("safeguards.md", eid),
        "domain": ("thresholds/index.md", f"domain-{eid}"),
        "provision": ("governance.md", eid),
        "term": ("glossary.md", eid),
    }[kind]


def model_target(mid: str) -> tuple[str, str]:
    return "models.md", mid


def source_target(sid: str) -> tuple[str, str]:
    return "sources.md", f"src-{sid}"
