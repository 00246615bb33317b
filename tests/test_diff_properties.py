"""Property-based tests of the diff and lineage engine on random version histories (hypothesis).

Each example builds a small atlas: n versions, a few thresholds whose presence is one contiguous
run of versions cut into states (so renames and rewrites happen), random lineage edges, and one
policy text per version that a state may or may not cite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.compute import lineage
from macros.compute.diff import diff
from macros.compute.scope import name_at, state_at, tracked
from macros.model import Atlas
from macros.model import types as t
from macros.render import compare
from macros.render.text import Ctx, esc

PROFILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _vid(i: int) -> str:
    return f"{i + 1}.0"


@st.composite
def histories(draw: st.DrawFn, reverse: bool = False) -> Atlas:
    n = draw(st.integers(2, 6))
    vids = [_vid(i) for i in range(n)]
    sources = [
        t.Source.model_validate(
            {
                "id": f"doc-{i}",
                "title": f"Policy {vid}",
                "publisher": "Example",
                "date": dt.date(2020 + i, 1, 1),
                "url": f"https://example.org/{i}.pdf",
                "retrieved": dt.date(2030, 1, 1),
                "kind": "policy",
                "version": vid,
            }
        )
        for i, vid in enumerate(vids)
    ]
    # A citation that is not a policy text: it backs a state without attesting any version.
    sources.append(
        t.Source.model_validate(
            {
                "id": "elsewhere",
                "title": "Commentary",
                "publisher": "Example",
                "date": dt.date(2020, 6, 1),
                "url": "https://example.org/c",
                "retrieved": dt.date(2030, 1, 1),
                "kind": "news",
            }
        )
    )
    versions = [
        t.Version.model_validate(
            {
                "id": vid,
                "title": f"Policy {vid}",
                # reversed histories run the same versions backwards in time
                "effective": dt.date(2020 + (n - 1 - i if reverse else i), 1, 1),
                "links": {"pdf": f"doc-{i}"},
                "summary": "A version.",
                "sources": [{"source": f"doc-{i}", "locator": "p. 1"}],
            }
        )
        for i, vid in enumerate(vids)
    ]
    thresholds = []
    spans = {}
    for k in range(draw(st.integers(1, 4))):
        lo = draw(st.integers(0, n - 1))
        hi = draw(st.integers(lo, n - 1))
        cuts = sorted(draw(st.sets(st.integers(lo + 1, hi), max_size=hi - lo)) if hi > lo else set())
        bounds = [lo, *cuts, hi + 1]
        states = []
        for j, (s, e) in enumerate(pairwise(bounds)):
            cited = draw(st.sets(st.integers(s, e - 1)))
            states.append(
                {
                    "from": vids[s],
                    "to": vids[e - 1],
                    "name": f"T{k} name {draw(st.integers(0, j))}",
                    "summary": f"meaning {draw(st.integers(0, 2))}",
                    "sources": [{"source": f"doc-{i}", "locator": "p. 2"} for i in sorted(cited)]
                    or [{"source": "elsewhere", "locator": "x"}],
                }
            )
        spans[f"t{k}"] = (lo, hi)
        thresholds.append({"id": f"t{k}", "domain": "d", "states": states, "lineage": []})
    # Edges, as the data checks require, point to a threshold in a version where it exists, from
    # one that existed in the version before.
    for th in thresholds:
        for other in thresholds:
            lo, hi = spans[other["id"]]
            slo, shi = spans[th["id"]]
            options = [i for i in range(max(lo, 1), hi + 1) if slo <= i - 1 <= shi]
            if other is th or not options or not draw(st.booleans()):
                continue
            at = draw(st.sampled_from(options))
            typ = draw(st.sampled_from(["renamed", "split", "merged", "redefined", "replaced", "retired"]))
            th["lineage"].append({"to": other["id"], "type": typ, "at": vids[at]})
    return Atlas(
        verified={},
        source_items=tuple(sources),
        version_items=tuple(versions),
        entities={
            "level": (),
            "standard": (),
            "domain": (),
            "threshold": tuple(t.Threshold.model_validate(th) for th in thresholds),
            "provision": (),
            "term": (),
        },
        model_items=(),
        event_items=(),
        related=(),
        theory=t.TheoryFile.model_validate(
            {"verified": "2030-01-01", "mechanisms": [], "framings": [], "assessment": [], "critiques": []}
        ),
        faq=(),
        quiz=(),
        redirects=(),
        paths=(),
    )


def _pairs(atlas: Atlas) -> list[tuple[str, str]]:
    ids = atlas.version_ids
    return [(a, b) for i, a in enumerate(ids) for b in ids[i:]]


@PROFILE
@given(histories())
def test_an_entity_appears_once_and_disappears_once(atlas: Atlas) -> None:
    ids = atlas.version_ids
    for a, b in _pairs(atlas):
        for d in diff(atlas, a, b):
            if d.status not in ("added", "removed"):
                continue
            assert len(d.at) == 1 and d.event == d.at[0]
            i = atlas.index(d.event)
            assert atlas.index(a) < i <= atlas.index(b)
            here, before = state_at(atlas, d.entity, d.event), state_at(atlas, d.entity, ids[i - 1])
            if d.status == "added":
                # the one version it appeared in, and it stays to the end of the range
                assert here is not None and before is None
                assert all(state_at(atlas, d.entity, v) for v in ids[i : atlas.index(b) + 1])
            else:
                assert here is None and before is not None
                assert all(state_at(atlas, d.entity, v) for v in ids[atlas.index(a) : i])


@PROFILE
@given(histories())
def test_names_are_as_of_the_version(atlas: Atlas) -> None:
    ids = atlas.version_ids
    for entity in atlas.entities["threshold"]:
        for i, vid in enumerate(ids):
            n, state = name_at(atlas, entity, vid), state_at(atlas, entity, vid)
            if state is not None:
                assert n.when == "in" and n.name == state.name
            elif any(state_at(atlas, entity, v) for v in ids[:i]):
                assert n.when == "before"  # never a later name while an earlier one exists
                assert atlas.index(n.vid) < i
            else:
                assert n.when == "after" and atlas.index(n.vid) > i
    for a, b in _pairs(atlas):
        for d in diff(atlas, a, b):
            assert d.before is state_at(atlas, d.entity, a) and d.after is state_at(atlas, d.entity, b)


_LINK_TEXT = re.compile(r"\[([^\]]+)\]\(\.\./thresholds/")


@PROFILE
@given(histories())
def test_a_pair_page_names_nothing_outside_its_range_unless_marked_later(atlas: Atlas) -> None:
    ids = atlas.version_ids
    for a, b in _pairs(atlas):
        if a == b:
            continue
        out = compare.compare_page(Ctx(atlas, f"compare/{a}-vs-{b}.md"), a, b)
        out = re.sub(r'<span class="atlas-later">.*?</span>', "", out)
        allowed = {
            esc(s.name)
            for e in atlas.entities["threshold"]
            for v in ids[atlas.index(a) : atlas.index(b) + 1]
            if (s := state_at(atlas, e, v)) is not None
        }
        for name in _LINK_TEXT.findall(out):
            assert name in allowed, (a, b, name)


@PROFILE
@given(histories())
def test_lineage_edges_are_honoured(atlas: Atlas) -> None:
    for a, b in _pairs(atlas):
        diffs = {d.entity.id: d for d in diff(atlas, a, b)}
        for link in lineage.crossed(atlas, a, b):
            for eid in (link.source, link.target):
                d = diffs.get(eid)
                if d is None:
                    continue
                if link.edge.type in lineage.DESCENT or eid == link.source:
                    assert link in d.moves, (a, b, link, eid)
            src = diffs.get(link.source)
            if src is not None and src.status == "removed" and src.event == link.edge.at:
                label = compare.kind_of_change(src)
                assert not label.startswith("Dropped"), label
            dst = diffs.get(link.target)
            arrived = dst is not None and dst.status == "added" and dst.event == link.edge.at
            if arrived and link.edge.type in compare.ARRIVAL:
                assert not compare.kind_of_change(dst).startswith("New in")


def _reversed(atlas: Atlas) -> Atlas:
    """The same history told backwards: versions in reverse time order, states' ranges flipped."""
    n = len(atlas.versions)
    last = atlas.version_ids[-1]
    versions = tuple(
        v.model_copy(update={"effective": dt.date(2020 + n - 1 - i, 1, 1)}) for i, v in enumerate(atlas.versions)
    )
    flipped = []
    for th in atlas.entities["threshold"]:
        states = [s.model_copy(update={"from_": s.to or last, "to": s.from_}) for s in th.states]
        flipped.append(th.model_copy(update={"states": states, "lineage": []}))
    return dataclasses.replace(atlas, version_items=versions, entities={**atlas.entities, "threshold": tuple(flipped)})


