"""Renderers and helpers as pure functions, without a build."""

from __future__ import annotations

import datetime as dt
import json
import re

import markdown
import pytest

from macros import citation
from macros.release import parse_changelog
from macros.render import compare, entities, grids, versions
from macros.render.common import cite_list, confidence
from macros.render.text import Ctx, esc, fmt_date, safe_url, table


def _md(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])


def test_esc_makes_markdown_html_and_jinja_inert():
    hostile = "<b>x</b> **y** _z_ [a](b) {{ c }} {% d %} `e` | f # g Anthropic's"
    html = _md(esc(hostile))
    assert "Anthropic&#39;s</p>" in html
    assert esc("R&D &amp; x") == "R&D &amp;amp; x"
    assert "<b>" not in html and "<strong>" not in html and "<em>" not in html and "<a " not in html
    assert "{{" not in esc(hostile) and "{%" not in esc(hostile)
    assert markdown.markdown(esc(hostile)).startswith("<p>")


def test_safe_url_quotes_characters_that_break_markdown_links():
    assert safe_url("https://x.org/a (b).pdf") == "https://x.org/a%20%28b%29.pdf"


def test_dates():
    assert fmt_date(dt.date(2026, 2, 24)) == "24 Feb 2026"
    assert fmt_date(dt.date(2025, 8, 1), "month") == "Aug 2025"


def test_relative_links_between_pages(mini):
    ctx = Ctx(mini, "compare/1.0-vs-2.0.md")
    assert ctx.href("versions/2.0.md") == "../versions/2.0.md"
    assert ctx.href("glossary.md", "asl") == "../glossary.md#asl"
    assert Ctx(mini, "index.md").href("versions/index.md") == "versions/index.md"
    assert Ctx(mini, "glossary.md").href("glossary.md", "x") == "#x"


def test_confidence_label_only_when_not_high():
    assert confidence("high") == ""
    assert "Medium confidence" in confidence("medium")


def test_citations_link_the_source_and_the_bibliography(mini):
    ctx = Ctx(mini, "versions/2.0.md")
    out = cite_list(ctx, mini.version("2.0").sources)
    assert "https://example.org/2.pdf" in out and "../sources.md#src-doc-2" in out and "p. 1" in out


def test_version_page_lists_changes_and_what_is_in_force(mini):
    out = versions.version_page(Ctx(mini, "versions/2.0.md"), "2.0")
    assert out.startswith("# RSP 2.0")
    assert "Renamed the alpha threshold." in out
    assert "[Alpha-3](../thresholds/alpha.md)" in out
    assert "[1.0 vs 2.0](../compare/1.0-vs-2.0.md)" in out


def test_compare_page_shows_field_changes_with_the_version_of_each(mini):
    out = compare.compare_page(Ctx(mini, "compare/1.0-vs-3.0.md"), "1.0", "3.0")
    assert "#### Alpha → Alpha-3 { #threshold-alpha }" in out
    assert "*Split in 2.0; changed in 3.0.*" in out  # the new name came with the split
    # 3.0 lists no change of alpha, so its new meaning is shown plainly, not as a redline
    meaning = "**Meaning** <small>(reworded in [v3.0](../versions/3.0.md))</small>: "
    assert meaning + "The first threshold, redefined.<br><small>Our summary differs" in out
    assert "#### Gamma { #threshold-gamma }" in out and "*New in 3.0.*" in out
    assert "Versions in between: [v2.0](../versions/2.0.md), [v2.1](../versions/2.1.md)" in out
    # the first screen: the versions' own lists, then one line per changed entity
    assert out.index("## What each version said") < out.index("## At a glance") < out.index("## Details")


def test_compare_page_of_neighbours_without_changes(mini):
    out = compare.compare_page(Ctx(mini, "compare/2.0-vs-2.1.md"), "2.0", "2.1")
    assert "#### Standard A { #standard-std-a }" in out
    details = out.split("## Details")[1].split("## Without a recorded change")[0]
    assert "Alpha" not in details


def test_explorer_marks_changes_and_empty_domains(mini):
    out = grids.explorer(Ctx(mini, "thresholds/index.md"))
    assert out.count("<tr data-col=") == len(mini.versions)
    rows = [int(x.split('"')[0]) for x in out.split('<tr data-col="')[1:]]
    assert rows == sorted(rows, reverse=True)  # newest version first
    assert '<th scope="col" data-domain="cyber">' in out
    assert '<a class="atlas-none" href="#domain-cyber" title="No threshold; watched only.">No threshold</a>' in out
    assert 'href="../compare/1.0-vs-2.0/"' in out  # alpha renamed in 2.0


