"""The compare picker and one page for every pair of versions."""

from __future__ import annotations

from macros.compute import versions as cv
from macros.compute.diff import EntityDiff, diff, stated_changes
from macros.model import types as t
from macros.render import urls
from macros.render.common import KIND_LABELS, entity_name, provenance, version_link
from macros.render.fields import label, value
from macros.render.text import Ctx, attr, esc, fmt_date
from macros.render.versions import CATEGORY_LABELS

DIFF_KINDS = ("threshold", "standard", "level", "provision", "domain", "term")
STATUS_LABELS = {"added": "Added", "removed": "Removed", "changed": "Changed", "unchanged": "Unchanged"}


def _at(ctx: Ctx, versions: tuple[str, ...]) -> str:
    return ", ".join(version_link(ctx, v) for v in versions) or "—"


def _changed_table(ctx: Ctx, d: EntityDiff, a: str, b: str) -> str:
    rows = [f"| Field | In {a} | In {b} | Changed in |", "|---|---|---|---|"]
    for f in d.fields:
        rows.append(
            f"| {label(f.field)} | {value(ctx, f.field, f.before)} | {value(ctx, f.field, f.after)} "
            f"| {_at(ctx, f.versions)} |"
        )
    return "\n".join(rows) + "\n"


def _state_table(ctx: Ctx, state: t.State, heading: str) -> str:
    from macros.compute.scope import substance

    rows = [f"| Field | {heading} |", "|---|---|"]
    for key, val in substance(state).items():
        if val in ("", [], None):
            continue
        rows.append(f"| {label(key)} | {value(ctx, key, val)} |")
    return "\n".join(rows) + "\n"


def _entity_block(ctx: Ctx, d: EntityDiff, a: str, b: str) -> str:
    state = d.after or d.before
    assert state is not None
    name = entity_name(ctx, d.kind, d.entity, state)
    title = getattr(d.entity, "title", None) or state.name
    head = f"#### {STATUS_LABELS[d.status]}: {esc(title)} {{ #{d.kind}-{d.entity.id} }}\n"
    if d.status == "added":
        body = f"{name} is new since {a}; it first appears in {_at(ctx, d.at)}.\n\n" + _state_table(
            ctx, state, f"In {b}"
        )
        body += "\n" + provenance(ctx, state)
    elif d.status == "removed":
        body = f"{name} is no longer in the policy in {b}; it was dropped in {_at(ctx, d.at)}.\n\n"
        body += _state_table(ctx, state, f"Last in {a}") + "\n" + provenance(ctx, state)
    else:
        assert d.before is not None and d.after is not None
        renamed = f" (renamed from “{esc(d.before.name)}”)" if d.renamed else ""
        body = f"{name}{renamed} changed in {_at(ctx, d.at)}.\n\n" + _changed_table(ctx, d, a, b)
        body += f"\n*Before:* {provenance(ctx, d.before)}\n\n*After:* {provenance(ctx, d.after)}"
    return head + "\n" + body + "\n"


# Beyond this many steps a pair page links to each version's own list instead of repeating it,
# so that page size, and the build, stay linear in the number of pages as versions are added.
INLINE_STEPS = 10


def _stated(ctx: Ctx, a: str, b: str) -> str:
    items = stated_changes(ctx.atlas, a, b)
    if not items:
        return "No changes are recorded.\n"
    steps = ctx.atlas.versions[ctx.atlas.index(a) + 1 : ctx.atlas.index(b) + 1]
    if len(steps) > INLINE_STEPS:
        lines = [f"{len(items)} changes are recorded across {len(steps)} versions; each version lists its own:\n"]
        for v in steps:
            n = len(v.changes)
            lines.append(
                f"- {ctx.link(esc(f'RSP {v.id}'), urls.version_page(v.id), 'changes')}: {n} change{'s' * (n != 1)}"
            )
        return "\n".join(lines) + "\n"
    out = []
    for v in steps:
        mine = [c for vv, c in items if vv.id == v.id]
        out.append(f"### In {v.id} ({fmt_date(v.effective)}) {{ #stated-{v.id.replace('.', '-')} }}\n")
        for c in mine:
            out.append(f"- **{CATEGORY_LABELS[c.category]}.** {esc(c.text)}  \n  {provenance(ctx, c)}")
        if not mine:
            out.append("No changes recorded.")
        out.append("")
    return "\n".join(out) + "\n"


def summary_counts(diffs: list[EntityDiff]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABELS}
    for d in diffs:
        counts[d.status] += 1
    return counts


