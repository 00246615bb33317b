"""What Zotero would save from a page: an emulation of the rules of its two page translators.

Written from the translators' sources (zotero/translators "Embedded Metadata.js" and "RDF.js",
zotero/utilities "openurl.js"), reduced to the fields RSP Atlas pages carry:

- **COinS** (priority 300) runs before **Embedded Metadata** (priority 320): a page with any
  ``span.Z3988`` whose context object has a known format is read from its spans only.
- A context object is split on ``&`` and each pair on ``=`` (only the text up to the next ``=``
  is the value); ``+`` and ``%2B`` decode as spaces. ``rft_val_fmt`` gives the item type (``dc``
  → webpage; ``book`` with ``rft.genre=report`` → report); ``rft.aucorp`` is an organisation,
  ``rft.au``/``rft.creator`` a person split at the last space; ``rft.btitle`` is a report's
  title, ``rft.title`` a web page's; ``rft.source`` the website title; ``rft_id`` the URL.
- Embedded Metadata sends ``DC.*``/``og:*`` tags to the RDF importer, then lets Highwire
  ``citation_*`` tags override the title, date, URL, publisher and creators. The item type is
  og:type or an exact DC.type first, then the Highwire guess (``citation_title`` alone guesses
  a journal article), then loose DC.type guesses ("Text" → journal article).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from bs4 import BeautifulSoup

# Zotero item types an rft.type / DC.type may name exactly (the ones that matter here).
ITEM_TYPES = frozenset({"webpage", "report", "book", "journalArticle", "document", "blogPost"})
DC_LOOSE = {"text": "journalArticle", "article": "journalArticle", "webpage": "webpage", "homepage": "webpage"}
OG_TYPES = {"website": "webpage", "book": "book"}
PREFIXES = frozenset({"dc", "dcterms", "og", "prism", "eprints", "bibo", "bib", "foaf", "article", "so"})


def clean_author(name: str) -> dict[str, Any]:
    """Zotero's cleanAuthor without a comma: the last word is the last name, the rest first names."""
    first, _, last = name.strip().rpartition(" ")
    return {"firstName": first, "lastName": last}


def _decode(value: str) -> str:
    return unquote(re.sub(r"\+|%2[bB]", " ", value), errors="strict")


def parse_context_object(co: str) -> dict[str, Any] | None:
    parts = co.split("&")
    item: dict[str, Any] = {"creators": []}
    for part in parts:
        if part.startswith("rft_val_fmt="):
            fmt = _decode(part[len("rft_val_fmt=") :])
            if fmt == "info:ofi/fmt:kev:mtx:journal":
                item["itemType"] = "journalArticle"
            elif fmt == "info:ofi/fmt:kev:mtx:book":
                item["itemType"] = "report" if "rft.genre=report" in parts else "book"
            elif fmt == "info:ofi/fmt:kev:mtx:dc":
                item["itemType"] = "webpage"
            break
    if "itemType" not in item:
        return None
    corporate: list[dict[str, Any]] = []
    for part in parts:
        kv = part.split("=")
        key, value = kv[0], _decode(kv[1]) if len(kv) > 1 else ""
        if not value:
            continue
        typ = item["itemType"]
        if key == "rft_id" and re.match(r"^https?://", value):
            item["url"] = value
        elif key == "rft.btitle" and typ in ("book", "report"):
            item["title"] = value
        elif key == "rft.title":
            item["publicationTitle" if typ in ("journalArticle", "bookSection") else "title"] = value
        elif key == "rft.date":
            item["date"] = value
        elif key == "rft.pages":
            item["pages"] = value
        elif key in ("rft.au", "rft.creator"):
            item["creators"].append(clean_author(value))
        elif key == "rft.aucorp":
            corporate.append({"lastName": value, "isInstitution": True})
        elif key in ("rft.pub", "rft.publisher"):
            item["publisher"] = value
        elif key == "rft.type" and value in ITEM_TYPES:
            item["itemType"] = value
        elif key == "rft.source":
            item["publicationTitle"] = value  # a web page's "Website Title"
    item["creators"] += corporate
    return item


