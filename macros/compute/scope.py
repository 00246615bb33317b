"""Version-scoped entities: which state holds in a given version."""

from __future__ import annotations

from typing import Any

from macros.model import Atlas
from macros.model import types as t


def span(atlas: Atlas, state: t.State) -> tuple[int, int]:
    """Inclusive (first, last) version indexes a state covers; open-ended states run to the newest."""
    last = len(atlas.versions) - 1
    return atlas.index(state.from_), atlas.index(state.to) if state.to else last


def state_at(atlas: Atlas, entity: t.Entity, vid: str) -> t.State | None:
    i = atlas.index(vid)
    for state in entity.states:
        first, last = span(atlas, state)
        if first <= i <= last:
            return state
    return None


def in_force(atlas: Atlas, kind: str, vid: str) -> list[tuple[t.Entity, t.State]]:
    """Every entity of ``kind`` with a state in version ``vid``, in file order."""
    out = []
    for entity in atlas.entities[kind]:
        state = state_at(atlas, entity, vid)
        if state is not None:
            out.append((entity, state))
    return out


def substance(state: t.State | None) -> dict[str, Any]:
    """The comparable content of a state: every field except range and provenance."""
    if state is None:
        return {}
    return {k: v for k, v in state.model_dump().items() if k not in t.META_FIELDS}


def first_version(atlas: Atlas, entity: t.Entity) -> str:
    return atlas.version_ids[min(atlas.index(s.from_) for s in entity.states)]


def last_version(atlas: Atlas, entity: t.Entity) -> str:
    return atlas.version_ids[max(span(atlas, s)[1] for s in entity.states)]


def latest_state(atlas: Atlas, entity: t.Entity) -> t.State:
    return max(entity.states, key=lambda s: atlas.index(s.from_))
