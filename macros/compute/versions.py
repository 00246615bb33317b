"""Version order, status and the version in force on a date — computed, never typed."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from macros.model import Atlas
from macros.model import types as t


def current(atlas: Atlas) -> t.Version:
    return atlas.versions[-1]


def status(atlas: Atlas, vid: str) -> str:
    return "current" if vid == current(atlas).id else "superseded"


def predecessor(atlas: Atlas, vid: str) -> t.Version | None:
    i = atlas.index(vid)
    return atlas.versions[i - 1] if i > 0 else None


def successor(atlas: Atlas, vid: str) -> t.Version | None:
    i = atlas.index(vid)
    return atlas.versions[i + 1] if i + 1 < len(atlas.versions) else None


def superseded_on(atlas: Atlas, vid: str) -> dt.date | None:
    nxt = successor(atlas, vid)
    return nxt.effective if nxt else None


def in_force_at(atlas: Atlas, day: dt.date) -> t.Version | None:
    """The version whose effective date is the latest on or before ``day`` (None before 1.0)."""
    found = None
    for v in atlas.versions:
        if v.effective <= day:
            found = v
    return found


def pairs(atlas: Atlas) -> list[tuple[str, str]]:
    """Every (older, newer) pair of versions, in version order."""
    return list(combinations(atlas.version_ids, 2))


def change_versions(atlas: Atlas, vid: str) -> tuple[str, ...]:
    """The versions a change made in ``vid`` speaks of: the one it changed and the one it made.

    "The ASL-3 Security Standard lapses" in a 3.0 change names a 2.2 thing, so a name in a change's
    text can be as of either side (1.0 has no earlier side).
    """
    prev = predecessor(atlas, vid)
    return (prev.id, vid) if prev else (vid,)
