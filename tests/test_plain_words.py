"""Hand-written prose in data/*.yml keeps to GOV.UK's 25-word sentences: a ratchet on the counts.

The splitter and counter live in tests/plain_words.py; the budget in
tests/fixtures/long_sentences.json.
"""

from __future__ import annotations

import json

import pytest

from tests.plain_words import BUDGET, LIMIT, counts, data_files, long_sentences, over_budget, sentences, words

FIX_HINT = (
    "Split the sentence into shorter ones (GOV.UK style: at most 25 words), keeping every fact and hedge. "
    "If it truly cannot be split, raise the budget deliberately with "
    "`.venv/bin/python -m tests.plain_words --write` and say why in the commit message."
)


def _budget() -> dict[str, int]:
    return json.loads(BUDGET.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        # Abbreviations and dotted numbers are not sentence ends, even before a capital.
        ("Some risks, e.g. CBRN, matter. Next.", ["Some risks, e.g. CBRN, matter.", "Next."]),
        ("That is, i.e. Anthropic, said so.", ["That is, i.e. Anthropic, said so."]),
        ("Rules in the U.S. Congress vary. Next.", ["Rules in the U.S. Congress vary.", "Next."]),
        ("Version v2.2 and 3.0 differ. Next.", ["Version v2.2 and 3.0 differ.", "Next."]),
        ("See p. 4 and pp. 8-9 of it. Next.", ["See p. 4 and pp. 8-9 of it.", "Next."]),
        ("Tables, charts etc. Are kept.", ["Tables, charts etc. Are kept."]),
        ("Written by J. Kaplan. Next.", ["Written by J. Kaplan.", "Next."]),
        # A sentence may end inside quotes or brackets, or open with a number, quote or bracket.
        ('It said "no." Then it left.', ['It said "no."', "Then it left."]),
        ("(As before.) Next.", ["(As before.)", "Next."]),
        ("Two things. (1) First.", ["Two things.", "(1) First."]),
        ('Three things. "Quoted" start.', ["Three things.", '"Quoted" start.']),
        ("In 2025. 2026 followed.", ["In 2025.", "2026 followed."]),
        # "No." opens many answers and ends a sentence there.
        ("No. Anthropic said so.", ["No.", "Anthropic said so."]),
        # A lower-case continuation is never a new sentence; line breaks are spaces.
        ("Ends at 3.0. and then\n  more.", ["Ends at 3.0. and then more."]),
    ],
)
def test_sentence_splitter(text: str, expected: list[str]):
    assert sentences(text) == expected


def test_word_count_ignores_punctuation_only_tokens():
    assert words("ASL-3 (roughly RAND SL4) — 25% of 2.2's text.") == 8


def test_alias_text_counts_once_per_field():
    long = " ".join(["word"] * 30) + "."
    yml = f"items:\n  - a: &t {long}\n    summary: *t\n  - summary: *t\n"
    assert counts(long_sentences({"demo": yml})) == {"demo:summary": 1}


def test_names_and_locators_are_not_counted():
    long = " ".join(["word"] * 30) + "."
    yml = f"items:\n  - name: {long}\n    locator: {long}\n    question: {long}\n"
    assert counts(long_sentences({"demo": yml})) == {}


def test_long_sentences_stay_within_budget():
    found = long_sentences(data_files())
    problems = over_budget(found, _budget())
    assert not problems, "\n".join([*problems, FIX_HINT])


def test_budget_names_only_fields_that_exist():
    # A renamed file or field would silently drop out of the ratchet.
    assert set(_budget()) <= set(long_sentences(data_files()))


def test_ratchet_fails_on_an_extra_long_sentence():
    files = data_files()
    extra = " ".join(["This added sentence runs on"] * 6) + " until the end."
    assert words(extra) > LIMIT
    files["faq"] = files["faq"].replace('answer: "', f'answer: "{extra} ', 1)
    problems = over_budget(long_sentences(files), _budget())
    assert len(problems) == 1
    assert problems[0].startswith("faq:answer: ")
    assert extra in problems[0]  # the worst offender is printed
