"""'First published' and 'last substantively changed' from CHANGELOG.md, and corrections in the feed."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from macros.pagemeta import check_new_pages, page_history
from macros.release import parse_changelog, releases
from tests.conftest import ROOT
from tests.htmlsite import page

CHANGELOG = """# Changelog

## 0.3.0 — 2027-01-10

- Corrections: a threshold's 2.1 wording was misquoted.
- Data corrected: thresholds.

## 0.2.0 — 2026-12-03

- New: a ledger.
- Data corrected: versions,
  glossary.
- New pages: /changes/, /as-of/.

## 0.1.0 — 2026-11-28

- First release.
"""
DATA = {"versions", "thresholds", "glossary", "domains", "standards", "faq"}


def test_release_lines_are_read_and_kept_out_of_the_prose() -> None:
    r3, r2, r1 = parse_changelog(CHANGELOG)
    assert r3.corrections == ("a threshold's 2.1 wording was misquoted.",)
    assert r3.data_corrected == ("thresholds",)
    assert r2.data_corrected == ("versions", "glossary")  # a bullet may wrap
    assert r2.new_pages == ("/changes/", "/as-of/")
    assert r2.summary == "New: a ledger." and r1.corrections == ()


@pytest.mark.parametrize(
    ("src", "first", "last"),
    [
        ("changes.md", "0.2.0", "0.2.0"),  # new in 0.2.0, and the 0.2.0 corrections are its own start
        ("glossary.md", "0.1.0", "0.2.0"),
        ("thresholds/cbrn-4.md", "0.1.0", "0.3.0"),  # draws on thresholds, corrected in 0.3.0
        ("faq.md", "0.1.0", "0.1.0"),  # nothing it draws on was corrected
        ("about.md", "0.1.0", "0.2.0"),  # draws on versions
    ],
)
def test_page_history(src: str, first: str, last: str) -> None:
    f, la = page_history(src, parse_changelog(CHANGELOG), DATA)
    assert (f.version, la.version) == (first, last)


def test_a_later_release_on_the_same_day_is_the_later_change() -> None:
    same_day = CHANGELOG.replace("## 0.3.0 — 2027-01-10", "## 0.3.0 — 2026-12-03").replace(
        "Data corrected: thresholds.", "Data corrected: thresholds, versions."
    )
    rels = parse_changelog(same_day)
    # both 0.2.0 and 0.3.0 corrected versions, the page's data: the later release is the last change
    assert [r.version for r in page_history("about.md", rels, DATA)] == ["0.1.0", "0.3.0"]
    # a page new in 0.2.0 is changed by 0.3.0 of the same day
    assert [r.version for r in page_history("changes.md", rels, DATA)] == ["0.2.0", "0.3.0"]


def test_a_page_whose_own_text_was_corrected_dates_from_that_release(tmp_path: Path) -> None:
    """A prose or renderer fix touches no data file; "Pages corrected:" dates the page by it."""
    line = "- Data corrected: thresholds."
    fixed = CHANGELOG.replace(line, line + "\n- Pages corrected: /faq/.")
    rels = parse_changelog(fixed)
    assert rels[0].pages_corrected == ("/faq/",) and rels[1].pages_corrected == ()
    assert rels[0].summary == "Corrections: a threshold's 2.1 wording was misquoted."
    assert [r.version for r in page_history("faq.md", rels, DATA)] == ["0.1.0", "0.3.0"]
    assert [r.version for r in page_history("about.md", rels, DATA)] == ["0.1.0", "0.2.0"]  # not named
    (tmp_path / "changes.md").write_text("x")
    (tmp_path / "as-of.md").write_text("x")
    with pytest.raises(ValueError, match="'Pages corrected:' names no page"):
        check_new_pages(rels, tmp_path)


def test_unknown_names_are_refused(tmp_path: Path) -> None:
    bad = parse_changelog(CHANGELOG.replace("Data corrected: thresholds.", "Data corrected: threshold."))
    with pytest.raises(ValueError, match="names no data file"):
        page_history("faq.md", bad, DATA)
    (tmp_path / "changes.md").write_text("x")
    with pytest.raises(ValueError, match="names no page"):
        check_new_pages(parse_changelog(CHANGELOG), tmp_path)


def test_footer_shows_first_published_and_last_changed(site: Path) -> None:
    rels = releases(ROOT)
    data = {p.stem for p in (ROOT / "data").glob("*.yml")}
    for url, src in (("/changes/", "changes.md"), ("/glossary/", "glossary.md"), ("/faq/", "faq.md")):
        first, last = page_history(src, rels, data)
        said = " ".join(page(site, url).select_one(".atlas-history").get_text(" ").split())
        assert f"First published in site release {first.version}" in said, (url, said)
        if last is first:
            assert "not substantively changed since" in said, (url, said)
        else:
            assert f"last substantively changed in release {last.version}" in said, (url, said)
    # /changes/ was new in 0.2.0; the glossary dates from the first release
    assert page_history("changes.md", rels, data)[0].version == "0.2.0"
    assert page_history("glossary.md", rels, data)[0].version == "0.1.0"


def test_feed_announces_each_substantive_correction(site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(site / "feed.xml").getroot()
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    rels = releases(ROOT)
    expected = sum(len(r.corrections) for r in rels)
    assert expected >= 1
    assert sum(1 for t in titles if t and t.startswith("Correction in RSP Atlas site release")) == expected
    summaries = [e.findtext("a:summary", namespaces=ns) or "" for e in root.findall("a:entry", ns)]
    for r in rels:
        for text in r.corrections:
            assert any(s.startswith(text) for s in summaries), text


def test_common_meta_pairs_are_those_every_page_has_in_the_first_pages_order() -> None:
    from macros.pagemeta import common_pairs

    a = [["t", "A"], ["author", "X"], ["date", "1"], ["lang", "en"]]
    b = [["lang", "en"], ["t", "B"], ["author", "X"], ["date", "1"]]
    c = [["author", "X"], ["lang", "en"], ["date", "2"]]
    assert common_pairs([a, b, c]) == [["author", "X"], ["lang", "en"]]
    assert common_pairs([a, b]) == [["author", "X"], ["date", "1"], ["lang", "en"]]
    assert common_pairs([]) == []
