""" "Cite this" beside a state of an entity or a recorded change: the policy text and the Atlas
entry, five formats each.

Citations name the state as of the newest version it covers; every version in its range has its
own anchor (``#v2.2``), and the entry's note says which versions share the wording.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from markupsafe import Markup

from macros.citation_targets import PinpointCite, cite_change, cite_state, entity_state_anchor
from macros.compute.scope import span
from macros.model import types as t
from macros.render import markup
from macros.render.text import Ctx

WHICH = (("primary", "The policy text"), ("entry", "This entry on RSP Atlas"))


def version_anchor(kind: str, eid: str, vid: str) -> str:
    return entity_state_anchor(kind, eid, vid)


# Shown as text in every box, readable and selectable without JavaScript.
PLAIN = ("APA", "Chicago")


class Format(NamedTuple):
    name: str
    text: str


class Group(NamedTuple):
    which: str
    label: str
    formats: list[Format]


def cite_box(pinned: PinpointCite, summary: str) -> str:
    """A closed <details> with both citations of ``pinned``, five formats each, and their COinS.

    APA and Chicago are in the page as text, in a plain ``<pre>`` (not ``<pre><code>``: Material
    decorates every ``pre > code`` on load, which for the hundreds of boxes on /glossary/ and
    /changes/ cost seconds of main-thread time). BibTeX, RIS and CSL-JSON wait, as JSON in the
    box's ``data-cite`` attribute, until the box is opened (assets/atlas.js, which also adds the
    copy buttons: each copies its ``<pre>``'s text exactly, so RIS keeps its closing ``ER  - ``).
    An attribute, not a ``<script>``: never executed, one string for the parser.
    """
    formats = pinned.formats()
    later = {which: {k: v for k, v in formats[which].items() if k not in PLAIN} for which, _ in WHICH}
    groups = [Group(which, label, [Format(n, formats[which][n]) for n in PLAIN]) for which, label in WHICH]
    names = ", ".join(name for name in formats["primary"] if name not in PLAIN)
    data = json.dumps(later, ensure_ascii=False, separators=(",", ":"))
    # COinS spans are built, escaped, by macros/citation.py.
    return markup.render("citethis.html", "box", summary, data, groups, names, Markup(pinned.coins()))


def cite_this(ctx: Ctx, kind: str, entity: t.Entity, state: t.State) -> str:
    """Both citations of a state, as of the newest version it covers; nothing without a release."""
    if not ctx.releases:
        return ""
    vid = ctx.atlas.version_ids[span(ctx.atlas, state)[1]]
    rel = ctx.releases[0]
    pinned = cite_state(
        ctx.atlas, kind, entity.id, vid, site_url=ctx.site_url, release=rel.version, release_date=rel.date
    )
    return cite_box(pinned, f"Cite this: {state.name} in RSP {vid}")


def cite_this_change(ctx: Ctx, vid: str, index: int) -> str:
    """Both citations of the ``index``-th change recorded for version ``vid``."""
    if not ctx.releases:
        return ""
    rel = ctx.releases[0]
    pinned = cite_change(ctx.atlas, vid, index, site_url=ctx.site_url, release=rel.version, release_date=rel.date)
    return cite_box(pinned, f"Cite this change (RSP {vid})")
