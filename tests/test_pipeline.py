"""The data → pages pipeline: committed stubs match the data, a new version needs no other edit,
data text is inert, builds are reproducible."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest

from macros.model import load_atlas
from tests.conftest import ROOT, mkdocs_build, run
from tests.htmlsite import item_box_formats, page, soup

PY = sys.executable


def test_committed_pages_and_exports_match_the_data():
    result = run([PY, "-m", "macros", "check"], ROOT)
    assert result.returncode == 0, result.stderr


def test_drift_is_detected(project_copy):
    project = project_copy()
    versions = project / "data" / "versions.yml"
    latest = ATLAS.versions[-1]  # re-dated by a day: still the latest, so only its pages change
    day = latest.effective.isoformat()
    later = (latest.effective + dt.timedelta(days=1)).isoformat()
    versions.write_text(versions.read_text().replace(f'effective: "{day}"', f'effective: "{later}"'))
    stale = project / "docs" / "compare" / "1.0-vs-2.0.md"
    stale.write_text(stale.read_text() + "\nhand edit\n")
    orphan = project / "docs" / "thresholds" / "gone.md"
    orphan.write_text((project / "docs" / "thresholds" / "cbrn.md").read_text())
    result = run([PY, "-m", "macros", "check", "--root", str(project)], ROOT)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "docs/compare/1.0-vs-2.0.md: out of date with data/ (run `python -m macros gen`)" in lines
    assert "docs/thresholds/gone.md: generated page with no data behind it (run `python -m macros gen`)" in lines
    assert f"docs/versions/{latest.id}.md: out of date with data/ (run `python -m macros gen`)" in lines
    assert "docs/feed.xml: out of date with data/ (run `python -m macros gen`)" in lines


HOSTILE = "<script>alert(1)</script> **bold** [link](https://evil.example) {{ atlas }} {% raw %} | cell | _x_ `code`"

# The synthetic version is the one after the latest in the data, whatever that is: adding a real
# version (README) must not collide with it.
ATLAS = load_atlas(ROOT / "data")
LATEST = ATLAS.versions[-1]
_major, _minor = LATEST.id.split(".")
NEW_ID = f"{_major}.{int(_minor) + 1}"
NEW_DATE = (LATEST.effective + dt.timedelta(days=30)).isoformat()
NEW_SRC = f"synthetic-{NEW_ID.replace('.', '-')}"

NEW_VERSION = f"""
  - id: "{NEW_ID}"
    title: "Synthetic test version"
    effective: "{NEW_DATE}"
    links: {{pdf: {NEW_SRC}}}
    summary: "{HOSTILE}"
    changes:
      - id: synthetic-change
        category: editorial
        effect: editorial
        effect_note: "{HOSTILE}"
        in_changelog: "partly"
        text: "{HOSTILE}"
        sources: [{{source: {NEW_SRC}, locator: "p. 1"}}]
    sources: [{{source: {NEW_SRC}, locator: "Title page"}}]
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

# A threshold whose name tries to close <title>, run script and be evaluated as Jinja.
HOSTILE_NAME = "</title><script>alert(2)</script>{{ 7*7 }} {% raw %}"
HOSTILE_THRESHOLD = f"""
  - id: hostile-name
    domain: chem-bio
    states:
      - from: "1.0"
        name: "{HOSTILE_NAME}"
        summary: "A test threshold."
        sources: [{{source: rsp-1.0, locator: "p. 1"}}]
"""

REDIRECT = """
  - id: old-cbrn-page
    old: thresholds/cbrn-weapons.md
    new: thresholds/cbrn.md
    reason: "Test: an ID renamed after publication."
"""

NEW_SOURCE = f"""
  - id: {NEW_SRC}
    title: "Synthetic policy {NEW_ID} <b>not bold</b>"
    publisher: Test
    date: "{NEW_DATE}"
    url: https://example.org/{NEW_SRC}.pdf
    retrieved: "{NEW_DATE}"
    kind: policy
    version: "{NEW_ID}"
"""


