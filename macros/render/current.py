"""The policy today: what the newest version requires, on one page, computed from the data.

Everything here names things as they are called in the newest version, because the page is about
that version only. Older names belong to the version pages and the histories.
"""

from __future__ import annotations

from macros.compute import versions as cv
from macros.compute.scope import in_force, state_at
from macros.model import types as t
from macros.model.kinds import LEVEL, PROVISION, STANDARD, THRESHOLD
from macros.render import urls
from macros.render.common import caveated, entity_name, provenance, shown, version_link, visible
from macros.render.text import Ctx, esc, fmt_date, indent

# Governance topics a new reader asks about first, in the order the page answers them.
WHO_DECIDES = ("decision-makers",)
REPORTING = ("reporting", "external-review")


def _series_start(ctx: Ctx) -> t.Version:
    """The first version of the newest major series (3.0 for 3.4): where today's structure began."""
    cur = cv.current(ctx.atlas)
    major = cur.id.split(".")[0]
    return next(v for v in ctx.atlas.versions if v.id.split(".")[0] == major)


def recent_determinations(ctx: Ctx) -> list[t.Determination]:
    """Determinations made since the newest major series began, newest first."""
    start = _series_start(ctx).effective
    return [m for m in reversed(shown(ctx.atlas.models)) if m.date >= start]


def _model_link(ctx: Ctx, m: t.Determination) -> str:
    return ctx.link(esc(m.model), *urls.model_target(m.id))


def claude_now(ctx: Ctx, detail: bool = False) -> str:
    """One sourced answer to "which ASL is Claude at now?", true for the newest version.

    ``detail`` adds the newest determination on record (for /current/ and /models/).
    """
    atlas = ctx.atlas
    cur = cv.current(atlas)
    records = shown(atlas.models)
    if not records:
        return "No model determination is recorded yet.\n"
    latest = records[-1]
    when = fmt_date(latest.date, latest.date_precision)
    if latest.level is not None:
        level = atlas.get(LEVEL, latest.level)
        vin = cv.in_force_at(atlas, latest.date)
        state = state_at(atlas, level, vin.id) if vin else None
        return (
            f"The newest determination on record ({_model_link(ctx, latest)}, {when}) handled the model under "
            f"{entity_name(ctx, 'level', level, state)}. {provenance(ctx, latest)}\n"
        )
    # 3.x keeps level names only as labels for the safeguards in force now: name those.
    running = in_force(atlas, STANDARD, cur.id)
    names = " and ".join(entity_name(ctx, "standard", e, s) for e, s in running) or "no named safeguards"
    cites = f" {provenance(ctx, running[0][1])}" if running else ""
    start = _series_start(ctx).id
    # "Since 3.0" must hold for every determination since, not only the newest. The levels stopped
    # naming models earlier (2.0): say only what is true of the current version.
    since = (
        f"No determination since {version_link(ctx, start, 'RSP ' + start)} has placed a model under one."
        if all(m.level is None for m in recent_determinations(ctx))
        else "The newest determination places its model under none."
    )
    answer = (
        f"**None, strictly.** In RSP {cur.id} an AI Safety Level names safeguards, not models. {since} "
        f"Anthropic runs {names} today, and RSP {cur.id} commits it to keep or strengthen them.{cites}\n"
    )
    if not detail:
        return answer
    return answer + (
        f"\nThe newest determination on record, for {_model_link(ctx, latest)} ({when}), gives no level. "
        f"Anthropic reports on it threshold by threshold instead. {provenance(ctx, latest)}\n"
    )


def _threshold_block(ctx: Ctx, entity: t.Entity, state: t.ThresholdState) -> str:
    out = [f"### {entity_name(ctx, 'threshold', entity, state)}\n", f"{esc(state.summary)}\n"]
    if state.anthropic_plan:
        out.append(f'??? abstract "Anthropic\'s own plan"\n\n{indent(esc(state.anthropic_plan))}\n')
    if state.industry_recommendation:
        out.append(
            f'??? abstract "What Anthropic recommends for the whole industry"\n\n'
            f"{indent(esc(state.industry_recommendation))}\n"
        )
    out.append(provenance(ctx, state) + "\n")
    return "\n".join(out)


def _provision_items(ctx: Ctx, categories: tuple[str, ...]) -> str:
    cur = cv.current(ctx.atlas).id
    items = []
    for entity, state in in_force(ctx.atlas, PROVISION, cur):
        if entity.category not in categories or not visible(state):
            continue
        items.append(f"- **{entity_name(ctx, 'provision', entity, state)}.** {esc(state.summary)}")
        items.append(indent(provenance(ctx, state), 2))
    return "\n".join(items) + "\n" if items else "Nothing is recorded.\n"


def current_page(ctx: Ctx) -> str:
    """What the newest version requires: thresholds, protections, latest determinations, governance."""
    atlas = ctx.atlas
    cur = cv.current(atlas)
    thresholds = [(e, s) for e, s in in_force(atlas, THRESHOLD, cur.id) if visible(s)]
    parts = [
        f"The policy in force is {version_link(ctx, cur.id, f'RSP {cur.id}')}, effective "
        f"{fmt_date(cur.effective)}. {esc(cur.summary)}\n",
        "## Which AI Safety Level is Claude at now? { #claude-now }\n",
        claude_now(ctx, detail=True),
        f"## What are the {len(thresholds)} thresholds? {{ #thresholds }}\n",
        f"Each row of the RSP {cur.id} table pairs what Anthropic will do itself with what it thinks every "
        "frontier developer should do. Open a row for both columns; the threshold's page has its history.\n",
    ]
    parts += [_threshold_block(ctx, e, s) for e, s in thresholds]
    recent = recent_determinations(ctx)
    parts.append("## What was decided for the latest models? { #determinations }\n")
    if recent:
        for m in recent:
            said = f"- **{_model_link(ctx, m)}** ({fmt_date(m.date, m.date_precision)}): {esc(m.determination)}"
            parts.append(caveated(ctx, said, m, *urls.model_target(m.id)))
        parts.append(f"\nThe [models page]({ctx.href('models.md')}) gives each one's reasoning and sources.\n")
    else:
        parts.append("None recorded since this series of versions began.\n")
    parts.append("## Who decides? { #who-decides }\n")
    parts.append(_provision_items(ctx, WHO_DECIDES))
    parts.append("## How does Anthropic report, and who reviews it? { #reporting }\n")
    parts.append(_provision_items(ctx, REPORTING))
    return "\n".join(parts) + "\n"
