"""The validated dataset, as one immutable object handed to every computation and renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from macros.model import types as t

# entity kind → data file stem. The kind is the prefix of an entity reference ("threshold:ara").
KIND_FILES: dict[str, str] = {
    "level": "levels",
    "standard": "standards",
    "domain": "domains",
    "threshold": "thresholds",
    "provision": "provisions",
    "term": "glossary",
}


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
            entities={kind: tuple(parsed[stem].items) for kind, stem in KIND_FILES.items()},
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

    def version(self, vid: str) -> t.Version:
        for v in self.versions:
            if v.id == vid:
                return v
        raise KeyError(f"unknown version {vid!r}")

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {vid: i for i, vid in enumerate(self.version_ids)}

    def index(self, vid: str) -> int:
        try:
            return self._positions[vid]
        except KeyError:
            raise ValueError(f"unknown version {vid!r}") from None

    def entity(self, kind: str, eid: str) -> t.Entity:
        for e in self.entities[kind]:
            if e.id == eid:
                return e
        raise KeyError(f"unknown {kind} {eid!r}")

    def has_entity(self, ref: str) -> bool:
        kind, _, eid = ref.partition(":")
        return kind in self.entities and any(e.id == eid for e in self.entities[kind])
