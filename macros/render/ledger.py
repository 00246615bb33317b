"""The change ledger: every recorded change, newest version first, with its effect and changelog status.

The page is static: every change is written out, so it reads in full without script. atlas.js
filters the rows by version range, entity, effect and changelog status, and keeps the filters in
the link's query (``?from=2.0&to=3.4&entity=threshold:cbrn-4&effect=raises-bar&changelog=no``).
"""

from __future__ import annotations

from collections import Counter

from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import kind as kind_of
from macros.render import urls
from macros.render.citethis import cite_this_change
from macros.render.common import display_title, entity_refs, provenance, version_link
from macros.render.text import STACK_LABEL, Ctx, attr, esc, fmt_date


def effect_label(effect: t.ChangeEffect) -> str:
    return t.EFFECT_LABELS[effect][0]


def effect_counts(atlas: Atlas) -> dict[str, Counter[str]]:
    """Counts of changes per effect, per version id; pure, shared by the page and its tests."""
    out: dict[str, Counter[str]] = {}
    for v in atlas.versions:
        out[v.id] = Counter(c.effect for c in v.changes)
    return out


def _entity_options(ctx: Ctx) -> list[tuple[str, str]]:
    """(ref, label) for every entity some change touches, grouped by kind, then by name."""
    refs = {r for v in ctx.atlas.versions for c in v.changes for r in c.entities}
    rows = []
    for ref in refs:
        kind, _, eid = ref.partition(":")
        entity = ctx.atlas.entity(kind, eid)
        rows.append((kind, display_title(ctx.atlas, entity).lower(), ref, display_title(ctx.atlas, entity)))
    rows.sort()
    return [(ref, f"{name} ({kind_of(kind).singular})") for kind, _, ref, name in rows]


def _select(name: str, label: str, options: list[tuple[str, str]], selected: str = "") -> str:
    opts = "".join(
        f'<option value="{attr(v)}"{" selected" if v == selected else ""}>{esc(text)}</option>' for v, text in options
    )
    return f'<label>{esc(label)} <select name="{name}">{opts}</select></label>\n'


def _form(ctx: Ctx) -> str:
    versions = [(v.id, f"RSP {v.id}") for v in ctx.atlas.versions if v.changes]
    effects = [("", "Any effect"), *((k, name) for k, (name, _) in t.EFFECT_LABELS.items())]
    changelog = [("", "Either"), *t.IN_CHANGELOG_LABELS.items()]
    # Hidden until atlas.js wires it up: without script there is nothing to filter, all rows show.
    return (
        '<form class="atlas-ledger-filter" data-target="atlas-ledger" action="#" hidden>\n'
        "<fieldset><legend>Filter the changes</legend>\n"
        + _select("from", "From", versions, versions[0][0])
        + _select("to", "to", versions, versions[-1][0])
        + _select("entity", "Touching", [("", "Anything"), *_entity_options(ctx)])
        + _select("effect", "Effect", effects)
        + _select("changelog", "Anthropic's changelog", changelog)
        + '<button type="reset" class="md-button">Show all</button>\n'
        "</fieldset>\n"
        '<output class="atlas-ledger__msg" aria-live="polite"></output>\n'
        "</form>\n"
    )


def _legend(ctx: Ctx) -> str:
    """Effect names, meanings and counts per version: the numbers readers can check against the rows."""
    counts = effect_counts(ctx.atlas)
    vids = [v.id for v in reversed(ctx.atlas.versions) if v.changes]
    head = "".join(f'<th scope="col">{esc(vid)}</th>' for vid in vids)
    rows = []
    for key, (name, meaning) in t.EFFECT_LABELS.items():
        cells = "".join(
            f'<td data-version="{attr(vid)}">{STACK_LABEL.format(esc(vid))}{counts[vid][key]}</td>' for vid in vids
        )
        total = sum(counts[vid][key] for vid in vids)
        rows.append(
            f'<tr data-effect="{attr(key)}"><th scope="row">{esc(name)}</th><td>{esc(meaning)}</td>'
            f'{cells}<td class="atlas-ledger__total">{STACK_LABEL.format("All")}{total}</td></tr>'
        )
    totals = "".join(
        f'<td data-version="{attr(vid)}">{STACK_LABEL.format(esc(vid))}{sum(counts[vid].values())}</td>' for vid in vids
    )
    grand = sum(sum(c.values()) for c in counts.values())
    rows.append(
        f'<tr data-effect=""><th scope="row">All changes</th><td></td>{totals}'
        f'<td class="atlas-ledger__total">{STACK_LABEL.format("All")}{grand}</td></tr>'
    )
    return (
        '<div class="atlas-stack">\n<table class="atlas-ledger-counts" id="atlas-ledger-counts">\n'
        "<caption>Recorded changes by effect and version</caption>\n"
        f'<thead><tr><th scope="col">Effect</th><th scope="col">Meaning</th>{head}'
        '<th scope="col">All</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n</div>\n"
    )


def _row(ctx: Ctx, v: t.Version, order: int, c: t.Change, index: int) -> str:
    mention = t.IN_CHANGELOG_LABELS[c.in_changelog]
    touches = ""
    if c.entities:
        touches = " *Affects:* " + entity_refs(ctx, c.entities, v.id) + "."
    return "\n".join(
        [
            f'<div class="atlas-change" id="{attr(urls.change_target(v.id, c.id)[1])}" data-version="{attr(v.id)}" '
            f'data-order="{order}" data-effect="{attr(c.effect)}" data-changelog="{attr(c.in_changelog)}" '
            f'data-entities="{attr(" ".join(c.entities))}" markdown>\n',
            f'<span class="atlas-effect atlas-effect--{attr(c.effect)}">{esc(effect_label(c.effect))}</span> '
            f"RSP {esc(v.id)} · {esc(t.CHANGE_CATEGORY_LABELS[c.category])} · "
            f'<span class="atlas-changelog atlas-changelog--{attr(c.in_changelog)}">{esc(mention)}</span>  ',
            f"**Why:** {esc(c.effect_note)}\n",
            f"{esc(c.text)}{touches}\n",
            provenance(ctx, c),
            "",
            cite_this_change(ctx, v.id, index),
            "\n</div>\n",
        ]
    )


def ledger(ctx: Ctx) -> str:
    """Filter form, effect legend with counts, then every change, newest version first."""
    atlas = ctx.atlas
    total = sum(len(v.changes) for v in atlas.versions)
    parts = [
        _form(ctx),
        f"All {total} recorded changes, newest version first. Each carries an effect type saying what it "
        "does to Anthropic's obligations (not whether that is good), a one-line reason, and whether "
        "Anthropic's own changelog for that version mentions it. A row's link stays the same when "
        "changes are added.\n",
        _legend(ctx),
        '<div id="atlas-ledger" markdown>\n',
    ]
    for order, v in reversed(list(enumerate(atlas.versions))):
        if not v.changes:
            continue
        parts.append(
            f'<section class="atlas-ledger__version" data-version="{attr(v.id)}" data-order="{order}" markdown>\n'
        )
        parts.append(f"## RSP {esc(v.id)}, {fmt_date(v.effective)} {{ #ledger-{v.id.replace('.', '-')} }}\n")
        parts.append(f"{version_link(ctx, v.id, f'Version {v.id} page')}, with changes grouped by category.\n")
        parts += [_row(ctx, v, order, c, i) for i, c in enumerate(v.changes)]
        parts.append("</section>\n")
    parts.append("</div>\n")
    return "\n".join(parts)
