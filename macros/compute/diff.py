"""The difference between any two versions: added, removed, changed (field by field), unchanged.

Every change is attributed to the version in which it happened, by walking the versions between
the two endpoints one step at a time. An entity appears once and disappears once: "added" and
"removed" name the single version of that event; only "changed" lists several versions, per field.
Threshold lineage edges crossed in the range travel with the diff, so a replaced or merged
threshold is never presented as an unrelated removal plus an addition.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Literal

from macros.compute import lineage
from macros.compute.scope import boundaries, state_at, states_by_version, substance, tracked
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import LINEAGE_KINDS, THRESHOLD

Status = Literal["added", "removed", "changed", "unchanged"]
PRESENCE = "(presence)"


@dataclass(frozen=True)
class Step:
    """One field changing in one version: the value just before it and in it."""

    version: str
    before: Any
    after: Any
    # Whether the record says the policy changed this field here (see ``recorded``), rather than
    # our paraphrase being reworded: only a recorded step may be drawn as deleted/inserted text.
    recorded: bool = True


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any
    steps: tuple[Step, ...]

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(s.version for s in self.steps)

    @property
    def recorded(self) -> bool:
        """Whether any step of this field's change is one the record says the policy made."""
        return any(s.recorded for s in self.steps)


@dataclass(frozen=True)
class EntityDiff:
    kind: str
    entity: t.Entity
    status: Status
    before: t.State | None
    after: t.State | None
    fields: tuple[FieldChange, ...]
    at: tuple[str, ...]
    # Lineage edges crossed in the range that this threshold took part in (empty for other kinds).
    moves: tuple[lineage.Link, ...] = ()
    # For "unchanged": whether every version in the range cites its own text for this entity.
    confirmed: bool = False
    # For "added"/"removed" over a long range: versions in the range where its content changed while
    # it was there (after it arrived, before it left). The arrival or departure itself stays in ``at``.
    revised: tuple[str, ...] = ()
    # Of ``revised``: the versions in which only the name changed (a renamed row, not a new meaning).
    name_only: tuple[str, ...] = ()
    # Of ``revised``: the versions in which the name changed, alone or with other fields.
    name_changed: tuple[str, ...] = ()
    # For a risk domain: its thresholds that differ over the range. A domain is a row of thresholds,
    # so it changed wherever one of them did, whatever our note on the domain itself says.
    members: tuple[EntityDiff, ...] = ()

    @property
    def renamed(self) -> bool:
        return any(f.field == "name" for f in self.fields)

    @property
    def event(self) -> str | None:
        """The one version in which an added entity appeared or a removed one disappeared."""
        return self.at[0] if self.status in ("added", "removed") else None


def _steps(atlas: Atlas, kind: str, entity: t.Entity, a: str, b: str) -> dict[str, list[Step]]:
    """Per field, every version in (a, b] where the field's value differs from the version before."""
    ids = atlas.version_ids
    row = states_by_version(atlas, entity)
    lo, hi = atlas.index(a), atlas.index(b)
    out: dict[str, list[Step]] = {}
    # Only versions where the state object changes can hold a change: skip straight to them.
    for i in boundaries(atlas, entity)[bisect_right(boundaries(atlas, entity), lo) :]:
        if i > hi:
            break
        prev, cur = row[i - 1], row[i]
        if (prev is None) != (cur is None):
            out.setdefault(PRESENCE, []).append(Step(ids[i], prev is not None, cur is not None))
        old, new = substance(prev), substance(cur)
        if prev is None or cur is None:
            continue
        said = recorded(atlas, kind, entity.id, ids[i])
        for key in sorted(old.keys() | new.keys()):
            if old.get(key) != new.get(key):
                step = Step(ids[i], old.get(key), new.get(key), said and key not in cur.reworded)
                out.setdefault(key, []).append(step)
    return out


def recorded(atlas: Atlas, kind: str, eid: str, vid: str) -> bool:
    """Whether the record says the policy changed this entity in version ``vid``: one of that
    version's typed changes lists it (for a risk domain, it or one of its thresholds). A state can
    also split because our paraphrase was reworded; that is no change of the policy."""
    refs = {f"{kind}:{eid}"}
    if kind == "domain":
        refs |= {f"threshold:{th.id}" for th in atlas.items(THRESHOLD) if th.domain == eid}
    return any(refs & set(c.entities) for c in atlas.version(vid).changes)


