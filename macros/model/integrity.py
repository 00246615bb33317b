"""Cross-file checks that a single file's schema cannot express: IDs, references, version ranges."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.model import types as t
from macros.model.atlas import FILES, Atlas
from macros.model.kinds import KINDS
from macros.render import urls

Loc = tuple[int | str, ...]


class _Reporter:
    def __init__(self, lines: dict[str, dict[Loc, int]]) -> None:
        self.lines = lines
        self.errors: list[str] = []

    def __call__(self, stem: str, loc: Loc, entry: str, field: str, problem: str) -> None:
        line = nearest_line(loc, self.lines[stem])
        self.errors.append(f"data/{stem}.yml:{line}: entry '{entry}': {field}: {problem}")


def nearest_line(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of ``loc``, else of its nearest ancestor that has one, else 1."""
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


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
            out += ("." if out else "") + part  # references never sit under a state's "from_"
    return out


def _items(atlas: Atlas, stem: str) -> list[tuple[Loc, t.Item]]:
    """(loc prefix, item) for every top-level item of a data file, in file order (each has an
    ``id``). The prefix is (section, index): "items" but for theory.yml's four lists."""
    if stem == "theory":
        th = atlas.theory
        sections: dict[str, Sequence[t.Item]] = {
            "mechanisms": th.mechanisms,
            "framings": th.framings,
            "assessment": th.assessment,
            "critiques": th.critiques,
        }
        return [((sec, i), item) for sec, items in sections.items() for i, item in enumerate(items)]
    return [(("items", i), item) for i, item in enumerate(atlas.by_file[stem])]


def check_integrity(atlas: Atlas, lines: dict[str, dict[Loc, int]], pages: frozenset[str] | None = None) -> list[str]:
    """Every cross-file problem, one line each. ``pages``: the site's page paths, when known."""
    report = _Reporter(lines)
    _check_duplicates(atlas, lines, report)
    if report.errors:
        return report.errors  # every later check looks IDs up: a duplicate would echo through all of them
    _check_versions(atlas, report)
    if report.errors:
        return report.errors  # ranges are read in date order: a misdated version would echo in each
    _check_references(atlas, report)
    _check_ranges(atlas, report)
    if not report.errors:
        _check_affects(atlas, report)  # reads states by version: needs known entities and sound ranges
    if pages is not None:
        _check_pages(atlas, pages, report)
    return report.errors


