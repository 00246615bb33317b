"""Small inline macros for hand-written prose, so dates and counts are never typed twice."""

from __future__ import annotations

from macros.compute import versions as cv
from macros.model.kinds import PROVISION, TERM, THRESHOLD
from macros.release import edition_tag, edition_url
from macros.render import urls
from macros.render.common import shown, version_link
from macros.render.text import Ctx, esc, fmt_date


def vdate(ctx: Ctx, vid: str) -> str:
    """Effective date of a version, e.g. 24 Feb 2026."""
    return fmt_date(ctx.atlas.version(vid).effective)


def vlink(ctx: Ctx, vid: str) -> str:
    """Link to a version page labelled 'RSP 3.0'."""
    return version_link(ctx, vid, f"RSP {vid}")


def clink(ctx: Ctx, a: str, b: str) -> str:
    """Link to a comparison page."""
    ctx.atlas.version(a), ctx.atlas.version(b)
    return ctx.link(esc(f"{a} vs {b}"), urls.compare_page(a, b))


def current_version(ctx: Ctx) -> str:
    """The newest version, computed: a link and its effective date."""
    cur = cv.current(ctx.atlas)
    return f"{vlink(ctx, cur.id)} (effective {fmt_date(cur.effective)})"


def stat(ctx: Ctx, what: str) -> str:
    """Key numbers for the home page."""
    atlas = ctx.atlas
    values = {
        "versions": len(atlas.versions),
        "pairs": len(cv.pairs(atlas)),
        "thresholds": len(atlas.items(THRESHOLD)),
        "provisions": len(atlas.items(PROVISION)),
        "models": len(shown(atlas.models)),
        "sources": len(atlas.source_items),
        "terms": len(atlas.items(TERM)),
        "changes": sum(len(v.changes) for v in atlas.versions),
    }
    return str(values[what])


def site_changelog(ctx: Ctx) -> str:
    """The site's releases, newest first, from CHANGELOG.md."""
    out = []
    for r in ctx.releases:
        out.append(
            f"### {r.version} — {fmt_date(r.date)} {{ #{urls.release_target(r.version)[1]} }}\n\n{esc(r.summary)}\n"
        )
    return "\n".join(out) or "No releases yet."


def editions(ctx: Ctx) -> str:
    """Every release in CHANGELOG.md with its git tag and the fixed URL of its frozen edition."""
    rows = [
        f"- **{esc(r.version)}** ({fmt_date(r.date)}), tag `{edition_tag(r.version)}`: "
        f"<{edition_url(ctx.site_url, r.version)}>"
        for r in ctx.releases
    ]
    return "\n".join(rows) + "\n" if rows else "No releases yet.\n"
