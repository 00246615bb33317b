"""The compare picker and one page for every pair of versions.

A pair page answers "what changed?" on its first screen: the versions' own change lists, then one
line per changed entity (its name then and now, the kind of change, a short headline), then the
detail, meaning first, with the changed words marked. Every name is the one in force in the
version it is shown for.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable

from markupsafe import Markup

from macros.compute import lineage, pairview
from macros.compute import versions as cv
from macros.compute.diff import EntityDiff, FieldChange, stated_changes, when
from macros.compute.pairview import SUCCESSION, Entry, Handoff, PairView, Predecessor, arrival_link, pair_view
from macros.compute.scope import existed_for
from macros.model import types as t
from macros.model.kinds import DIFF_KINDS, LINEAGE_KINDS, kind
from macros.render import urls
from macros.render.common import dispute, entity_name, provenance, version_link
from macros.render.entities import lineage_sentence
from macros.render.fields import SAFEGUARD_FIELDS, base_name, field_rank, is_rename, label, similar, value, word_diff
from macros.render.markup import render
from macros.render.text import Ctx, attr, esc, fmt_date, indent

TEMPLATE = "compare.html"
STATUS_LABELS = {"added": "Added", "removed": "Removed", "changed": "Changed", "unchanged": "Unchanged"}
HEADLINE_WORDS = 25
MEANING_FIELDS = ("summary", "definition")
NAMED_KINDS = ("threshold", "standard", "level")

# How an entity reads when a lineage edge explains its arrival or departure.
ARRIVAL = {
    "split": "Split off",
    "replaced": "Replacement",
    "redefined": "Redefined successor",
    "renamed": "Renamed successor",
    "merged": "Merged successor",
}
DEPARTURE = {
    "merged": "Merged into a successor",
    "replaced": "Replaced",
    "redefined": "Redefined as a successor",
    "renamed": "Renamed",
    "split": "Split",
    "retired": "Retired",
}


def _at(ctx: Ctx, versions: tuple[str, ...]) -> str:
    return ", ".join(version_link(ctx, v) for v in versions) or "—"


def _anchor(d: EntityDiff) -> str:
    return urls.diff_anchor(d.kind, d.entity.id)


def _gone(h: Handoff | None) -> str:
    """', by X, itself retired in V' when the successor a departure hands on to is gone again."""
    return f" by {h.name}, itself {h.how} in {h.at}" if h is not None else ""


def _in_place_of(p: Predecessor) -> str:
    """'New in 3.0, in place of X (2.0-2.2)': a successor whose predecessor came and went inside the
    range is new in it; the predecessor is named as it was called just before the step."""
    how = "split off from" if p.edge == "split" else "in place of"
    return f", {how} {p.name} ({p.when})"


def kind_of_change(d: EntityDiff, with_moves: bool = True, e: Entry | None = None) -> str:
    """A short label: added/removed/changed, or what lineage says about the arrival/departure.
    With the pair's facts (``e``) it also says what became of a successor or predecessor that is
    on neither side of the range."""
    if d.status == "added":
        said = f"New in {d.event}"
        link = arrival_link(d)
        if link is not None and (e is None or e.succeeds):
            said = f"{ARRIVAL[link.edge.type]} in {d.event}"
        elif e is not None and e.predecessor is not None:
            said += _in_place_of(e.predecessor)
        # Changes after it arrived belong in the label too, or a long range hides them.
        return said + _revisions(d)
    if d.status == "removed":
        said = f"dropped in {d.event}"
        for link in d.moves:
            if link.source == d.entity.id and link.edge.at == d.event:
                said = f"{DEPARTURE[link.edge.type][0].lower()}{DEPARTURE[link.edge.type][1:]} in {d.event}"
                if e is not None and link.edge.type in SUCCESSION:
                    said += _gone(e.handoff(link))
                break
        text = (_revisions(d)[2:] + "; " if d.revised else "") + said
        return text[0].upper() + text[1:]
    if d.status == "unchanged":
        return "Unchanged" if d.confirmed else "No change recorded"
    parts = []
    if with_moves:
        parts += [_move_phrase(d, link) for link in d.moves]
    # Only thresholds, standards and levels carry the policy's own names; a provision's or risk
    # domain's state name is our label for what it said, so a new label is a change, not a rename.
    # A changed qualifier in brackets ("ASL-4 Standard (not yet defined)" → "(partly specified)")
    # is our note on the state, not a new name.
    named = [f for f in d.fields if d.kind in NAMED_KINDS and is_rename(f)]
    other = sorted({v for f in d.fields if f not in named for v in f.versions}, key=_vkey)
    if d.members:
        # a risk domain changed wherever one of its thresholds did
        other = sorted(set(other) | {v for m in d.members for v in when(m)}, key=_vkey)
    # A new name that comes with a split or merge belongs to that event, not to a plain rename
    # (3.0's automated R&D row is the merger of AI R&D-4 and AI R&D-5, not a renamed AI R&D-4).
    reshaped = {link.edge.at for link in d.moves if link.edge.type in ("split", "merged")}
    renamed = [v for v in (named[0].versions if named else ()) if v not in reshaped]
    if renamed:
        parts.append("renamed in " + ", ".join(renamed))
    if other:
        parts.append("changed in " + ", ".join(other))
    text = "; ".join(p for p in parts if p) or "changed"
    return text[0].upper() + text[1:]


def _new_name_at(entity: t.Entity, vid: str) -> bool:
    """Whether the state that begins at ``vid`` has a new name, not just a new qualifier in
    brackets ("ASL-4 Standard (not yet defined)" → "(partly specified)" is our note, not a name)."""
    for prev, cur in itertools.pairwise(entity.states):
        if cur.from_ == vid:
            return base_name(prev.name) != base_name(cur.name)
    return False


def _revisions(d: EntityDiff) -> str:
    """'; renamed in 3.3' / '; changed in 3.1, 3.4': what happened to an entity while it was there.
    Only thresholds, standards and levels carry the policy's own names; a new label on a provision
    or domain is our paraphrase, so there it stays a change. A step that split the row or merged
    another into it says so, and a new name that came with a new meaning is named too: "changed in
    3.0" alone hid 3.0's renames on long ranges."""
    reshaped = {
        link.edge.at: "split" if link.edge.type == "split" else "merged"
        for link in d.moves
        if link.edge.type in ("split", "merged") and d.entity.id in (link.source, link.target)
    }
    named = d.kind in NAMED_KINDS
    groups: dict[str, list[str]] = {}
    for v in d.revised:
        if v in reshaped:
            how = reshaped[v]
        elif named and v in d.name_only:
            how = "renamed"
        elif named and v in d.name_changed and _new_name_at(d.entity, v):
            how = "renamed and changed"
        else:
            how = "changed"
        groups.setdefault(how, []).append(v)
    order = ("split", "merged", "renamed", "renamed and changed", "changed")
    return "".join(f"; {how} in {', '.join(groups[how])}" for how in order if how in groups)


