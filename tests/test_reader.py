"""Ways in for a reader on a phone: the glossary's A–Z bar, the FAQ's list of questions, newest meaning first."""

from __future__ import annotations

from pathlib import Path

from macros.compute.scope import latest_state
from tests.htmlsite import page


def test_glossary_bar_links_every_letter_group_and_nothing_else(site: Path):
    doc = page(site, "/glossary/")
    groups = {h["id"] for h in doc.select("article h2[id^=letter-]")}
    bar = {a["href"].lstrip("#") for a in doc.select("article nav.atlas-az a")}
    assert groups and bar == groups


def test_faq_lists_every_question_at_the_top(site: Path, atlas):
    doc = page(site, "/faq/")
    listed = [a["href"].lstrip("#") for a in doc.select("article nav.atlas-questions a")]
    shown = [q.id for q in atlas.faq if q.confidence != "unverified"]
    assert listed == shown
    first_question = doc.select_one(f"article h2#{shown[0]}")
    assert doc.select_one("article nav.atlas-questions").find_next("h2") is first_question


def test_glossary_gives_the_current_meaning_first(site: Path, atlas):
    doc = page(site, "/glossary/")
    for term in atlas.entities["term"]:
        if len(term.states) < 2:
            continue
        first = doc.select_one(f"article h3#{term.id}").find_next("p", class_="atlas-meaning")
        latest = latest_state(atlas, term)
        assert first["id"] == f"{term.id}-{latest.from_.replace('.', '-')}", term.id
        assert first.get_text(" ").split(":")[0].strip().startswith(f"v{latest.from_}"), term.id


def test_glossary_aliases_never_repeat_the_heading(site: Path, atlas):
    """A recased alias is kept in the data for the tooltips, which match case; the reader does not
    need "Also: noncompliance reporting" under the heading "Noncompliance reporting"."""
    doc = page(site, "/glossary/")
    checked = 0
    for term in atlas.entities["term"]:
        heading = doc.select_one(f"article h3#{term.id}")
        line = heading.find_next("p").get_text(" ")
        if "Also:" not in line:
            continue
        aliases = line.split("Also:", 1)[1].rstrip(" .").split(", ")
        title = heading.get_text().rstrip("¶").strip().lower()
        assert title not in [a.strip().lower() for a in aliases], term.id
        checked += 1
    assert checked > 5


def test_theory_page_marks_its_own_mapping_and_reading_as_ours(site: Path, atlas):
    """Anthropic names the mechanisms; which provisions carry each, and what each relies on, are
    our reading. The page says so, and names provisions by their topic, not one version's state."""
    doc = page(site, "/theory-of-change/")
    text = " ".join(doc.select_one("article").get_text(" ").split())
    assert "Implemented by" not in text
    for m in atlas.theory.mechanisms:
        assert f"Relies on (our reading): {m.relies_on}" in text, m.id
        if m.provisions:
            head = doc.find(id=m.id)
            line = head.find_next(lambda el: el.name == "p" and "(our mapping)" in el.get_text())
            titles = [atlas.entity("provision", r.partition(":")[2]).title for r in m.provisions]
            assert [a.get_text() for a in line.find_all("a")] == titles, m.id
