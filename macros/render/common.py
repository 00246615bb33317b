"""Fragments shared by many pages: citations, confidence labels, disputes, entity links."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import NamedTuple, TypeVar

from markupsafe import Markup

from macros.compute.scope import latest_state
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import kind as kind_of
from macros.render import urls
from macros.render.locators import first_pdf_page, reader_locator
from macros.render.markup import render
from macros.render.text import Ctx, esc, indent

S = TypeVar("S", bound=t.Sourced)
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def source_label(src: t.Source) -> str:
    if src.kind == "policy" and src.version:
        return f"RSP v{src.version}"
    if src.kind == "redline" and src.version:
        return f"RSP v{src.version} redline"
    return src.title


def source_href(src: t.Source, locator: str) -> str:
    """The source's URL, opened at the PDF page the locator names where the page map is known."""
    pdf_page = first_pdf_page(locator) if src.printed_pages is not None else None
    if pdf_page is None or "#" in src.url:
        return src.url
    return f"{src.url}#page={pdf_page}"


class Cite(NamedTuple):
    label: str
    href: str
    locator: str  # as a reader finds it (printed page, and the PDF page where they differ)
    ref: Markup  # the Markdown link to the bibliography entry


def cite_list(ctx: Ctx, cites: list[t.Cite]) -> str:
    """Inline citations: each links to the source itself and to its bibliography entry.

    Locators are stored as PDF page indices; readers see the printed page number as well
    (see ``locators.reader_locator``), and the link opens the PDF at the cited page.
    """
    shown = []
    for c in cites:
        src = ctx.atlas.sources[c.source]
        page, anchor = urls.source_target(src.id)
        # A link of a constant text to a page and anchor of our own.
        ref = Markup(ctx.link("ref", page, anchor))
        shown.append(
            Cite(source_label(src), source_href(src, c.locator), reader_locator(c.locator, src.printed_pages), ref)
        )
    return render("common.html", "cite_list", shown)


def confidence(level: str) -> str:
    if level == "high":
        return ""
    label = {"medium": "Medium confidence", "low": "Low confidence", "unverified": "Unverified"}[level]
    return render("common.html", "confidence", level, label)


def dispute(ctx: Ctx, d: t.Dispute | None) -> str:
    if d is None:
        return ""
    lines = ['!!! warning "Disputed reading"', "", indent(esc(d.summary)), ""]
    for p in d.positions:
        lines.append(indent(f"- **{esc(p.holder)}:** {esc(p.view)} {cite_list(ctx, p.sources)}"))
    return "\n".join(lines) + "\n"


def caveats(ctx: Ctx, item: t.Sourced, page: str, anchor: str) -> str:
    """Where a page shows an item without its sources: its confidence label, and a link to where
    its dispute is set out, so that a medium-confidence or disputed point is never shown bare."""
    parts = [confidence(item.confidence)]
    if item.dispute is not None:
        parts.append(ctx.link("Disputed reading", page, anchor))
    return " ".join(p for p in parts if p)


def caveated(ctx: Ctx, text: str, item: t.Sourced, page: str, anchor: str) -> str:
    """``text`` followed by the item's caveats, if it has any."""
    caveat = caveats(ctx, item, page, anchor)
    return f"{text} {caveat}" if caveat else text


def provenance(ctx: Ctx, item: t.Sourced) -> str:
    """Citation line plus confidence label, then any dispute block."""
    conf = confidence(item.confidence)
    out = cite_list(ctx, item.sources) + (f" {conf}" if conf else "")
    block = dispute(ctx, item.dispute)
    return out + ("\n\n" + block if block else "")


def effect_link(ctx: Ctx, vid: str, change: t.Change) -> str:
    """The change's effect label, linking to its row in the change ledger."""
    return ctx.link(esc(t.EFFECT_LABELS[change.effect][0]), *urls.change_target(vid, change.id))


def entity_name(ctx: Ctx, kind: str, entity: t.Entity, state: t.State | None = None) -> str:
    """Linked name of an entity, as of a given state (default: its latest)."""
    name = (state or latest_state(ctx.atlas, entity)).name
    page, anchor = urls.entity_target(kind, entity.id)
    return ctx.link(esc(name), page, anchor)


def display_title(atlas: Atlas, entity: t.Entity) -> str:
    """A stable heading for an entity: its ``title`` if set, else its latest name."""
    return t.title(entity) or latest_state(atlas, entity).name


def entity_ref(ctx: Ctx, ref: str, vid: str | None = None) -> str:
    """Linked name of a "kind:id" reference, as it was called in version ``vid`` (or just before)."""
    from macros.compute.scope import name_at

    kind, _, eid = ref.partition(":")
    entity = ctx.atlas.entity(kind, eid)
    # Absent in vid (e.g. removed by it): the name it last carried, never a later one.
    return entity_name(ctx, kind, entity, name_at(ctx.atlas, entity, vid).state if vid else None)


def entity_refs(ctx: Ctx, refs: Iterable[str], vid: str | None = None) -> str:
    """Several references as linked names, comma-separated; two that read the same (a threshold
    and its risk domain, both "Automated R&D in key domains" in 3.0) say which kind each is."""
    from macros.compute.scope import name_at

    refs = list(refs)
    plain: list[str] = []
    for r in refs:
        kind, _, eid = r.partition(":")
        entity = ctx.atlas.entity(kind, eid)
        plain.append(name_at(ctx.atlas, entity, vid).name if vid else latest_state(ctx.atlas, entity).name)
    out = []
    for r, n in zip(refs, plain, strict=True):
        link = entity_ref(ctx, r, vid)
        out.append(f"{link} ({kind_of(r.partition(':')[0]).singular})" if plain.count(n) > 1 else link)
    return ", ".join(out)


def version_link(ctx: Ctx, vid: str, text: str | None = None) -> str:
    return ctx.link(esc(text or f"v{vid}"), urls.version_page(vid))


def visible(item: t.Sourced) -> bool:
    """Whether a reader may see it: unverified records stay in the data for the record, never shown as fact."""
    return item.confidence != "unverified"


def shown(items: Iterable[S]) -> list[S]:
    """The records of ``items`` a reader may see (see ``visible``), in their order."""
    return [i for i in items if visible(i)]


def grouped(items: Iterable[T], key: Callable[[T], K], labels: Mapping[K, object]) -> list[tuple[K, list[T]]]:
    """The items grouped by ``key``, groups in the order of ``labels``, empty groups left out.

    Loops over the data, not over the labels: a value with no label raises instead of silently
    dropping its items from the page.
    """
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    unlabelled = [k for k in groups if k not in labels]
    if unlabelled:
        raise KeyError(f"no label for {', '.join(map(repr, unlabelled))}")
    order = list(labels)
    return sorted(groups.items(), key=lambda group: order.index(group[0]))