def site_pages(atlas: Atlas, docs: Path) -> frozenset[str]:
    """Source paths of every page the site will have: files under docs/ plus the generated stubs
    the data implies (they may not be written yet when a version is first added)."""
    found = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    ids = atlas.version_ids
    found |= {urls.version_page(v) for v in ids}
    found |= {urls.compare_page(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    found |= {k.target(e.id)[0] for k in KINDS if k.own_pages for e in atlas.entities[k.name]}
    return frozenset(found)


def _check_pages(atlas: Atlas, pages: frozenset[str], report: _Reporter) -> None:
    def page_of(target: str) -> str:
        return target.partition("#")[0]

    links: list[tuple[str, int, str, dict[str, list[str]]]] = [
        *(("faq", i, q.id, {"see": q.see}) for i, q in enumerate(atlas.faq)),
        *(("quiz", i, q.id, {"see": q.see, "show_on": q.show_on}) for i, q in enumerate(atlas.quiz)),
    ]
    for stem, i, qid, fields in links:
        for field, targets in fields.items():
            for j, target in enumerate(targets):
                if not target.startswith("https://") and page_of(target) not in pages:
                    report(stem, ("items", i, field, j), qid, f"{field}[{j}]", f"no page '{page_of(target)}'")
    for i, r in enumerate(atlas.redirects):
        if page_of(r.old) in pages:
            report(
                "redirects",
                ("items", i, "old"),
                r.id,
                "old",
                f"'{r.old}' is an existing page; a redirect would hide it",
            )
        if page_of(r.new) not in pages:
            report("redirects", ("items", i, "new"), r.id, "new", f"no page '{page_of(r.new)}'")


def _check_duplicates(atlas: Atlas, lines: dict[str, dict[Loc, int]], report: _Reporter) -> None:
    for stem in lines:
        seen: dict[tuple[int | str, str], int] = {}  # (section, id) → index of its first entry
        for (section, i), item in _items(atlas, stem):
            if (section, item.id) in seen:
                first = seen[(section, item.id)] + 1
                report(stem, (section, i, "id"), item.id, "id", f"duplicate id (first used by entry #{first})")
            else:
                seen[(section, item.id)] = int(i)


def _check_versions(atlas: Atlas, report: _Reporter) -> None:
    """Version numbers and effective dates must agree in order.

    When they do not, blame the fewest versions whose removal leaves the rest in order (the
    longest run of numbers with strictly increasing dates is kept; on a tie, the lower numbers
    are kept). Re-dating 3.4 to before 2.1 blames 3.4, not the eight versions it jumped over."""
    raw = atlas.version_items
    if not raw:
        return  # no versions, nothing to order
    order = sorted(range(len(raw)), key=lambda i: _number(raw[i].id))
    dates = [raw[i].effective for i in order]
    n = len(order)
    # longest[k]: length of the longest increasing run of dates starting at position k.
    longest = [1] * n
    for k in range(n - 2, -1, -1):
        longest[k] = 1 + max((longest[m] for m in range(k + 1, n) if dates[m] > dates[k]), default=0)
    kept: list[int] = []
    need = max(longest)
    for k in range(n):
        # The first version with the length still sought always continues the run: a later one
        # dated after the last kept version has that length, so an earlier one dated before it
        # would have a longer run.
        if longest[k] == need:
            kept.append(k)
            need -= 1
    for k in sorted(set(range(n)) - set(kept)):
        v = raw[order[k]]
        before = [m for m in kept if m < k and dates[m] >= dates[k]]
        # no-mutate: k is never kept, and a kept later version dated like k never comes first
        # (brute-forced over every dating of up to six versions), so > / >= and <= / < agree.
        after = [m for m in kept if m > k and dates[m] <= dates[k]]  # pragma: no mutate
        other = raw[order[(before or after)[0 if not before else -1]]]
        if other.effective == v.effective:
            problem = f"same effective date as version {other.id}"
        elif before:
            problem = f"takes effect {v.effective} but the lower-numbered version {other.id} takes effect later"
        else:
            problem = f"takes effect {v.effective} but the higher-numbered version {other.id} takes effect earlier"
        report("versions", ("items", order[k], "effective"), v.id, "effective", problem)


_PAGES = re.compile(r"\bpp?\.\s*(\d+)(?:\s*[-–]\s*(\d+))?")


def _page_beyond(cite: t.Cite, source: t.Source) -> str | None:
    """A problem if a "p. N"/"pp. N-M" locator names a page the source does not have."""
    if source.pages is None:
        return None
    for m in _PAGES.finditer(cite.locator):
        page = max(int(g) for g in m.groups() if g)
        if page > source.pages:
            return f"page {page} is beyond the {source.pages} pages of source '{source.id}'"
    return None


def _number(vid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in vid.split("."))


def _check_references(atlas: Atlas, report: _Reporter) -> None:
    levels = {e.id for e in atlas.entities["level"]}
    standards = {e.id for e in atlas.entities["standard"]}
    domains = {e.id for e in atlas.entities["domain"]}
    thresholds = {e.id for e in atlas.entities["threshold"]}
    provisions = {e.id for e in atlas.entities["provision"]}
    versions = set(atlas.version_ids)
    for stem in FILES:
        for prefix, item in _items(atlas, stem):
            entry = str(item.id)
            for loc, value in _walk(item, ()):
                full = (*prefix, *loc)
                field = _field(loc)
                if (isinstance(value, t.Cite) and value.source not in atlas.sources) or (
                    isinstance(value, t.Edition) and value.source not in atlas.sources
                ):
                    report(stem, full, entry, f"{field}.source", f"unknown source '{value.source}'")
                elif isinstance(value, t.Cite) and (beyond := _page_beyond(value, atlas.sources[value.source])):
                    report(stem, full, entry, f"{field}.locator", beyond)
                elif isinstance(value, t.VersionLinks):
                    links = {"pdf": value.pdf, "redline": value.redline, "announcement": value.announcement}
                    for key, key_value in links.items():
                        if key_value is not None and key_value not in atlas.sources:
                            report(stem, full, entry, f"{field}.{key}", f"unknown source '{key_value}'")
                elif loc and loc[-1] in ("entities", "provisions") and isinstance(value, list):
                    for i, ref in enumerate(value):
                        if not atlas.has_entity(ref):
                            report(stem, (*full, i), entry, f"{field}[{i}]", f"unknown entity '{ref}'")
                elif isinstance(value, t.Parallel) and value.entity and not atlas.has_entity(value.entity):
                    report(stem, full, entry, f"{field}.entity", f"unknown entity '{value.entity}'")
                elif isinstance(value, t.ThresholdState):
                    lists = {
                        "required_safeguards": value.required_safeguards,
                        "expected_safeguards": value.expected_safeguards,
                    }
                    for key, ids in lists.items():
                        for i, sid in enumerate(ids):
                            if sid not in standards:
                                report(stem, full, entry, f"{field}.{key}[{i}]", f"unknown standard '{sid}'")
                elif isinstance(value, t.LineageEdge):
                    # a lineage edge leads to another entity of its own kind
                    noun, pool = ("provision", provisions) if stem == "provisions" else ("threshold", thresholds)
                    if value.to == entry:
                        report(stem, full, entry, f"{field}.to", f"a lineage edge cannot lead to its own {noun}")
                    elif value.to not in pool:
                        report(stem, full, entry, f"{field}.to", f"unknown {noun} '{value.to}'")
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
    last = len(order) - 1  # pragma: no mutate (an open end anywhere at or past the newest version reads the same)
    for k in KINDS:
        stem = k.file
        for i, entity in enumerate(atlas.entities[k.name]):
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


def _check_affects(atlas: Atlas, report: _Reporter) -> None:
    """A version's change lists under "Affects" only entries whose record changes in that version
    (a state begins there, or ends just before it). Otherwise /changes/ says an entry changed
    where its own history (the /governance/ grid, the pair pages) says it did not, and a pair
    page's row may take another entry's sentence as its headline."""
    ids = atlas.version_ids
    for vi, version in enumerate(atlas.version_items):
        if version.id not in ids:
            continue
        i = ids.index(version.id)
        prev = ids[i - 1] if i else None
        for ci, change in enumerate(version.changes):
            for ri, ref in enumerate(change.entities):
                kind_name, eid = ref.split(":", 1)
                states = atlas.entity(kind_name, eid).states
                if any(s.from_ == version.id for s in states) or any(s.to == prev for s in states if prev):
                    continue
                report(
                    "versions",
                    ("items", vi, "changes", ci, "entities", ri),
                    f"{version.id}/{change.id}",
                    f"entities[{ri}]",
                    f"'{ref}' has no change of record in {version.id}",
                )
