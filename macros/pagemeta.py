"""Per-page facts the theme templates need: title, RSP version, last-verified date, citations.

Templates cannot call macros, and no engine lets a macro module hand them data portably (MkDocs
reads ``config.extra`` from the plugin, Zensical does not; neither shares ``page.file``). So
``python -m macros gen`` writes these facts to a committed file, ``includes/pagemeta.yml``, that
mkdocs.yml pulls in with ``INHERIT:``; templates look a page up by ``page.url``, which every
engine provides. ``python -m macros check`` fails when the file drifts from data and docs.

MkDocs parses that YAML with a pure-Python loader on every build, so it holds only what templates
show, and each thing once: the <meta> pairs every page shares (``meta_common``); the shape of the
texts that differ between pages only by a page's title and address (APA, Chicago, COinS, four
<meta> pairs: see ``compact``); and each page's own facts. BibTeX, RIS and CSL-JSON of every page
go to ``docs/assets/page-citations.json``, which the browser fetches when a page's cite box is opened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from macros import citation
from macros.generated_files import json_lines
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
    the page draws on (the files behind its "last verified" date) or named the page under "Pages
    corrected:", else its first release.
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
        corrected = set(data_for(src_uri)) & set(r.data_corrected) or key in r.pages_corrected
        if _release_order(r) > _release_order(first) and corrected:
            last = r
    return first, last


def check_new_pages(rels: list[Release], docs: Path) -> None:
    """Every "New pages:" and "Pages corrected:" entry names a real page (a typo would silently
    leave a page dated wrongly)."""
    keys = {"/" + url_key(src) for src, _ in _sources(docs)}
    for r in rels:
        for label, named in (("New pages:", r.new_pages), ("Pages corrected:", r.pages_corrected)):
            missing = [p for p in named if p not in keys]
            if missing:
                raise ValueError(f"CHANGELOG.md {r.version}: '{label}' names no page: {missing}")


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
# BibTeX, RIS and CSL-JSON of every page, fetched by assets/atlas.js when a page's cite box is first
# opened: five formats for every page made most of pagemeta's bytes, and MkDocs parses that YAML
# with a pure-Python loader on every build.
PAGE_CITATIONS = "docs/assets/page-citations.json"
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


def page_cites(atlas: Atlas, docs: Path, site_url: str, release: Release) -> dict[str, citation.PageCite]:
    """src_uri → what the page's citations say (title, URL, release, RSP versions), every page."""
    out: dict[str, citation.PageCite] = {}
    for src, path in _sources(docs):
        meta = front_matter(path)
        rsp = meta.get("rsp_version")
        older = meta.get("rsp_compare")
        out[src] = citation.PageCite(
            title=html.unescape(str(meta.get("title") or src)),  # stub titles are stored HTML-escaped
            url=page_url(site_url, src),
            release=release.version,
            release_date=release.date,
            rsp_version=rsp,
            policy_url=_policy_url(atlas, rsp),
            rsp_compare=older,
            compare_policy_url=_policy_url(atlas, older),
        )
    return out


def page_info(
    atlas: Atlas,
    docs: Path,
    site_url: str,
    release: Release,
    rels: list[Release] | None = None,
    cites: dict[str, citation.PageCite] | None = None,
) -> dict[str, dict[str, Any]]:
    """src_uri → {verified, rsp_version, policy_url, meta, cites, ...} for every Markdown page.

    ``cites`` holds the formats shown as text in the page box, a list of {name, text} in display
    order (templates iterate lists, never dicts); the others are in ``PAGE_CITATIONS``.
    """
    rels = rels or [release]
    check_new_pages(rels, docs)
    data_files = set(atlas.verified)
    out: dict[str, dict[str, Any]] = {}
    for src, cite in (cites or page_cites(atlas, docs, site_url, release)).items():
        first, last = page_history(src, rels, data_files)
        formats = citation.all_formats(cite)
        # No title or URL: no template reads them (the <meta> pairs carry both), and every byte here
        # is parsed on every build.
        out[src] = {
            "verified": verified_for(atlas, src).isoformat(),
            # Site releases, from CHANGELOG.md (never file dates): shown in the page footer.
            "first_published": {"release": first.version, "date": first.date.isoformat()},
            "last_changed": {"release": last.version, "date": last.date.isoformat()},
            "rsp_version": cite.rsp_version,
            "policy_url": cite.policy_url,
            "rsp_compare": cite.rsp_compare,
            "compare_policy_url": cite.compare_policy_url,
            # citation_* and Dublin Core tags, as reference managers read them; a list keeps the order.
            "meta": [list(pair) for pair in citation.meta_tags(cite)],
            "cites": [{"name": name, "text": formats[name]} for name in citation.PLAIN_FORMATS],
            # COinS of the page (OpenURL KEV, unescaped: the template escapes it into a title).
            "coins": citation.coins_kev(citation.page_work(cite)),
        }
    return out


