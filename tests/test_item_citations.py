"""The "Cite this" boxes beside states and changes fetch BibTeX, RIS and CSL-JSON from
docs/assets/citations/<kind>.json (macros/item_citations.py) instead of carrying them inline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from macros import citation, item_citations
from macros.citation_targets import PinpointCite, cite_change, cite_state
from macros.compute.scope import span
from macros.model import Atlas
from macros.model.kinds import ANCHORED_KINDS
from macros.release import releases, site_url
from tests.conftest import ROOT, run
from tests.htmlsite import html_pages, item_box_formats, soup, url_of


def _every_citation(atlas: Atlas) -> dict[str, PinpointCite]:
    """Entry key → citations of every state (as of the newest version it covers) and every change,
    worked out here from cite_state and cite_change, not from the generator under test."""
    rel, url = releases(ROOT)[0], site_url(ROOT)
    out: dict[str, PinpointCite] = {}
    for kind in ANCHORED_KINDS:
        for entity in atlas.entities[kind]:
            for state in entity.states:
                vid = atlas.version_ids[span(atlas, state)[1]]
                pinned = cite_state(
                    atlas, kind, entity.id, vid, site_url=url, release=rel.version, release_date=rel.date
                )
                out[pinned.entry.key] = pinned
    for version in atlas.versions:
        for index in range(len(version.changes)):
            pinned = cite_change(atlas, version.id, index, site_url=url, release=rel.version, release_date=rel.date)
            out[pinned.entry.key] = pinned
    return out


def test_plain_and_import_formats_split_the_five():
    work = citation.Work(
        key="k", kind="report", author="A", title="T", issued=dt.date(2025, 1, 2), url="https://x/", page="4"
    )
    work = dataclasses.replace(work, pinpoint="§1, p. 4")
    plain, imports = citation.plain_formats(work, with_pinpoint=True), citation.import_formats(work)
    assert tuple(plain) == citation.PLAIN_FORMATS and tuple(imports) == citation.IMPORT_FORMATS
    assert {**plain, **imports} == citation.work_formats(work, with_pinpoint=True)


def test_the_files_hold_every_citation_one_line_each(atlas: Atlas):
    files = item_citations.expected(atlas, ROOT)
    assert sorted(files) == sorted(item_citations.path(f) for f in [*ANCHORED_KINDS, item_citations.CHANGE])
    merged: dict[str, object] = {}
    for text in files.values():
        data = json.loads(text)
        assert text.count("\n") == len(data) + 2, "one line per key, plus the braces"
        merged.update(data)
    expected = _every_citation(atlas)
    assert set(merged) == set(expected), "a key no box names, or a box without its key"
    for key, pinned in expected.items():
        assert merged[key] == pinned.import_formats(), key


def test_two_boxes_sharing_a_key_is_an_error(atlas: Atlas, monkeypatch: pytest.MonkeyPatch):
    rel = releases(ROOT)[0]
    twice = list(item_citations.item_cites(atlas, "https://x/", rel))[:1] * 2
    monkeypatch.setattr(item_citations, "item_cites", lambda *_: iter(twice))
    with pytest.raises(ValueError, match="share the key"):
        item_citations.documents(atlas, "https://x/", rel)


def test_check_fails_on_a_missing_key_or_a_stale_file(project_copy):
    project = project_copy()
    folder = project / item_citations.FOLDER
    term = folder / "term.json"
    lines = term.read_text(encoding="utf-8").splitlines(keepends=True)
    term.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")  # one key gone
    (folder / "domain.json").write_text("{}\n", encoding="utf-8")  # no kind writes it
    result = run([sys.executable, "-m", "macros", "check", "--root", str(project)], ROOT)
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert "docs/assets/citations/term.json: out of date with data/ (run `python -m macros gen`)" in problems
    assert any(line.startswith("docs/assets/citations/domain.json: ") for line in problems), problems
    run([sys.executable, "-m", "macros", "gen", "--root", str(project)], ROOT)
    assert not (folder / "domain.json").exists()
    assert run([sys.executable, "-m", "macros", "check", "--root", str(project)], ROOT).returncode == 0


# --- on the built site ----------------------------------------------------------------------


def test_no_page_carries_citations_inline(site: Path):
    """BibTeX, RIS and CSL-JSON are fetched, never in an attribute of every box (they were ~40%
    of /glossary/'s HTML). Fails on a build before the change."""
    inline = [url_of(site, p) for p in html_pages(site) if re.search(r"\sdata-cite=", p.read_text(encoding="utf-8"))]
    assert inline == []


def test_every_box_names_a_file_and_key_holding_its_citations(site: Path, atlas: Atlas):
    """Every box beside a state or change names a file and key that exist, and the five formats a
    reader gets from it (text in the page + the fetched file) are exactly cite_state's or
    cite_change's. Fails on a build before the change (no data-cite-file) and when a key is
    deleted from a file."""
    expected = _every_citation(atlas)
    seen: set[str] = set()
    for path in html_pages(site):
        for box in soup(path).select("details.atlas-citethis:not(#cite-this-page)"):
            where = f"{url_of(site, path)}: {box.summary.get_text()}"
            assert box.get("data-cite-file") and box.get("data-cite-key"), where
            key = box["data-cite-key"]
            assert key in expected, where
            assert item_box_formats(site, box) == expected[key].formats(), where
            seen.add(key)
    # Every state of every anchored entity and every recorded change has its box.
    assert seen == set(expected), sorted(set(expected) ^ seen)[:5]