def when(d: EntityDiff) -> set[str]:
    """Every version in which this entity arrived, left, changed or took a lineage step."""
    return set(d.at) | set(d.revised) | {link.edge.at for link in d.moves}


def _members(atlas: Atlas, domain: t.Entity, a: str, b: str) -> tuple[EntityDiff, ...]:
    out: list[EntityDiff] = []
    for th in atlas.items(THRESHOLD):
        if th.domain == domain.id:
            d = diff_entity(atlas, "threshold", th, a, b)
            if d is not None and d.status != "unchanged":
                out.append(d)
    return tuple(out)


def diff_entity(atlas: Atlas, kind: str, entity: t.Entity, a: str, b: str) -> EntityDiff | None:
    """How one entity differs between versions a and b (a before b); None if absent in both."""
    d = _diff_entity(atlas, kind, entity, a, b)
    if d is None or kind != "domain":
        return d
    members = _members(atlas, entity, a, b)
    if not members:
        return d
    theirs = {v for m in members for v in when(m)}
    if d.event is not None:
        # arrived or left itself: that stays the one event; its rows' changes count as revisions
        revised = tuple(sorted((set(d.revised) | theirs) - {d.event}, key=atlas.index))
        return replace(d, revised=revised, members=members)
    at = tuple(sorted(set(d.at) | theirs, key=atlas.index))
    return replace(d, status="changed", at=at, members=members, confirmed=False)


def _diff_entity(atlas: Atlas, kind: str, entity: t.Entity, a: str, b: str) -> EntityDiff | None:
    if atlas.index(a) > atlas.index(b):
        raise ValueError(f"version {a} comes after {b}")
    before, after = state_at(atlas, entity, a), state_at(atlas, entity, b)
    steps = _steps(atlas, kind, entity, a, b)
    if before is None and after is None:
        return None
    moves = tuple(lineage.path(atlas, entity.id, a, b, kind)) if kind in LINEAGE_KINDS else ()
    if before is None or after is None:
        # Present at one end only: the last presence step is the one event (an entity that came
        # and went inside the range counts only by where it ends up).
        event = steps[PRESENCE][-1].version
        status: Status = "added" if before is None else "removed"
        edits = {s.version for key, ss in steps.items() if key != PRESENCE for s in ss}
        revised = tuple(sorted(edits - {event}, key=atlas.index))
        touched = {
            v: {key for key, ss in steps.items() if key != PRESENCE for s in ss if s.version == v} for v in revised
        }
        name_only = tuple(v for v in revised if touched[v] == {"name"})
        name_changed = tuple(v for v in revised if "name" in touched[v])
        return EntityDiff(
            kind,
            entity,
            status,
            before,
            after,
            (),
            (event,),
            moves,
            revised=revised,
            name_only=name_only,
            name_changed=name_changed,
        )
    old, new = substance(before), substance(after)
    fields = tuple(
        FieldChange(key, old.get(key), new.get(key), tuple(steps.get(key, ())))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    )
    at = tuple(sorted({s.version for f in fields for s in f.steps}, key=atlas.index))
    if fields:
        return EntityDiff(kind, entity, "changed", before, after, fields, at, moves)
    # Same content at both ends: a lineage step in between (e.g. split off and merged back) is
    # still a change worth showing; otherwise say "unchanged" only where the data tracks it.
    status = "changed" if moves else "unchanged"
    # A field that changed and changed back in between is not "unchanged" either.
    confirmed = not steps and tracked(atlas, entity, a, b)
    return EntityDiff(kind, entity, status, before, after, (), at, moves, confirmed)


def diff(atlas: Atlas, a: str, b: str, kinds: tuple[str, ...] | None = None) -> list[EntityDiff]:
    """Every entity of the given kinds (default: all) present in a or b, in kind then file order."""
    out = []
    for kind in kinds or tuple(atlas.entities):
        for entity in atlas.entities[kind]:
            d = diff_entity(atlas, kind, entity, a, b)
            if d is not None:
                out.append(d)
    return out


def changed_only(diffs: list[EntityDiff]) -> list[EntityDiff]:
    return [d for d in diffs if d.status != "unchanged"]


def stated_changes(atlas: Atlas, a: str, b: str) -> list[tuple[t.Version, t.Change]]:
    """The typed changes recorded for every version after a up to and including b."""
    lo, hi = atlas.index(a), atlas.index(b)
    return [(v, c) for v in atlas.versions[lo + 1 : hi + 1] for c in v.changes]
