"""Point in time: which version was in force on a date, and what happened while it was.

The page is static: every period is written out, newest first, so it answers without script.
atlas.js reads a date (from the form or ``?date=`` in the link) and points at the right period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from macros.compute import versions as cv
from macros.model import Atlas
from macros.model import types as t
from macros.render import urls
from macros.render.common import caveated, shown, version_link
from macros.render.markup import render
from macros.render.text import Ctx, esc, fmt_date


@dataclass(frozen=True)
class Period:
    """The days one version was in force: from its effective date up to (not including) the next one's."""

    version: t.Version
    start: dt.date
    end: dt.date | None  # None: still in force

    @property
    def anchor(self) -> str:
        return "in-force-" + self.version.id.replace(".", "-")

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def periods(atlas: Atlas) -> list[Period]:
    """Every version's period, oldest first."""
    out = []
    for v in atlas.versions:
        nxt = cv.successor(atlas, v.id)
        out.append(Period(v, v.effective, nxt.effective if nxt else None))
    return out


def as_of_sentence(ctx: Ctx, day: dt.date) -> str:
    """'On 1 Jun 2025, RSP 2.2 was in force (since 14 May 2025).' — the same words the page's script writes."""
    v = cv.in_force_at(ctx.atlas, day)
    if v is None:
        first = ctx.atlas.versions[0]
        return (
            f"On {fmt_date(day)}, no version was in force yet: "
            f"RSP {first.id} took effect on {fmt_date(first.effective)}."
        )
    return f"On {fmt_date(day)}, RSP {v.id} was in force (since {fmt_date(v.effective)})."


Dated = TypeVar("Dated", t.Determination, t.Event)


def _window(items: list[Dated], p: Period) -> list[Dated]:
    return [i for i in items if p.holds(i.date)]


def _period_block(ctx: Ctx, p: Period) -> str:
    v = p.version
    until = f"until {fmt_date(p.end)}" if p.end else "and still in force"
    head = f"### RSP {v.id}: from {fmt_date(p.start)} {until} {{ #{p.anchor} }}\n"
    end_attr = p.end.isoformat() if p.end else ""
    out = [f"{version_link(ctx, v.id, f'RSP {v.id}')}: {esc(v.summary)}\n"]
    models = _window(shown(ctx.atlas.models), p)
    events = _window(shown(ctx.atlas.events), p)
    if models:
        out.append("Model determinations while it was in force:\n")
        out += [
            caveated(
                ctx,
                f"- {fmt_date(m.date, m.date_precision)}: {ctx.link(esc(m.model), *urls.model_target(m.id))}",
                m,
                *urls.model_target(m.id),
            )
            for m in models
        ]
        out.append("")
    if events:
        out.append("Reports and events:\n")
        out += [
            caveated(
                ctx,
                f"- {fmt_date(e.date, e.date_precision)}: {ctx.link(esc(e.title), *urls.event_target(e.id))}",
                e,
                *urls.event_target(e.id),
            )
            for e in events
        ]
        out.append("")
    # The body is Markdown written here from escaped text (esc) and links (ctx.link).
    body = Markup("\n".join(out))
    return head + "\n" + render("asof.html", "period", v.id, p.start.isoformat(), end_attr, fmt_date(p.start), body)


def as_of(ctx: Ctx) -> str:
    """A date form (enhanced by atlas.js) and every period, newest first."""
    atlas = ctx.atlas
    form = render("asof.html", "form")
    example = dt.date(2025, 6, 1)
    intro = (
        "Enter a date to see which version of the policy applied then, with the model decisions and "
        "reports made while it did. The link updates so you can share it. Without script, find the "
        f"date in the periods below. For example: {esc(as_of_sentence(ctx, example))}\n"
    )
    blocks = [_period_block(ctx, p) for p in reversed(periods(atlas))]
    return form + "\n" + intro + "\n## Every period, newest first { #periods }\n\n" + "\n".join(blocks)
