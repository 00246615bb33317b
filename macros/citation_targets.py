"""Pinpoint citations of one provision in one RSP version, and of one recorded change.

Each gives two citations (``citation.Work``), each in all five formats:

- the primary text: Anthropic's policy document for that version, with the section and page
  the data cites for it (printed page, PDF page where they differ) and a URL that opens the PDF
  at that page;
- the Atlas entry: the entity's name as of that version, the per-version anchor URL, the site
  release and, when known, the access date.

Pure: data in, records out. Pages decide where to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from macros import citation
from macros.citation import MONTH_NAMES, Work, slug
from macros.compute.scope import name_at, span, state_at
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import kind as kind_of
from macros.render.locators import first_pdf_page, printed_page, reader_locator
from macros.render.urls import change_target, entity_target, page_url, target_url


def state_anchor(vid: str) -> str:
    """Fragment of the state in force in version ``vid`` on an entity's own page: "v2.2"."""
    return f"v{vid}"


def entity_state_anchor(kind: str, eid: str, vid: str) -> str:
    """Fragment for an entity's state in ``vid``. Pages of their own (levels, thresholds) use
    ``state_anchor`` alone; entities sharing a page prefix their own anchor ("rso-v2.2")."""
    _, anchor = entity_target(kind, eid)
    return f"{anchor}-{state_anchor(vid)}" if anchor else state_anchor(vid)


def entity_state_url(site_url: str, kind: str, eid: str, vid: str) -> str:
    page, _ = entity_target(kind, eid)
    return f"{page_url(site_url, page)}#{entity_state_anchor(kind, eid, vid)}"


def long_date(d: dt.date) -> str:
    """ "14 May 2025": the site's date style."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


# --- the primary text -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pinpoint:
    """Where in a document: the reader locator, the printed page for a reference, the PDF page
    a link opens at (None where the data cites a section but no page)."""

    locator: str
    page: str | None
    pdf_page: int | None


def pinpoint(source: t.Source, cites: Sequence[t.Cite]) -> Pinpoint | None:
    """The locator of every cite into ``source``, joined; None if none cites it."""
    locs = [c.locator for c in cites if c.source == source.id]
    if not locs:
        return None
    joined = "; ".join(dict.fromkeys(locs))
    runs = source.printed_pages
    pdf = first_pdf_page(joined)
    page = None
    if pdf is not None:
        printed = printed_page(pdf, runs) if runs is not None else pdf
        page = str(printed) if printed is not None else None
    return Pinpoint(reader_locator(joined, runs), page, pdf)


def primary_work(atlas: Atlas, vid: str, cites: Sequence[t.Cite], accessed: dt.date | None = None) -> Work:
    """Anthropic's policy text of version ``vid``, pinpointed by whichever ``cites`` point into it."""
    version = atlas.version(vid)
    source = atlas.sources[version.links.pdf]
    pin = pinpoint(source, cites)
    url = source.url
    # Only a PDF viewer understands "#page=N"; an HTML edition of the policy gets the bare URL.
    if pin and pin.pdf_page and url.lower().endswith(".pdf"):
        url = f"{url}#page={pin.pdf_page}"
    return Work(
        key=f"anthropic-rsp-{slug(vid)}",
        kind="report",
        author=source.publisher,
        title=source.title,
        issued=source.date,
        url=url,
        publisher=source.publisher,
        page=pin.page if pin else None,
        pinpoint=pin.locator if pin else None,
        note=f"Version {vid}, effective {long_date(version.effective)}.",
        accessed=accessed,
    )


# --- the two citations ----------------------------------------------------------------------


