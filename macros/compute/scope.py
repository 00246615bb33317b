"""Version-scoped entities: which state holds in a given version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar, cast

from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import Kind

E = TypeVar("E", bound=t.Entity)
S = TypeVar("S", bound=t.State)
S_co = TypeVar("S_co", bound=t.State, covariant=True)


class Scoped(Protocol[S_co]):
    """An entity as far as its states go: a Threshold's states are ThresholdStates, and so on."""

    @property
    def states(self) -> Sequence[S_co]: ...


def span(atlas: Atlas, state: t.State) -> tuple[int, int]:
    """Inclusive (first, last) version indexes a state covers; open-ended states run to the newest."""
    last = len(atlas.versions) - 1
    return atlas.index(state.from_), atlas.index(state.to) if state.to else last


def states_by_version(atlas: Atlas, entity: t.Entity) -> tuple[t.State | None, ...]:
    """The state of an entity in each version, by version index (indexed once per dataset)."""
    return atlas.scope(entity).states


def boundaries(atlas: Atlas, entity: t.Entity) -> tuple[int, ...]:
    """Version indexes at which the entity's state differs (by identity) from the version before."""
    return atlas.scope(entity).boundaries


def state_at(atlas: Atlas, entity: Scoped[S], vid: str) -> S | None:
    """The entity's state in version ``vid``, typed as its kind's state model; None if absent."""
    return cast(S | None, states_by_version(atlas, cast(t.Entity, entity))[atlas.index(vid)])


def in_force(atlas: Atlas, kind: Kind[E, S], vid: str) -> list[tuple[E, S]]:
    """Every entity of ``kind`` with a state in version ``vid``, in file order."""
    out = []
    for entity in atlas.items(kind):
        state = state_at(atlas, cast(Scoped[S], entity), vid)
        if state is not None:
            out.append((entity, state))
    return out


def substance(state: t.State | None) -> dict[str, Any]:
    """The comparable content of a state: every field except range and provenance."""
    if state is None:
        return {}
    return {k: v for k, v in state.model_dump().items() if k not in t.META_FIELDS}


def last_version(atlas: Atlas, entity: t.Entity) -> str:
    return atlas.version_ids[max(span(atlas, s)[1] for s in entity.states)]


def latest_state(atlas: Atlas, entity: t.Entity) -> t.State:
    return max(entity.states, key=lambda s: atlas.index(s.from_))


@dataclass(frozen=True)
class NameAt:
    """The name an entity carried in a version, or, if it had none then, its nearest one.

    ``when`` is "in" when the entity had a state in that version, "before" when the name is the
    last one it carried earlier, "after" when the name only appears in a later version (a forward
    reference the renderer must mark as such).
    """

    name: str
    state: t.State
    when: Literal["in", "before", "after"]
    vid: str


def name_at(atlas: Atlas, entity: t.Entity, vid: str) -> NameAt:
    """The name of an entity as of version ``vid``: never a name it only acquired later unless
    it had no name at all until then (then ``when == "after"``)."""
    row = states_by_version(atlas, entity)
    i = atlas.index(vid)
    if (here := row[i]) is not None:
        return NameAt(here.name, here, "in", vid)
    for j in range(i - 1, -1, -1):
        if (earlier := row[j]) is not None:
            return NameAt(earlier.name, earlier, "before", atlas.version_ids[j])
    for j in range(i + 1, len(row)):
        if (later := row[j]) is not None:
            return NameAt(later.name, later, "after", atlas.version_ids[j])
    raise ValueError(f"entity {entity.id!r} has no states")


def attested(atlas: Atlas, state: t.State) -> frozenset[str]:
    """Versions whose own text (policy or redline) a state cites: where the data checked it."""
    out = set()
    for c in state.sources:
        src = atlas.sources.get(c.source)
        if src is not None and src.kind in ("policy", "redline") and src.version:
            out.add(src.version)
    return frozenset(out)


def tracked(atlas: Atlas, entity: t.Entity, a: str, b: str) -> bool:
    """Whether the data backs the entity's state in every version from a to b with a citation of
    that version's text; only then may a page call it "unchanged" across the range."""
    row = states_by_version(atlas, entity)
    for i in range(atlas.index(a), atlas.index(b) + 1):
        state = row[i]
        if state is None or atlas.version_ids[i] not in attested(atlas, state):
            return False
    return True


# A living page cited by a dated entry ("Version history, May 14, 2025 entry"): its own date is
# when we retrieved it, not when the entry was written, so the date rule below cannot judge it.
LIVING_KINDS = frozenset({"hub"})


def existed_for(atlas: Atlas, cite: t.Cite, last: str) -> bool:
    """Whether a cited document existed while version ``last`` was in force: published before the
    version that superseded ``last`` took effect (any date while ``last`` is the newest). A system
    card issued under 3.1 is no source for what 3.0 said."""
    src = atlas.sources[cite.source]
    i = atlas.index(last)
    if src.kind in LIVING_KINDS or i + 1 >= len(atlas.versions):
        return True
    return src.date < atlas.versions[i + 1].effective


def cited_too_late(atlas: Atlas, state: t.State) -> list[t.Cite]:
    """The state's citations of documents published only after its last version was superseded."""
    last = atlas.version_ids[span(atlas, state)[1]]
    return [c for c in state.sources if not existed_for(atlas, c, last)]


def _policy_same(prev: t.State, cur: t.State) -> bool:
    """Whether the step from ``prev`` to ``cur`` left the policy's content as it was: at most a new
    name, or a field our summary reworded (``cur.reworded``) with no change of the policy."""
    old, new = substance(prev), substance(cur)
    ignore = {"name", *cur.reworded}
    return all(old.get(k) == new.get(k) for k in (old.keys() | new.keys()) - ignore)


def unchanged_since(atlas: Atlas, entity: t.Entity, vid: str) -> str:
    """The first version of the unbroken run, ending in ``vid``, over which the entity's content
    stood as it does in ``vid``. A rename-only step (the 3.3 sabotage row) does not restart it;
    any other change does, a change outside the summary included (2.2's insider footnote on the
    ASL-3 Security Standard)."""
    row = states_by_version(atlas, entity)
    i = atlas.index(vid)
    if row[i] is None:
        raise ValueError(f"{entity.id!r} has no state in {vid}")
    while i > 0 and (prev := row[i - 1]) is not None and (cur := row[i]) is not None and _policy_same(prev, cur):
        i -= 1
    return atlas.version_ids[i]
