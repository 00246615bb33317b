"""The change ledger: every recorded change carries a neutral effect and a changelog reconciliation."""

from __future__ import annotations

from typing import get_args

from macros.model import types as t


def test_effect_labels_match_the_literal_exactly():
    assert list(t.EFFECT_LABELS) == list(get_args(t.ChangeEffect))
    assert all(name and meaning for name, meaning in t.EFFECT_LABELS.values())


def test_changelog_labels_match_the_literal_exactly():
    assert list(t.IN_CHANGELOG_LABELS) == list(get_args(t.InChangelog))


def _changes(atlas):
    return [(v.id, c) for v in atlas.versions for c in v.changes]


def test_every_change_has_an_effect_a_note_and_a_changelog_answer(atlas):
    changes = _changes(atlas)
    assert len(changes) >= 93
    for vid, c in changes:
        assert c.effect in t.EFFECT_LABELS, (vid, c.id)
        assert c.effect_note.strip(), (vid, c.id)
        assert c.in_changelog in t.IN_CHANGELOG_LABELS, (vid, c.id)


def test_silent_changelog_is_said_and_sourced(atlas):
    for vid, c in _changes(atlas):
        if c.in_changelog != "no":
            continue
        note = c.effect_note.lower()
        assert "not in" in note and "changelog" in note, (vid, c.id)
        assert any("Changelog" in s.locator and s.source.endswith(vid) for s in c.sources), (vid, c.id)
