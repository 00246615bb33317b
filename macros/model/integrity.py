"""Cross-file checks that a single file's schema cannot express: IDs, references, version ranges."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from pydantic import BaseModel

from macros.model import types as t
from macros.model.atlas import KIND_FILES, Atlas

Loc = tuple[int | str, ...]


class _Reporter:
    def __init__(self, lines: dict[str, dict[Loc, int]]) -> None:
        self.lines = lines
        self.errors: list[str] = []

    def __call__(self, stem: str, loc: Loc, entry: str, field: str, problem: str) -> None:
        line_map = self.lines.get(stem, {})
        line = 1
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in line_map:
                line = line_map[loc[:cut]]
                break
        self.errors.append(f"data/{stem}.yml:{line}: entry '{entry}': {field}: {problem}")


def _walk(obj: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    yield loc, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk(getattr(obj, name), (*loc, name))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _walk(item, (*loc, i))


def _field(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + ("from" if part == "from_" else part)
    return out


def _items(atlas: Atlas, stem: str) -> list[tuple[str, Loc, BaseModel]]:
    """(section, loc prefix, item) for every top-level item of a data file."""
    if stem == "theory":
        th = atlas.theory
        return [
            (sec, (sec, i), item)
            for sec in ("mechanisms", "framings", "assessment", "critiques")
            for i, item in enumerate(getattr(th, sec))
        ]
    items: tuple[Any, ...]
    if stem in ("sources", "versions", "models", "events"):
        items = getattr(atlas, f"{stem[:-1]}_items")
    elif stem in KIND_FILES.values():
        kind = next(k for k, s in KIND_FILES.items() if s == stem)
        items = atlas.entities[kind]
    else:
        items = getattr(atlas, stem)
    return [("items", ("items", i), item) for i, item in enumerate(items)]


def check_integrity(atlas: Atlas, lines: dict[str, dict[Loc, int]]) -> list[str]:
    report = _Reporter(lines)
    _check_duplicates(atlas, lines, report)
    _check_versions(atlas, report)
    _check_references(atlas, report)
    _check_ranges(atlas, report)
    return report.errors


def _check_duplicates(atlas: Atlas, lines: dict[str, dict[Loc, int]], report: _Reporter) -> None:
    for stem in lines:
        seen: dict[tuple[str, str], Loc] = {}
        for section, loc, item in _items(atlas, stem):
            iid = getattr(item, "id", None)
            if iid is None:
                continue
            if (section, iid) in seen:
                report(
                    stem, (*loc, "id"), iid, "id", f"duplicate id (first used by entry #{seen[(section, iid)][1] + 1})"
                )  # type: ignore[operator]
            else:
                seen[(section, iid)] = loc


def _check_versions(atlas: Atlas, report: _Reporter) -> None:
    raw = atlas.version_items
    by_date = sorted(range(len(raw)), key=lambda i: raw[i].effective)
    for prev, cur in pairwise(by_date):
        a, b = raw[prev], raw[cur]
        if a.effective == b.effective:
            report("versions", ("items", cur), b.id, "effective", f"same effective date as version {a.id}")
        elif _number(b.id) < _number(a.id):
            report(
                "versions",
                ("items", cur),
                b.id,
                "effective",
                f"takes effect after version {a.id} but has a lower number",
            )


def _number(vid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in vid.split("."))


def _check_references(atlas: Atlas, report: _Reporter) -> None:
    levels = {e.id for e in atlas.entities["level"]}
    standards = {e.id for e in atlas.entities["standard"]}
    domains = {e.id for e in atlas.entities["domain"]}
    thresholds = {e.id for e in atlas.entities["threshold"]}
    versions = set(atlas.version_ids)
    for stem in [
        "sources",
        "versions",
        *KIND_FILES.values(),
        "models",
        "events",
        "related",
        "theory",
        "faq",
        "quiz",
        "redirects",
    ]:
        for _section, prefix, item in _items(atlas, stem):
            entry = str(getattr(item, "id", prefix[-1]))
            for loc, value in _walk(item, ()):
                full = (*prefix, *loc)
                field = _field(loc)
                if (isinstance(value, t.Cite) and value.source not in atlas.sources) or (
                    isinstance(value, t.Edition) and value.source not in atlas.sources
                ):
                    report(stem, full, entry, f"{field}.source", f"unknown source '{value.source}'")
                elif isinstance(value, t.VersionLinks):
                    for key in ("pdf", "redline", "announcement"):
                        key_value = getattr(value, key)
                        if key_value is not None and key_value not in atlas.sources:
                            report(stem, full, entry, f"{field}.{key}", f"unknown source '{key_value}'")
                elif loc and loc[-1] in ("entities", "provisions") and isinstance(value, list):
                    for i, ref in enumerate(value):
                        if not atlas.has_entity(ref):
                            report(stem, (*full, i), entry, f"{field}[{i}]", f"unknown entity '{ref}'")
                elif isinstance(value, t.Parallel) and value.entity and not atlas.has_entity(value.entity):
                    report(stem, full, entry, f"{field}.entity", f"unknown entity '{value.entity}'")
                elif isinstance(value, t.ThresholdState):
                    for i, sid in enumerate(value.required_safeguards):
                        if sid not in standards:
                            report(stem, full, entry, f"{field}.required_safeguards[{i}]", f"unknown standard '{sid}'")
                elif isinstance(value, t.LineageEdge):
                    if value.to not in thresholds:
                        report(stem, full, entry, f"{field}.to", f"unknown threshold '{value.to}'")
                    if value.at not in versions:
                        report(stem, full, entry, f"{field}.at", f"unknown version '{value.at}'")
                elif isinstance(value, t.Source) and value.version and value.version not in versions:
                    report(stem, full, entry, "version", f"unknown version '{value.version}'")
            if isinstance(item, t.Standard) and item.level not in levels:
                report(stem, prefix, entry, "level", f"unknown level '{item.level}'")
            if isinstance(item, t.Threshold) and item.domain not in domains:
                report(stem, prefix, entry, "domain", f"unknown domain '{item.domain}'")
            if isinstance(item, t.Determination) and item.level is not None and item.level not in levels:
                report(stem, prefix, entry, "level", f"unknown level '{item.level}'")


def _check_ranges(atlas: Atlas, report: _Reporter) -> None:
    order = {vid: i for i, vid in enumerate(atlas.version_ids)}
    last = len(order) - 1
    for kind, stem in KIND_FILES.items():
        for i, entity in enumerate(atlas.entities[kind]):
            spans: list[tuple[int, int, int]] = []
            for j, state in enumerate(entity.states):
                loc: Loc = ("items", i, "states", j)
                field = f"states[{j}]"
                if state.from_ not in order:
                    report(stem, (*loc, "from"), entity.id, f"{field}.from", f"unknown version '{state.from_}'")
                    continue
                if state.to is not None and state.to not in order:
                    report(stem, (*loc, "to"), entity.id, f"{field}.to", f"unknown version '{state.to}'")
                    continue
                start, end = order[state.from_], (order[state.to] if state.to else last)
                if end < start:
                    report(
                        stem,
                        (*loc, "to"),
                        entity.id,
                        f"{field}.to",
                        f"version {state.to} comes before 'from' {state.from_}",
                    )
                    continue
                spans.append((start, end, j))
            if len(spans) < len(entity.states):
                continue  # a bad range was reported; gaps and overlaps would only echo it
            spans.sort()
            for (_s1, e1, j1), (s2, _e2, j2) in pairwise(spans):
                if s2 <= e1:
                    report(
                        stem,
                        ("items", i, "states", j2, "from"),
                        entity.id,
                        f"states[{j2}].from",
                        f"overlaps states[{j1}] (both cover version {atlas.version_ids[s2]})",
                    )
                elif s2 > e1 + 1:
                    report(
                        stem,
                        ("items", i, "states", j2, "from"),
                        entity.id,
                        f"states[{j2}].from",
                        f"gap after states[{j1}]: no state covers version {atlas.version_ids[e1 + 1]}",
                    )
