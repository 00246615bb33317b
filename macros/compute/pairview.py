"""A pair of versions' difference computed once into a typed view, for the pair page to render.

The pair page used to call back into compute while formatting (a successor's fate, whether an
arrival succeeds something on the older side, the name an entity arrived with, the change notes
of the range). Everything it needs about a pair is here, computed in one pass; the renderer only
formats it.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.compute import lineage
from macros.compute.diff import EntityDiff, diff, stated_changes
from macros.compute.scope import state_at
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import LINEAGE_KINDS

# How an entity arrives through a lineage edge, and the departures that hand it on.
ARRIVALS = frozenset({"split", "replaced", "redefined", "renamed", "merged"})
SUCCESSION = frozenset({"renamed", "split", "merged", "redefined", "replaced"})


@dataclass(frozen=True)
class Handoff:
    """A departure's successor that is itself gone by the end of the range: in 1.0→3.4 nothing
    continues ARA (the checkpoint that replaced it was retired in 3.0)."""

    name: str  # the successor's name in the step's version
    how: str  # how it left ("retired", or "dropped" when no edge says)
    at: str  # the version it left in


@dataclass(frozen=True)
class Predecessor:
    """What an arrival replaced when that came and went inside the range."""

    edge: str  # the lineage edge type
    name: str  # its name just before the step
    when: str  # the versions it held ("2.0–2.2")


@dataclass(frozen=True)
class Entry:
    """One entity's difference with the facts the page shows about it."""

    diff: EntityDiff
    arrived_as: t.State | None  # added: its state in the version it arrived
    left_as: t.State | None  # removed: its state in the last version it was there
    arrival: lineage.Link | None  # added: the lineage edge it arrived through
    succeeds: bool  # added: arrived through an edge whose chain reaches the older side
    predecessor: Predecessor | None  # added through an edge that does not reach the older side
    continued: bool  # removed: some successor is still there at the end
    handoffs: tuple[tuple[lineage.Link, Handoff], ...]  # its departures whose successor is gone
    notes: tuple[t.Change, ...]  # the range's change notes naming it, from its own versions
    members: tuple[Entry, ...]  # a domain's thresholds that differ

    def handoff(self, link: lineage.Link) -> Handoff | None:
        return next((h for lk, h in self.handoffs if lk == link), None)


@dataclass(frozen=True)
class PairView:
    a: str
    b: str
    entries: tuple[Entry, ...]
    stated: tuple[tuple[t.Version, t.Change], ...]

    @property
    def diffs(self) -> list[EntityDiff]:
        return [e.diff for e in self.entries]

    def entry(self, d: EntityDiff) -> Entry:
        return next(e for e in self.entries if e.diff.kind == d.kind and e.diff.entity.id == d.entity.id)


def arrival_link(d: EntityDiff) -> lineage.Link | None:
    """The lineage edge through which an added entity arrived, if any."""
    for link in d.moves:
        if link.target == d.entity.id and link.edge.at == d.event and link.edge.type in ARRIVALS:
            return link
    return None


def handoff(atlas: Atlas, link: lineage.Link, end: str) -> Handoff | None:
    """The successor a departure hands on to, when it is gone again by ``end``."""
    succ = atlas.entity(link.kind, link.target)
    ids = atlas.version_ids
    for v in ids[atlas.index(link.edge.at) + 1 : atlas.index(end) + 1]:
        if state_at(atlas, succ, v) is None:
            first = state_at(atlas, succ, link.edge.at)
            assert first is not None
            how = next(
                (lk.edge.type for lk in lineage.successors(atlas, succ.id, link.kind) if lk.edge.at == v), "dropped"
            )
            return Handoff(first.name, how, v)
    return None


def continued(atlas: Atlas, d: EntityDiff, end: str) -> bool:
    """Whether some entity this one handed on to (through descent edges) is still there at ``end``."""
    seen, todo = {d.entity.id}, [d.entity.id]
    while todo:
        cur = todo.pop()
        for link in lineage.edges(atlas, d.kind) if d.kind in LINEAGE_KINDS else ():
            if link.source == cur and link.edge.type in SUCCESSION and link.target not in seen:
                if atlas.index(link.edge.at) > atlas.index(end):
                    continue
                if state_at(atlas, atlas.entity(d.kind, link.target), end) is not None:
                    return True
                seen.add(link.target)
                todo.append(link.target)
    return False


def predecessor(atlas: Atlas, link: lineage.Link) -> Predecessor:
    """The entity an arrival came from, named as it was just before the step, with its versions."""
    pred = atlas.entity(link.kind, link.source)
    prev = atlas.version_ids[atlas.index(link.edge.at) - 1]
    there = state_at(atlas, pred, prev)
    assert there is not None
    had = [v for v in atlas.version_ids if state_at(atlas, pred, v) is not None]
    when = had[0] if had[0] == had[-1] else f"{had[0]}–{had[-1]}"
    return Predecessor(link.edge.type, there.name, when)


def _notes(atlas: Atlas, d: EntityDiff, stated: tuple[tuple[t.Version, t.Change], ...]) -> tuple[t.Change, ...]:
    # Only a note from the last version in which this entity itself arrived, left or changed: a
    # note from another step of the range would describe a change this row does not have, and one
    # from an earlier step of its own may have been undone since (1.0→3.4's ASL-3 security row
    # must not say 2.2's insider exclusion holds: 3.0 dropped the Security Standard).
    ref = f"{d.kind}:{d.entity.id}"
    steps = sorted(set(d.at) | set(d.revised), key=atlas.index)
    own = {steps[-1]} if steps else set()
    return tuple(c for v, c in stated if ref in c.entities and v.id in own)


def entry(atlas: Atlas, d: EntityDiff, a: str, b: str, stated: tuple[tuple[t.Version, t.Change], ...]) -> Entry:
    ids = atlas.version_ids
    arrived_as = state_at(atlas, d.entity, d.event) if d.status == "added" and d.event else None
    left_as = state_at(atlas, d.entity, ids[atlas.index(d.event) - 1]) if d.status == "removed" and d.event else None
    link = arrival_link(d) if d.status == "added" else None
    reaches = link is not None and d.event is not None and lineage.succeeds_from(atlas, d.entity.id, a, d.event, d.kind)
    handoffs = tuple(
        (lk, h)
        for lk in d.moves
        if lk.source == d.entity.id and lk.edge.type in SUCCESSION and (h := handoff(atlas, lk, b)) is not None
    )
    return Entry(
        diff=d,
        arrived_as=arrived_as,
        left_as=left_as,
        arrival=link,
        succeeds=reaches,
        predecessor=predecessor(atlas, link) if link is not None and not reaches else None,
        continued=d.status == "removed" and continued(atlas, d, b),
        handoffs=handoffs,
        notes=_notes(atlas, d, stated),
        members=tuple(entry(atlas, m, a, b, stated) for m in d.members),
    )


def pair_view(atlas: Atlas, a: str, b: str, kinds: tuple[str, ...]) -> PairView:
    stated = tuple(stated_changes(atlas, a, b))
    return PairView(a, b, tuple(entry(atlas, d, a, b, stated) for d in diff(atlas, a, b, kinds)), stated)
