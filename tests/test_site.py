"""Assertions over the real, built site."""

from __future__ import annotations

import csv
import functools
import json
import operator
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from macros import citation, pagemeta
from macros.compute import versions as cv
from macros.release import releases, site_url
from macros.render.text import fmt_date
from macros.render.urls import url_key
from tests.conftest import ROOT
from tests.htmlsite import broken_links, html_pages, page, page_box_formats, soup, url_of

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_version_page_exists_and_shows_its_effective_date(site: Path, atlas):
    for v in atlas.versions:
        doc = page(site, f"/versions/{v.id}/")
        eff = doc.select_one("time.atlas-effective")
        assert eff is not None, v.id
        assert eff["datetime"] == v.effective.isoformat()
        assert eff.get_text() == fmt_date(v.effective)


def test_every_pair_page_exists(site: Path, atlas):
    pairs = cv.pairs(atlas)
    assert len(pairs) == len(atlas.versions) * (len(atlas.versions) - 1) // 2
    for a, b in pairs:
        h1 = page(site, f"/compare/{a}-vs-{b}/").find("h1")
        assert h1 is not None and f"{a} vs {b}" in h1.get_text(), (a, b)


def test_status_is_computed(site: Path, atlas):
    cur = atlas.versions[-1].id
    assert "Current" in page(site, f"/versions/{cur}/").select_one(".atlas-status").get_text()
    for v in atlas.versions[:-1]:
        assert "Superseded" in page(site, f"/versions/{v.id}/").select_one(".atlas-status").get_text()


def test_every_internal_link_and_anchor_resolves(site: Path):
    assert broken_links(site) == []


