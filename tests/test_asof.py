"""Point in time: a date resolves to the version in force, and the periods tile the calendar."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from macros.compute import versions as cv
from macros.render import asof
from macros.render.text import Ctx, esc


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-06-01", "RSP 2.2 was in force (since 14 May 2025)"),
        ("2026-02-24", "RSP 3.0 was in force (since 24 Feb 2026)"),  # the effective day itself
        ("2026-02-23", "RSP 2.2 was in force"),  # the day before
        ("2023-09-18", "no version was in force yet: RSP 1.0 took effect on 19 Sep 2023"),
        ("2099-01-01", "RSP 3.4 was in force (since 8 Jul 2026)"),
    ],
)
def test_a_date_resolves_to_the_version_in_force(atlas, day, expected):
    assert expected in asof.as_of_sentence(Ctx(atlas, "as-of.md"), dt.date.fromisoformat(day))


def test_periods_are_contiguous_and_only_the_newest_is_open(atlas):
    ps = asof.periods(atlas)
    assert [p.version.id for p in ps] == list(atlas.version_ids)
    for older, newer in pairwise(ps):
        assert older.end == newer.start
    assert ps[-1].end is None and all(p.end is not None for p in ps[:-1])
    for p in ps:
        assert p.holds(p.start) and cv.in_force_at(atlas, p.start) == p.version
        if p.end:
            assert not p.holds(p.end)


def test_each_determination_is_listed_under_exactly_one_period(atlas):
    page = asof.as_of(Ctx(atlas, "as-of.md"))
    for m in atlas.models:
        if m.confidence == "unverified":
            continue
        # the model's own link: a disputed one also links there for the dispute ("Disputed reading")
        assert page.count(f"[{esc(m.model)}](models.md#{m.id})") == 1, m.id
