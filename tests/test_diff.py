"""Diff semantics on the small hand-made fixture in tests/fixtures/mini."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.compute import lineage
from macros.compute import versions as cv
from macros.compute.diff import changed_only, diff, diff_entity, stated_changes
from macros.compute.scope import in_force, state_at
from macros.model.kinds import THRESHOLD


def _by_id(diffs):
    return {d.entity.id: d for d in diffs}


def test_added_entity_names_the_version_it_appeared_in(mini):
    d = _by_id(diff(mini, "1.0", "3.0"))["gamma"]
    assert d.status == "added"
    assert d.at == ("3.0",)
    assert d.before is None and d.after is not None


def test_removed_entity_names_the_version_it_disappeared_in(mini):
    d = _by_id(diff(mini, "2.0", "3.0"))["beta"]
    assert d.status == "removed"
    assert d.at == ("3.0",)


def test_rename_is_a_name_change_attributed_to_its_version(mini):
    d = _by_id(diff(mini, "1.0", "2.1"))["alpha"]
    assert d.status == "changed" and d.renamed
    (name,) = d.fields
    assert (name.field, name.before, name.after, name.versions) == ("name", "Alpha", "Alpha-3", ("2.0",))


def test_each_field_change_is_attributed_to_the_intermediate_version_where_it_happened(mini):
    d = _by_id(diff(mini, "1.0", "3.0"))["alpha"]
    fields = {f.field: f for f in d.fields}
    assert set(fields) == {"name", "summary"}
    assert fields["name"].versions == ("2.0",)
    assert fields["summary"].versions == ("3.0",)
    assert d.at == ("2.0", "3.0")


def test_changed_list_field_shows_before_and_after(mini):
    d = _by_id(diff(mini, "1.0", "3.0"))["std-a"]
    (f,) = d.fields
    assert (f.field, f.before, f.after, f.versions) == ("out_of_scope", ["states"], ["states", "insiders"], ("2.1",))


def test_provenance_alone_is_not_a_change(mini):
    # std-a's two states cite different sources but 2.0 → 2.0 and 2.1 → 3.0 carry the same content.
    assert _by_id(diff(mini, "2.1", "3.0"))["std-a"].status == "unchanged"


def test_identical_versions_give_an_empty_diff(mini):
    for vid in mini.version_ids:
        assert changed_only(diff(mini, vid, vid)) == []


def test_entities_absent_in_both_versions_are_left_out(mini):
    assert "gamma" not in _by_id(diff(mini, "1.0", "2.1"))
    assert "beta" not in _by_id(diff(mini, "1.0", "1.0"))


def test_order_of_arguments_is_checked(mini):
    with pytest.raises(ValueError, match="comes after"):
        diff_entity(mini, "threshold", mini.entity("threshold", "alpha"), "3.0", "1.0")


def test_stated_changes_cover_the_versions_after_a_up_to_b(mini):
    got = [(v.id, c.text) for v, c in stated_changes(mini, "1.0", "2.1")]
    assert got == [("2.0", "Renamed the alpha threshold."), ("2.1", "Nothing substantive.")]
    assert stated_changes(mini, "2.1", "2.1") == []


def test_state_at_and_in_force(mini):
    alpha = mini.entity("threshold", "alpha")
    assert state_at(mini, alpha, "1.0").name == "Alpha"
    assert state_at(mini, alpha, "2.1").name == "Alpha-3"
    assert [e.id for e, _ in in_force(mini, THRESHOLD, "2.0")] == ["alpha", "beta"]
    assert [e.id for e, _ in in_force(mini, THRESHOLD, "3.0")] == ["alpha", "gamma"]


def test_open_ended_state_runs_to_the_newest_version(mini):
    gamma = mini.entity("threshold", "gamma")
    assert state_at(mini, gamma, mini.version_ids[-1]) is not None


def test_version_status_and_version_in_force_are_computed(mini):
    assert cv.current(mini).id == "3.0"
    assert cv.status(mini, "3.0") == "current" and cv.status(mini, "2.1") == "superseded"
    assert cv.in_force_at(mini, dt.date(2019, 12, 31)) is None
    assert cv.in_force_at(mini, dt.date(2021, 1, 1)).id == "2.0"
    assert cv.in_force_at(mini, dt.date(2021, 12, 31)).id == "2.0"
    assert cv.in_force_at(mini, dt.date(2030, 1, 1)).id == "3.0"


def test_every_pair_once(mini):
    pairs = cv.pairs(mini)
    assert len(pairs) == 6 and len(set(pairs)) == 6
    assert all(mini.index(a) < mini.index(b) for a, b in pairs)


def test_lineage_edges_and_family(mini):
    assert [link.target for link in lineage.successors(mini, "alpha")] == ["beta"]
    assert [link.source for link in lineage.predecessors(mini, "beta")] == ["alpha"]
    assert lineage.family(mini, "beta") == ["alpha", "beta"]
