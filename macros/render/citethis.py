""" "Cite this" beside a state of an entity: the policy text and the Atlas entry, five formats each.

Citations name the state as of the newest version it covers; every version in its range has its
own anchor (``#v2.2``), and the entry's note says which versions share the wording.
"""

from __future__ import annotations

import html

from macros.citation_targets import cite_state, entity_state_anchor
from macros.compute.scope import span
from macros.model import types as t
from macros.render.text import Ctx

WHICH = (("primary", "The policy text"), ("entry", "This entry on RSP Atlas"))


def version_anchor(kind: str, eid: str, vid: str) -> str:
    return entity_state_anchor(kind, eid, vid)


def cite_this(ctx: Ctx, kind: str, entity: t.Entity, state: t.State) -> str:
    """A closed <details> with both citations; nothing when the site has no release to cite."""
    if not ctx.releases:
        return ""
    vid = ctx.atlas.version_ids[span(ctx.atlas, state)[1]]
    rel = ctx.releases[0]
    pinned = cite_state(
        ctx.atlas, kind, entity.id, vid, site_url=ctx.site_url, release=rel.version, release_date=rel.date
    )
    formats = pinned.formats()
    out = [f'<details class="atlas-citethis">\n<summary>Cite this: {html.escape(state.name)} in RSP {vid}</summary>']
    for which, label in WHICH:
        out.append(f'<p class="atlas-citethis__which">{label}</p>')
        for name, text in formats[which].items():
            out.append(
                f'<p class="atlas-citethis__fmt">{html.escape(name)}</p>'
                f"<pre><code>{html.escape(text, quote=False)}</code></pre>"
            )
    out.append(pinned.coins())
    out.append("</details>\n")
    return "\n".join(out)
