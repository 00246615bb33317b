""" "Viewing as of": one small control on an entity page that highlights the state in force in a
chosen version and offers the comparison of that version with the current one.

The page itself is the same for every version: each state already carries its versions
(``data-versions`` on its heading or titled paragraph) and an anchor per version (``#v2.2``), so
the choice needs no page of its own. The control is hidden until atlas.js wires it up; without
script the per-version anchors ("In force in: ... 2.2") do the same job. atlas.js keeps the choice
in the link (``?as-of=2.2``; a ``#v2.2`` anchor also selects it) and in localStorage.
"""

from __future__ import annotations

import posixpath

from macros.compute.scope import span
from macros.model import types as t
from macros.render import urls
from macros.render.markup import render
from macros.render.text import Ctx
from macros.render.urls import url_key

PLACEHOLDER = "__V__"  # atlas.js puts the chosen version here in the comparison link


def state_versions(ctx: Ctx, state: t.State) -> str:
    """The versions a state covers, space-separated, for its ``data-versions`` attribute."""
    first, last = span(ctx.atlas, state)
    return " ".join(ctx.atlas.version_ids[first : last + 1])


def _dir_href(ctx: Ctx, target: str, anchor: str = "") -> str:
    """A link in raw HTML (which MkDocs does not rewrite), relative to the page's directory URL:
    /thresholds/cbrn-4/ is one level deeper than its source file thresholds/cbrn-4.md."""
    here, there = url_key(ctx.page), url_key(target)
    rel = posixpath.relpath(there or ".", here or ".") + "/"
    return rel + (f"#{anchor}" if anchor else "")


def control(ctx: Ctx, what: str, compare_anchor: str = "") -> str:
    """The form: a version choice (default: the current version) and a "compare with current" link.

    ``what`` names what the page shows ("this threshold", "each provision"); ``compare_anchor``
    is the entity's section on the pair pages, when the page is about one entity.
    """
    ids = ctx.atlas.version_ids
    latest = ids[-1]
    compare = _dir_href(ctx, urls.compare_page(PLACEHOLDER, latest), compare_anchor)
    return render("viewas.html", "control", what, latest, list(reversed(ids[:-1])), compare)
