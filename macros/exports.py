"""Open-data exports computed from the data: JSON, CSV per entity type, JSON Schema, Atom feed.

They are written into ``docs/`` by ``python -m macros gen`` (so a plain ``mkdocs build`` copies
them) and checked for drift by ``python -m macros check``, like the page stubs.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros import generated_files
from macros.compute import versions as cv
from macros.compute.scope import span
from macros.model import Atlas
from macros.model import types as t
from macros.model.atlas import FILES
from macros.model.kinds import KINDS, TERM
from macros.model.schema import schema
from macros.pagemeta import front_matter
from macros.release import Release, releases, site_url
from macros.render import urls
from macros.render.text import one_line
from macros.render.urls import page_url, target_url
from macros.tooltips import TABLE as TOOLTIPS
from macros.tooltips import entity_names as tooltip_names
from macros.tooltips import table_json as tooltip_table

DATA_DIR = "docs/data"
FEED = "docs/feed.xml"
LLMS = "docs/llms.txt"
DATASET_NAME = "rsp-atlas"


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _envelopes(atlas: Atlas) -> dict[str, Any]:
    # File order, except that dated records are exported in date order.
    items: dict[str, Any] = {
        **atlas.by_file,
        "versions": atlas.versions,
        "models": atlas.models,
        "events": atlas.events,
    }
    out: dict[str, Any] = {}
    for stem in FILES:
        if stem == "theory":
            out[stem] = atlas.theory.model_dump(mode="json", by_alias=True)
        else:
            out[stem] = {
                "verified": atlas.verified[stem].isoformat(),
                "items": [i.model_dump(mode="json", by_alias=True) for i in items[stem]],
            }
    return out


def dataset_json(atlas: Atlas) -> str:
    return json.dumps(_envelopes(atlas), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _cites(cites: list[Any]) -> str:
    return "; ".join(f"{c.source} ({c.locator})" for c in cites)


# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: text that would start a formula gets a leading
    apostrophe. Only text: numbers (changes.csv ``n``) are written as they are; no text value in the
    data starts with a minus sign today, so no real value gains an apostrophe (docs/data.md)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buf.getvalue()


# State fields added after the files were first published: they go last, in the order they were
# added, so that readers that index columns by position keep working.
LATE_COLUMNS = ("name_is_ours", "expected_safeguards")


def _late_cell(value: Any) -> Any:
    return ("yes" if value else "no") if isinstance(value, bool) else _cell(value)


def _entity_csv(atlas: Atlas, kind: str) -> str:
    ids = atlas.version_ids
    extra: list[str] = []
    for entity in atlas.entities[kind]:
        for state in entity.states:
            for key in state.model_dump():
                if key not in extra and key not in (
                    "from_",
                    "to",
                    "name",
                    "sources",
                    "confidence",
                    "dispute",
                    "note",
                    "reworded",
                    *LATE_COLUMNS,
                ):
                    extra.append(key)
    late = [k for k in LATE_COLUMNS if any(k in type(s).model_fields for e in atlas.entities[kind] for s in e.states)]
    header = [
        "id",
        "from_version",
        "to_version",
        "name",
        *extra,
        "confidence",
        "disputed",
        "sources",
        *late,
    ]
    rows = []
    for entity in atlas.entities[kind]:
        for state in entity.states:
            dump = state.model_dump()
            first, last = span(atlas, state)
            cells = [" | ".join(v) if isinstance(v, list) else v for v in (dump.get(k, "") for k in extra)]
            rows.append(
                [
                    entity.id,
                    ids[first],
                    ids[last],
                    state.name,
                    *cells,
                    state.confidence,
                    "yes" if state.dispute else "no",
                    _cites(state.sources),
                    *(_late_cell(dump[k]) for k in late),
                ]
            )
    return _csv(header, rows)


Column = tuple[str, Callable[[Any], Any]]


def _cell(value: Any) -> Any:
    """A model field's value as one CSV cell: dates as ISO, lists joined, citations as "key (locator)"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, t.Cite) for v in value):
            return _cites(list(value))
        if all(isinstance(v, str) for v in value):
            return " | ".join(value)
        return json.dumps([v.model_dump(mode="json") for v in value], ensure_ascii=False, sort_keys=True)
    return value


def _field(name: str, record: Callable[[Any], Any] = lambda item: item) -> Column:
    if name == "dispute":  # as in the entity files: whether the reading is disputed
        return "disputed", lambda item: "yes" if record(item).dispute else "no"
    return name, lambda item: _cell(getattr(record(item), name))


