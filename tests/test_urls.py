"""The URL contract: every URL and anchor ever published keeps resolving."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from macros.__main__ import main as cli
from tests.conftest import ROOT
from tests.htmlsite import soup

SNAPSHOT = ROOT / "tests" / "published-urls.txt"


def published() -> list[str]:
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def resolve(site: Path, url: str, hops: int = 3) -> bool:
    path, _, anchor = url.partition("#")
    target = site / path.strip("/") / "index.html" if path.strip("/") else site / "index.html"
    if not target.exists():
        return False
    doc = soup(target)
    refresh = doc.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is not None and hops:
        m = re.search(r"url=([^\"']+)", refresh["content"], re.I)
        assert m, url
        dest = (Path(path) / m.group(1)).as_posix() if not m.group(1).startswith("/") else m.group(1)
        dest_parts: list[str] = []
        for part in dest.split("/"):
            if part == "..":
                dest_parts.pop()
            elif part and part != ".":
                dest_parts.append(part)
        new = "/" + "/".join(dest_parts) + "/"
        return resolve(site, new + (f"#{anchor}" if anchor else ""), hops - 1)
    return not anchor or doc.find(id=anchor) is not None


def test_every_published_url_and_anchor_still_resolves(site: Path):
    urls = published()
    assert len(urls) > 200
    assert [u for u in urls if not resolve(site, u)] == []


def test_gen_leaves_the_snapshot_alone_and_publish_only_appends(project_copy, capsys):
    """`make gen` must not turn every locally generated URL into a contract; the explicit
    `python -m macros urls --publish` step (README) appends what is new and removes nothing."""
    project = project_copy()
    snapshot = project / "tests" / "published-urls.txt"
    snapshot.parent.mkdir()
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines(keepends=True)
    # Pretend the last few pages were generated but not yet published.
    unpublished = [line for line in lines if line.startswith("/compare/") and "3.3-vs" in line]
    assert unpublished
    kept = "".join(line for line in lines if line not in unpublished)
    snapshot.write_text(kept, encoding="utf-8")
    assert cli(["gen", "--root", str(project)]) == 0
    assert snapshot.read_text(encoding="utf-8") == kept
    assert cli(["urls", "--publish", "--root", str(project)]) == 0
    after = snapshot.read_text(encoding="utf-8")
    assert after.startswith(kept)
    appended = after[len(kept) :].splitlines(keepends=True)
    assert set(unpublished) <= set(appended) and not set(appended) & set(kept.splitlines(keepends=True))
    capsys.readouterr()


def test_resolver_fails_on_a_missing_anchor(site: Path):
    assert resolve(site, "/glossary/")
    assert not resolve(site, "/glossary/#no-such-term")
    assert not resolve(site, "/no-such-page/")


def test_friendly_urls_lead_to_the_page_a_reader_meant(site: Path, atlas):
    newest = atlas.versions[-1].id
    expected = {"/versions/latest/": f"/versions/{newest}/"}
    expected |= {f"/versions/v{vid}/": f"/versions/{vid}/" for vid in atlas.version_ids}
    older, newer = atlas.version_ids[0], atlas.version_ids[-1]
    expected[f"/compare/{newer}-vs-{older}/"] = f"/compare/{older}-vs-{newer}/"
    for old, new in expected.items():
        html = (site / old.strip("/") / "index.html").read_text(encoding="utf-8")
        m = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        assert m is not None, old
        resolved = posixpath.normpath(posixpath.join(old, m.group(1))) + "/"
        assert resolved == new, (old, resolved)
        assert (site / new.strip("/") / "index.html").exists()
