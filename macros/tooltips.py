"""Glossary tooltips: the meaning a term has in the version a page is about, once per section.

Two halves that meet in a generated file:

* At ``make gen`` time, :func:`table` turns the glossary into ``includes/tooltips.json``: every
  phrase that names a term, and each term's short meanings (``gloss``) with the versions they hold
  in.
* At build time, :class:`TooltipExtension` (a Python-Markdown extension listed in mkdocs.yml, so
  every engine that speaks Python-Markdown runs it) wraps the first use of each term in each
  section (``h2``) as ``<abbr title="meaning"><a href="…/glossary/#id">phrase</a></abbr>``: once
  per meaning, so a block about another era whose meaning differs is explained again. The
  link makes the tooltip reachable by keyboard (Material shows an ``abbr``'s tooltip while focus is
  inside it) and leads to the whole history of the term.

A Markdown extension does not know which page it renders. The page's macros tell it: each
block-level macro output carries a :func:`marker` comment with the page's source path and the
versions it is about (a version page: one; a pair page: two; ``/current/``: the newest). The
extension reads the first marker and blanks them all.

Within a page, a block about particular versions says so with a ``data-versions`` (space-separated)
or ``data-version`` attribute (``data-between`` for a recorded change, see ``_scope``): a state
card on a threshold page, a model under the version in force
on its date, a change entry, one version's section of a pair page. Its mentions get the meaning in
those versions (narrowed to the page's own versions where they overlap); a meaning the section
already gave is not given again. On a heading or a titled paragraph the attribute covers what
follows it up to the next heading of the same or a higher rank; on any other element, its contents.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pydantic import TypeAdapter
from typing_extensions import TypedDict  # pydantic validates only this one on Python 3.11

from macros.model import types as t
from macros.model.kinds import TERM
from macros.render import urls

TABLE = "includes/tooltips.json"
LIMIT = 140  # characters a tooltip may have

# Where a tooltip would be wrong or unreachable: headings, other links (a link inside a link is not
# allowed), code, an existing abbr, form controls and disclosure summaries.
_SKIP_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "script", "style", "summary", "button"}
    | {"label", "option", "select", "textarea", "time", "title", "svg", "kbd"}
)
# Citations are quoted as they must be pasted.
_SKIP_CLASSES = frozenset({"atlas-citethis", "atlas-cite-formats"})
# One meaning of a term in the table, and the table itself (includes/tooltips.json).
Meaning = TypedDict("Meaning", {"from": str, "to": str | None, "versions": list[str], "gloss": str})


class Table(TypedDict):
    versions: list[str]
    phrases: dict[str, str]  # phrase -> term id
    terms: dict[str, list[Meaning]]  # term id -> its meanings, oldest first
    # A name's own era: the versions in which a phrase that is only some states' name ("Capability
    # Threshold"), or a numbered name built on a phrase ("AI R&D-4", "CBRN-4"), was in use.
    eras: dict[str, list[str]]


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MARKER = re.compile(r'<!-- atlas-page src="([^"<>]*)" versions="([0-9., ]*)" -->')


# --- the generated table --------------------------------------------------------------------


def phrases_of(term: t.Term) -> list[str]:
    """The exact phrases that name a term: abbreviation, the plain names of every state, aliases.

    Names of every state (not only the newest) so a 2.2 page's "Capability Threshold" finds the
    term it renamed. Quoted names and phrases under three characters would match too much.
    """
    names = [re.sub(r"\s*\(.*?\)", "", st.name).strip().strip('"') for st in reversed(term.states)]
    out: list[str] = []
    for p in [term.abbr or "", *names, *term.aka]:
        p = " ".join(p.split())
        if len(p) >= 3 and '"' not in p and p not in out:
            out.append(p)
    return out


def _versions_of(state: t.State, version_ids: Sequence[str]) -> list[str]:
    index = {v: i for i, v in enumerate(version_ids)}
    return list(version_ids[index[state.from_] : (index[state.to] if state.to else len(version_ids) - 1) + 1])


def _base_name(name: str) -> str:
    return " ".join(re.sub(r"\s*\(.*?\)", "", name).strip().strip('"').split())


def table(
    terms: Sequence[t.Term], version_ids: Sequence[str], names: Sequence[tuple[str, Sequence[str]]] = ()
) -> Table:
    """JSON-ready: versions in order, phrase → term id, term id → its meanings by version range,
    and the era of each name narrower than its term (``names``: every entity state's name and
    versions, so "AI R&D-4" is known as a 2.1-2.2 name)."""
    index = {v: i for i, v in enumerate(version_ids)}
    phrases: dict[str, str] = {}
    meanings: dict[str, list[Meaning]] = {}
    eras: dict[str, set[str]] = {}
    for term in sorted(terms, key=lambda e: e.id):
        states = sorted(term.states, key=lambda s: index[s.from_])
        meanings[term.id] = [
            {
                "from": st.from_,
                "to": st.to,
                "versions": _versions_of(st, version_ids),
                "gloss": " ".join(st.gloss.split()),
            }
            for st in states
        ]
        everywhere = {v for st in states for v in _versions_of(st, version_ids)}
        # The abbreviation and aliases name the term in every version; a state's name only in its own.
        general = {" ".join(p.split()) for p in [term.abbr or "", *term.aka]}
        for p in phrases_of(term):
            phrases.setdefault(p, term.id)  # first term (by id) keeps a shared phrase
            if p not in general:
                own = {v for st in states if _base_name(st.name) == p for v in _versions_of(st, version_ids)}
                if own and own != everywhere:
                    eras.setdefault(p, set()).update(own)
    numbered = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")-(\d+)\b"
    )
    inside = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])")
    for name, versions in names:
        for m in numbered.finditer(name) if phrases else ():
            eras.setdefault(f"{m.group(1)}-{m.group(2)}", set()).update(versions)
        # A longer name built on a phrase ("Autonomous AI R&D", 2.0's threshold) is that
        # name's mention, in its own versions, not the term's in general.
        base = _base_name(name)
        if phrases and base not in phrases and len(base) >= 3 and '"' not in base and inside.search(base):
            eras.setdefault(base, set()).update(versions)
    return {
        "versions": list(version_ids),
        "phrases": phrases,
        "terms": meanings,
        "eras": {k: sorted(v, key=index.__getitem__) for k, v in sorted(eras.items())},
    }


def entity_names(entities: Sequence[t.Entity], version_ids: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Every state's name with the versions it covers, for :func:`table`'s name eras."""
    return [(st.name, _versions_of(st, version_ids)) for e in entities for st in e.states]


