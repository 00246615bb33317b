"""Labels live beside their Literals in macros/model/types.py; nothing keyed by a value may miss one."""

from __future__ import annotations

from typing import get_args

import pytest

from macros.model import types as t
from macros.render.common import grouped

LABELLED = {
    "change categories": (t.ChangeCategory, t.CHANGE_CATEGORY_LABELS),
    "change effects": (t.ChangeEffect, t.EFFECT_LABELS),
    "changelog mentions": (t.InChangelog, t.IN_CHANGELOG_LABELS),
    "provision categories": (t.ProvisionCategory, t.PROVISION_CATEGORY_TITLES),
    "threshold kinds": (t.ThresholdKind, t.THRESHOLD_KIND_LABELS),
    "lineage edges": (t.LineageType, t.LINEAGE_PHRASES),
    "assessment verdicts": (t.Verdict, t.VERDICT_LABELS),
}


@pytest.mark.parametrize(("literal", "labels"), LABELLED.values(), ids=LABELLED.keys())
def test_label_keys_are_exactly_the_literal_values(literal, labels):
    assert list(labels) == list(get_args(literal))
    assert all(labels.values())


def test_grouping_by_labels_follows_the_label_order_and_drops_nothing():
    items = ["b1", "a1", "b2"]
    assert grouped(items, lambda s: s[0], {"a": "A", "b": "B", "c": "C"}) == [("a", ["a1"]), ("b", ["b1", "b2"])]


def test_a_value_without_a_label_fails_instead_of_vanishing():
    with pytest.raises(KeyError, match="'b'"):
        grouped(["a1", "b1"], lambda s: s[0], {"a": "A"})
