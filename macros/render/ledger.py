"""The change ledger: every recorded change, newest version first, with its effect and changelog status.

The page is static: every change is written out, so it reads in full without script. atlas.js
filters the rows by version range, entity, effect and changelog status, and keeps the filters in
the link's query (``?from=2.0&to=3.4&entity=threshold:cbrn-4&effect=raises-bar&changelog=no``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from macros.compute import versions as cv
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import kind as kind_of
from macros.render import urls
from macros.render.citethis import cite_this_change
from macros.render.common import display_title, entity_refs, provenance, version_link
from macros.render.markup import render
from macros.render.text import Ctx, esc, fmt_date

TEMPLATE = "ledger.html"


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


class Option(NamedTuple):
    value: str
    text: str


class Select(NamedTuple):
    name: str
    label: str
    options: list[Option]
    selected: str = ""


@dataclass(frozen=True)
class Count:
    version: str
    count: int


class LegendRow(NamedTuple):
    key: str
    name: str
    meaning: str
    counts: list[Count]
    total: int


def _options(pairs: list[tuple[str, str]]) -> list[Option]:
    return [Option(v, text) for v, text in pairs]


def _form(ctx: Ctx) -> str:
    versions = [(v.id, f"RSP {v.id}") for v in ctx.atlas.versions if v.changes]
    effects = [("", "Any effect"), *((k, name) for k, (name, _) in t.EFFECT_LABELS.items())]
    changelog = [("", "Either"), *t.IN_CHANGELOG_LABELS.items()]
    selects = [
        Select("from", "From", _options(versions), versions[0][0]),
        Select("to", "to", _options(versions), versions[-1][0]),
        Select("entity", "Touching", _options([("", "Anything"), *_entity_options(ctx)])),
        Select("effect", "Effect", _options(effects)),
        Select("changelog", "Anthropic's changelog", _options(changelog)),
    ]
    return render(TEMPLATE, "form", selects)


def _legend(ctx: Ctx) -> str:
    """Effect names, meanings and counts per version: the numbers readers can check against the rows."""
    counts = effect_counts(ctx.atlas)
    vids = [v.id for v in reversed(ctx.atlas.versions) if v.changes]
    rows = [
        LegendRow(
            key,
            name,
            meaning,
            [Count(vid, counts[vid][key]) for vid in vids],
            sum(counts[vid][key] for vid in vids),
        )
        for key, (name, meaning) in t.EFFECT_LABELS.items()
    ]
    totals = [Count(vid, sum(counts[vid].values())) for vid in vids]
    grand = sum(sum(c.values()) for c in counts.values())
    return render(TEMPLATE, "legend", vids, rows, totals, grand)


def _row(ctx: Ctx, v: t.Version, order: int, c: t.Change, index: int) -> str:
    touches = ""
    if c.entities:
        touches = " *Affects:* " + entity_refs(ctx, c.entities, v.id) + "."
    # Markdown from escaped text (esc), linked names and the citation renderers' own output.
    body = Markup(
        "\n".join(
            [
                f"**Why:** {esc(c.effect_note)}\n",
                f"{esc(c.text)}{touches}\n",
                provenance(ctx, c),
                "",
                cite_this_change(ctx, v.id, index),
            ]
        )
    )
    return render(
        TEMPLATE,
        "change",
        urls.change_target(v.id, c.id)[1],
        v.id,
        " ".join(cv.change_versions(ctx.atlas, v.id)),
        order,
        c,
        effect_label(c.effect),
        t.CHANGE_CATEGORY_LABELS[c.category],
        t.IN_CHANGELOG_LABELS[c.in_changelog],
        body,
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
    ]
    sections = []
    for order, v in reversed(list(enumerate(atlas.versions))):
        if not v.changes:
            continue
        body = [
            f"## RSP {esc(v.id)}, {fmt_date(v.effective)} {{ #ledger-{v.id.replace('.', '-')} }}\n",
            f"{version_link(ctx, v.id, f'Version {v.id} page')}, with changes grouped by category.\n",
            *(_row(ctx, v, order, c, i) for i, c in enumerate(v.changes)),
        ]
        # Markdown: a heading, a link and the rendered changes.
        sections.append(render(TEMPLATE, "section", v.id, order, Markup("\n".join(body))))
    # The sections are this module's own rendered output.
    parts.append(render(TEMPLATE, "changes", [Markup(s) for s in sections]))
    return "\n".join(parts)
