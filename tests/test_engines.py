"""Another engine's build against the MkDocs build: same files, same pages, same metadata.

Runs inside `make test-engines` (ATLAS_ENGINE, ATLAS_SITE = that engine's output, ATLAS_REFERENCE =
the MkDocs output); skipped in a plain pytest run. Accepted differences: tests/engine_differences.py.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.engine_differences import (
    ACCEPTED,
    COMPARISON,
    Accepted,
    accepted,
    ignored_ids,
    line_patterns,
    matches,
)
from tests.htmlsite import soup, url_of

ENGINE = os.environ.get("ATLAS_ENGINE", "")
REFERENCE = os.environ.get("ATLAS_REFERENCE", "")

in_make_test_engines = pytest.mark.skipif(not (ENGINE and REFERENCE), reason="runs in `make test-engines`")

# What a page says and what citation tools read from it; the theme's chrome is each engine's own.
META_NAMES = re.compile(r"^(citation_|DC\.|description$)")


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def static_from_docs() -> set[str]:
    """Files every engine copies from docs/ unchanged (exports, feed, redirect pages, assets)."""
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"}


def resolve(base: str, href: str | None) -> str | None:
    """A link as the site path it points to: "./feed.xml" and "feed.xml" on the home page are one link."""
    if href is None:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href
    path = posixpath.normpath(posixpath.join(base, parts.path)) + ("/" if parts.path.endswith("/") else "")
    return path.replace("//", "/") + (f"#{parts.fragment}" if parts.fragment else "")


def page_facts(site: Path, path: Path, skip_ids: set[str]) -> dict[str, object]:
    doc = soup(path)
    base = url_of(site, path)
    base = base if base.endswith("/") else posixpath.dirname(base) + "/"
    article = doc.select_one("article")
    head = doc.head
    metas = sorted((m["name"], m.get("content", "")) for m in head.find_all("meta", attrs={"name": META_NAMES}))
    canonical = head.find("link", rel="canonical")
    feed = head.find("link", attrs={"type": "application/atom+xml"})
    return {
        "title": doc.title.get_text() if doc.title else None,
        "text": " ".join(article.get_text(" ").split()) if article else None,
        "links": [resolve(base, a["href"]) for a in article.find_all("a", href=True)] if article else None,
        "ids": sorted(el["id"] for el in article.find_all(id=True) if el["id"] not in skip_ids) if article else None,
        "meta": metas,
        "canonical": canonical["href"] if canonical else None,
        "feed": resolve(base, feed["href"]) if feed else None,
    }


def normalised(engine: str, path: Path, used: set[Accepted]) -> bytes:
    data = path.read_bytes()
    for entry in line_patterns(engine):
        data, n = re.subn(entry.pattern.encode(), b"", data)
        if n:
            used.add(entry)
    return data


def differences(engine: str, reference: Path, site: Path) -> tuple[list[str], set[Accepted]]:
    """Unaccepted differences, and the accepted entries that some real difference used."""
    ref, got = files(reference), files(site)
    problems: list[str] = []
    used: set[Accepted] = set()

    def allow(kind: str, rel: str) -> bool:
        entry = accepted(engine, kind, rel)
        if entry:
            used.add(entry)
        return entry is not None

    problems += [
        f"{rel}: missing in the {engine} build" for rel in sorted(ref.keys() - got.keys()) if not allow("missing", rel)
    ]
    problems += [
        f"{rel}: only in the {engine} build" for rel in sorted(got.keys() - ref.keys()) if not allow("extra", rel)
    ]
    static = static_from_docs()
    by_bytes = COMPARISON[engine] == "bytes"
    skip_ids = ignored_ids(engine)
    for rel in sorted(ref.keys() & got.keys()):
        if by_bytes:
            if normalised(engine, ref[rel], used) != normalised(engine, got[rel], used) and not allow("differs", rel):
                problems.append(f"{rel}: content differs")
            continue
        if rel in static or not rel.endswith(".html"):
            if ref[rel].read_bytes() != got[rel].read_bytes() and not allow("differs", rel):
                problems.append(f"{rel}: content differs")
            continue
        a, b = page_facts(reference, ref[rel], skip_ids), page_facts(site, got[rel], skip_ids)
        present = _all_ids(got[rel])
        used.update(e for e in ACCEPTED if e.kind == "id" and engine in e.engines and e.pattern in present)
        problems += [f"{rel}: {key} differs: {a[key]!r:.200} ≠ {b[key]!r:.200}" for key in a if a[key] != b[key]]
    return problems, used


def _all_ids(path: Path) -> set[str]:
    return {el["id"] for el in soup(path).find_all(id=True)}


@in_make_test_engines
def test_engine_output_matches_the_mkdocs_build(site: Path) -> None:
    problems, used = differences(ENGINE, Path(REFERENCE), site)
    assert problems == []
    stale = [e for e in ACCEPTED if ENGINE in e.engines and e.kind != "test" and e not in used]
    assert stale == [], "accepted differences that no longer occur: remove them from tests/engine_differences.py"


@in_make_test_engines
def test_sitemap_lists_the_same_urls(site: Path) -> None:
    def locs(path: Path) -> list[str]:
        return sorted(re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", path.read_text(encoding="utf-8")))

    assert locs(site / "sitemap.xml") == locs(Path(REFERENCE) / "sitemap.xml")


def test_comparison_catches_a_changed_page_and_an_unlisted_file(tmp_path: Path) -> None:
    """The comparison can fail: a page whose text, citation tag or links change, and a stray file."""
    ref, out = tmp_path / "ref", tmp_path / "out"
    for site, cite, extra in ((ref, "2026/11/28", ""), (out, "2026/11/29", " more")):
        (site / "a").mkdir(parents=True)
        (site / "a" / "index.html").write_text(
            f'<html><head><title>A</title><meta name="citation_date" content="{cite}"></head>'
            f'<body><article><h1 id="a">A</h1><p>Text{extra}</p></article></body></html>'
        )
    (out / "stray.txt").write_text("x")
    problems, _ = differences("zensical", ref, out)
    assert any("a/index.html: text differs" in p for p in problems)
    assert any("a/index.html: meta differs" in p for p in problems)
    assert "stray.txt: only in the zensical build" in problems


def test_accepted_patterns_match_one_segment_at_a_time() -> None:
    assert matches("assets/javascripts/*", "assets/javascripts/bundle.js")
    assert not matches("assets/javascripts/*", "assets/javascripts/lunr/x.js")
    assert accepted("properdocs", "missing", "search/search_index.json") is None
