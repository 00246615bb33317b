"""Glossary tooltips (macros/tooltips.py): what a tooltip says, and where the extension puts one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from macros import tooltips as tt
from macros.model import Atlas
from tests.htmlsite import html_pages, page, soup, url_of

VERSIONS = ["1.0", "2.0", "3.0"]
# A small table of the shape `make gen` writes: one term that changed meaning, one that never did.
TABLE = {
    "versions": VERSIONS,
    "phrases": {"ASL": "asl", "AI Safety Level": "asl", "RSO": "rso"},
    "eras": {"ASL-1": ["1.0"], "ASL-3": ["2.0", "3.0"], "Old ASL scheme": ["1.0"]},
    "terms": {
        "asl": [
            {"from": "1.0", "to": "1.0", "versions": ["1.0"], "gloss": "Old ASL meaning."},
            {"from": "2.0", "to": None, "versions": ["2.0", "3.0"], "gloss": "New ASL meaning."},
        ],
        "rso": [{"from": "2.0", "to": None, "versions": ["2.0", "3.0"], "gloss": "The officer."}],
    },
}


@pytest.fixture
def md(tmp_path: Path) -> markdown.Markdown:
    path = tmp_path / "tooltips.json"
    path.write_text(json.dumps(TABLE), encoding="utf-8")
    return markdown.Markdown(extensions=["attr_list", "md_in_html", tt.TooltipExtension(table=str(path))])


def render(md: markdown.Markdown, text: str, src: str | None = "versions/1.0.md") -> str:
    md.reset()
    if src is not None:
        text += tt.marker(src, VERSIONS)
    return md.convert(text)


def test_a_version_page_gets_that_versions_meaning_or_none():
    asl, rso = TABLE["terms"]["asl"], TABLE["terms"]["rso"]
    assert tt.tooltip(asl, ["1.0"]) == "Old ASL meaning."
    assert tt.tooltip(asl, ["3.0"]) == "New ASL meaning."
    assert tt.tooltip(rso, ["1.0"]) is None  # no RSO in 1.0: a 1.0 page explains nothing


def test_a_pair_page_gets_a_shared_meaning_a_labelled_one_or_a_pointer():
    asl, rso = TABLE["terms"]["asl"], TABLE["terms"]["rso"]
    assert tt.tooltip(asl, ["2.0", "3.0"]) == "New ASL meaning."
    assert tt.tooltip(asl, ["1.0", "2.0"]) == "Its meaning differs between RSP 1.0 and RSP 2.0: the glossary has both."
    assert tt.tooltip(rso, ["1.0", "2.0"]) == "RSP 2.0: The officer."


def test_a_page_about_no_version_explains_only_a_meaning_that_never_changed():
    """Audit G1-3/G2-5: with no version known, the newest meaning ("Since RSP 3.4: …") was put on
    older names ("AI R&D-5", "CBRN weapons"). A term whose meaning changed gets no tooltip there,
    unless the name mentioned was in use only while one meaning held (see below)."""
    assert tt.tooltip(TABLE["terms"]["asl"], []) is None
    assert tt.tooltip(TABLE["terms"]["asl"], [], era=["2.0", "3.0"]) == "Since RSP 2.0: New ASL meaning."
    assert tt.tooltip(TABLE["terms"]["asl"], [], era=["1.0"]) == "RSP 1.0: Old ASL meaning."
    assert tt.tooltip(TABLE["terms"]["asl"], [], era=["1.0", "2.0"]) is None
    assert tt.tooltip(TABLE["terms"]["rso"], []) == "The officer."  # never changed: no label
    ended = [{"from": "2.0", "to": "2.2", "versions": ["2.0", "2.1", "2.2"], "gloss": "Gone."}]
    assert tt.tooltip(ended, []) == "RSP 2.0–2.2: Gone."


def test_page_versions_come_from_the_page_path():
    assert tt.page_versions("versions/1.0.md", VERSIONS) == ["1.0"]
    assert tt.page_versions("compare/1.0-vs-3.0.md", VERSIONS) == ["1.0", "3.0"]
    assert tt.page_versions("current.md", VERSIONS) == ["3.0"]
    assert tt.page_versions("versions/9.9.md", VERSIONS) == []
    assert tt.page_versions("glossary.md", VERSIONS) == []


def test_first_use_per_section_only_never_in_headings_and_linked(md):
    out = render(
        md,
        "Intro: ASL and the AI Safety Level.\n\n## ASL again\n\nASL here, ASL there.\n\n### Sub\n\nASL once more.\n",
    )
    assert out.count("<abbr") == 2  # intro and the second section; the h3 is part of the h2 section
    assert "<h2>ASL again</h2>" in out
    assert (
        '<abbr title="Old ASL meaning."><a class="atlas-term" href="../glossary.md#asl">ASL</a></abbr> and the AI'
        in out
    )
    assert "<!--" not in out  # the page marker is gone


def test_no_tooltip_inside_links_code_or_where_the_version_lacks_the_term(md):
    out = render(md, "[ASL](https://example.org) `ASL` RSO, then ASL.\n")
    assert out.count("<abbr") == 1
    assert out.endswith(
        'then <abbr title="Old ASL meaning."><a class="atlas-term" href="../glossary.md#asl">ASL</a></abbr>.</p>'
    )


def test_a_tooltip_in_markdown_inside_html_and_in_table_tails(md):
    out = render(md, "<div markdown>\n\nSee *the* ASL.\n\n</div>\n\nText *x* RSO.\n", src="compare/2.0-vs-3.0.md")
    assert '<abbr title="New ASL meaning.">' in out and '<abbr title="The officer.">' in out


def test_without_a_marker_a_tooltip_has_no_link_and_labels_its_range(md):
    out = render(md, "ASL-3.\n", src=None)
    assert out == '<p><abbr title="Since RSP 2.0: New ASL meaning.">ASL</abbr>-3.</p>'
    assert "abbr" not in render(md, "ASL.\n", src=None)  # two meanings, no version: none


def test_a_name_gets_the_meaning_of_its_own_era(md):
    """A name not in use in the block's version (2.1's "AI R&D-4" in a sentence about 3.0) gets
    the meaning from the versions it was in use; a longer name around a phrase ("Old ASL
    scheme") counts by its own era. Where the version is known and the name in use, as before."""
    out = render(md, "ASL-1 in a 3.0 sentence.\n", src="versions/3.0.md")
    assert 'title="RSP 1.0: Old ASL meaning."' in out
    out = render(md, "The Old ASL scheme.\n", src="versions/3.0.md")
    assert 'title="RSP 1.0: Old ASL meaning."' in out
    out = render(md, "ASL-3 in a 3.0 sentence.\n", src="versions/3.0.md")
    assert 'title="New ASL meaning."' in out
    out = render(md, "ASL-3 with no page.\n", src=None)
    assert 'title="Since RSP 2.0: New ASL meaning."' in out


def test_the_table_knows_each_names_era(atlas: Atlas):
    data = tt.table(
        atlas.entities["term"],
        atlas.version_ids,
        tt.entity_names([e for group in atlas.entities.values() for e in group], atlas.version_ids),
    )
    assert data["eras"]["AI R&D-5"] == ["2.1", "2.2"]
    assert data["eras"]["CBRN-4"] == ["2.1", "2.2"]
    assert data["eras"]["Autonomous AI R&D"][0] == "2.0"
    assert "AI R&D" not in data["eras"] and "ASL" not in data["eras"]  # an alias names the term always


def test_a_block_about_other_versions_gets_their_meaning_and_explains_afresh(md):
    # A state card (heading with data-versions) on a page about no version, then the page again.
    text = (
        'ASL-3 first.\n\n## Cards\n\n### Old card { data-versions="1.0" }\n\nASL in 1.0.\n\n'
        '### New card { data-versions="2.0 3.0" }\n\nASL later.\n\n## After\n\nASL-3 now.\n'
    )
    out = render(md, text, src=None)
    titles = [part.split('"', 1)[0] for part in out.split('<abbr title="')[1:]]
    now = "Since RSP 2.0: New ASL meaning."
    assert titles == [now, "Old ASL meaning.", "New ASL meaning.", now]
    # A container about a version (a change entry), and a titled paragraph, on a 3.0 page.
    out = render(md, '<div data-version="1.0" markdown>\n\nASL then.\n\n</div>\n\nASL now.\n', "versions/3.0.md")
    assert out.count('title="Old ASL meaning."') == 1 and out.count('title="New ASL meaning."') == 1
    out = render(md, '**Card** (v1.0)\n{: data-versions="1.0" }\n\nASL then.\n\n## Next\n\nASL.\n', "versions/3.0.md")
    assert out.index("Old ASL meaning.") < out.index("New ASL meaning.")
    # Narrowed to the page's own versions where they overlap: a 2.0-3.0 card on the 3.0 page.
    out = render(md, '### C { data-versions="1.0 3.0" }\n\nASL.\n', "versions/3.0.md")
    assert 'title="New ASL meaning."' in out


def test_blocks_in_one_section_explain_a_meaning_once(md):
    """A section of many blocks (the /changes/ ledger: 94 entries under 8 headings) explained each
    term afresh in every block: 225 tooltips, each a component Material mounts on load. A meaning
    already given in the section is not given again; a different one (another era) still is."""
    entries = "".join(
        f'<div data-version="{v}" markdown>\n\nASL in entry {i}.\n\n</div>\n\n'
        for i, v in enumerate(["3.0", "2.0", "1.0", "3.0"])
    )
    out = render(md, "## 3.0\n\n" + entries + "## 2.0\n\n" + entries, "changes.md")
    titles = [part.split('"', 1)[0] for part in out.split('<abbr title="')[1:]]
    assert titles == ["New ASL meaning.", "Old ASL meaning."] * 2


def test_a_recorded_change_gives_the_meaning_on_both_sides_of_its_step(md):
    # Audit H1-1: a 3.0 change saying a 2.2 standard lapses named it with the 3.0 meaning of ASL.
    # data-between is the step (the version changed, the one made), never narrowed to the page's.
    for src in ("versions/3.0.md", "compare/1.0-vs-3.0.md", "changes.md"):
        out = render(md, '### C { data-between="1.0 3.0" }\n\nASL lapses.\n', src)
        assert 'title="Its meaning differs between RSP 1.0 and RSP 3.0' in out, src


def test_links_name_the_glossary_source_relative_to_the_page_source(md):
    # Written as Markdown links are, so each engine rewrites them into its own URLs: MkDocs in its
    # "relpath" step (after this one), Zensical from the source file's folder. A URL-relative link
    # ("../glossary/") came out one level too deep on Zensical.
    for src, href in [
        ("index.md", "glossary.md#asl"),
        ("governance.md", "glossary.md#asl"),
        ("versions/index.md", "../glossary.md#asl"),
        ("versions/1.0.md", "../glossary.md#asl"),
    ]:
        assert f'href="{href}"' in render(md, "ASL-3.\n", src=src), src


def test_the_glossary_page_gets_no_tooltips(md):
    # Each meaning is on the glossary page beside its term; elsewhere the same text gets one.
    assert "<abbr" not in render(md, "ASL-3.\n", src="glossary.md")
    assert "<abbr" in render(md, "ASL-3.\n", src="governance.md")


def test_the_extension_runs_before_mkdocs_rewrites_links():
    md = markdown.Markdown(extensions=[tt.TooltipExtension()])
    names = list(md.treeprocessors._priority)
    mine = next(p.priority for p in names if p.name == "atlas_tooltips")
    assert 0 < mine < 5  # after the table of contents (5), before MkDocs' "relpath" (0)


def test_the_real_glossary_has_a_short_meaning_for_every_state(atlas: Atlas):
    data = tt.table(atlas.entities["term"], atlas.version_ids)
    for term, meanings in data["terms"].items():
        for m in meanings:
            assert m["gloss"], f"{term} from {m['from']}: no gloss"
        for versions in ([], *([v] for v in atlas.version_ids)):
            text = tt.tooltip(meanings, versions)
            assert text is None or len(text) <= tt.LIMIT, (term, versions, text)
    assert data["phrases"]["ASL"] == "asl" and data["phrases"]["Capability Threshold"] == "capability-threshold"


def test_every_built_tooltip_links_to_the_glossary(site: Path):
    """A page whose macros emit no marker would get tooltips with no way to the glossary: /cite/,
    mostly prose, gets its marker from the block-level editions() macro it calls."""
    assert page(site, "/cite/").select("article abbr > a.atlas-term[href='../glossary/#rsp']")
    unlinked = [
        f"{url_of(site, p)}: {a.get_text()}"
        for p in html_pages(site)
        for a in soup(p).select("article abbr")
        if not any(
            re.match(r"(.*glossary/)#[a-z0-9-]+$", href)
            for href in (str(x.get("href", "")) for x in a.select("a.atlas-term"))
        )
    ]
    assert unlinked == []
    assert not page(site, "/glossary/").select("article abbr")


def _label_versions(title: str, ids: list[str]) -> set[str] | None:
    """The versions a tooltip's own label names ("RSP 2.1–2.2: …", "Since RSP 3.4: …"), or None."""
    if m := re.match(r"Since RSP ([0-9.]+):", title):
        return set(ids[ids.index(m.group(1)) :])
    if m := re.match(r"RSP ([0-9.]+)(?:–([0-9.]+))?:", title):
        return set(ids[ids.index(m.group(1)) : ids.index(m.group(2) or m.group(1)) + 1])
    return None


def test_built_tooltips_on_numbered_names_give_a_meaning_of_that_names_era(site: Path):
    """Audit G1-3/G2-5: "AI R&D-5" (2.1-2.2) on /thresholds/ai-rnd-5/ and "AI R&D-4" in a /governance/
    answer about 3.0 carried "Since RSP 3.4: Models able to replace Anthropic's researchers…".
    A labelled tooltip on a numbered name must name versions in which that name was in use."""
    data = json.loads((Path(__file__).resolve().parent.parent / tt.TABLE).read_text(encoding="utf-8"))
    ids, eras = data["versions"], data["eras"]
    bad = []
    for p in html_pages(site):
        for ab in soup(p).select("article abbr"):
            after = ab.next_sibling if isinstance(ab.next_sibling, str) else ""
            num = re.match(r"-(\d+)\b", after)
            name = f"{ab.get_text()}-{num.group(1)}" if num else ""
            said = _label_versions(str(ab["title"]), ids)
            if name in eras and said is not None and not said & set(eras[name]):
                bad.append((url_of(site, p), name, str(ab["title"])[:40]))
    assert bad == []
    header = page(site, "/thresholds/ai-rnd-5/").select_one("article p abbr")
    assert header is not None and str(header["title"]).startswith("RSP 2.1–2.2: Two thresholds"), header


def test_built_lineage_steps_say_which_versions_they_join(site: Path):
    """A lineage step's tooltips give the meaning on its two sides: the ARA step's "ASL-3" (the 2.0
    changelog) is not glossed with 3.0's "only shorthand for protections"."""
    items = page(site, "/thresholds/ara/").find(id="lineage").find_next("ul").find_all("li", recursive=False)
    assert [li.get("data-versions") for li in items] == ["1.0 2.0"]
    titles = [str(ab["title"]) for li in items for ab in li.select("abbr")]
    assert titles and not [x for x in titles if "Since RSP 3.0" in x], titles


def _flat_pattern(phrases: list[str]) -> re.Pattern[str]:
    """The plain form of the phrase search: one alternation, longest phrase first."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def test_the_grouped_phrase_search_finds_what_one_flat_alternation_finds():
    """The phrases are grouped by first character for speed: every match must be the one the plain
    longest-first alternation gives, at the same place. The text puts every real phrase, and every
    pair of phrases, where a shorter one or a prefix of another could win instead."""
    table = json.loads(Path("includes/tooltips.json").read_text(encoding="utf-8"))
    phrases = list(table["phrases"])
    grouped, flat = tt._phrase_pattern(tuple(phrases)), _flat_pattern(phrases)
    assert grouped is not None
    text = " ".join(
        [f"{p}; {p}s {p}-x x{p} ({p})" for p in phrases]
        + [f"{p} {q}" for p in phrases for q in phrases if q.startswith(p[:2])]
    )
    found = [(m.start(), m.group(0)) for m in grouped.finditer(text)]
    assert found == [(m.start(), m.group(0)) for m in flat.finditer(text)]
    # the nested groups still choose the longest phrase at a place ("AI Safety Level", not "AI R&D"'s group's first)
    assert [m.group(0) for m in grouped.finditer("the AI Safety Levels and ASL-3 protections")] == [
        "AI Safety Levels",
        "ASL-3 protections",
    ]
