""" "Cite this" beside a state of an entity or a recorded change: the policy text and the Atlas
entry, five formats each.

Citations name the state as of the newest version it covers; every version in its range has its
own anchor (``#v2.2``), and the entry's note says which versions share the wording.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from macros import citation
from macros.citation_targets import PinpointCite, cite_change, cite_state, entity_state_anchor
from macros.item_citations import CHANGE, cited_version
from macros.model import types as t
from macros.render import markup
from macros.render.text import Ctx

WHICH = (("primary", "The policy text"), ("entry", "This entry on RSP Atlas"))


def version_anchor(kind: str, eid: str, vid: str) -> str:
    return entity_state_anchor(kind, eid, vid)


class Format(NamedTuple):
    name: str
    text: str


class Group(NamedTuple):
    which: str
    label: str
    formats: list[Format]


def cite_box(pinned: PinpointCite, file: str, summary: str) -> str:
    """A closed <details> with both citations of ``pinned``, five formats each, and their COinS.

    APA and Chicago are in the page as text, in a plain ``<pre>`` (not ``<pre><code>``: Material
    decorates every ``pre > code`` on load, which for the hundreds of boxes on /glossary/ and
    /changes/ cost seconds of main-thread time). BibTeX, RIS and CSL-JSON are not in the page: the
    box names its file (``file``, under assets/citations/) and its key there, and assets/atlas.js
    fetches them when the box is first opened (macros/item_citations.py writes the files), then
    adds the copy buttons: each copies its ``<pre>``'s text exactly, so RIS keeps its closing
    ``ER  - ``. Only APA and Chicago are worked out here; the build never writes the other three.
    """
    plain = pinned.plain_formats()
    groups = [
        Group(which, label, [Format(n, plain[which][n]) for n in citation.PLAIN_FORMATS]) for which, label in WHICH
    ]
    names = ", ".join(citation.IMPORT_FORMATS)
    # COinS spans are built, escaped, by macros/citation.py.
    coins = Markup(pinned.coins())
    return markup.render("citethis.html", "box", summary, file, pinned.entry.key, groups, names, coins)


def cite_this(ctx: Ctx, kind: str, entity: t.Entity, state: t.State) -> str:
    """Both citations of a state, as of the newest version it covers; nothing without a release."""
    if not ctx.releases:
        return ""
    vid = cited_version(ctx.atlas, state)
    rel = ctx.releases[0]
    pinned = cite_state(
        ctx.atlas, kind, entity.id, vid, site_url=ctx.site_url, release=rel.version, release_date=rel.date
    )
    return cite_box(pinned, kind, f"Cite this: {state.name} in RSP {vid}")


def cite_this_change(ctx: Ctx, vid: str, index: int) -> str:
    """Both citations of the ``index``-th change recorded for version ``vid``."""
    if not ctx.releases:
        return ""
    rel = ctx.releases[0]
    pinned = cite_change(ctx.atlas, vid, index, site_url=ctx.site_url, release=rel.version, release_date=rel.date)
    return cite_box(pinned, CHANGE, f"Cite this change (RSP {vid})")
