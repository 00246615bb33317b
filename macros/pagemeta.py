"""Per-page facts the theme templates need: title, RSP version, last-verified date, citations.

Computed once per build from the docs tree and the data, and handed to the templates through
``config.extra.atlas`` (templates cannot call macros).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path
from typing import Any

import yaml

from macros import citation
from macros.model import Atlas
from macros.release import Release

ENTITY_FILES = ["versions", "levels", "standards", "domains", "thresholds", "provisions"]
# Which data files each page draws on (first matching pattern wins): its "last verified" date
# is the oldest verification date among them.
PAGE_DATA: list[tuple[str, list[str]]] = [
    ("versions/*", [*ENTITY_FILES, "sources"]),
    ("compare/*", [*ENTITY_FILES, "glossary", "sources"]),
    ("levels/*", ["levels", "standards", "thresholds", "models"]),
    ("thresholds/*", ["thresholds", "domains", "standards"]),
    ("current.md", ["versions", "thresholds", "standards", "models", "provisions"]),
    ("safeguards.md", ["standards", "levels"]),
    ("governance.md", ["provisions"]),
    ("models.md", ["models", "levels", "versions"]),
    ("timeline.md", ["versions", "models", "events", "related"]),
    ("as-of.md", ["versions", "models", "events"]),
    ("changes.md", ["versions"]),
    ("theory-of-change.md", ["theory", "provisions"]),
    ("related.md", ["related"]),
    ("glossary.md", ["glossary"]),
    ("faq.md", ["faq"]),
    ("sources.md", ["sources"]),
    ("*", ["versions"]),
]


def data_for(src_uri: str) -> list[str]:
    for pattern, files in PAGE_DATA:
        if fnmatch.fnmatch(src_uri, pattern):
            return files
    return ["versions"]


def verified_for(atlas: Atlas, src_uri: str) -> dt.date:
    return min(atlas.verified[f] for f in data_for(src_uri))


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    meta = yaml.safe_load(text[4:end]) if end > 0 else {}
    return meta if isinstance(meta, dict) else {}


def page_url(site_url: str, src_uri: str) -> str:
    if src_uri == "index.md":
        return site_url
    stem = src_uri[: -len(".md")]
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{site_url}{stem}/"


def page_info(atlas: Atlas, docs: Path, site_url: str, release: Release) -> dict[str, dict[str, Any]]:
    """src_uri → {verified, url, rsp_version, cites} for every Markdown page."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        meta = front_matter(path)
        rsp = meta.get("rsp_version")
        title = str(meta.get("title") or src)
        policy = None
        if rsp and rsp in atlas.version_ids:
            policy = atlas.sources[atlas.version(rsp).links.pdf].url
        cite = citation.PageCite(
            title=title,
            url=page_url(site_url, src),
            release=release.version,
            release_date=release.date,
            rsp_version=rsp,
            policy_url=policy,
        )
        out[src] = {
            "title": title,
            "verified": verified_for(atlas, src).isoformat(),
            "url": cite.url,
            "rsp_version": rsp,
            "policy_url": policy,
            "cites": citation.all_formats(cite),
        }
    return out