def table_json(
    terms: Sequence[t.Term], version_ids: Sequence[str], names: Sequence[tuple[str, Sequence[str]]] = ()
) -> str:
    return json.dumps(table(terms, version_ids, names), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --- which page, which versions -------------------------------------------------------------


@cache
def _versions_by_page(version_ids: tuple[str, ...]) -> dict[str, list[str]]:
    """Source path -> the versions that page is about (render/urls.py says where pages live)."""
    out = {urls.version_page(v): [v] for v in version_ids}
    for i, a in enumerate(version_ids):
        out.update({urls.compare_page(a, b): [a, b] for b in version_ids[i + 1 :]})
    if version_ids:
        out["current.md"] = [version_ids[-1]]
    return out


def page_versions(src: str, version_ids: Sequence[str]) -> list[str]:
    """The versions a page is about: a version page, a pair page, /current/; otherwise none."""
    return list(_versions_by_page(tuple(version_ids)).get(src, []))


def marker(src: str, version_ids: Sequence[str]) -> str:
    """The comment a block-level macro appends so the extension knows the page (see module doc)."""
    versions = ",".join(page_versions(src, version_ids))
    return f'\n\n<!-- atlas-page src="{html.escape(src)}" versions="{versions}" -->\n'


# --- what a tooltip says --------------------------------------------------------------------


def _range(m: Meaning) -> str:
    if m["to"] is None:
        return f"Since RSP {m['from']}"
    if m["from"] == m["to"]:
        return f"RSP {m['from']}"
    return f"RSP {m['from']}–{m['to']}"


def _era_meaning(meanings: list[Meaning], era: Sequence[str] | None) -> str | None:
    """Where the version is not known: the one meaning the term had while the name was in use
    (``era``; None: the term's whole life), labelled with its range unless it never changed;
    nothing if that era saw more than one meaning (a later gloss on an older name misleads)."""
    held = [m for m in meanings if m["gloss"] and (era is None or set(m["versions"]) & set(era))]
    if len({m["gloss"] for m in held}) != 1:
        return None
    only = held[0]
    if len(meanings) == 1 and only["to"] is None:
        return only["gloss"]
    if len(held) > 1:  # one gloss over several states: label the whole run
        return f"{_range({**only, 'to': held[-1]['to']})}: {only['gloss']}"
    return f"{_range(only)}: {only['gloss']}"


def tooltip(meanings: list[Meaning], versions: Sequence[str], era: Sequence[str] | None = None) -> str | None:
    """The tooltip for a term on a page about ``versions``; None means no tooltip at all.

    One version: its meaning, or nothing if the term did not exist then. Two versions (a pair
    page): the meaning if one holds in both, that version's meaning (labelled) if only one has the
    term, a pointer to the glossary if they differ, nothing if neither has it. No version: the one
    meaning of the name's era (``era``: the versions the mentioned name was in use; None: any),
    labelled, or nothing if that era saw several. A name not in use in any of ``versions`` (2.1's
    "AI R&D-4" in a sentence about 3.0) gets its own era's meaning, as with no version.
    """
    if era is not None and versions:
        versions = [v for v in versions if v in era]
        if not versions:
            return _era_meaning(meanings, era)
    if not versions:
        return _era_meaning(meanings, era)
    held = {v: next((m for m in meanings if v in m["versions"]), None) for v in versions}
    found = [(v, m) for v, m in held.items() if m is not None and m["gloss"]]
    if not found:
        return None
    if len(found) == len(versions) and all(m is found[0][1] for _, m in found):
        return found[0][1]["gloss"]
    if len(found) == 1:  # the term exists in only one of the versions: a mention can only mean that one
        return f"RSP {found[0][0]}: {found[0][1]['gloss']}"
    return f"Its meaning differs between RSP {versions[0]} and RSP {versions[-1]}: the glossary has both."


# --- the Markdown extension -----------------------------------------------------------------


_TABLE = TypeAdapter(Table)


@cache
def _load(path: str, _mtime: int) -> Table:
    return _TABLE.validate_json(Path(path).read_bytes())


def load(path: Path) -> Table:
    return _load(str(path), path.stat().st_mtime_ns)


def _longer_names(data: Table) -> re.Pattern[str] | None:
    """Longer names with an era of their own, which a phrase may sit inside."""
    longer = sorted((n for n in data["eras"] if n not in data["phrases"]), key=len, reverse=True)
    if not longer:
        return None
    # As for the phrases: a lookahead on the first characters lets the scan skip most positions.
    firsts = "".join(sorted({re.escape(n[0]) for n in longer}))
    return re.compile(rf"(?=[{firsts}])(?<![\w-])(?:" + "|".join(re.escape(n) for n in longer) + r")(?![\w-])")


def _era_in(data: Table, phrase: str, start: int, end: int, names: list[tuple[int, int, str]]) -> list[str] | None:
    """The versions in which the mentioned name was in use: a longer name around the phrase
    ("AI R&D-4", "Autonomous AI R&D") by that name's era, else the phrase's own; None if the
    phrase names the term in every version."""
    for s, e, name in names:
        if s <= start and end <= e:
            return data["eras"][name]
    return data["eras"].get(phrase)


def era_at(data: Table, text: str, start: int, end: int) -> list[str] | None:
    """The era of the phrase at ``text[start:end]``, as the extension finds it (for tests)."""
    pattern = _longer_names(data)
    names = [(n.start(), n.end(), n.group(0)) for n in pattern.finditer(text)] if pattern else []
    return _era_in(data, text[start:end], start, end, names)


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any phrase as a whole word, the longest where several start at one place.

    The phrases are grouped by their first character (``A(?:I R&D|SL)|C(?:…)``), longest first
    within each group, so a match is the same as with one flat list longest first; but a position
    tries only the phrases that start with its character, not all ~80 of them. The lookahead on
    those characters lets the scan skip most positions at once. Compiled once per build: MkDocs
    sets up the extension again for every page."""
    if not phrases:
        return None
    groups: dict[str, list[str]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        groups.setdefault(p[0], []).append(p[1:])
    firsts = "".join(re.escape(c) for c in sorted(groups))
    alternatives = "|".join(
        re.escape(c) + "(?:" + "|".join(re.escape(rest) for rest in tails) + ")" for c, tails in sorted(groups.items())
    )
    return re.compile(rf"(?=[{firsts}])\b(?:{alternatives})\b")


class TooltipTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, data: Table) -> None:
        super().__init__(md)
        self.data = data
        self.pattern = _phrase_pattern(tuple(data["phrases"]))
        self.names = _longer_names(data)

    def _page(self, root: ET.Element) -> tuple[str | None, list[str]]:
        """The first marker's page and versions; every marker leaves the output."""
        found: tuple[str | None, list[str]] = (None, [])
        stash = self.md.htmlStash.rawHtmlBlocks
        gone: set[str] = set()
        for i, block in enumerate(stash):
            if isinstance(block, str) and (m := _MARKER.search(block)):
                if found[0] is None:
                    src = html.unescape(m.group(1))
                    found = (src, [v for v in m.group(2).split(",") if v])
                stash[i] = _MARKER.sub("", block)
                gone.add(self.md.htmlStash.get_placeholder(i))
        if gone:
            # The paragraph that held a marker's placeholder would be left as an empty <p>.
            empty = [
                (parent, child)
                for parent in root.iter()
                for child in parent
                if child.tag == "p"
                and len(child) == 0
                and (child.text or "").strip() in gone
                and not (child.tail or "").strip()
            ]
            for parent, child in empty:
                parent.remove(child)
        return found

    def run(self, root: ET.Element) -> None:
        if self.pattern is None:
            return
        src, versions = self._page(root)
        if src == TERM.page:
            # On the glossary itself every meaning is already on the page, beside the term: a
            # tooltip would repeat it, and each one is a component Material mounts on load.
            return
        href = None
        if src is not None:
            # A link to the glossary's source file, relative to this page's source, as Markdown
            # links are written: each engine turns it into its own URL (MkDocs' "relpath" step runs
            # after this one; Zensical rewrites links from the source file's folder).
            glossary = TERM.page
            href = posixpath.relpath(glossary, posixpath.dirname(src) or ".")
        self.href = href
        self.page_versions = versions
        self.versions = versions
        self.used: set[tuple[str, str]] = set()
        self._walk(root)

    def _element(self, phrase: str, term: str, title: str) -> ET.Element:
        abbr = ET.Element("abbr", {"title": title})
        if self.href is None:
            abbr.text = AtomicString(phrase)
            return abbr
        _, anchor = urls.entity_target(TERM.name, term)
        link = ET.SubElement(abbr, "a", {"href": f"{self.href}#{anchor}", "class": "atlas-term"})
        link.text = AtomicString(phrase)
        return abbr

    def _split(self, text: str) -> tuple[str, list[ET.Element]]:
        """Wrap the first unused mention of each term in ``text``; return the text left before the
        first wrap and the new elements (each carrying the text after it as its tail)."""
        assert self.pattern is not None
        head, pos = text, 0
        made: list[ET.Element] = []
        names: list[tuple[int, int, str]] | None = None  # the longer names in ``text``, once needed
        for m in self.pattern.finditer(text):
            term = self.data["phrases"][m.group(0)]
            if names is None:
                names = [(n.start(), n.end(), n.group(0)) for n in self.names.finditer(text)] if self.names else []
            title = tooltip(self.data["terms"][term], self.versions, self._era(m.group(0), m.start(), m.end(), names))
            if title is None or (term, title) in self.used:
                continue
            self.used.add((term, title))
            el = self._element(m.group(0), term, title[:LIMIT])
            if made:
                made[-1].tail = text[pos : m.start()]
            else:
                head = text[: m.start()]
            made.append(el)
            pos = m.end()
        if made:
            made[-1].tail = text[pos:]
        return head, made

    def _mentions(self, text: str) -> bool:
        """Whether a text node may hold a tooltip: most of a page's text nodes name no term, and
        one search here is cheaper than setting up a split for them."""
        assert self.pattern is not None
        return not isinstance(text, AtomicString) and self.pattern.search(text) is not None

    def _era(self, phrase: str, start: int, end: int, names: list[tuple[int, int, str]]) -> list[str] | None:
        return _era_in(self.data, phrase, start, end, names)

    def _scope(self, el: ET.Element) -> list[str] | None:
        """The versions a block says it is about, narrowed to the page's own where they overlap.

        ``data-between`` (a recorded change: the version it changed and the one it made) is never
        narrowed: on the 3.0 page, a 3.0 change that drops a 2.2 standard names it as of 2.2."""
        between = el.get("data-between")
        if between:
            return between.split()
        raw = el.get("data-versions") or el.get("data-version")
        if not raw:
            return None
        own = raw.split()
        return [v for v in own if v in self.page_versions] or own

    def _walk(self, el: ET.Element) -> None:
        if el.tag == "h2":
            self.used = set()  # a new section: every term may be explained once more
        if el.tag in _SKIP_TAGS:
            return
        classes = el.get("class")
        if classes and not _SKIP_CLASSES.isdisjoint(classes.split()):
            return
        if el.text and self._mentions(el.text):
            el.text, made = self._split(el.text)
            for i, new in enumerate(made):
                el.insert(i, new)
        # A heading or titled paragraph about given versions scopes its following siblings until
        # the next heading of its rank or higher; rank 7 stands for a titled paragraph.
        outer = self.versions
        opened: int | None = None
        # Comments and processing instructions have a factory function, not a name, for a tag.
        for child in [c for c in el if isinstance(c.tag, str)]:
            rank = int(child.tag[1]) if child.tag in _HEADINGS else None
            scope = self._scope(child)
            if opened is not None and rank is not None and rank <= opened:
                self.versions, opened = outer, None
            if scope is not None and (rank is not None or child.tag == "p"):
                self.versions, opened = scope, rank or 7
            if scope is not None and opened is None:
                self._walk_scoped(child, scope)
            else:
                self._walk(child)
            if child.tail and self._mentions(child.tail):
                child.tail, made = self._split(child.tail)
                at = list(el).index(child) + 1
                for i, new in enumerate(made):
                    el.insert(at + i, new)
        self.versions = outer

    def _walk_scoped(self, el: ET.Element, scope: list[str]) -> None:
        """A container about given versions: its own meanings, then back."""
        outer = self.versions
        self.versions = scope
        self._walk(el)
        self.versions = outer


class TooltipExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"table": [TABLE, "the generated phrase and meaning table, relative to the project root"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        root = Path(__file__).resolve().parent.parent
        data = load(root / self.getConfig("table"))
        # After inline parsing (20) and the table of contents (5), before MkDocs rewrites links to
        # source files into URLs ("relpath", 0), so the links it adds are rewritten like any other.
        md.treeprocessors.register(TooltipTreeprocessor(md, data), "atlas_tooltips", 1)


def makeExtension(**kwargs: Any) -> TooltipExtension:
    return TooltipExtension(**kwargs)
