"""Version-scoped entities: which state holds in a given version."""

from __future__ import annotations

from typing import Any

from macros.model import Atlas
from macros.model import types as t


def span(atlas: Atlas, state: t.State) -> tuple[int, int]:
    """Inclusive (first, last) version indexes a state covers; open-ended states run to the newest."""
    last = len(atlas.versions) - 1
    return atlas.index(state.from_), atlas.index(state.to) if state.to else last


def _cache(atlas: Atlas, name: str) -> dict[Any, Any]:
    # Pages ask the same questions thousands of times (every pair page walks every version):
    # memoise per dataset. The Atlas is immutable, so the answers never go stale.
    return atlas.__dict__.setdefault(f"_scope_{name}", {})  # type: ignore[no-any-return]


def states_by_version(atlas: Atlas, entity: t.Entity) -> tuple[t.State | None, ...]:
    """The state of an entity in each version, by version index."""
    cache = _cache(atlas, "by_version")
    key = id(entity)
    if key not in cache:
        row: list[t.State | None] = [None] * len(atlas.versions)
        for state in entity.states:
            first, last = span(atlas, state)
            for i in range(first, last + 1):
                row[i] = state
        cache[key] = (entity, tuple(row))  # keep the entity alive so its id is not reused
    return cache[key][1]  # type: ignore[no-any-return]


def boundaries(atlas: Atlas, entity: t.Entity) -> tuple[int, ...]:
    """Version indexes at which the entity's state differs (by identity) from the version before."""
    cache = _cache(atlas, "boundaries")
    key = id(entity)
    if key not in cache:
        row = states_by_version(atlas, entity)
        cache[key] = (entity, tuple(i for i in range(1, len(row)) if row[i] is not row[i - 1]))
    return cache[key][1]  # type: ignore[no-any-return]


def state_at(atlas: Atlas, entity: t.Entity, vid: str) -> t.State | None:
    return states_by_version(atlas, entity)[atlas.index(vid)]


def in_force(atlas: Atlas, kind: str, vid: str) -> list[tuple[t.Entity, t.State]]:
    """Every entity of ``kind`` with a state in version ``vid``, in file order."""
    out = []
    for entity in atlas.entities[kind]:
        state = state_at(atlas, entity, vid)
        if state is not None:
            out.append((entity, state))
    return out


_SUBSTANCE: dict[int, tuple[t.State, dict[str, Any]]] = {}


def substance(state: t.State | None) -> dict[str, Any]:
    """The comparable content of a state: every field except range and provenance."""
    if state is None:
        return {}
    hit = _SUBSTANCE.get(id(state))
    if hit is None or hit[0] is not state:
        hit = (state, {k: v for k, v in state.model_dump().items() if k not in t.META_FIELDS})
        _SUBSTANCE[id(state)] = hit
    return hit[1]  # shared: callers only read it


def first_version(atlas: Atlas, entity: t.Entity) -> str:
    return atlas.version_ids[min(atlas.index(s.from_) for s in entity.states)]


def last_version(atlas: Atlas, entity: t.Entity) -> str:
    return atlas.version_ids[max(span(atlas, s)[1] for s in entity.states)]


def latest_state(atlas: Atlas, entity: t.Entity) -> t.State:
    return max(entity.states, key=lambda s: atlas.index(s.from_))
