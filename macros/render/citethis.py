""" "Cite this" beside a state of an entity or a recorded change: the policy text and the Atlas
entry, five formats each.

Citations name the state as of the newest version it covers; every version in its range has its
own anchor (``#v2.2``), and the entry's note says which versions share the wording.
"""

from __future__ import annotations

import html

from macros.citation_targets import PinpointCite, cite_change, cite_state, entity_state_anchor
from macros.compute.scope import span
from macros.model import types as t
from macros.render.text import Ctx

WHICH = (("primary", "The policy text"), ("entry", "This entry on RSP Atlas"))


def version_anchor(kind: str, eid: str, vid: str) -> str:
    return entity_state_anchor(kind, eid, vid)


def copy_block(text: str, label: str, code_class: str = "") -> str:
    """A citation in a code block Material gives a copy button.

    Material's automatic copy button trims trailing white space, which cuts the RIS closing tag
    ``ER  - `` to ``ER  -``; its clipboard handler copies ``data-clipboard-text`` verbatim. A text
    that ends in white space therefore opts out of the automatic button (``no-copy``) and carries
    its exact text on a button of its own; the others keep the automatic one (no second copy of
    the text in the page).
    """
    cls = f' class="{html.escape(code_class)}"' if code_class else ""
    if text == text.rstrip():
        return f'<div class="highlight"><pre><code{cls}>{html.escape(text, quote=False)}</code></pre></div>'
    button = (
        '<nav class="md-code__nav"><button class="md-code__button" type="button" data-md-type="copy" '
        f'title="Copy to clipboard" aria-label="{html.escape("Copy " + label, quote=True)}" '
        f'data-clipboard-text="{html.escape(text, quote=True)}"></button></nav>'
    )
    return f'<div class="highlight no-copy"><pre>{button}<code{cls}>{html.escape(text, quote=False)}</code></pre></div>'


def cite_box(pinned: PinpointCite, summary: str) -> str:
    """A closed <details> with both citations of ``pinned``, five formats each, and their COinS."""
    formats = pinned.formats()
    out = [f'<details class="atlas-citethis">\n<summary>{html.escape(summary)}</summary>']
    for which, label in WHICH:
        out.append(f'<p class="atlas-citethis__which">{label}</p>')
        for name, text in formats[which].items():
            out.append(f'<p class="atlas-citethis__fmt">{html.escape(name)}</p>')
            out.append(copy_block(text, f"{label.lower()} as {name}"))
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