def coins_items(doc: BeautifulSoup) -> list[dict[str, Any]]:
    spans = [s for s in doc.find_all("span") if "Z3988" in (s.get("class") or []) and s.get("title")]
    return [item for s in spans if (item := parse_context_object(s["title"])) is not None]


def _metas(doc: BeautifulSoup) -> list[tuple[str, str]]:
    head = doc.head
    out = []
    for m in head.find_all("meta") if head else []:
        name, content = m.get("name") or m.get("property"), m.get("content")
        if name and content:
            out.append((name, content))
    return out


def embedded_metadata(doc: BeautifulSoup) -> dict[str, Any]:
    metas = _metas(doc)
    rdf: dict[tuple[str, str], list[str]] = {}
    hw_type_guess = None
    for name, value in metas:
        for tag in name.split():
            prefix, *rest = re.split(r"[.:_]", tag)
            if prefix.lower() in PREFIXES and rest:
                prop = tag[len(prefix) + 1 :]
                rdf.setdefault((prefix.lower(), prop[:1].lower() + prop[1:]), []).append(value)
            elif tag[tag.rfind("citation_") :] in ("citation_title", "citation_series_title"):
                hw_type_guess = hw_type_guess or "journalArticle"

    def first(*keys: tuple[str, str]) -> str | None:
        for k in keys:
            if k in rdf:
                return rdf[k][0]
        return None

    og = OG_TYPES.get(first(("og", "type")) or "")
    dc_type = first(("dc", "type"), ("dcterms", "type"))
    exact = dc_type if dc_type in ITEM_TYPES else None
    loose = DC_LOOSE.get((dc_type or "").lower().replace(" ", ""))
    item: dict[str, Any] = {
        "itemType": og or exact or hw_type_guess or ("webpage" if rdf else None) or loose,
        "title": first(("dc", "title"), ("dcterms", "title"), ("og", "title")),
        "creators": [clean_author(v) for v in rdf.get(("dc", "creator"), [])],
        "publicationTitle": first(("dc", "source"), ("dcterms", "source"), ("og", "site_name")),
        "publisher": first(("dc", "publisher"), ("dcterms", "publisher")),
        "date": first(("dc", "date"), ("dcterms", "date")),
        "archiveLocation": first(("dc", "coverage"), ("dcterms", "coverage")),
        "abstractNote": first(("dc", "description"), ("dcterms", "description")),
        "language": first(("dc", "language"), ("dcterms", "language")),
        "rights": first(("dc", "rights"), ("dcterms", "rights")),
        "relations": rdf.get(("dc", "relation"), []),
    }

    # Highwire overrides: the first tag whose name ends with the key.
    def hw(key: str) -> str | None:
        return next((v for n, v in metas if n.endswith(key) and v.strip()), None)

    for key, field in (
        ("citation_title", "title"),
        ("citation_date", "date"),
        ("citation_publisher", "publisher"),
        ("citation_public_url", "url"),
        ("citation_language", "language"),
    ):
        value = hw(key)
        if value:
            item[field] = " ".join(value.split())
    authors = [v for n, v in metas if n.endswith("citation_author")]
    if authors:
        item["creators"] = [clean_author(a) for v in authors for a in re.split(r"\s*;\s*", v) if a.strip()]
    if not item.get("abstractNote"):
        item["abstractNote"] = next((v for n, v in metas if n.lower() == "description"), None)
    return item


def zotero_reads(html: str) -> list[dict[str, Any]]:
    """The item(s) Zotero's connector offers first for a page: COinS if any, else embedded metadata."""
    doc = BeautifulSoup(html, "html.parser")
    return coins_items(doc) or [embedded_metadata(doc)]
