"""The built Atom feed against RFC 4287's requirements, read by a real feed parser (feedparser)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

A = "{http://www.w3.org/2005/Atom}"


def _rfc3339(text: str) -> bool:
    # RFC 4287 §3.3: an RFC 3339 date-time, with an upper-case T and Z or a numeric offset.
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return "T" in text and stamp.tzinfo is not None


def _iri(text: str | None) -> bool:
    parts = urlsplit(text or "")
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"urn", "tag"}))


def rfc4287_problems(xml: bytes) -> list[str]:
    """The MUSTs of RFC 4287 §4.1 that a static feed can break, one line per breach."""
    problems = []
    parsed = feedparser.parse(xml)
    if parsed.bozo:
        problems.append(f"not well-formed: {parsed.bozo_exception}")
        return problems
    if parsed.version != "atom10":
        problems.append(f"not Atom 1.0 (feedparser reads {parsed.version or 'nothing'})")
    root = ET.fromstring(xml)
    if root.tag != f"{A}feed":
        return [*problems, "root element is not atom:feed"]

    def one(parent: ET.Element, name: str, where: str) -> ET.Element | None:
        found = parent.findall(f"{A}{name}")
        if len(found) != 1:
            problems.append(f"{where}: needs exactly one atom:{name}, has {len(found)}")
        return found[0] if found else None

    for name in ("id", "title", "updated"):
        el = one(root, name, "feed")
        if el is not None and name == "id" and not _iri(el.text):
            problems.append(f"feed: atom:id is not an IRI: {el.text!r}")
        if el is not None and name == "updated" and not _rfc3339(el.text or ""):
            problems.append(f"feed: atom:updated is not an RFC 3339 date-time: {el.text!r}")
    feed_author = root.find(f"{A}author/{A}name") is not None
    if not any(link.get("rel") == "self" for link in root.findall(f"{A}link")):
        problems.append("feed: no rel=self link (SHOULD, and the feed is meant to be subscribed to)")
    ids = set()
    for i, entry in enumerate(root.findall(f"{A}entry")):
        where = f"entry {i + 1}"
        for name in ("id", "title", "updated"):
            el = one(entry, name, where)
            if el is not None and name == "id":
                if not _iri(el.text):
                    problems.append(f"{where}: atom:id is not an IRI: {el.text!r}")
                if el.text in ids:
                    problems.append(f"{where}: atom:id repeats {el.text!r}")
                ids.add(el.text)
            if el is not None and name == "updated" and not _rfc3339(el.text or ""):
                problems.append(f"{where}: atom:updated is not an RFC 3339 date-time: {el.text!r}")
        if not feed_author and entry.find(f"{A}author/{A}name") is None:
            problems.append(f"{where}: no atom:author (and the feed has none)")
        has_content = entry.find(f"{A}content") is not None
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        if not has_content and not alternates:
            problems.append(f"{where}: neither atom:content nor an alternate link")
        if any(not _iri(link.get("href")) for link in alternates):
            problems.append(f"{where}: an alternate link is not an absolute IRI")
    return problems


def test_feed_meets_rfc_4287(site: Path) -> None:
    assert rfc4287_problems((site / "feed.xml").read_bytes()) == []


def test_feed_checker_catches_breaches() -> None:
    bad = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>not-an-iri</id><title>t</title>'
        b"<updated>2026-11-28</updated>"
        b"<entry><id>https://x.example/a</id><title>a</title><updated>2026-11-28T00:00:00Z</updated></entry>"
        b"<entry><id>https://x.example/a</id><updated>2026-11-28T00:00:00Z</updated></entry></feed>"
    )
    problems = rfc4287_problems(bad)
    assert "feed: atom:id is not an IRI: 'not-an-iri'" in problems
    assert "feed: atom:updated is not an RFC 3339 date-time: '2026-11-28'" in problems
    assert "entry 2: needs exactly one atom:title, has 0" in problems
    assert "entry 2: atom:id repeats 'https://x.example/a'" in problems
    assert "entry 1: no atom:author (and the feed has none)" in problems
    assert "entry 1: neither atom:content nor an alternate link" in problems
    assert rfc4287_problems(b"<feed><oops></feed>")[0].startswith("not well-formed")


def test_each_version_entry_counts_its_recorded_changes_and_links_the_ledger(atlas):
    from macros.exports import feed_xml

    root = ET.fromstring(feed_xml(atlas, "https://x.example/", []))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    by_link = {e.find("a:link", ns).get("href"): e.find("a:summary", ns).text for e in root.findall("a:entry", ns)}
    for v in atlas.versions:
        summary = by_link[f"https://x.example/versions/{v.id}/"]
        if v.changes:
            assert f"Recorded changes: {len(v.changes)} (" in summary, v.id
            assert f"https://x.example/changes/?from={v.id}&to={v.id}" in summary
        else:
            assert "Recorded changes" not in summary