def _label(kind: str, field: str) -> str:
    # A risk domain's summary is our note on what the policy says about it, not a meaning.
    return "What the policy says" if kind == "domain" and field == "summary" else label(field)


def _member_names(me: Entry) -> str:
    """A threshold of a domain by its names at the two ends of the range (plain text); one that
    arrived or left inside the range by the name it arrived or left with, too."""
    m = me.diff
    names = [s.name for s in (m.before, m.after) if s is not None]
    if m.event is not None:
        there = me.arrived_as if m.status == "added" else me.left_as
        assert there is not None
        names.insert(0 if m.status == "added" else 1, there.name)
    return " → ".join(dict.fromkeys(names))


def _members(ctx: Ctx, e: Entry) -> str:
    """The domain's thresholds that differ, each linked to its own block on this page."""
    parts = []
    for me in e.members:
        name = ctx.link(esc(_member_names(me)), ctx.page, _anchor(me.diff))
        parts.append(f"{name} ({esc(kind_of_change(me.diff).lower())})")
    return "; ".join(parts)


def _vkey(vid: str) -> tuple[int, ...]:
    return tuple(int(x) for x in vid.split(".") if x.isdigit())


def _move_phrase(d: EntityDiff, link: lineage.Link) -> str:
    """One lineage step as it concerns entity ``d``."""
    at, typ = link.edge.at, link.edge.type
    if link.source == d.entity.id:
        return f"{typ} in {at}" if typ != "merged" else f"merged into a successor in {at}"
    if link.target == d.entity.id:
        return {"split": f"split off in {at}", "merged": f"absorbed another {kind(d.kind).singular} in {at}"}.get(
            typ, f"{typ} from a predecessor in {at}"
        )
    return f"a related {kind(d.kind).singular} was {typ} in {at}"


def _first_sentence(text: str) -> str:
    """The first sentence: a glance line is a headline; the whole note is in the list above it."""
    m = re.match(r"(.+?[.;])(\s+[A-Z\"“(]|$)", text.strip(), re.S)
    return m.group(1) if m else text


# Words too common in entry names to tell which entry a sentence is about.
COMMON = frozenset(
    {
        *("model", "models", "threshold", "thresholds", "standard", "standards", "report", "reports"),
        *("risk", "policy", "level", "levels", "side", "with", "from", "that", "this", "their"),
        *("about", "into", "under", "before", "after", "each", "every", "other"),
    }
)


