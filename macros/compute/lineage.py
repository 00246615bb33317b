"""Lineage: the graph of renames, splits and merges across versions, of thresholds (and of the
few provisions one replaced another); each graph joins entities of one kind only."""

from __future__ import annotations

from dataclasses import dataclass

from macros.compute.scope import span, state_at
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import THRESHOLD


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    edge: t.LineageEdge
    kind: str = "threshold"


def edges(atlas: Atlas, kind: str = "threshold") -> list[Link]:
    return [Link(e.id, x.to, x, kind) for e in atlas.entities[kind] for x in t.lineage(e)]


def predecessors(atlas: Atlas, tid: str, kind: str = "threshold") -> list[Link]:
    return [link for link in edges(atlas, kind) if link.target == tid]


def successors(atlas: Atlas, tid: str, kind: str = "threshold") -> list[Link]:
    return [link for link in edges(atlas, kind) if link.source == tid]


def family(atlas: Atlas, tid: str) -> list[str]:
    """Every threshold connected to ``tid`` by lineage, ordered by first appearance."""
    seen = {tid}
    todo = [tid]
    while todo:
        cur = todo.pop()
        for link in edges(atlas):
            for a, b in ((link.source, link.target), (link.target, link.source)):
                if a == cur and b not in seen:
                    seen.add(b)
                    todo.append(b)

    def first(eid: str) -> int:
        entity = atlas.get(THRESHOLD, eid)
        return min(span(atlas, s)[0] for s in entity.states)

    return sorted(seen, key=lambda e: (first(e), e))


# Edges through which a threshold lives on; "retired" only points at the nearest relative.
DESCENT = frozenset({"renamed", "split", "merged", "redefined", "replaced"})


def crossed(atlas: Atlas, a: str, b: str, kind: str = "threshold") -> list[Link]:
    """Edges taking effect in a version after ``a`` up to and including ``b``, oldest first."""
    lo, hi = atlas.index(a), atlas.index(b)
    found = [link for link in edges(atlas, kind) if lo < atlas.index(link.edge.at) <= hi]
    return sorted(found, key=lambda link: (atlas.index(link.edge.at), link.source, link.target))


def path(atlas: Atlas, tid: str, a: str, b: str, kind: str = "threshold") -> list[Link]:
    """The lineage steps a threshold went through between a and b: every edge crossed in the range
    that it is reachable by through descent edges (either direction), plus its own retirement."""
    links = crossed(atlas, a, b, kind)
    seen, todo, out = {tid}, [tid], []
    while todo:
        cur = todo.pop()
        for link in links:
            if link in out:
                continue
            if link.edge.type not in DESCENT:
                if link.source == cur == tid:
                    out.append(link)
                continue
            if cur in (link.source, link.target):
                out.append(link)
                for other in (link.source, link.target):
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
    return sorted(out, key=lambda link: (atlas.index(link.edge.at), link.source, link.target))


def ancestors(atlas: Atlas, tid: str, upto: str, kind: str = "threshold") -> list[str]:
    """Every entity ``tid`` descends from through descent edges taking effect up to ``upto``,
    nearest first."""
    limit = atlas.index(upto)
    seen, todo, out = {tid}, [tid], []
    while todo:
        cur = todo.pop(0)
        for link in predecessors(atlas, cur, kind):
            if link.edge.type in DESCENT and atlas.index(link.edge.at) <= limit and link.source not in seen:
                seen.add(link.source)
                out.append(link.source)
                todo.append(link.source)
    return out


def succeeds_from(atlas: Atlas, tid: str, start: str, arrival: str, kind: str = "threshold") -> bool:
    """Whether an entity that arrived in ``arrival`` continues something present in ``start``: on a
    long range a successor whose predecessors all came and went inside the range (Risk Reports,
    replacing the 2.0-2.2 Capability and Safeguards Reports, seen from 1.0) is plainly new there."""
    return any(
        state_at(atlas, atlas.entity(kind, eid), start) is not None for eid in ancestors(atlas, tid, arrival, kind)
    )