def test_link_checker_catches_a_broken_link(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">bad</a><a href="a/#nope">bad anchor</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    assert broken_links(tmp_path) == ["/: b/ → missing /b/", "/: a/#nope → no anchor #nope"]


def test_every_page_has_cite_box_and_citation_metadata(site: Path):
    for path in html_pages(site):
        if path.parent.name == "search" or "assets" in path.parts:
            continue
        doc = page(site, url_of(site, path))
        if doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # redirect stubs
        where = url_of(site, path)
        assert list(page_box_formats(site, where)) == ["APA", "Chicago", "BibTeX", "RIS", "CSL-JSON"], where
        for name in ("citation_title", "citation_date", "citation_publisher", "DC.title", "DC.date", "DC.publisher"):
            meta = doc.find("meta", attrs={"name": name})
            assert meta is not None and meta["content"].strip(), (where, name)
        canonical = doc.find("link", rel="canonical")
        assert canonical is not None and canonical["href"].startswith("https://"), where
        assert doc.select_one(".atlas-verified time") is not None, where


def _cite(site: Path, url: str, fmt: str) -> str:
    return page_box_formats(site, url)[fmt]


def test_page_box_is_plain_text_not_tabs_or_code_blocks(site: Path):
    """No pymdownx.tabbed markup copied by hand, no fake .highlight block for Material to decorate
    (issue #10). Fails on a build before the change: every page's box was five tabs of code."""
    for path in html_pages(site):
        box = soup(path).select_one("#cite-this-page")
        if box is None:
            continue
        where = url_of(site, path)
        assert box.select(".tabbed-set, input[name=__cite], .highlight, code, button") == [], where
        assert "atlas-citethis" in box["class"], where
        assert box.select_one("summary").get_text() == "Cite this page", where
        # Readable without JavaScript: APA and Chicago as text, and a line naming the rest.
        assert [h.get_text() for h in box.select(".atlas-citethis__fmt")] == ["APA", "Chicago"], where
        assert box.select_one("noscript").get_text() == "BibTeX, RIS, CSL-JSON: with JavaScript on.", where


def test_page_box_formats_are_the_pages_citation(site: Path, atlas):
    """Each page's box (its text and its entry in page-citations.json) gives exactly
    macros.citation.all_formats of that page: the JSON file is fetched, so a stale one would
    silently hand a reader an old release's citation. Fails on a build without the file."""
    cites = pagemeta.page_cites(atlas, ROOT / "docs", site_url(ROOT), releases(ROOT)[0])
    assert len(cites) > 50
    for src, cite in cites.items():
        url = "/" + url_key(src)
        assert page_box_formats(site, url) == citation.all_formats(cite), url


def test_head_metadata_and_coins_are_the_pages_citation(site: Path, atlas):
    """Each page's <meta> pairs and COinS are exactly macros.citation's for that page. The template
    fills them in from shapes shared by every page (macros/pagemeta.py, compact), so a slip in its
    filling shows here. Fails with the template printing the title where the address goes."""
    cites = pagemeta.page_cites(atlas, ROOT / "docs", site_url(ROOT), releases(ROOT)[0])
    for src, cite in cites.items():
        url = "/" + url_key(src)
        doc = page(site, url)
        pairs = [(m["name"], m["content"]) for m in doc.select("head meta[name]")]
        ours = [p for p in pairs if p[0].startswith(("citation_", "og:", "DC."))]
        assert sorted(ours) == sorted([*citation.meta_tags(cite), ("DC.rights", ours[-1][1])]), url
        assert doc.select_one("span.Z3988")["title"] == citation.coins_kev(citation.page_work(cite)), url


def test_bibtex_parses_and_pins_versions(site: Path, atlas):
    from pybtex.database import parse_string

    text = _cite(site, "/versions/3.0/", "BibTeX")
    (entry,) = parse_string(text, "bibtex").entries.values()
    assert [str(p) for p in entry.persons["author"]] == ["{RSP Atlas contributors}"]
    assert {"title", "howpublished", "year", "month", "url", "note"} <= entry.fields.keys()
    assert "3.0" in entry.fields["title"] and "Release" in entry.fields["howpublished"]
    assert re.search(r"^  month = [a-z]{3},$", text, re.M)


def test_ris_parses(site: Path):
    lines = _cite(site, "/compare/2.2-vs-3.0/", "RIS").splitlines()
    assert lines[0] == "TY  - ELEC" and lines[-1] == "ER  - "
    for line in lines:
        assert line[2:6] == "  - ", line
    assert any(line.startswith("UR  - https://") for line in lines)


def test_csl_json_is_valid(site: Path):
    items = json.loads(_cite(site, "/thresholds/cbrn-4/", "CSL-JSON"))
    assert isinstance(items, list) and len(items) == 1
    assert {"id", "type", "title", "URL", "issued", "author"} <= items[0].keys()


def test_feed_is_atom_with_one_entry_per_version_newest_first(site: Path, atlas):
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{child}") is not None
    entries = root.findall(f"{ATOM}entry")
    version_entries = [e for e in entries if "/versions/" in e.find(f"{ATOM}id").text]
    assert len(version_entries) == len(atlas.versions)
    stamps = [e.find(f"{ATOM}updated").text for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    for e in entries:
        assert e.find(f"{ATOM}link").get("href").startswith("https://")


def test_dataset_validates_against_its_schema(site: Path):
    schema = json.loads((site / "data" / "schema.json").read_text())
    data = json.loads((site / "data" / "rsp-atlas.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


# Each break alone, with the one error it must cause (validator, path): a schema that only
# required fields would pass the first case but fail the others.
SCHEMA_BREAKS = {
    "not a date": (("versions", "items", 0, "effective"), "not a date", "format"),
    "unknown level of confidence": (("thresholds", "items", 0, "states", 0, "confidence"), "certain", "enum"),
    "unknown field": (("versions", "items", 0, "colour"), "red", "additionalProperties"),
    "missing field": (("versions", "items", 0, "summary"), None, "required"),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_BREAKS))
def test_schema_rejects_bad_data(site: Path, case: str):
    schema = json.loads((site / "data" / "schema.json").read_text())
    data = json.loads((site / "data" / "rsp-atlas.json").read_text())
    path, value, validator = SCHEMA_BREAKS[case]
    *parents, key = path
    parent = functools.reduce(operator.getitem, parents, data)
    if value is None:
        parent.pop(key)
    else:
        parent[key] = value
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data))
    where = tuple(parents) if validator in ("required", "additionalProperties") else path
    assert [(e.validator, tuple(e.absolute_path)) for e in errors] == [(validator, where)]


def test_csv_files_parse_with_one_row_per_record(site: Path, atlas):
    with (site / "data" / "versions.csv").open() as fh:
        assert [r["id"] for r in csv.DictReader(fh)] == list(atlas.version_ids)
    with (site / "data" / "thresholds.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(t.states) for t in atlas.entities["threshold"])


def test_llms_txt_lists_main_pages(site: Path):
    text = (site / "llms.txt").read_text()
    for url in ("versions/", "compare/", "thresholds/", "governance/", "glossary/"):
        assert url in text


def test_home_page_current_version_is_newest_in_data(site: Path, atlas):
    text = page(site, "/").get_text(" ")
    cur = atlas.versions[-1]
    assert f"current version is RSP {cur.id} (effective {fmt_date(cur.effective)})" in " ".join(text.split())


def test_independence_statement_on_every_page(site: Path):
    for path in html_pages(site):
        doc = page(site, url_of(site, path))
        if doc.select_one("#cite-this-page") is None:
            continue
        assert "independent" in doc.select_one(".atlas-verified").get_text()


def test_link_checker_catches_links_above_the_root_and_in_srcset(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "x.txt").write_text("x")
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../x.txt">ok</a><a href="../../x.txt">escapes</a><img srcset="../x.txt 1x, ../y.png 2x">'
    )
    assert broken_links(tmp_path) == ["/a/: ../../x.txt → climbs above the site root", "/a/: ../y.png → missing /y.png"]
