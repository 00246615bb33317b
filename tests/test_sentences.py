"""Short sentences in what the site writes itself (GOV.UK style: at most 25 words).

Only the prose the macros generate is held to this: quoted or summarised data text (definitions,
summaries, change descriptions from data/) is the data's own wording. A sentence counts as data
text when any eight consecutive words of it appear in a data string; link lists joined by "·" are
not sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from macros.model import Atlas
from tests.htmlsite import page

LIMIT = 25
WINDOW = 8
SKIP = ".atlas-pagefoot, .atlas-cite, .atlas-citethis, #cite-this-page, details, script, style, svg, form, figure"


def _data_text(atlas: Atlas) -> str:
    """Every string in the data, whitespace normalised, one per line."""
    out: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, str):
            out.append(" ".join(obj.split()))
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list | tuple):
            for v in obj:
                walk(v)
        elif hasattr(obj, "model_dump"):
            walk(obj.model_dump())

    walk(atlas)
    for field in vars(atlas).values():
        walk(field)
    return "\n".join(out)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’&.-]+", text)


def long_generated_sentences(doc: BeautifulSoup, data: str) -> list[str]:
    article = BeautifulSoup(str(doc.select_one("article")), "lxml")
    for el in article.select(SKIP):
        el.decompose()
    data_words = " ".join(_words(data))
    found = []
    for block in article.select("p, li, td"):
        if block.find(["p", "li", "ul", "ol"]):
            continue
        text = " ".join(block.get_text("").split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", text):
            words = _words(sentence)
            if len(words) <= LIMIT or "·" in sentence:
                continue
            windows = (" ".join(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1))
            if any(w in data_words for w in windows):
                continue
            found.append(f"{len(words)} words: {sentence}")
    return found


def test_generated_sentences_on_current_and_version_pages_stay_short(atlas: Atlas, site: Path):
    data = _data_text(atlas)
    problems = []
    for url in ["/current/", *(f"/versions/{v}/" for v in atlas.version_ids)]:
        problems += [f"{url}: {s}" for s in long_generated_sentences(page(site, url), data)]
    assert problems == [], "\n".join(problems)


def test_the_check_catches_a_long_generated_sentence(atlas: Atlas):
    long = " ".join(["word"] * 30) + "."
    doc = BeautifulSoup(f"<article><p>{long}</p><p>Short one.</p></article>", "lxml")
    assert len(long_generated_sentences(doc, _data_text(atlas))) == 1
