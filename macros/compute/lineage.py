"""Threshold lineage: the graph of renames, splits and merges across versions."""

from __future__ import annotations

from dataclasses import dataclass

from macros.compute.scope import span
from macros.model import Atlas
from macros.model import types as t


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    edge: t.LineageEdge


def edges(atlas: Atlas) -> list[Link]:
    return [Link(th.id, e.to, e) for th in atlas.entities["threshold"] for e in th.lineage]  # type: ignore[attr-defined]


def predecessors(atlas: Atlas, tid: str) -> list[Link]:
    return [link for link in edges(atlas) if link.target == tid]


def successors(atlas: Atlas, tid: str) -> list[Link]:
    return [link for link in edges(atlas) if link.source == tid]


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
        entity = atlas.entity("threshold", eid)
        return min(span(atlas, s)[0] for s in entity.states)

    return sorted(seen, key=lambda e: (first(e), e))
