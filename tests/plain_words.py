"""Long sentences in the hand-written prose of data/*.yml (GOV.UK style: at most 25 words).

A ratchet, not a ban: some sentences carry a list or a hedge that does not split well, so the
test holds each (file, field) to the number of long sentences it had when the budget in
``tests/fixtures/long_sentences.json`` was last written, and fails if any count rises.

Rewrite the new long sentence; if it truly cannot be split, raise the budget on purpose with
``.venv/bin/python -m tests.plain_words --write`` and say why in the commit message.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BUDGET = ROOT / "tests" / "fixtures" / "long_sentences.json"
LIMIT = 25

# Fields a reader sees as running prose. Names, titles, questions, labels and locators are
# short by design and left out so they cannot pad or hide the counts.
PROSE_FIELDS = frozenset(
    {
        "anthropic_plan",
        "answer",
        "definition",
        "determination",
        "effect_note",
        "gives",
        "gloss",
        "in_scope",
        "industry_recommendation",
        "measures",
        "note",
        "out_of_scope",
        "reasoning",
        "relies_on",
        "reply",
        "safeguards_note",
        "summary",
        "text",
        "version_note",
        "view",
    }
)

# A full stop after one of these does not end a sentence, even before a capital ("e.g. CBRN").
# ("No." is left out: the data opens answers with "No. Anthropic ...".)
_ABBREVIATIONS = "e.g i.e etc cf vs viz p pp para fig approx ca inc ltd mr mrs ms dr st jr sr u.s u.k e.u al"
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets), then space,
# then something that can open a sentence: a capital, a digit, an opening quote or bracket.
_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9§])")


def _ends_in_abbreviation(text: str) -> bool:
    """True when the full stop at the end of ``text`` belongs to an abbreviation or an initial."""
    token = text.rstrip("\"'”’)]").split()[-1] if text.split() else ""
    token = token.lstrip("\"'“‘([").lower()
    if not token.endswith("."):
        return False
    stem = token[:-1]
    # "U.S." and "e.g." both end in a dotted run of single letters; one capital letter ("A.")
    # is an initial. Both are abbreviations, never a sentence end.
    return stem in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", stem) is not None


def sentences(text: str) -> list[str]:
    """Split plain prose into sentences without breaking at "e.g.", "U.S.", "v2.2" or "p. 4"."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start : m.start() + 1]
        if text[m.start()] == "." and _ends_in_abbreviation(head):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def words(sentence: str) -> int:
    """Words as a reader counts them: whitespace-separated runs holding a letter or digit."""
    return sum(1 for w in sentence.split() if re.search(r"\w", w))


def prose(obj: object, field: str | None = None) -> Iterator[tuple[str, str]]:
    """(field, text) for every prose string in a loaded YAML tree."""
    if isinstance(obj, str):
        if field in PROSE_FIELDS:
            yield field, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from prose(value, str(key))
    elif isinstance(obj, list):
        for value in obj:
            yield from prose(value, field)


def long_sentences(files: dict[str, str]) -> dict[str, list[str]]:
    """Long sentences per "file:field", from {file stem: YAML text}.

    A text shared through a YAML alias is one piece of writing, so it counts once per field.
    """
    found: dict[str, list[str]] = {}
    for stem, source in sorted(files.items()):
        seen: set[tuple[str, str]] = set()
        for field, text in prose(yaml.safe_load(source)):
            if (field, text) in seen:
                continue
            seen.add((field, text))
            key = f"{stem}:{field}"
            found.setdefault(key, [])
            found[key] += [s for s in sentences(text) if words(s) > LIMIT]
    return found


def data_files(root: Path = DATA) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(root.glob("*.yml"))}


def counts(found: dict[str, list[str]]) -> dict[str, int]:
    return {key: len(items) for key, items in sorted(found.items())}


def over_budget(found: dict[str, list[str]], budget: dict[str, int]) -> list[str]:
    """One line per field whose count rose, naming its longest sentence."""
    problems = []
    for key, items in sorted(found.items()):
        allowed = budget.get(key, 0)
        if len(items) > allowed:
            worst = max(items, key=words)
            problems.append(
                f"{key}: {len(items)} sentences over {LIMIT} words (budget {allowed}); "
                f"longest ({words(worst)} words): {worst}"
            )
    return problems


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.plain_words --write   (rewrites the long-sentence budget)")
    BUDGET.write_text(json.dumps(counts(long_sentences(data_files())), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {BUDGET.relative_to(ROOT)}")