@pytest.mark.build  # builds a copy of the project
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
    with (project / "data" / "thresholds.yml").open("a") as fh:
        fh.write(HOSTILE_THRESHOLD)
    (project / "data" / "redirects.yml").write_text('verified: "2026-11-28"\nitems:' + REDIRECT)
    # The documented step after editing data:
    gen = run([PY, "-m", "macros", "gen", "--root", str(project)], ROOT)
    assert gen.returncode == 0, gen.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr[-3000:]

    new = page(site, f"/versions/{NEW_ID}/")
    assert new.select_one("time.atlas-effective")["datetime"] == NEW_DATE
    assert "Current" in new.select_one(".atlas-status").get_text()
    assert "Superseded" in page(site, f"/versions/{LATEST.id}/").select_one(".atlas-status").get_text()
    for older in (ATLAS.versions[0].id, LATEST.id):
        assert (site / "compare" / f"{older}-vs-{NEW_ID}" / "index.html").exists()
    assert soup(site / "timeline" / "index.html").find(id=f"v{NEW_ID}") is not None
    assert f"/versions/{NEW_ID}/" in (site / "feed.xml").read_text()
    # Open-ended states carry into the new version: thresholds still in force appear in it.
    open_ended = [th.states[-1].name for th in ATLAS.entities["threshold"] if th.states[-1].to is None]
    assert open_ended and all(esc_free in new.get_text() for esc_free in open_ended)
    # The FAQ's computed lead names the new version; no prose still calls the old one the newest.
    faq = page(site, "/faq/").find(id="current-version").find_next("p").get_text()
    assert faq.startswith(f"The newest version in this atlas is RSP {NEW_ID}")

    # Hostile text renders as text: no script element, no markup, no Jinja evaluation.
    summary = new.find(id="summary").find_next("p")
    assert summary.get_text() == HOSTILE
    assert summary.find(["script", "strong", "em", "code", "a"]) is None
    assert new.find("script", string=lambda s: s and "alert(1)" in s) is None
    change = new.find(id="changes-editorial").find_next("li")
    assert HOSTILE in change.get_text()
    row = page(site, "/changes/").find(id=f"v{NEW_ID}-synthetic-change")
    assert row is not None and row.get_text().count(HOSTILE) == 2  # effect note and change text
    # The row's "Cite this" box quotes the (hostile) policy title inside <pre>, as text only, and
    # in its fetched JSON file as a string (read by assets/atlas.js into text nodes).
    box = row.find("details", class_="atlas-citethis")
    assert box is not None and box.find(["script", "b", "em", "a", "code"]) is None
    texts = box.find_all("pre")
    assert len(texts) == 4 and all(not pre.find(True) for pre in texts)
    title = f"Synthetic policy {NEW_ID} <b>not bold</b>"
    assert any(title in pre.get_text() for pre in texts)
    later = item_box_formats(site, box)  # written by the `gen` above
    assert any(title in text for formats in later.values() for text in list(formats.values())[2:])
    box.extract()
    assert row.find(["script", "em", "code"]) is None and row.find("a", href="https://evil.example") is None
    assert f"Synthetic policy {NEW_ID} <b>not bold</b>" in page(site, "/sources/").get_text()

    # A hostile name is text in <title>, the nav and the head metadata; never markup or Jinja.
    hostile = page(site, "/thresholds/hostile-name/")
    assert hostile.title.get_text() == f"{HOSTILE_NAME} - RSP Atlas"
    assert hostile.find("script", string=lambda s: s and "alert(2)" in s) is None
    assert hostile.find("meta", attrs={"name": "citation_title"})["content"] == HOSTILE_NAME
    nav = page(site, "/thresholds/").select_one("nav.md-nav--primary").get_text()
    assert "{{ 7*7 }}" in nav and "49" not in nav

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