def compare_page(ctx: Ctx, a: str, b: str) -> str:
    atlas = ctx.atlas
    va, vb = atlas.version(a), atlas.version(b)
    between = atlas.versions[atlas.index(a) + 1 : atlas.index(b)]
    diffs = diff(atlas, a, b, DIFF_KINDS)
    counts = summary_counts(diffs)
    parts = [
        f"# RSP {a} vs {b}\n",
        f"From {version_link(ctx, a, f'RSP {a}')} (effective {fmt_date(va.effective)}) to "
        f"{version_link(ctx, b, f'RSP {b}')} (effective {fmt_date(vb.effective)}).",
    ]
    if between:
        parts.append(
            " Versions in between: "
            + ", ".join(version_link(ctx, v.id) for v in between)
            + ". Each change below names the version in which it happened.\n"
        )
    else:
        parts.append(f" {b} directly followed {a}.\n")
    parts.append(
        f'\n<p class="atlas-counts">Computed over {len(diffs)} entities: '
        f"<strong>{counts['added']}</strong> added, <strong>{counts['removed']}</strong> removed, "
        f"<strong>{counts['changed']}</strong> changed, {counts['unchanged']} unchanged.</p>\n"
    )
    parts.append("## Differences, computed from the data { #differences }\n")
    parts.append("Each entity is compared as it stood in the two versions. Unchanged entities are listed at the end.\n")
    for kind in DIFF_KINDS:
        mine = [d for d in diffs if d.kind == kind and d.status != "unchanged"]
        if not mine:
            continue
        parts.append(f"### {KIND_LABELS[kind]} {{ #diff-{kind} }}\n")
        for status in ("added", "removed", "changed"):
            for d in (d for d in mine if d.status == status):
                parts.append(_entity_block(ctx, d, a, b))
    if not any(d.status != "unchanged" for d in diffs):
        parts.append("No entity differs between these two versions.\n")
    parts.append("## What each version said it changed { #stated }\n")
    parts.append(_stated(ctx, a, b))
    unchanged = [d for d in diffs if d.status == "unchanged"]
    parts.append("## Unchanged { #unchanged }\n")
    if unchanged:
        parts.append(f'??? info "{len(unchanged)} entities are the same in {a} and {b}"\n')
        for d in unchanged:
            parts.append(f"    - {KIND_LABELS[d.kind]}: {entity_name(ctx, d.kind, d.entity, d.after)}")
        parts.append("")
    else:
        parts.append("Nothing is unchanged.\n")
    return "\n".join(parts) + "\n"


def picker(ctx: Ctx) -> str:
    """Two selects (enhanced by compare.js) and a full matrix of links that works without script."""
    ids = ctx.atlas.version_ids
    opts_a = "".join(
        f'<option value="{attr(v)}"{" selected" if i == len(ids) - 2 else ""}>{esc(v)}</option>'
        for i, v in enumerate(ids)
    )
    opts_b = "".join(
        f'<option value="{attr(v)}"{" selected" if i == len(ids) - 1 else ""}>{esc(v)}</option>'
        for i, v in enumerate(ids)
    )
    base = ctx.href("compare/index.md")
    form = (
        f'<form class="atlas-picker" data-base="{attr(base)}" action="#">\n'
        f'<label>From version <select name="a" id="pick-a">{opts_a}</select></label>\n'
        f'<label>to version <select name="b" id="pick-b">{opts_b}</select></label>\n'
        f'<button type="submit" class="md-button md-button--primary">Compare</button>\n'
        f'<output class="atlas-picker__msg" for="pick-a pick-b" aria-live="polite"></output>\n'
        "</form>\n"
    )
    head = "| Older ↓ / newer → | " + " | ".join(ids[1:]) + " |"
    rows = [head, "|---" * len(ids) + "|"]
    for i, a in enumerate(ids[:-1]):
        cells = []
        for j, b in enumerate(ids[1:], start=1):
            cells.append(ctx.link(esc(f"{a}→{b}"), urls.compare_page(a, b)) if j > i else "")
        rows.append(f"| **{a}** | " + " | ".join(cells) + " |")
    return form + "\n## Every pair { #every-pair }\n\n" + "\n".join(rows) + "\n"


def neighbours(ctx: Ctx) -> str:
    """Links to each version's comparison with its predecessor."""
    out = []
    for v in ctx.atlas.versions[1:]:
        prev = cv.predecessor(ctx.atlas, v.id)
        assert prev is not None
        out.append(
            f"- {ctx.link(esc(f'{prev.id} → {v.id}'), urls.compare_page(prev.id, v.id))} ({fmt_date(v.effective)})"
        )
    return "\n".join(out) + "\n"
