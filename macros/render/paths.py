"""Reading paths: the route for each audience, and "step n of N" on the pages of a guided path."""

from __future__ import annotations

from markupsafe import Markup

from macros.model import types as t
from macros.render.markup import render
from macros.render.text import Ctx, esc, indent


def _page(step: t.PathStep) -> tuple[str, str]:
    page, _, anchor = step.page.partition("#")
    return page, anchor


def _title(ctx: Ctx, step: t.PathStep) -> str:
    page, _ = _page(step)
    return step.label or ctx.titles.get(page) or page


def _link(ctx: Ctx, step: t.PathStep) -> str:
    page, anchor = _page(step)
    return ctx.link(esc(_title(ctx, step)), page, anchor)


def total_minutes(path: t.ReadingPath) -> int:
    return sum(s.minutes for s in path.steps)


def _path(ctx: Ctx, pid: str) -> t.ReadingPath:
    for p in ctx.atlas.paths:
        if p.id == pid:
            return p
    raise KeyError(f"unknown reading path {pid!r}")


def reading_path(ctx: Ctx, pid: str) -> str:
    """A path's steps with minutes each and in total, then its optional extras."""
    path = _path(ctx, pid)
    out = [f"*For {esc(path.audience.lower())}. About {total_minutes(path)} minutes in all.*\n"]
    for i, step in enumerate(path.steps, start=1):
        out.append(f"{i}. {_link(ctx, step)} · *{step.minutes} min* — {esc(step.gives)}")
    if path.extras:
        extra = sum(s.minutes for s in path.extras)
        out.append(f'\n??? note "Optional extras: the history ({extra} minutes more)"\n')
        out.extend(indent(f"- {_link(ctx, s)} · *{s.minutes} min* — {esc(s.gives)}") for s in path.extras)
    return "\n".join(out) + "\n"


def _positions(ctx: Ctx) -> list[tuple[t.ReadingPath, int]]:
    """(guided path, step index) for each guided path that visits the current page."""
    found = []
    for path in ctx.atlas.paths:
        if not path.guided:
            continue
        for i, step in enumerate(path.steps):
            if _page(step)[0] == ctx.page:
                found.append((path, i))
                break
    return found


def path_nav(ctx: Ctx) -> str:
    """At the top of a page on a guided path: where the reader is, what this step gives, what comes next."""
    out = []
    for path, i in _positions(ctx):
        step, n = path.steps[i], len(path.steps)
        head = f"{path.title}: step {i + 1} of {n} · about {step.minutes} min"
        body = [esc(step.gives)]
        _, anchor = _page(step)
        if anchor:
            body.append(f"Start at {ctx.link('this section', ctx.page, anchor)}.")
        moves = []
        if i > 0:
            moves.append(f"← Previous: {_link(ctx, path.steps[i - 1])}")
        moves.append(f"Next: {_link(ctx, path.steps[i + 1])} →" if i + 1 < n else "This is the last step.")
        # Markdown of escaped text (esc) and links (ctx.link).
        text = Markup(f"**{esc(head)}.** {' '.join(body)}\n\n{' · '.join(moves)}")
        out.append(render("paths.html", "step", path.title, text))
    return "\n".join(out)


def path_next(ctx: Ctx) -> str:
    """At the bottom of a page on a guided path: the next step, so the footer's "Next" is not the only way on."""
    out = []
    for path, i in _positions(ctx):
        if i + 1 < len(path.steps):
            out.append(
                f"**{esc(path.title)}, step {i + 2} of {len(path.steps)}:** {_link(ctx, path.steps[i + 1])} →\n"
                "{: .atlas-pathnext }\n"
            )
        else:
            extras = ctx.link("optional extras", "paths.md", path.id)
            out.append(
                f"**{esc(path.title)}:** this was the last step. The history is in the {extras}.\n"
                "{: .atlas-pathnext }\n"
            )
    return "\n".join(out)