@dataclass(frozen=True)
class PinpointCite:
    primary: Work
    entry: Work

    def formats(self) -> dict[str, dict[str, str]]:
        """{"primary": {format: text}, "entry": {format: text}}; APA and Chicago of the primary
        text carry the in-text citation and pinpoint lines."""
        return {
            "primary": citation.work_formats(self.primary, with_pinpoint=True),
            "entry": citation.work_formats(self.entry),
        }

    def plain_formats(self) -> dict[str, dict[str, str]]:
        """APA and Chicago of both, as ``formats`` gives them: the text of the page's box."""
        return {
            "primary": citation.plain_formats(self.primary, with_pinpoint=True),
            "entry": citation.plain_formats(self.entry),
        }

    def import_formats(self) -> dict[str, dict[str, str]]:
        """BibTeX, RIS and CSL-JSON of both, as ``formats`` gives them: fetched when a box opens."""
        return {"primary": citation.import_formats(self.primary), "entry": citation.import_formats(self.entry)}

    def coins(self) -> str:
        """Two COinS spans (policy text, Atlas entry) to place beside the state; escaped HTML."""
        return citation.coins(self.primary) + citation.coins(self.entry)


def _versions_phrase(atlas: Atlas, state: t.State) -> str:
    first, last = span(atlas, state)
    a, b = atlas.version_ids[first], atlas.version_ids[last]
    return f"version {a}" if a == b else f"versions {a} to {b}"


def cite_state(
    atlas: Atlas,
    kind: str,
    eid: str,
    vid: str,
    *,
    site_url: str,
    release: str,
    release_date: dt.date,
    accessed: dt.date | None = None,
) -> PinpointCite:
    """Citations of entity ``kind:eid`` as it stood in version ``vid``.

    Raises KeyError for an unknown entity and ValueError if the entity has no state in ``vid``.
    """
    entity = atlas.entity(kind, eid)
    state = state_at(atlas, entity, vid)
    if state is None:
        raise ValueError(f"{kind}:{eid} has no state in version {vid}")
    entry = Work(
        key=f"rspatlas-{kind}-{slug(eid)}-v{slug(vid)}",
        kind="webpage",
        author=citation.AUTHOR,
        title=f"{state.name} in RSP version {vid}",
        issued=release_date,
        url=entity_state_url(site_url, kind, eid, vid),
        container=citation.SITE,
        genre=f"Release {release}",
        note=(
            f"{kind_of(kind).cite_label} {state.name} as it stood in Anthropic's Responsible Scaling Policy "
            f"version {vid} (this wording covers {_versions_phrase(atlas, state)})."
        ),
        accessed=accessed,
    )
    return PinpointCite(primary_work(atlas, vid, state.sources, accessed), entry)


def cite_change(
    atlas: Atlas,
    vid: str,
    index: int,
    *,
    site_url: str,
    release: str,
    release_date: dt.date,
    accessed: dt.date | None = None,
) -> PinpointCite:
    """Citations of the ``index``-th (0-based) change recorded for version ``vid``: the policy
    text where the change's sources point into it, and the change's row in the ledger, titled by
    its effect and the entities it touches, each named as of ``vid``."""
    atlas_version = atlas.version(vid)
    change = atlas_version.changes[index]
    names = []
    for ref in change.entities:
        kind, _, eid = ref.partition(":")
        names.append(name_at(atlas, atlas.entity(kind, eid), vid).name)
    effect = t.EFFECT_LABELS[change.effect][0]
    about = f": {', '.join(dict.fromkeys(names))}" if names else ""
    entry = Work(
        key=f"rspatlas-change-v{slug(vid)}-{slug(change.id)}",
        kind="webpage",
        author=citation.AUTHOR,
        title=f"{effect} in RSP version {vid}{about}",
        issued=release_date,
        url=target_url(site_url, change_target(vid, change.id)),
        container=citation.SITE,
        genre=f"Release {release}",
        note=(
            f"A change recorded for Anthropic's Responsible Scaling Policy version {vid} "
            f"(effective {long_date(atlas_version.effective)}) against the version before it."
        ),
        accessed=accessed,
    )
    return PinpointCite(primary_work(atlas, vid, change.sources, accessed), entry)
