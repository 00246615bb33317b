"""How entity fields are labelled, how their values are shown, and how entities are named as of
a version (the name in force then, never a later one passed off as current)."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any, Literal, NamedTuple

from markupsafe import Markup

from macros.compute.diff import FieldChange
from macros.compute.scope import name_at
from macros.model import types as t
from macros.model.kinds import STANDARD
from macros.render import urls
from macros.render.common import entity_name
from macros.render.markup import render
from macros.render.text import Ctx, esc

_QUALIFIER = re.compile(r"\s*\([^()]*\)$")

FIELD_LABELS = {
    "name": "Name",
    "summary": "Meaning",
    "definition": "Definition",
    "kind": "Type",
    "measures": "Main measures",
    "in_scope": "Attackers in scope",
    "out_of_scope": "Attackers out of scope",
    "required_safeguards": "Required safeguards",
    "expected_safeguards": "Expected safeguards (not yet required)",
    "safeguards_note": "Safeguards note",
    "anthropic_plan": "Anthropic's own plan",
    "industry_recommendation": "Industry-wide recommendation",
    "(presence)": "Present",
}

# Fields that list standards by id: shown by each standard's name as of the version.
SAFEGUARD_FIELDS = ("required_safeguards", "expected_safeguards")

# Fields shown first in a comparison: what the entity means, before how it is handled.
FIELD_ORDER = ("name", "summary", "definition", "kind", "required_safeguards", "expected_safeguards", "safeguards_note")


def base_name(name: str) -> str:
    """A name without a trailing qualifier in brackets: "ASL-4 Standard (not yet defined)" and
    "ASL-4 Standard (partly specified)" are one name with two of our notes on the state."""
    return _QUALIFIER.sub("", name)


# Said after a name that is our description, where a page lists a thing's names (State.name_is_ours).
OUR_LABEL = "our label; the policy gives it no name"


def is_rename(f: FieldChange) -> bool:
    """Whether a field change gives a new name, not just a new qualifier in brackets."""
    return f.field == "name" and base_name(f.before) != base_name(f.after)


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def field_rank(field: str) -> tuple[int, str]:
    return (FIELD_ORDER.index(field) if field in FIELD_ORDER else len(FIELD_ORDER), field)


def value(ctx: Ctx, field: str, val: Any, vid: str) -> str:
    """A field value as inline Markdown safe inside a table cell; names as of version ``vid``."""
    if val is None or val == "" or val == []:
        return "—"
    if field == "(presence)":
        return "yes" if val else "no"
    if field == "kind":
        return esc(t.THRESHOLD_KIND_LABELS[val])
    if field in SAFEGUARD_FIELDS:
        return ", ".join(standard_name(ctx, sid, vid) for sid in val)
    if isinstance(val, list):
        return render("fields.html", "bullets", val)
    return esc(val)


def later(text: str) -> str:
    """Marks a forward reference: a name from a later version, shown as such."""
    return render("fields.html", "later", Markup(text))  # callers pass escaped Markdown


def name_in(ctx: Ctx, kind: str, entity: t.Entity, vid: str, link: bool = True) -> str:
    """An entity's name as of version ``vid``, linked; says so when it had no state then."""
    n = name_at(ctx.atlas, entity, vid)
    page, anchor = urls.entity_target(kind, entity.id)
    own_page = page == ctx.page and not anchor  # a link to the page itself would go nowhere
    shown = entity_name(ctx, kind, entity, n.state) if link and not own_page else esc(n.name)
    if n.when == "in":
        return shown
    if n.when == "before":
        return f"{shown} (as last named in {esc(n.vid)}; not described in {esc(vid)})"
    return later(f"{shown} (the name it first carries in {esc(n.vid)}; not yet described in {esc(vid)})")


def plain_name(ctx: Ctx, entity: t.Entity, vid: str) -> str:
    """The bare name as of ``vid`` (for headings and link texts), without the qualifiers."""
    return name_at(ctx.atlas, entity, vid).name


def standard_name(ctx: Ctx, sid: str, vid: str) -> str:
    return name_in(ctx, "standard", ctx.atlas.get(STANDARD, sid), vid)


class Run(NamedTuple):
    """Words the two texts share, or that only one has."""

    kind: Literal["same", "del", "ins"]
    words: str


# Both diff functions are cached by their texts: one wording change shows on every pair page whose
# range spans it, and the cache halves the matcher's work in a build.
@functools.cache
def word_diff(before: str, after: str) -> str:
    """The two texts merged word by word, removed words in <del>, added in <ins>; HTML-escaped
    (data never reaches the page as markup) and inert to Markdown via esc()."""
    a, b = before.split(), after.split()
    runs: list[Run] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(Run("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Run("del", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(Run("ins", " ".join(b[j1:j2])))
    return render("fields.html", "word_diff", runs)


@functools.cache
def similar(before: str, after: str, floor: float = 0.5) -> bool:
    """Whether two texts share enough words for a word-level diff to be worth reading."""
    return difflib.SequenceMatcher(a=before.split(), b=after.split(), autojunk=False).ratio() >= floor
