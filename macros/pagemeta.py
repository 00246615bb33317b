"""Per-page facts the theme templates need: title, RSP version, last-verified date, citations.

Templates cannot call macros, and no engine lets a macro module hand them data portably (MkDocs
reads ``config.extra`` from the plugin, Zensical does not; neither shares ``page.file``). So
``python -m macros gen`` writes these facts to a committed file, ``includes/pagemeta.yml``, that
mkdocs.yml pulls in with ``INHERIT:``; templates look a page up by ``page.url``, which every
engine provides. ``python -m macros check`` fails when the file drifts from data and docs.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import html
import re
from pathlib import Path
from typing import Any

import yaml

from macros import citation
from macros.model import Atlas
from macros.model.kinds import KINDS
from macros.release import Release, releases, site_url
from macros.render.urls import page_url, url_key

# What a version page shows: the version and every kind a version page lists or compares.
ENTITY_FILES = ["versions", *(k.file for k in KINDS if k.in_force or k.diff_order is not None)]
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


def _release_order(r: Release) -> tuple[dt.date, tuple[int, ...]]:
    # Two releases can share a day (0.2.0 and 0.3.0 both on 2026-12-03): the version breaks the tie.
    return r.date, tuple(int(x) for x in r.version.split("."))


def page_history(src_uri: str, rels: list[Release], data_files: set[str]) -> tuple[Release, Release]:
    """(first published, last substantively changed) of a page, from CHANGELOG.md's release lines.

    First published: the oldest release naming the page under "New pages:", else the oldest
    release. Last substantively changed: the newest release since then that corrected a data file
    the page draws on (the files behind its "last verified" date), else its first release.
    Raises ValueError for a "Data corrected:" name that is no data file.
    """
    oldest_first = sorted(rels, key=_release_order)
    for r in oldest_first:
        unknown = set(r.data_corrected) - data_files
        if unknown:
            raise ValueError(f"CHANGELOG.md {r.version}: 'Data corrected:' names no data file: {sorted(unknown)}")
    key = "/" + url_key(src_uri)
    first = next((r for r in oldest_first if key in r.new_pages), oldest_first[0])
    last = first
    for r in oldest_first:
        if _release_order(r) > _release_order(first) and set(data_for(src_uri)) & set(r.data_corrected):
            last = r
    return first, last


def check_new_pages(rels: list[Release], docs: Path) -> None:
    """Every "New pages:" entry names a real page (a typo would silently date it from 0.1.0)."""
    keys = {"/" + url_key(src) for src, _ in _sources(docs)}
    for r in rels:
        missing = [p for p in r.new_pages if p not in keys]
        if missing:
            raise ValueError(f"CHANGELOG.md {r.version}: 'New pages:' names no page: {missing}")


# MkDocs' own rule for front matter (mkdocs.utils.meta.get_data): a "---" line, YAML, then a
# "---" or "..." line. Zensical's environment has no mkdocs package to import it from, so the rule
# is restated here; tests/test_platform.py checks it agrees with MkDocs on every page.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_YAML_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader  # same data, faster


def front_matter(path: Path) -> dict[str, Any]:
    """A page's front matter as MkDocs reads it: {} when there is none or it is not a mapping."""
    m = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not m:
        return {}
    try:
        meta = yaml.load(m.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return {}  # MkDocs, too, treats unparsable front matter as none
    return meta if isinstance(meta, dict) else {}


GENERATED = "includes/pagemeta.yml"
HEADER = (
    "# Generated by `python -m macros gen` from data/, docs/ and CHANGELOG.md: do not edit.\n"
    "# Read by the theme templates (overrides/) through `INHERIT:` in mkdocs.yml, keyed by page.url.\n"
)


def _sources(docs: Path) -> list[tuple[str, Path]]:
    return [(p.relative_to(docs).as_posix(), p) for p in sorted(docs.rglob("*.md"))]


def titles(docs: Path) -> dict[str, str]:
    """Source path → page title (front matter ``title``, else the path), for link text."""
    return {src: str(front_matter(path).get("title") or src) for src, path in _sources(docs)}


def src_by_url(docs: Path) -> dict[str, str]:
    return {url_key(src): src for src, _ in _sources(docs)}


def _policy_url(atlas: Atlas, vid: str | None) -> str | None:
    """The PDF of a version a page is about (None for pages about no one version)."""
    if vid and vid in atlas.version_ids:
        return atlas.sources[atlas.version(vid).links.pdf].url
    return None


def page_info(
    atlas: Atlas, docs: Path, site_url: str, release: Release, rels: list[Release] | None = None
) -> dict[str, dict[str, Any]]:
    """src_uri → {title, verified, url, rsp_version, policy_url, cites, ...} for every Markdown page.

    ``cites`` is a list (name, slug, text) in display order: templates iterate lists, never dicts.
    """
    rels = rels or [release]
    check_new_pages(rels, docs)
    data_files = set(atlas.verified)
    out: dict[str, dict[str, Any]] = {}
    for src, path in _sources(docs):
        first, last = page_history(src, rels, data_files)
        meta = front_matter(path)
        rsp = meta.get("rsp_version")
        title = html.unescape(str(meta.get("title") or src))  # stub titles are stored HTML-escaped
        older = meta.get("rsp_compare")
        cite = citation.PageCite(
            title=title,
            url=page_url(site_url, src),
            release=release.version,
            release_date=release.date,
            rsp_version=rsp,
            policy_url=_policy_url(atlas, rsp),
            rsp_compare=older,
            compare_policy_url=_policy_url(atlas, older),
        )
        out[src] = {
            "title": title,
            "verified": verified_for(atlas, src).isoformat(),
            # Site releases, from CHANGELOG.md (never file dates): shown in the page footer.
            "first_published": {"release": first.version, "date": first.date.isoformat()},
            "last_changed": {"release": last.version, "date": last.date.isoformat()},
            "url": cite.url,
            "rsp_version": rsp,
            "policy_url": cite.policy_url,
            "rsp_compare": older,
            "compare_policy_url": cite.compare_policy_url,
            # citation_* and Dublin Core tags, as reference managers read them; a list keeps the order.
            "meta": [list(pair) for pair in citation.meta_tags(cite)],
            # ``exact``: the text ends in white space (RIS's "ER  - "), which Material's automatic
            # copy button would trim, so the template gives it a verbatim copy button.
            "cites": [
                {"name": name, "slug": name.lower().replace("-", ""), "text": text, "exact": text != text.rstrip()}
                for name, text in citation.all_formats(cite).items()
            ],
            # COinS of the page (OpenURL KEV, unescaped: the template escapes it into a title).
            "coins": citation.coins_kev(citation.page_work(cite)),
        }
    return out


def document(atlas: Atlas, root: Path) -> str:
    """The generated file's text: site release plus each page's facts, keyed by page URL."""
    rels = releases(root)
    release = rels[0]
    pages = page_info(atlas, root / "docs", site_url(root), release, rels)
    data = {
        "extra": {
            "pagemeta": {
                "release": release.version,
                "release_date": release.date.isoformat(),
                "current": atlas.versions[-1].id,
                "pages": {url_key(src): info for src, info in pages.items()},
            }
        }
    }
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def expected(atlas: Atlas, root: Path) -> dict[str, str]:
    return {GENERATED: document(atlas, root)}