def common_pairs(metas: list[list[list[str]]]) -> list[list[str]]:
    """The (name, content) pairs every page has, in the first page's order.

    Written once instead of on every page: parsing pagemeta's YAML is a large share of a build's
    CPU time, and most of its <meta> pairs were the same everywhere.
    """
    if not metas:
        return []
    rest = [{tuple(pair) for pair in meta} for meta in metas[1:]]
    return [pair for pair in metas[0] if all(tuple(pair) in seen for seen in rest)]


def later_formats(cites: dict[str, citation.PageCite]) -> dict[str, dict[str, str]]:
    """Page key → the formats the page box adds when opened (BibTeX, RIS, CSL-JSON), every page."""
    return {
        url_key(src): {
            name: text for name, text in citation.all_formats(cite).items() if name not in citation.PLAIN_FORMATS
        }
        for src, cite in cites.items()
    }


# --- one shape for every page's citation texts ----------------------------------------------
#
# A page's APA and Chicago texts, its COinS and four of its <meta> tags differ from page to page
# only by the page's title and address. Written out whole they were most of this file, which MkDocs
# parses with a pure-Python loader on every build. So the file holds each text's shape once, cut
# into parts: literal text, or the name of a page field the template prints there ("title",
# "headline", "title_kev" from the page's entry; "url", "url_kev" from the page's address). The
# shapes come from the very functions that write the texts (macros/citation.py), called with
# sentinels for the title and address; ``compact`` fills every page's shapes back in and stops
# with an error if any differs from that page's real text.

_TITLE = "\x00TITLE\x00"  # no real title or address holds a NUL
_URL = "\x00URL\x00"
Parts = list[list[str]]  # [field, text]: a field's value if field is set, else the text


def cut(text: str, sentinels: dict[str, str]) -> Parts:
    """``text`` as parts, each sentinel in it (a key of ``sentinels``) standing for a page field."""
    found = re.compile("|".join(re.escape(s) for s in sentinels))
    parts: Parts = []
    pos = 0
    for m in found.finditer(text):
        if m.start() > pos:
            parts.append(["", text[pos : m.start()]])
        parts.append([sentinels[m.group()], ""])
        pos = m.end()
    if pos < len(text):
        parts.append(["", text[pos:]])
    return parts


def fill(parts: Parts, fields: dict[str, str]) -> str:
    """What the template prints for ``parts`` on a page with these fields (overrides/)."""
    return "".join(fields[field] if field else text for field, text in parts)


def kev_url(site_url: str, key: str) -> str:
    """A page address as COinS writes it (every "/" encoded); the template encodes the page's part
    with one ``replace``, which is exact only for the characters page addresses have."""
    prefix = quote(page_url(site_url, "index.md"), safe="")
    if quote(key, safe="") != key.replace("/", "%2F"):
        raise ValueError(f"page address {key!r} needs more percent-encoding than the page template does")
    return prefix + key.replace("/", "%2F")


def _fields(cite: citation.PageCite, site_url: str, key: str) -> dict[str, str]:
    title = citation.page_work(cite).title
    return {
        "title": title,
        "headline": citation.headline_case(title),
        "title_kev": quote(title, safe=""),
        "url": cite.url,
        "url_kev": kev_url(site_url, key),
    }


def _choose(shape: Parts, texts: list[tuple[str, dict[str, str]]], what: str) -> Parts:
    """The shape with its title part naming the field that gives every page's real text: APA
    prints the title as it is, Chicago in headline case (the sentinel reads the same in both)."""
    for title_field in ("title", "headline"):
        parts = [[title_field if field == "title" else field, text] for field, text in shape]
        if all(fill(parts, fields) == real for real, fields in texts):
            return parts
    raise ValueError(f"pagemeta: no one shape gives every page's {what}")


