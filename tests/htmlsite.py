"""Helpers to read a built site: pages, links, anchors."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def page(site: Path, url: str) -> BeautifulSoup:
    """A page by its site URL, e.g. '/versions/3.0/'."""
    return soup(site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in the built HTML that does not resolve to a file (and anchor)."""
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
        for el in doc.find_all(["a", "link", "script", "img"]):
            ref = el.get("href") or el.get("src")
            if not ref or ref.startswith(("mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            target_url = (
                posixpath.normpath(
                    posixpath.join(posixpath.dirname(base) if not base.endswith("/") else base, unquote(parts.path))
                )
                if parts.path
                else base
            )
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
