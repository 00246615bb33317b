"""The data → pages pipeline: committed stubs match the data, a new version needs no other edit,
data text is inert, builds are reproducible."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from tests.conftest import ROOT, mkdocs_build, run
from tests.htmlsite import page, soup

PY = sys.executable


def test_committed_pages_and_exports_match_the_data():
    result = run([PY, "-m", "macros", "check"], ROOT)
    assert result.returncode == 0, result.stderr


def test_drift_is_detected(project_copy):
    project = project_copy()
    versions = project / "data" / "versions.yml"
    versions.write_text(versions.read_text().replace('effective: "2026-07-08"', 'effective: "2026-07-09"'))
    stale = project / "docs" / "compare" / "1.0-vs-2.0.md"
    stale.write_text(stale.read_text() + "\nhand edit\n")
    orphan = project / "docs" / "thresholds" / "gone.md"
    orphan.write_text((project / "docs" / "thresholds" / "cbrn.md").read_text())
    result = run([PY, "-m", "macros", "check", "--root", str(project)], ROOT)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "docs/compare/1.0-vs-2.0.md: out of date with data/ (run `python -m macros gen`)" in lines
    assert "docs/thresholds/gone.md: generated page with no data behind it (run `python -m macros gen`)" in lines
    assert "docs/versions/3.4.md: out of date with data/ (run `python -m macros gen`)" in lines
    assert "docs/feed.xml: out of date with data/ (run `python -m macros gen`)" in lines


HOSTILE = "<script>alert(1)</script> **bold** [link](https://evil.example) {{ atlas }} {% raw %} | cell | _x_ `code`"

NEW_VERSION = f"""
  - id: "3.5"
    title: "Synthetic test version"
    effective: "2026-12-01"
    links: {{pdf: synthetic-3-5}}
    summary: "{HOSTILE}"
    changes:
      - id: synthetic-change
        category: editorial
        effect: editorial
        effect_note: "{HOSTILE}"
        in_changelog: "partly"
        text: "{HOSTILE}"
        sources: [{{source: synthetic-3-5, locator: "p. 1"}}]
    sources: [{{source: synthetic-3-5, locator: "Title page"}}]
"""

UNVERIFIED_MODEL = """
  - id: claude-rumoured-9
    model: "Claude Rumoured 9"
    date: "2026-10-01"
    level: asl-3
    determination: "A claim seen only in an unsourced note."
    reasoning: "None given."
    sources: [{source: rsp-3.4, locator: "nowhere"}]
    confidence: unverified
"""

UNVERIFIED_EVENT = """
  - id: rumoured-report
    date: "2026-10-02"
    kind: report
    title: "Rumoured Risk Report"
    summary: "Not confirmed anywhere."
    sources: [{source: rsp-3.4, locator: "nowhere"}]
    confidence: unverified
"""

REDIRECT = """
  - id: old-cbrn-page
    old: thresholds/cbrn-weapons.md
    new: thresholds/cbrn.md
    reason: "Test: an ID renamed after publication."
"""

NEW_SOURCE = """
  - id: synthetic-3-5
    title: "Synthetic policy 3.5 <b>not bold</b>"
    publisher: Test
    date: "2026-12-01"
    url: https://example.org/synthetic-3-5.pdf
    retrieved: "2026-12-01"
    kind: policy
    version: "3.5"
"""


def test_adding_a_version_needs_no_other_edit_and_data_text_stays_inert(project_copy, tmp_path: Path):
    project = project_copy()
    with (project / "data" / "versions.yml").open("a") as fh:
        fh.write(NEW_VERSION)
    with (project / "data" / "sources.yml").open("a") as fh:
        fh.write(NEW_SOURCE)
    with (project / "data" / "models.yml").open("a") as fh:
        fh.write(UNVERIFIED_MODEL)
    with (project / "data" / "events.yml").open("a") as fh:
        fh.write(UNVERIFIED_EVENT)
    (project / "data" / "redirects.yml").write_text('verified: "2026-11-28"\nitems:' + REDIRECT)
    # The documented step after editing data:
    gen = run([PY, "-m", "macros", "gen", "--root", str(project)], ROOT)
    assert gen.returncode == 0, gen.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]

    new = page(site, "/versions/3.5/")
    assert new.select_one("time.atlas-effective")["datetime"] == "2026-12-01"
    assert "Current" in new.select_one(".atlas-status").get_text()
    assert "Superseded" in page(site, "/versions/3.4/").select_one(".atlas-status").get_text()
    for older in ("1.0", "2.2", "3.4"):
        assert (site / "compare" / f"{older}-vs-3.5" / "index.html").exists()
    assert soup(site / "timeline" / "index.html").find(id="v3.5") is not None
    assert "3.5" in (site / "feed.xml").read_text()
    # Open-ended states carry into the new version: thresholds still in force appear in it.
    assert "Non-novel chemical/biological" in new.get_text()

    # Hostile text renders as text: no script element, no markup, no Jinja evaluation.
    summary = new.find(id="summary").find_next("p")
    assert summary.get_text() == HOSTILE
    assert summary.find(["script", "strong", "em", "code", "a"]) is None
    assert new.find("script", string=lambda s: s and "alert(1)" in s) is None
    change = new.find(id="changes-editorial").find_next("li")
    assert HOSTILE in change.get_text()
    row = page(site, "/changes/").find(id="v3.5-synthetic-change")
    assert row is not None and row.get_text().count(HOSTILE) == 2  # effect note and change text
    assert row.find(["script", "em", "code"]) is None and row.find("a", href="https://evil.example") is None
    assert "Synthetic policy 3.5 <b>not bold</b>" in page(site, "/sources/").get_text()

    # Records marked unverified stay in the data but never render as fact.
    for url in ("/models/", "/timeline/", "/levels/asl-3/"):
        text = page(site, url).get_text()
        assert "Claude Rumoured 9" not in text and "Rumoured Risk Report" not in text, url

    # A redirect entry in the data makes the old URL lead to the new page.
    moved = (site / "thresholds" / "cbrn-weapons" / "index.html").read_text()
    assert 'http-equiv="refresh"' in moved and "../cbrn/" in moved


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = mkdocs_build(ROOT, again)
    assert result.returncode == 0, result.stderr[-2000:]
    first, second = _digest(site), _digest(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