def _words(d: EntityDiff) -> set[str]:
    """Distinctive words of an entry's names (every state's) and title: 'checkpoint', 'cbrn-3'."""
    text = " ".join([s.name for s in d.entity.states] + [t.title(d.entity) or ""]).lower()
    found = re.findall(r"[a-z0-9]+(?:-[0-9]+)?", text)
    return {w.rstrip("s") for w in found if (len(w) >= 5 or "-" in w) and w not in COMMON}


# _stems and _sentences are cached by their text: every pair page reads the same change notes.
@functools.cache
def _stems(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in re.findall(r"[a-z0-9]+(?:-[0-9]+)?", text.lower()))


def _around(sentence: str, words: set[str]) -> str | None:
    """A long list-like sentence ("New commitments: a, b, c, …") cut to the part about this entry,
    so a 25-word headline does not stop before it; None for a long sentence that mentions the
    entry only past the headline's length and is no list (its tail would be a fragment, "… and
    approvals are now based on …", and its head is about something else)."""
    parts = sentence.split()
    if len(parts) <= HEADLINE_WORDS:
        return sentence
    hits = [i for i, w in enumerate(parts) if _stems(w) & words]
    if not hits or hits[0] < HEADLINE_WORDS - 3:
        return sentence
    lead, colon, _ = sentence.partition(": ")
    if not colon or len(lead.split()) >= 8:
        return None
    seen = 0
    for clause in re.split(r"(?<=[,;])\s+", sentence):
        n = len(clause.split())
        if seen + n > hits[0]:
            break
        seen += n
    tail = " ".join(parts[seen:])
    # keep the short lead-in ("New external commitments: … the annual review …")
    return f"{lead}: … {tail}"


@functools.cache
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(x for x in re.split(r"(?<=[.;])\s+(?=[A-Z\"“(])", text.strip()) if x)


# Openings that point back to an earlier sentence of the note: alone, such a sentence is about
# something the row does not show ("It requires …", "The other two scenarios: …").
BACK_REFERENCE = re.compile(r"(It|Its|This|These|They|Their|Both|Such|The other|The latter|The former)\b")


def _standalone(sentence: str) -> bool:
    """Whether a sentence of a note reads on its own as a headline."""
    return bool(sentence) and sentence[0].isupper() and not BACK_REFERENCE.match(sentence)


def _closed(sentence: str) -> str:
    """A clause cut at a semicolon ends as a sentence does."""
    return sentence[:-1] + "." if sentence.endswith(";") else sentence


