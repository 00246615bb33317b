"""Where every kind of thing lives on the site: one place, so links and stubs agree."""

from __future__ import annotations

from macros.model.kinds import LEVEL, THRESHOLD, kind


def version_page(vid: str) -> str:
    return f"versions/{vid}.md"


def compare_page(older: str, newer: str) -> str:
    return f"compare/{older}-vs-{newer}.md"


def level_page(lid: str) -> str:
    return LEVEL.target(lid)[0]


def threshold_page(tid: str) -> str:
    return THRESHOLD.target(tid)[0]


def entity_target(kind_name: str, eid: str) -> tuple[str, str]:
    """(page, anchor) for an entity reference, as its kind declares (macros/model/kinds.py)."""
    return kind(kind_name).target(eid)


def model_target(mid: str) -> tuple[str, str]:
    return "models.md", mid


def source_target(sid: str) -> tuple[str, str]:
    return "sources.md", f"src-{sid}"
