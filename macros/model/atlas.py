"""The validated dataset, as one immutable object handed to every computation and renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, cast

from macros.model import types as t
from macros.model.kinds import KINDS, Kind

# data file stem → envelope model; the order is the order files are loaded and errors reported in.
FILES: dict[str, type[t.ListFile]] = {
    "sources": t.SourcesFile,
    "versions": t.VersionsFile,
    **{k.file: k.envelope for k in KINDS},
    "models": t.ModelsFile,
    "events": t.EventsFile,
    "related": t.RelatedFile,
    "theory": t.TheoryFile,
    "faq": t.FaqFile,
    "quiz": t.QuizFile,
    "paths": t.PathsFile,
    "redirects": t.RedirectsFile,
}

E = TypeVar("E", bound=t.Entity)


@dataclass(frozen=True)
class EntityScope:
    """An entity's state in each version (by version index; None where it has none), and the
    version indexes at which that state differs (by identity) from the version before."""

    entity: t.Entity
    states: tuple[t.State | None, ...]
    boundaries: tuple[int, ...]


@dataclass(frozen=True)
class Atlas:
    """Every tuple keeps the order of its file (error lines depend on it); sorted views below."""

    verified: dict[str, dt.date]
    source_items: tuple[t.Source, ...]
    version_items: tuple[t.Version, ...]
    entities: dict[str, tuple[t.Entity, ...]]
    model_items: tuple[t.Determination, ...]
    event_items: tuple[t.Event, ...]
    related: tuple[t.Framework, ...]
    theory: t.TheoryFile
    faq: tuple[t.Faq, ...]
    quiz: tuple[t.Question, ...]
    paths: tuple[t.ReadingPath, ...]
    redirects: tuple[t.Redirect, ...]

    @classmethod
    def from_files(cls, parsed: dict[str, Any]) -> Atlas:
        return cls(
            verified={stem: f.verified for stem, f in parsed.items()},
            source_items=tuple(parsed["sources"].items),
            version_items=tuple(parsed["versions"].items),
            entities={k.name: tuple(parsed[k.file].items) for k in KINDS},
            model_items=tuple(parsed["models"].items),
            event_items=tuple(parsed["events"].items),
            related=tuple(parsed["related"].items),
            theory=parsed["theory"],
            faq=tuple(parsed["faq"].items),
            quiz=tuple(parsed["quiz"].items),
            paths=tuple(parsed["paths"].items),
            redirects=tuple(parsed["redirects"].items),
        )

    @cached_property
    def sources(self) -> dict[str, t.Source]:
        return {s.id: s for s in self.source_items}

    @cached_property
    def versions(self) -> tuple[t.Version, ...]:
        return tuple(sorted(self.version_items, key=lambda v: v.effective))

    @cached_property
    def models(self) -> tuple[t.Determination, ...]:
        return tuple(sorted(self.model_items, key=lambda m: (m.date, m.id)))

    @cached_property
    def events(self) -> tuple[t.Event, ...]:
        return tuple(sorted(self.event_items, key=lambda e: (e.date, e.id)))

    # --- lookups ---------------------------------------------------------------------------

    @cached_property
    def version_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.versions)

    @cached_property
    def _versions_by_id(self) -> dict[str, t.Version]:
        return {v.id: v for v in self.version_items}

    def version(self, vid: str) -> t.Version:
        try:
            return self._versions_by_id[vid]
        except KeyError:
            raise KeyError(f"unknown version {vid!r}") from None

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {vid: i for i, vid in enumerate(self.version_ids)}

    def index(self, vid: str) -> int:
        try:
            return self._positions[vid]
        except KeyError:
            raise ValueError(f"unknown version {vid!r}") from None

    # --- which state holds in which version (macros/compute/scope.py reads these) ----------

    def _scope(self, entity: t.Entity) -> EntityScope:
        row: list[t.State | None] = [None] * len(self.version_ids)
        for state in entity.states:
            last = self.index(state.to) if state.to else len(row) - 1
            for i in range(self.index(state.from_), last + 1):
                row[i] = state
        bounds = tuple(i for i in range(1, len(row)) if row[i] is not row[i - 1])
        return EntityScope(entity, tuple(row), bounds)

    @cached_property
    def _scopes(self) -> dict[tuple[type[t.Entity], str], EntityScope]:
        # Computed once for the whole dataset: pages ask the same questions thousands of times
        # (every pair page walks every version), and the Atlas never changes. Each kind has its
        # own model, so (model, id) names one entity.
        return {(type(e), e.id): self._scope(e) for items in self.entities.values() for e in items}

    def scope(self, entity: t.Entity) -> EntityScope:
        """Which of the entity's states holds in each version, and where that changes."""
        hit = self._scopes.get((type(entity), entity.id))
        if hit is not None and hit.entity is entity:
            return hit
        return self._scope(entity)  # an entity from outside the dataset (tests build some)

    @cached_property
    def _entities_by_id(self) -> dict[str, dict[str, t.Entity]]:
        return {kind: {e.id: e for e in items} for kind, items in self.entities.items()}

    def entity(self, kind: str, eid: str) -> t.Entity:
        try:
            return self._entities_by_id[kind][eid]
        except KeyError:
            raise KeyError(f"unknown {kind} {eid!r}") from None

    def has_entity(self, ref: str) -> bool:
        kind, _, eid = ref.partition(":")
        return eid in self._entities_by_id.get(kind, {})

    def items(self, kind: Kind[E, Any]) -> tuple[E, ...]:
        """Every entity of a kind, in file order, typed as that kind's model."""
        return cast(tuple[E, ...], self.entities[kind.name])

    def get(self, kind: Kind[E, Any], eid: str) -> E:
        """One entity of a kind, typed as that kind's model; KeyError if there is none."""
        return cast(E, self.entity(kind.name, eid))

    @cached_property
    def by_file(self) -> dict[str, tuple[t.Item, ...]]:
        """Data file stem → its items in file order (the theory file, which has sections, aside)."""
        return {
            "sources": self.source_items,
            "versions": self.version_items,
            **{k.file: self.entities[k.name] for k in KINDS},
            "models": self.model_items,
            "events": self.event_items,
            "related": self.related,
            "faq": self.faq,
            "quiz": self.quiz,
            "paths": self.paths,
            "redirects": self.redirects,
        }