@PROFILE
@given(histories())
def test_reversing_a_pair_inverts_it(atlas: Atlas) -> None:
    rev = _reversed(atlas)
    inverse = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}
    for a, b in _pairs(atlas):
        forward = {d.entity.id: d for d in diff(atlas, a, b)}
        backward = {d.entity.id: d for d in diff(rev, b, a)}
        assert forward.keys() == backward.keys()
        for eid, d in forward.items():
            r = backward[eid]
            # lineage is not reversed with the history: a lineage step alone makes no field change
            if not d.moves:
                assert r.status == inverse[d.status], (a, b, eid)
            assert {f.field: (f.before, f.after) for f in d.fields} == {f.field: (f.after, f.before) for f in r.fields}
            if d.status in ("added", "removed"):
                # appearing in v forwards is disappearing in the version before v backwards
                assert r.event == atlas.version_ids[atlas.index(d.event) - 1]


@PROFILE
@given(histories())
def test_unchanged_only_where_every_version_is_cited(atlas: Atlas) -> None:
    for a, b in _pairs(atlas):
        for d in diff(atlas, a, b):
            if d.status == "unchanged" and d.confirmed:
                assert tracked(atlas, d.entity, a, b)
                for v in atlas.version_ids[atlas.index(a) : atlas.index(b) + 1]:
                    cites = {c.source for c in state_at(atlas, d.entity, v).sources}
                    assert f"doc-{atlas.index(v)}" in cites