def test_threshold_page_shows_lineage(mini):
    out = entities.threshold_page(Ctx(mini, "thresholds/beta.md"), "beta")
    # names as of each side of the step; the step links to its own pair page and anchor
    assert (
        "In [v2.0](../versions/2.0.md), [Alpha](alpha.md) split in two: [Alpha-3](alpha.md) and "
        "Beta ([1.0 → 2.0](../compare/1.0-vs-2.0.md#threshold-beta))."
    ) in out
    assert '<svg class="atlas-svg" role="img"' in out and "split in 2.0" in out


def test_changelog_parsing():
    text = "# Changelog\n\n## 0.2.0 — 2026-12-01\n\n- Added X.\n\n## 0.1.0 — 2026-11-28\n\n- First.\n"
    rels = parse_changelog(text)
    assert [(r.version, r.date.isoformat(), r.summary) for r in rels] == [
        ("0.2.0", "2026-12-01", "Added X."),
        ("0.1.0", "2026-11-28", "First."),
    ]


def test_citation_formats():
    c = citation.PageCite("RSP 3.0", "https://x.org/versions/3.0/", "0.1.0", dt.date(2026, 11, 28), "3.0")
    out = citation.all_formats(c)
    assert out["APA"].startswith("RSP Atlas contributors. (2026, November 28). RSP 3.0 [Release 0.1.0].")
    assert "@misc{rspatlas-3-0-0-1-0," in out["BibTeX"]
    assert json.loads(out["CSL-JSON"])[0]["genre"] == "Release 0.1.0"
    assert out["RIS"].splitlines()[0] == "TY  - ELEC"
    c2 = citation.PageCite("Glossary", "https://x.org/glossary/", "0.1.0", dt.date(2026, 11, 28))
    assert "RSP v" not in citation.apa(c2)


def test_citation_cff_matches_latest_release():
    from macros.release import latest
    from tests.conftest import ROOT

    cff = (ROOT / "CITATION.cff").read_text()
    rel = latest(ROOT)
    assert f"version: {rel.version}" in cff and f'date-released: "{rel.date.isoformat()}"' in cff


def test_long_ranges_link_to_each_versions_changes_instead_of_repeating_them(mini, monkeypatch):
    monkeypatch.setattr(compare, "INLINE_STEPS", 1)
    out = compare.compare_page(Ctx(mini, "compare/1.0-vs-3.0.md"), "1.0", "3.0")
    assert "2 changes are recorded across 3 versions" in out
    assert "[RSP 2.0](../versions/2.0.md#changes): 1 change" in out
    assert "Renamed the alpha threshold." not in out.split("## What each version said")[1].split("## At a glance")[0]


def test_table_keeps_every_cell_in_its_column():
    out = table(["A", "B"], [["x|y", ""], ["[link](a.md)", "z"]])
    assert out.splitlines() == ["| A | B |", "|---|---|", "| x&#124;y |  |", "| [link](a.md) | z |"]
    with pytest.raises(ValueError, match="cannot span lines"):
        table(["A"], [["two\nlines"]])


def test_lineage_sentences_agree_with_plural_names(atlas):
    """A name may be plural: no lineage sentence puts one before "was" (the verb would not agree)."""
    from macros.compute import lineage

    links = lineage.edges(atlas, "threshold") + lineage.edges(atlas, "provision")
    said = {(lk.source, lk.target): entities.lineage_sentence(Ctx(atlas, "compare/x.md"), lk) for lk in links}
    words = re.sub(r"<[^>]+>", "", _md(said[("capability-safeguards-reports", "risk-reports")]))
    assert "Risk Reports replaced Capability Reports and Safeguards Reports" in words
    assert [s for s in said.values() if " was " in s or " were " in s] == []


def test_a_source_never_read_for_the_site_says_so_and_gives_no_retrieval_date(atlas):
    """The Frontier Compliance Framework's first version was withdrawn before it could be read:
    "Retrieved 2 Sep 2026" beside its address claimed a reading that never happened."""
    from macros.render import records
    from macros.render.text import Ctx

    text = records.sources(Ctx(atlas, "sources.md"))
    line = next(ln for ln in text.splitlines() if "Key: `fcf-trust-center`" in ln)
    assert "Not retrieved for this site." in line and "Retrieved" not in line.replace("Not retrieved", "")
    assert "never read for this site" in line
    dead = next(ln for ln in text.splitlines() if "Key: `rsp-2.1-original`" in ln)
    assert "read from the archived copy" in dead