def _record_csv(
    model: type[BaseModel],
    items: Sequence[Any],
    columns: list[Column],
    elsewhere: frozenset[str] = frozenset(),
    record: Callable[[Any], Any] = lambda item: item,
) -> str:
    """One row per item. ``columns`` fixes the first columns (their order is the published one);
    every other field of the model (``record(item)``) follows in model order, so a field added to
    the model is exported without anyone listing it. ``elsewhere``: fields that the columns carry
    in another shape or another file exports."""
    rest = [_field(f, record) for f in model.model_fields if f not in elsewhere]
    named = {name for name, _ in columns}
    cols = [*columns, *(c for c in rest if c[0] not in named)]
    return _csv([name for name, _ in cols], [[get(item) for _, get in cols] for item in items])


def csv_files(atlas: Atlas) -> dict[str, str]:
    out = {f"{k.file}.csv": _entity_csv(atlas, k.name) for k in KINDS}
    src = atlas.sources
    out["versions.csv"] = _record_csv(
        t.Version,
        atlas.versions,
        [
            *map(_field, ("id", "title", "effective")),
            ("status", lambda v: cv.status(atlas, v.id)),
            ("superseded_on", lambda v: _cell(cv.superseded_on(atlas, v.id))),
            ("pdf", lambda v: src[v.links.pdf].url),
            ("redline", lambda v: src[v.links.redline].url if v.links.redline else ""),
            ("announcement", lambda v: src[v.links.announcement].url if v.links.announcement else ""),
            *map(_field, ("summary", "sources")),
        ],
        elsewhere=frozenset({"links", "changes"}),  # links: the three URL columns; changes: changes.csv
    )
    changes = [(v, i, c) for v in atlas.versions for i, c in enumerate(v.changes)]
    out["changes.csv"] = _record_csv(
        t.Change,
        changes,
        # New columns go last so readers that index columns by position keep working.
        [
            ("version", lambda r: r[0].id),
            ("n", lambda r: r[1] + 1),
            *(
                _field(name, lambda r: r[2])
                for name in (
                    "category",
                    "text",
                    "entities",
                    "confidence",
                    "sources",
                    "id",
                    "effect",
                    "effect_note",
                    "in_changelog",
                )
            ),
        ],
        record=lambda r: r[2],
    )
    out["models.csv"] = _record_csv(
        t.Determination,
        atlas.models,
        [
            *map(_field, ("id", "model", "date", "date_precision", "level")),
            ("version_in_force", lambda m: iv.id if (iv := cv.in_force_at(atlas, m.date)) else ""),
            *map(_field, ("determination", "reasoning", "confidence", "sources")),
        ],
    )
    out["events.csv"] = _record_csv(
        t.Event,
        atlas.events,
        list(map(_field, ("id", "date", "date_precision", "kind", "title", "summary", "confidence", "sources"))),
    )
    out["sources.csv"] = _record_csv(
        t.Source,
        atlas.source_items,
        list(map(_field, ("id", "title", "publisher", "date", "url", "archived_url", "retrieved", "kind", "version"))),
    )
    return out


ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot carry at all, even escaped (the validator refuses them in data; this
# keeps the feed well-formed whatever reaches it).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _atom_entry(feed: ET.Element, entry_id: str, title: str, link: str, updated: str, summary: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id)
    _sub(entry, "title", title)
    _sub(entry, "link", rel="alternate", href=link)
    _sub(entry, "updated", updated)
    _sub(entry, "summary", summary)


def _ledger_line(v: t.Version, base: str) -> str:
    """What the version's recorded changes did, by effect, and where the ledger lists them."""
    if not v.changes:
        return ""
    counts: dict[str, int] = {}
    for c in v.changes:
        counts[c.effect] = counts.get(c.effect, 0) + 1
    parts = [f"{t.EFFECT_LABELS[k][0].lower()} {counts[k]}" for k in t.EFFECT_LABELS if k in counts]
    unlisted = sum(1 for c in v.changes if c.in_changelog == "no")
    note = f"; {unlisted} not in Anthropic's changelog" if unlisted else ""
    return (
        f" Recorded changes: {len(v.changes)} ({', '.join(parts)}{note}). Ledger: {base}changes/?from={v.id}&to={v.id}"
    )


def feed_xml(atlas: Atlas, base: str, rels: list[Release]) -> str:
    """The Atom feed, built as a tree (ElementTree escapes every text and attribute)."""
    entries: list[tuple[str, tuple[str, str, str, str, str]]] = []
    for v in atlas.versions:
        prev = cv.predecessor(atlas, v.id)
        summary = v.summary + _ledger_line(v, base)
        if prev:
            summary += f" Comparison with {prev.id}: {page_url(base, urls.compare_page(prev.id, v.id))}"
        stamp = f"{v.effective.isoformat()}T00:00:00Z"
        url = page_url(base, urls.version_page(v.id))
        entries.append((stamp, (url, f"RSP {v.id} takes effect", url, stamp, summary)))
    for r in rels:
        stamp = f"{r.date.isoformat()}T12:00:00Z"
        anchor = target_url(base, urls.release_target(r.version))
        changelog = target_url(base, ("about.md", "changelog"))
        entries.append((stamp, (anchor, f"RSP Atlas site release {r.version}", changelog, stamp, r.summary)))
        # Each substantive correction also stands alone, so a reader who cited an earlier release
        # learns that the cited words changed (CHANGELOG.md "Corrections:" lines).
        for i, text in enumerate(r.corrections, start=1):
            data = f" Corrected data: {', '.join(r.data_corrected)}." if r.data_corrected else ""
            entries.append(
                (
                    f"{r.date.isoformat()}T12:00:0{min(i, 9)}Z",
                    (
                        f"{anchor}-correction-{i}",
                        f"Correction in RSP Atlas site release {r.version}",
                        anchor,
                        f"{r.date.isoformat()}T12:00:00Z",
                        text + data,
                    ),
                )
            )
    entries.sort(key=lambda e: e[0], reverse=True)
    feed = ET.Element("feed", xmlns=ATOM_NS)
    _sub(feed, "id", f"{base}feed.xml")
    _sub(feed, "title", "RSP Atlas: Responsible Scaling Policy versions and site releases")
    _sub(feed, "link", rel="self", href=f"{base}feed.xml")
    _sub(feed, "link", rel="alternate", href=base)
    _sub(feed, "updated", entries[0][0])
    _sub(_sub(feed, "author"), "name", "RSP Atlas (independent; not affiliated with Anthropic)")
    for _stamp, fields in entries:
        _atom_entry(feed, *fields)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


# llms.txt (https://llmstxt.org): the main pages by section, with their front-matter descriptions.
LLMS_SECTIONS: dict[str, list[str]] = {
    "Start": ["index.md", "overview.md", "paths.md"],
    "Versions and comparisons": ["versions/index.md", "compare/index.md"],
    "Policy content": [
        "levels/index.md",
        "thresholds/index.md",
        "safeguards.md",
        "governance.md",
        "models.md",
        "timeline.md",
        "theory-of-change.md",
        "related.md",
    ],
    "Reference": ["glossary.md", "faq.md", "cite.md", "data.md", "sources.md", "about.md"],
}


def llms_txt(atlas: Atlas, root: Path) -> str:
    base = site_url(root)
    lines = [
        "# RSP Atlas",
        "",
        "> An independent, sourced reference to every version of Anthropic's Responsible Scaling Policy "
        f"({atlas.versions[0].id} to {atlas.versions[-1].id}). The policy documents themselves are authoritative.",
        "",
        f"Every version has a page at {page_url(base, urls.version_page('<version>'))} and every pair of versions "
        f"a comparison at {page_url(base, urls.compare_page('<older>', '<newer>'))}. "
        f"The dataset is at {base}data/rsp-atlas.json.",
    ]
    for section, pages in LLMS_SECTIONS.items():
        lines += ["", f"## {section}", ""]
        for src in pages:
            meta = front_matter(root / "docs" / src)
            # Front-matter text may be HTML-escaped (see pages.inert_title); llms.txt is plain text.
            title, about = (
                one_line(html.unescape(str(meta.get(k, d)))) for k, d in (("title", src), ("description", ""))
            )
            lines.append(f"- [{title}]({page_url(base, src)}): {about}".rstrip(": "))
    return "\n".join(lines) + "\n"


def expected(atlas: Atlas, root: Path) -> dict[str, str]:
    """Path relative to the project root → exact content of every export."""
    out = {f"{DATA_DIR}/{DATASET_NAME}.json": dataset_json(atlas), f"{DATA_DIR}/schema.json": schema_json()}
    out.update({f"{DATA_DIR}/{name}": text for name, text in csv_files(atlas).items()})
    out[FEED] = feed_xml(atlas, site_url(root), releases(root))
    out[LLMS] = llms_txt(atlas, root)
    names = tooltip_names([e for group in atlas.entities.values() for e in group], atlas.version_ids)
    out[TOOLTIPS] = tooltip_table(atlas.items(TERM), atlas.version_ids, names)
    return out


def drift(atlas: Atlas, root: Path) -> list[str]:
    return generated_files.drift(expected(atlas, root), root)


def write(atlas: Atlas, root: Path) -> list[str]:
    return generated_files.write(expected(atlas, root), root)