def compact(cites: dict[str, citation.PageCite], pages: dict[str, dict[str, Any]], site_url: str) -> dict[str, Any]:
    """The shapes every page shares, and each page's entry cut down to what is its own."""
    first = next(iter(cites.values()))
    sentinel = dataclasses.replace(
        first, title=_TITLE, url=_URL, rsp_version=None, policy_url=None, rsp_compare=None, compare_policy_url=None
    )
    plain = {_TITLE: "title", _URL: "url"}
    kev = {quote(_TITLE, safe=""): "title_kev", quote(_URL, safe=""): "url_kev"}
    fields = {src: _fields(cite, site_url, url_key(src)) for src, cite in cites.items()}
    formats = citation.all_formats(sentinel)
    shown = {src: {c["name"]: c["text"] for c in info["cites"]} for src, info in pages.items()}
    cite_shapes = [
        {"name": name, "parts": _choose(cut(formats[name], plain), [(shown[s][name], fields[s]) for s in pages], name)}
        for name in citation.PLAIN_FORMATS
    ]
    coins = _choose(
        cut(citation.coins_kev(citation.page_work(sentinel)), kev),
        [(info["coins"], fields[src]) for src, info in pages.items()],
        "COinS",
    )
    # The <meta> pairs that hold just the page's title or address, in the order they are written.
    meta_own = [[name, plain[value]] for name, value in citation.meta_tags(sentinel) if value in plain]
    # <meta> pairs every page has, written once; then meta_own; then each page's remaining "meta".
    common = common_pairs([info["meta"] for info in pages.values()])
    shared = {tuple(pair) for pair in common}
    out: dict[str, dict[str, Any]] = {}
    for src, info in pages.items():
        meta = [pair for pair in info["meta"] if tuple(pair) not in shared]
        own = [[name, fields[src][field]] for name, field in meta_own]
        if meta[: len(own)] != own:
            raise ValueError(f"pagemeta: {src}: its own <meta> pairs do not open with its title and address")
        out[url_key(src)] = {
            **{k: v for k, v in info.items() if k not in ("meta", "cites", "coins")},
            "title": fields[src]["title"],
            "headline": fields[src]["headline"],
            "title_kev": fields[src]["title_kev"],
            "meta": meta[len(own) :],
        }
    return {"meta_common": common, "meta_own": meta_own, "cites": cite_shapes, "coins": coins, "pages": out}


def document(atlas: Atlas, root: Path, cites: dict[str, citation.PageCite], later: dict[str, dict[str, str]]) -> str:
    """The generated file's text: site release, the shapes every page shares, and each page's own
    facts, keyed by page URL."""
    rels = releases(root)
    release = rels[0]
    url = site_url(root)
    shaped = compact(cites, page_info(atlas, root / "docs", url, release, rels, cites), url)
    data = {
        "extra": {
            "pagemeta": {
                "release": release.version,
                "release_date": release.date.isoformat(),
                "current": atlas.versions[-1].id,
                # Named in the page box's <noscript> line; their texts are in PAGE_CITATIONS.
                "cite_later": list(next(iter(later.values()), {})),
                # A page's address is url_prefix followed by page.url; url_kev_prefix the same in COinS.
                "url_prefix": page_url(url, "index.md"),
                "url_kev_prefix": quote(page_url(url, "index.md"), safe=""),
                # <meta> pairs every page has; then meta_own, filled from the page; then its "meta".
                **shaped,
            }
        }
    }
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def citations_document(later: dict[str, dict[str, str]]) -> str:
    """page-citations.json: one line per page, so a diff shows which pages' citations changed."""
    return json_lines(later)


def expected(atlas: Atlas, root: Path) -> dict[str, str]:
    # Each page's citation, worked out once for both files.
    cites = page_cites(atlas, root / "docs", site_url(root), releases(root)[0])
    later = later_formats(cites)
    return {GENERATED: document(atlas, root, cites, later), PAGE_CITATIONS: citations_document(later)}