def _truncate(text: str, words: int = HEADLINE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


# A sentence opening on a pronoun leans on the sentence before it.
DANGLING = re.compile(r"(It|They|This|These|Its|Their)\b")


def _longer_names(ctx: Ctx, note: t.Change, ref: str, names: set[str]) -> list[str]:
    """Names of the note's other entries that contain one of this entry's names: in "the ASL-2
    Security Standard", the level ASL-2 is not the subject, the standard is."""
    out: set[str] = set()
    for other in note.entities:
        if other == ref:
            continue
        okind, oid = other.split(":", 1)
        entity = ctx.atlas.entity(okind, oid)
        for n in [s.name for s in entity.states] + [t.title(entity) or ""]:
            low = base_name(n).lower()
            if any(mine in low and mine != low for mine in names):
                out.add(low)
    return sorted(out, key=len, reverse=True)


def _masked(sentence: str, hidden: list[str]) -> str:
    low = sentence.lower()
    for name in hidden:
        low = low.replace(name, " ")
    return low


def headline(ctx: Ctx, d: EntityDiff, a: str, b: str, e: Entry | None = None) -> str:
    """At most 25 words: the policy's own change note that names this entity, else a computed one."""
    if e is None:  # called on its own, not from a pair page that computed its view
        e = pairview.entry(ctx.atlas, d, a, b, tuple(stated_changes(ctx.atlas, a, b)))
    ref = f"{d.kind}:{d.entity.id}"
    # Only a note from the last version in which this entity itself arrived, left or changed: a
    # note from another step of the range would describe a change this row does not have, and one
    # from an earlier step of its own may have been undone since (1.0→3.4's ASL-3 security row
    # must not say 2.2's insider exclusion holds "now": 3.0 dropped the Security Standard).
    steps = sorted(set(d.at) | set(d.revised), key=ctx.atlas.index)
    last = steps[-1] if steps else None
    notes = e.notes  # pairview keeps only the notes of that last step
    # Over several versions, a note says which step it describes ("now" is as of that step).
    dated = f"In {last}: " if last is not None and ctx.atlas.index(b) - ctx.atlas.index(a) > 1 else ""
    # The first note, in the policy's own order, with a sentence about this entity; that sentence
    # is the headline. A note tagged with many entries may open on another one's change.
    # A sentence naming the entry in full beats one sharing a distinctive word with its names.
    names = {base_name(n).lower() for n in [s.name for s in d.entity.states] + [t.title(d.entity) or ""] if n}
    # a plural name is named by its singular too ("Each Risk Report speaks as of …")
    names |= {n[:-1] for n in names if n.endswith("s") and len(n) > 4}
    words = _words(d)
    tiers: tuple[Callable[[str], bool], ...] = (
        lambda sentence: any(n in sentence.lower() for n in names),
        lambda sentence: bool(words & _stems(sentence)),
    )
    # A note whose first "Affects" entry is this one is about it; in a note led by another entry a
    # shared word is no evidence (it gave the competitors row the pause row's sentence), a full
    # name still is.
    primary = [c for c in notes if c.entities[0] == ref]
    others = [c for c in notes if c.entities[0] != ref]
    for pool, checks in ((primary, tiers), (others, tiers[:1])):
        for about in checks:
            for note in pool:
                hidden = _longer_names(ctx, note, ref, names)
                for sentence in _sentences(note.text):
                    cut = _around(sentence, words)
                    # In a note led by another entry, "It requires …" is about that entry.
                    if pool is others and DANGLING.match(sentence):
                        continue
                    if cut is not None and _standalone(sentence) and about(_masked(sentence, hidden)):
                        return esc(dated + _truncate(_closed(cut)))
    if d.status == "added":
        state = d.after
        # its meaning at the end of the range, dated if it changed after it arrived; "As of", not
        # "In": "In 3.4:" would read as a change made in 3.4, which "In" means everywhere else
        asof = f"As of {b}: " if d.revised and dated else ""
        return esc(asof + _truncate(_first_sentence(t.meaning(state) if state else "")))
    if d.status == "removed":
        return f"Not in the policy from {esc(d.event)}."
    fields = [_label(d.kind, f.field) for f in sorted(d.fields, key=lambda f: field_rank(f.field))]
    said = ("Changed: " + ", ".join(fields).lower() + ".") if fields else ""
    if dated and fields and d.after is not None and not d.members:
        # Several steps and no note from the last: where the row ends up is what the range shows.
        return esc(f"As of {b}: " + _truncate(_first_sentence(t.meaning(d.after))))
    if d.members:
        # what happened to its thresholds, not "meaning": a renamed row is not a new meaning
        rows = "; ".join(f"{_member_names(me)}: {kind_of_change(me.diff).lower()}" for me in e.members)
        said = _truncate(f"Its thresholds: {rows}. {said}".strip())
    return esc(said or "Lineage step only.")


# --- the glance list -------------------------------------------------------------------------


def _groups(diffs: list[EntityDiff]) -> list[list[EntityDiff]]:
    """Changed entities, thresholds (and provisions) joined with the ones their lineage path in the range touches,
    so a replacement or merge is one line, not an unrelated removal and addition."""
    by_id = {(d.kind, d.entity.id): d for d in diffs if d.kind in LINEAGE_KINDS}
    groups: list[list[EntityDiff]] = []
    placed: set[tuple[str, str]] = set()
    for d in diffs:
        if d.status == "unchanged" or (d.kind, d.entity.id) in placed:
            continue
        group = [d]
        if d.kind in LINEAGE_KINDS:
            placed.add((d.kind, d.entity.id))
            for link in d.moves:
                if link.edge.type not in lineage.DESCENT:
                    continue
                for key in ((d.kind, link.source), (d.kind, link.target)):
                    other = by_id.get(key)
                    if other is not None and key not in placed and other.status != "unchanged":
                        placed.add(key)
                        group.append(other)
        groups.append(group)
    return groups


def _names(ctx: Ctx, group: list[EntityDiff], side: str) -> str:
    names = []
    for d in group:
        state = d.before if side == "a" else d.after
        if state is not None:
            names.append(entity_name(ctx, d.kind, d.entity, state))
    return " and ".join(names) or "—"


def _arrival_or_departure(ctx: Ctx, e: Entry, then: str, now: str) -> str:
    """An added entity under the name it arrived with (and now), a removed one under its name at
    the start (and as it left): in a long range the name may have changed in between."""
    d = e.diff
    assert d.event is not None
    if d.status == "added":
        first = e.arrived_as
        assert first is not None and d.after is not None
        came = entity_name(ctx, d.kind, d.entity, first)
        tag = render(TEMPLATE, "event_tag", "new", d.event)
        # the kind of change ("New in …") follows; the tag only dates the name it arrived with
        return came if first.name == d.after.name else f"{came} {tag} → {now}"
    last = e.left_as
    assert last is not None and d.before is not None
    went = entity_name(ctx, d.kind, d.entity, last)
    tag = render(TEMPLATE, "event_tag", "gone", d.event)
    return then if last.name == d.before.name else f"{then} → {went} {tag}"


def _glance_line(ctx: Ctx, view: PairView, group: list[EntityDiff], a: str, b: str) -> str:
    lead = group[0]
    le = view.entry(lead)
    then, now = _names(ctx, group, "a"), _names(ctx, group, "b")
    if len(group) == 1 and lead.status in ("added", "removed"):
        names = _arrival_or_departure(ctx, le, then, now)
    elif then == now:
        names = now
    else:
        names = f"{then} → {now}"
    plain = len(group) == 1 and lead.status == "added" and not le.succeeds
    if (len(group) > 1 or lead.moves) and not plain:
        events = {
            (
                link.edge.at,
                f"{link.edge.type} in {link.edge.at}"
                # a departure whose successor is gone again by the end hands nothing on to it
                + (
                    _gone(view.entry(d).handoff(link))
                    if d.status == "removed" and link.source == d.entity.id and link.edge.type in SUCCESSION
                    else ""
                ),
            )
            for d in group
            for link in d.moves
        }
        # A member that simply arrived or left inside the range (no lineage edge explains it) says so,
        # or a row like "— → AI R&D-4 and AI R&D-5 · split in 2.1" hides that it was new in 2.0.
        for d in group:
            if d.status in ("added", "removed") and d.event and not any(at == d.event for at, _ in events):
                events.add((d.event, f"{'new' if d.status == 'added' else 'dropped'} in {d.event}"))
        how = ", ".join(text for _, text in sorted(events, key=lambda e: (_vkey(e[0]), e[1])))
        how = how[0].upper() + how[1:]
        changed = [d for d in group if d.fields]
        if changed:
            how += "; " + kind_of_change(changed[0], with_moves=False).lower()
        else:
            # Members that arrived or left inside the range may have changed while there.
            how += "".join(_revisions(d) for d in group if d.revised)
    else:
        how = kind_of_change(lead, e=le)
    detail = ctx.link("details", ctx.page, _anchor(lead))
    title = t.title(lead.entity)
    # a provision: its stable topic in bold, then what it said at each end
    names = f"**{esc(title)}**: {names}" if title else f"**{names}**"
    what = kind(lead.kind).singular.capitalize()
    said = headline(ctx, lead, a, b, le)
    line = f"- {what}: {names} · {esc(how)} · {said} ({detail})"
    # A headline dated to one step ("In 2.0: …") speaks of that step, whose change notes name
    # things as of either side: its tooltips give the meaning on both.
    if (step := re.match(r"In ([0-9.]+): ", html.unescape(said))) and step.group(1) in ctx.atlas.version_ids:
        scope = " ".join(cv.change_versions(ctx.atlas, step.group(1)))
        line += f'\n    {{: data-between="{attr(scope)}" }}'
    # A headline giving the row's state at the end of the range speaks of that version alone.
    elif (end := re.match(r"As of ([0-9.]+): ", html.unescape(said))) and end.group(1) in ctx.atlas.version_ids:
        line += f'\n    {{: data-versions="{attr(end.group(1))}" }}'
    return line


def _glance(ctx: Ctx, view: PairView) -> str:
    groups = _groups(view.diffs)
    if not groups:
        return "No entity the data tracks differs between these two versions.\n"
    return "\n".join(_glance_line(ctx, view, g, view.a, view.b) for g in groups) + "\n"


# --- the detail ------------------------------------------------------------------------------


def _field_block(ctx: Ctx, f: FieldChange, a: str, b: str, kind: str = "") -> str:
    field, before, after = f.field, f.before, f.after
    # Markdown links that version_link wrote (escaped there); the label is a field's name from the
    # code's own table (fields.FIELD_LABELS), not data, printed as written ("Anthropic's own plan").
    changed_in = Markup(_at(ctx, f.versions))
    name = Markup(_label(kind, field))
    if not f.recorded and isinstance(after, str) and after:
        # Our paraphrase differs, but the record names no change of the policy here: a redline
        # would present our rewording as deleted and inserted policy text.
        return render(TEMPLATE, "reworded", name, changed_in, after)
    # Written by the template from escaped parts: markup from here on.
    head = Markup(render(TEMPLATE, "field_head", name, "changed", changed_in))
    if before in (None, "") and isinstance(after, str):
        return render(TEMPLATE, "new", head, after)
    if after in (None, "") and isinstance(before, str):
        return render(TEMPLATE, "gone", head, before)
    if isinstance(before, str) and isinstance(after, str) and field not in ("kind",):
        if similar(before, after):
            return f"{head}: {word_diff(before, after)}"
        return render(TEMPLATE, "rewritten", head, a, before, b, after)
    if isinstance(before, list) or isinstance(after, list):
        old, new = before or [], after or []
        if field in SAFEGUARD_FIELDS:
            return f"{head}: in {esc(a)}: {value(ctx, field, old, a)}; in {esc(b)}: {value(ctx, field, new, b)}"
        items = (
            [("del", x) for x in old if x not in new]
            + [("ins", x) for x in new if x not in old]
            + [("", x) for x in new if x in old]
        )
        return render(TEMPLATE, "listed", head, items)
    return f"{head}: in {esc(a)}: {value(ctx, field, before, a)}; in {esc(b)}: {value(ctx, field, after, b)}"


def _entity_block(ctx: Ctx, e: Entry, a: str, b: str) -> str:
    d = e.diff
    state = d.after or d.before
    assert state is not None
    if topic := t.title(d.entity):
        title = topic
    elif d.before is not None and d.after is not None and d.before.name != d.after.name:
        title = f"{d.before.name} → {d.after.name}"
    else:
        title = state.name
    out = [f"#### {esc(title)} {{ #{_anchor(d)} }}\n", f"*{esc(kind_of_change(d, e=e))}.*"]
    steps = [lineage_sentence(ctx, link) for link in d.moves]
    if steps:
        out.append("\n" + "\n".join(f"- {s}" for s in steps) + "\n")
    if d.members:
        out.append(f"\nIts thresholds that differ: {_members(ctx, e)}.\n")
        if not d.fields and d.event is None:
            # our note on the domain itself is the same at both ends: nothing more to show
            return "\n".join(out) + "\n"
    if d.status in ("added", "removed") and ctx.atlas.index(b) - ctx.atlas.index(a) > 1:
        # A long range: the arrival or departure is one step, shown in full on that step's page.
        assert d.event is not None
        prev = ctx.atlas.version_ids[ctx.atlas.index(d.event) - 1]
        step = ctx.link(esc(f"{prev} vs {d.event}"), urls.compare_page(prev, d.event), _anchor(d))
        record = entity_name(ctx, d.kind, d.entity, state)
        out.append(f"\nShown in full on {step}; its record as of {esc(b if d.after else a)}: {record}.\n")
        if d.revised:
            ids = ctx.atlas.version_ids
            later = [
                ctx.link(
                    esc(f"{ids[ctx.atlas.index(v) - 1]} vs {v}"),
                    urls.compare_page(ids[ctx.atlas.index(v) - 1], v),
                    _anchor(d),
                )
                for v in d.revised
            ]
            then = "after it arrived" if d.status == "added" else "before it left"
            what = (
                "was also renamed" if len(d.name_only) == len(d.revised) and d.kind in NAMED_KINDS else "also changed"
            )
            out.append(f"It {what} {then}, in {', '.join(d.revised)}: see {', '.join(later)}.\n")
        return "\n".join(out) + "\n"
    if d.status in ("added", "removed"):
        side = b if d.status == "added" else a
        said = f"**{_label(d.kind, 'summary')}** (in {esc(side)}): {esc(t.meaning(state))}"
        if d.status == "removed":
            # what a dropped entry said is one click away: the glance line already says it went
            out.append(f'\n??? note "What it said in {esc(side)}"\n\n{indent(said)}\n')
        else:
            out.append(f"\n{said}\n")
        if state.note:
            # "New in 3.0" can hide an older practice the entry grew from; our note says so
            out.append(f"*Note:* {esc(state.note)}\n")
        out.append(f"Full record: {entity_name(ctx, d.kind, d.entity, state)}.\n")
        out.append(_sources_fold([(side, _side_provenance(ctx, d, state, side, a))]))
        return "\n".join(out) + "\n"
    assert d.before is not None and d.after is not None
    ids = ctx.atlas.version_ids
    if len(d.at) == 1 and not d.moves and ctx.atlas.index(b) - ctx.atlas.index(a) > 1:
        # All of it happened in one step, whose own page shows exactly this change in full.
        prev = ids[ctx.atlas.index(d.at[0]) - 1]
        step = ctx.link(esc(f"{prev} vs {d.at[0]}"), urls.compare_page(prev, d.at[0]), _anchor(d))
        out.append(f"\nThe whole change came in one step; it is shown in full on {step}.\n")
        return "\n".join(out) + "\n"
    fields = [f for f in sorted(d.fields, key=lambda f: field_rank(f.field)) if f.field != "name"]
    out.append("")
    # A domain's note is shown too: a card that says "Changed" must show what changed, and a
    # domain's note can change with no threshold of its own changing (2.1's misalignment case).
    meaning = [f for f in fields if f.field in MEANING_FIELDS]
    rest = [f for f in fields if f.field not in MEANING_FIELDS]
    out.extend(_field_block(ctx, f, a, b, d.kind) + "\n" for f in meaning)
    if rest and ctx.atlas.index(b) - ctx.atlas.index(a) == 1:
        # Meaning first; the other changed fields one click away, unchanged ones not at all.
        out.append(f'??? note "Also changed: {", ".join(_label(d.kind, f.field) for f in rest)}"\n')
        out.extend(indent(_field_block(ctx, f, a, b, d.kind)) + "\n" for f in rest)
    elif rest:
        # A long range: each field's change is detailed on the pair page of the step it came in.
        parts = []
        for f in rest:
            pairs = [(ids[ctx.atlas.index(v) - 1], v) for v in f.versions]
            links = ", ".join(ctx.link(esc(f"{p} → {v}"), urls.compare_page(p, v), _anchor(d)) for p, v in pairs)
            parts.append(f"{_label(d.kind, f.field)} ({links})")
        out.append("Also changed, detailed on the page of each step: " + "; ".join(parts) + ".\n")
    out.append(
        _sources_fold([(a, _side_provenance(ctx, d, d.before, a, a)), (b, _side_provenance(ctx, d, d.after, b, a))])
    )
    return "\n".join(out) + "\n"


def _side_provenance(ctx: Ctx, d: EntityDiff, state: t.State, vid: str, a: str) -> tuple[str, str]:
    """The sources of one side of a comparison as of that side's version: another version's text
    (or any document published after this version was superseded) is not cited for it, even where
    the record spans both. A disputed reading is shown in full only where the state began inside
    the range; an older one is a link to the step where it began."""
    atlas = ctx.atlas

    def fits(c: t.Cite) -> bool:
        src = atlas.sources[c.source]
        if src.version is not None:
            return src.version == vid
        # A document published only after this version was superseded (a system card issued
        # under 3.1, commentary on a later version) is no source for what this version said.
        return existed_for(atlas, c, vid)

    kept = [c for c in state.sources if fits(c)] or state.sources
    # The version's own text first: a commentary on an earlier version is supporting, not primary.
    kept = sorted(kept, key=lambda c: atlas.sources[c.source].version != vid)
    began = atlas.index(state.from_) > atlas.index(a)
    out = provenance(ctx, state.model_copy(update={"sources": kept, "dispute": None}))
    if state.dispute is not None and not began:
        j = atlas.index(state.from_)
        if j:
            prev = atlas.version_ids[j - 1]
            where = ctx.link(esc(f"{prev} vs {state.from_}"), urls.compare_page(prev, state.from_), _anchor(d))
        else:
            where = entity_name(ctx, d.kind, d.entity, state)
        out += f" Its reading is disputed: see {where}."
    return out, (dispute(ctx, state.dispute) if began else "")


def _sources_fold(sides: list[tuple[str, tuple[str, str]]]) -> str:
    """Each side's sources in one collapsed block (a pair page is read for its changes; the
    citations are one click away), then any disputed reading, which stays in view."""
    body = "\n\n".join(f"*In {esc(v)}:* {cites}" for v, (cites, _) in sides)
    return f'??? quote "Sources"\n\n{indent(body)}\n\n' + "".join(block + "\n" for _, (_, block) in sides if block)


# Beyond this many steps a pair page links to each version's own list instead of repeating it,
# so that page size, and the build, stay linear in the number of pages as versions are added.
INLINE_STEPS = 10


def _stated(ctx: Ctx, view: PairView) -> str:
    a, b, items = view.a, view.b, view.stated
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
        src = ctx.link("sources", urls.version_page(v.id), "changes")
        # data-versions: a change speaks of the version it changed and the one it made, so its
        # glossary tooltips give the meaning on both sides (macros/tooltips.py)
        anchor = f"stated-{v.id.replace('.', '-')}"
        scope = " ".join(cv.change_versions(ctx.atlas, v.id))
        out.append(f'### In {v.id} ({fmt_date(v.effective)}) {{ #{anchor} data-between="{attr(scope)}" }}\n')
        out.append(f"As the policy and its changelog describe them, in our words ({src}):\n")
        for c in mine:
            out.append(f"- **{t.CHANGE_CATEGORY_LABELS[c.category]}.** {esc(c.text)}")
        if not mine:
            out.append("No changes recorded.")
        out.append("")
    return "\n".join(out) + "\n"


def _via(entries: tuple[Entry, ...], status: str) -> str:
    """How many arrivals (departures) are a lineage step, so a replaced threshold is not read as a
    loss plus an unrelated gain."""
    n = 0
    nouns: set[str] = set()
    for e in entries:
        d = e.diff
        if d.status != status:
            continue
        kinds = ARRIVAL if status == "added" else SUCCESSION
        if any(
            (link.target if status == "added" else link.source) == d.entity.id
            and link.edge.at == d.event
            and link.edge.type in kinds
            for link in d.moves
        ) and (e.succeeds if status == "added" else e.continued):
            n += 1
            nouns.add(kind(d.kind).singular)
    if not n:
        return ""
    noun = " or ".join(sorted(nouns, reverse=True))
    return f" ({n} succeeding an earlier {noun})" if status == "added" else f" ({n} continued by a successor)"


def summary_counts(diffs: list[EntityDiff]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABELS}
    for d in diffs:
        counts[d.status] += 1
    return counts


def _unchanged(ctx: Ctx, diffs: list[EntityDiff], a: str, b: str) -> str:
    same = [d for d in diffs if d.status == "unchanged"]
    if not same:
        return "Every entity tracked in both versions differs.\n"
    out = []
    confirmed = [d for d in same if d.confirmed]
    unrecorded = [d for d in same if not d.confirmed]
    if confirmed:
        out.append(f'??? info "Unchanged: {len(confirmed)}, each checked against every version from {a} to {b}"\n')
        out.extend(f"    - {kind(d.kind).singular}: {entity_name(ctx, d.kind, d.entity, d.after)}" for d in confirmed)
        out.append("")
    if unrecorded:
        out.append(
            f'??? info "No change recorded: {len(unrecorded)}, the same entry in the data for {a} and {b}, '
            f'but not cited from the text of every version from {a} to {b}, so not claimed unchanged"\n'
        )
        out.extend(f"    - {kind(d.kind).singular}: {entity_name(ctx, d.kind, d.entity, d.after)}" for d in unrecorded)
        out.append("")
    return "\n".join(out) + "\n"


def compare_page(ctx: Ctx, a: str, b: str) -> str:
    atlas = ctx.atlas
    va, vb = atlas.version(a), atlas.version(b)
    between = atlas.versions[atlas.index(a) + 1 : atlas.index(b)]
    view = pair_view(atlas, a, b, DIFF_KINDS)
    diffs = view.diffs
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
    parts.append("## What each version said it changed { #stated }\n")
    parts.append(_stated(ctx, view))
    parts.append("## At a glance { #glance }\n")
    parts.append(
        render(
            TEMPLATE,
            "counts",
            len(diffs),
            _compared_kinds(),
            counts["added"],
            _via(view.entries, "added"),
            counts["removed"],
            _via(view.entries, "removed"),
            counts["changed"],
            counts["unchanged"],
            a,
            b,
        )
    )
    parts.append(_glance(ctx, view))
    parts.append("## Details { #differences }\n")
    changed = [e for e in view.entries if e.diff.status != "unchanged"]
    for name in DIFF_KINDS:
        mine = [e for e in changed if e.diff.kind == name]
        if not mine:
            continue
        parts.append(f"### {kind(name).heading} {{ #diff-{name} }}\n")
        for status in ("changed", "added", "removed"):
            for e in (e for e in mine if e.diff.status == status):
                parts.append(_entity_block(ctx, e, a, b))
    if not changed:
        parts.append("No entity differs between these two versions.\n")
    parts.append("## Without a recorded change { #unchanged }\n")
    parts.append(_unchanged(ctx, diffs, a, b))
    return "\n".join(parts) + "\n"


def _compared_kinds() -> str:
    """ "thresholds, standards, … and risk domains": what a pair page compares."""
    *rest, last = (kind(name).plural for name in DIFF_KINDS)
    return f"{', '.join(rest)} and {last}"


def picker(ctx: Ctx) -> str:
    """Two selects (enhanced by docs/assets/atlas.js) and a full matrix of links that works without script."""
    ids = ctx.atlas.version_ids
    # The pair picked at first: the newest version and the one before it.
    opts_a = [(v, i == len(ids) - 2) for i, v in enumerate(ids)]
    opts_b = [(v, i == len(ids) - 1) for i, v in enumerate(ids)]
    form = render(TEMPLATE, "picker", ctx.href("compare/index.md"), opts_a, opts_b)
    from macros.render.grids import pair_matrix  # grids builds on the entity helpers

    return form + "\n## Every pair { #every-pair }\n\n" + pair_matrix(ctx)


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
