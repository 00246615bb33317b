"""Helpers to read a built site: pages, links, anchors."""

from __future__ import annotations

import json
import posixpath
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def page(site: Path, url: str) -> BeautifulSoup:
    """A page by its site URL, e.g. '/versions/3.0/'."""
    return soup(site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html")


def page_box_formats(site: Path, url: str) -> dict[str, str]:
    """The five formats of a page's "Cite this page" box, as a reader who opens it gets them.

    APA and Chicago are text in the page; the rest come from the JSON file the box names in
    ``data-cite-src`` (relative to the page, as the browser resolves it), under ``data-cite-key``.
    """
    box = page(site, url).select_one("#cite-this-page")
    assert box is not None, url
    heads = [h.get_text() for h in box.select(".atlas-citethis__fmt")]
    out = dict(zip(heads, (pre.get_text() for pre in box.select("pre.atlas-citethis__text")), strict=True))
    target = posixpath.normpath(posixpath.join(url, box["data-cite-src"])).lstrip("/")
    out.update(_json(site / target)[box["data-cite-key"]])
    return out


def item_box_formats(site: Path, box: Tag) -> dict[str, dict[str, str]]:
    """The formats of a "Cite this" box beside a state or a change, as a reader who opens it gets
    them: {"primary": {...}, "entry": {...}}, five each.

    APA and Chicago are text in the box; the rest come from ``assets/citations/<data-cite-file>.json``
    (assets/atlas.js resolves it beside itself, in assets/), under ``data-cite-key``. Fails if the
    file or the key is missing, as the box would show a reader no BibTeX, RIS or CSL-JSON.
    """
    file = site / "assets" / "citations" / f"{box['data-cite-file']}.json"
    assert file.is_file(), f"{box.summary.get_text()}: no {file.relative_to(site)}"
    data = _json(file)
    key = box["data-cite-key"]
    assert key in data, f"{box.summary.get_text()}: no key {key!r} in {file.relative_to(site)}"
    out = {}
    for group in box.select(".atlas-citethis__group[data-which]"):
        heads = [h.get_text() for h in group.select(".atlas-citethis__fmt")]
        texts = [pre.get_text() for pre in group.select("pre.atlas-citethis__text")]
        out[group["data-which"]] = {**dict(zip(heads, texts, strict=True)), **data[key][group["data-which"]]}
    return out


@cache
def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel


def broken_links(site: Path) -> list[str]:
    """Every internal link in the built HTML that does not resolve to a file (and anchor), offline.

    Checks href, src, srcset, object data and form action of every page, fragments against the
    target page's ids and named anchors, and flags relative links that climb above the site root
    (a browser clamps them, so they work at a domain root and break under a path prefix).
    """
    problems = []
    ids: dict[Path, set[str]] = {}

    def anchors(target: Path) -> set[str]:
        if target not in ids:
            ids[target] = {el["id"] for el in soup(target).find_all(id=True)} | {
                el["name"] for el in soup(target).find_all("a", attrs={"name": True})
            }
        return ids[target]

    for path in html_pages(site):
        doc = soup(path)
        base = url_of(site, path)
        for ref in _refs(doc):
            if ref.startswith(("mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            joined = posixpath.join(base if base.endswith("/") else posixpath.dirname(base), unquote(parts.path))
            if parts.path and _climbs_out(joined):
                # Browsers clamp "/../x" to "/x": on a site served below a path prefix it breaks.
                problems.append(f"{base}: {ref} → climbs above the site root")
                continue
            target_url = posixpath.normpath(joined) if parts.path else base
            if parts.path.endswith("/") and not target_url.endswith("/"):
                target_url += "/"
            target = site / target_url.lstrip("/")
            if target_url.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{base}: {ref} → missing {target_url}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                problems.append(f"{base}: {ref} → no anchor #{parts.fragment}")
    return problems


def _refs(doc: BeautifulSoup) -> list[str]:
    """Every URL an element loads or links to: href, src, srcset candidates, object data, form action."""
    refs = []
    for el in doc.find_all(["a", "area", "link", "script", "img", "source", "iframe", "video", "audio", "embed"]):
        refs += [el[attr] for attr in ("href", "src") if el.get(attr)]
        if el.get("srcset"):
            refs += [c.split()[0] for c in el["srcset"].split(",") if c.strip()]
    refs += [el["data"] for el in doc.find_all("object", data=True)]
    refs += [el["action"] for el in doc.find_all("form", action=True)]
    return [r.strip() for r in refs if r.strip()]


def _climbs_out(path: str) -> bool:
    depth = 0
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part and part != ".":
            depth += 1
    return False
