""" "Cite this" beside a state of an entity or a recorded change: the policy text and the Atlas
entry, five formats each.

Citations name the state as of the newest version it covers; every version in its range has its
own anchor (``#v2.2``), and the entry's note says which versions share the wording.
"""

from __future__ import annotations

import html
import json

from macros.citation_targets import PinpointCite, cite_change, cite_state, entity_state_anchor
from macros.compute.scope import span
from macros.model import types as t
from macros.render.text import Ctx

WHICH = (("primary", "The policy text"), ("entry", "This entry on RSP Atlas"))


def version_anchor(kind: str, eid: str, vid: str) -> str:
    return entity_state_anchor(kind, eid, vid)


# Shown as text in every box, readable and selectable without JavaScript.
PLAIN = ("APA", "Chicago")


def copy_block(text: str, fmt: str) -> str:
    """One citation in format ``fmt``: the format's name, then the text in a plain ``<pre>``.

    Plain, not a ``<pre><code>`` block: Material decorates every ``pre > code`` on load (copy
    button, observers), which for the hundreds of blocks on /glossary/ and /changes/ cost seconds
    of main-thread time. The copy button (added by assets/atlas.js when the box opens, named
    e.g. "Copy the policy text as RIS") copies the ``<pre>``'s text exactly, trailing white space
    included: the RIS record ends in ``ER  - ``, which Material's own copy button would trim to
    ``ER  -``. assets/atlas.js builds the same markup for the formats it adds from ``data-cite``.
    """
    return (
        f'<p class="atlas-citethis__fmt">{html.escape(fmt, quote=False)}</p>\n'
        f'<pre class="atlas-citethis__text">{html.escape(text, quote=False)}</pre>'
    )


def cite_box(pinned: PinpointCite, summary: str) -> str:
    """A closed <details> with both citations of ``pinned``, five formats each, and their COinS.

    APA and Chicago are in the page as text. BibTeX, RIS and CSL-JSON wait, as JSON in the box's
    ``data-cite`` attribute, until the box is opened (assets/atlas.js): hundreds of boxes on one
    page, each with ten blocks in the DOM, kept /glossary/ and /changes/ busy for seconds on a
    phone. An attribute, not a ``<script>``: never executed, one string for the parser.
    """
    formats = pinned.formats()
    later = {which: {k: v for k, v in formats[which].items() if k not in PLAIN} for which, _ in WHICH}
    data = html.escape(json.dumps(later, ensure_ascii=False, separators=(",", ":")), quote=True)
    out = [f'<details class="atlas-citethis" data-cite="{data}">\n<summary>{html.escape(summary)}</summary>']
    for which, label in WHICH:
        out.append(f'<div class="atlas-citethis__group" data-which="{which}">')
        out.append(f'<p class="atlas-citethis__which">{label}</p>')
        for name in PLAIN:
            out.append(copy_block(formats[which][name], name))
        out.append("</div>")
    names = ", ".join(name for name in formats["primary"] if name not in PLAIN)
    out.append(f'<noscript><p class="atlas-citethis__more">{html.escape(names)}: with JavaScript on.</p></noscript>')
    out.append(pinned.coins())
    out.append("</details>\n")
    return "\n".join(out)


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