def _with_domain(atlas: Atlas) -> Atlas:
    """The history with its risk domain "d" (every threshold's) as an entity whose own record never
    changes and is cited from every version's text."""
    ids = atlas.version_ids
    domain = t.Domain.model_validate(
        {
            "id": "d",
            "order": 1,
            "states": [
                {
                    "from": ids[0],
                    "name": "Domain",
                    "summary": "What the policy says.",
                    "sources": [{"source": f"doc-{i}", "locator": "p. 3"} for i in range(len(ids))],
                }
            ],
        }
    )
    return dataclasses.replace(atlas, entities={**atlas.entities, "domain": (domain,)})


@PROFILE
@given(histories())
def test_a_risk_domain_changed_wherever_one_of_its_thresholds_did(atlas: Atlas) -> None:
    """A domain is a row of thresholds: never "unchanged" while one of them differs, and its
    label names every version in which one of them arrived, left, changed or took a lineage step
    (audit B5: 'Changed in 2.1, 3.0' for a domain whose threshold was rewritten in 3.3; F9)."""
    atlas = _with_domain(atlas)
    for a, b in _pairs(atlas):
        diffs = diff(atlas, a, b)
        dom = next(d for d in diffs if d.kind == "domain")
        rows = [d for d in diffs if d.kind == "threshold" and d.status != "unchanged"]
        if not rows:
            assert dom.status == "unchanged"
            continue
        assert dom.status == "changed", (a, b)
        label = compare.kind_of_change(dom)
        for d in rows:
            for v in set(d.at) | set(d.revised) | {link.edge.at for link in d.moves}:
                assert v in label, (a, b, label, v)
