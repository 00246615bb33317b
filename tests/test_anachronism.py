"""No name on a page about some versions that did not exist in those versions.

Checked over the built site, on every version page and every pair page: the texts the engine
writes as names (link texts, headings, bold labels) may only carry names that some level,
standard, threshold, provision or risk domain had in the versions the page is about. A forward
reference is allowed only when marked as one (``<span class="atlas-later">``).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from macros.compute import versions as cv
from macros.compute.scope import state_at
from macros.model import Atlas
from tests.htmlsite import page

KINDS = ("level", "standard", "threshold", "provision", "domain")
SKIP = ".atlas-later, .atlas-cite, #cite-this-page, .atlas-pagefoot, .headerlink, .md-source-file"


def _names_in(atlas: Atlas, vid: str) -> frozenset[str]:
    # Glossary terms are linked by their names too ("Affects: Responsible Scaling Officer (RSO)"):
    # a term's name in force in the version is allowed even where a provision once carried it.
    return frozenset(
        st.name
        for kind in (*KINDS, "term")
        for e in atlas.entities[kind]
        if (st := state_at(atlas, e, vid)) is not None
    )


def _all_names(atlas: Atlas) -> frozenset[str]:
    return frozenset(s.name for kind in KINDS for e in atlas.entities[kind] for s in e.states)


def _phrase(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")


def anachronisms(atlas: Atlas, doc, versions: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Names in the page's name positions that exist only outside ``versions``."""
    allowed = frozenset().union(*(_names_in(atlas, v) for v in versions))
    forbidden = sorted(_all_names(atlas) - allowed, key=len, reverse=True)
    # a fresh copy: pages are cached for the whole session and other tests read the parts removed here
    article = BeautifulSoup(str(doc.select_one("article")), "lxml")
    for el in article.select(SKIP):
        el.decompose()
    found = []
    # A glossary tooltip's link (a.atlas-term) wraps a phrase of the running prose where it stands;
    # the prose is checked by the version-tied prose test, not as a name the engine chose.
    for el in article.select("a:not(.atlas-term), h1, h2, h3, h4, h5, h6, strong"):
        text = " ".join(el.get_text(" ").split())
        # an allowed name may contain a forbidden one ("ASL-3" inside "ASL-3 Standard") and the
        # other way round ("ASL-3" inside "ASL-3 protections"): compare occurrences, not strings
        covered = [m.span() for name in allowed for m in _phrase(name).finditer(text)]
        for name in forbidden:
            for m in _phrase(name).finditer(text):
                i, j = m.span()
                if not any(a <= i and j <= b for a, b in covered):
                    found.append(f"{name!r} in <{el.name}>: {text[:90]}")
                    covered.append((i, j))  # report a long name once, not its shorter parts too
                    break
    return found


def test_version_pages_use_names_of_that_version(site: Path, atlas: Atlas) -> None:
    problems = []
    for v in atlas.versions:
        prev = cv.predecessor(atlas, v.id)
        about = [v.id] + ([prev.id] if prev else [])  # the page lists what changed from prev
        problems += [f"/versions/{v.id}/: {p}" for p in anachronisms(atlas, page(site, f"/versions/{v.id}/"), about)]
    assert problems == []


def test_pair_pages_use_names_of_their_range(site: Path, atlas: Atlas) -> None:
    problems = []
    ids = atlas.version_ids
    for a, b in cv.pairs(atlas):
        about = list(ids[atlas.index(a) : atlas.index(b) + 1])
        problems += [
            f"/compare/{a}-vs-{b}/: {p}" for p in anachronisms(atlas, page(site, f"/compare/{a}-vs-{b}/"), about)
        ]
    assert problems == []


def test_models_page_names_each_level_as_it_was_called_then(site: Path, atlas: Atlas) -> None:
    doc = page(site, "/models/")
    for m in atlas.models:
        if m.level is None or m.confidence == "unverified":
            continue
        v = cv.in_force_at(atlas, m.date)
        assert v is not None
        heading = doc.find(id=m.id).find_previous("h2")
        level = state_at(atlas, atlas.entity("level", m.level), v.id)
        assert level is not None
        assert level.name in heading.get_text(), (m.id, heading.get_text())


def test_the_checker_catches_a_later_name(atlas: Atlas) -> None:
    html = (
        "<article><h2>Handled under ASL-3 protections</h2><p><a>ASL-3 Standard</a>"
        '<span class="atlas-later"><a>Automated R&amp;D in key domains</a></span></p></article>'
    )
    found = anachronisms(atlas, BeautifulSoup(html, "lxml"), ["2.0"])
    assert len(found) == 1 and "ASL-3 protections" in found[0]


# --- the data's own prose ---------------------------------------------------------------------

_VERSION = re.compile(r"\b(\d)\.(\d|x)\b")


def _terms_of_art(atlas: Atlas) -> dict[str, set[str]]:
    """Multi-word level and standard names (the policy's terms of art) → the versions that used them."""
    out: dict[str, set[str]] = {}
    ids = atlas.version_ids
    for kind in ("level", "standard"):
        for e in atlas.entities[kind]:
            for s in e.states:
                # a bracketed qualifier marks our descriptive label ("ASL-4 security (early
                # sketch)"), not a name the policy used
                if " " in s.name and not s.name.endswith(")"):
                    out.setdefault(s.name, set()).update(v for v in ids if state_at(atlas, e, v) is s)
    return out


def _dated_prose(atlas: Atlas) -> list[tuple[str, set[str], str]]:
    """(where, versions the text is about, text) for every free-text field tied to versions."""
    ids = atlas.version_ids
    out = []
    for kind in KINDS:
        for e in atlas.entities[kind]:
            for s in e.states:
                about = {v for v in ids if state_at(atlas, e, v) is s}
                for field, value in s.model_dump(exclude={"name", "sources", "dispute"}).items():
                    if isinstance(value, str):
                        out.append((f"{kind}:{e.id}@{s.from_}.{field}", about, value))
    for m in atlas.models:
        v = cv.in_force_at(atlas, m.date)
        if v is not None:
            out += [(f"model:{m.id}.{f}", {v.id}, getattr(m, f)) for f in ("determination", "reasoning")]
    for ver in atlas.versions:
        prev = cv.predecessor(atlas, ver.id)
        about = {ver.id} | ({prev.id} if prev else set())  # a version's account is of what it changed
        out.append((f"version:{ver.id}.summary", about, ver.summary))
        out += [(f"version:{ver.id}.changes.{c.id}", about, c.text) for c in ver.changes]
    for ev in atlas.events:
        v = cv.in_force_at(atlas, ev.date)
        if v is not None:
            out += [(f"event:{ev.id}.{f}", {v.id}, getattr(ev, f)) for f in ("title", "summary")]
    return out


def data_anachronisms(atlas: Atlas, prose: list[tuple[str, set[str], str]] | None = None) -> list[str]:
    """Terms of art used in prose about versions that did not use them. A sentence that names
    another version ("from 3.0", "v3.x") is an explicit forward or backward reference."""
    terms = _terms_of_art(atlas)
    found = []
    for where, about, text in _dated_prose(atlas) if prose is None else prose:
        for sentence in re.split(r"(?<=[.;:])\s+", text):
            named = {f"{a}.{b}" for a, b in _VERSION.findall(sentence)}
            if any(n not in about for n in named):
                continue
            for term, used in terms.items():
                if term in sentence and not used & about:
                    found.append(f"{where}: {term!r} in {sentence[:90]!r}")
    return found


def test_data_prose_uses_the_terms_of_its_versions(atlas: Atlas) -> None:
    """Audit A-F7, B11: 'ASL-3 protections' (3.x) in notes and determinations about 2.x."""
    assert data_anachronisms(atlas) == []


def test_the_data_checker_catches_a_later_term(atlas: Atlas) -> None:
    assert len(data_anachronisms(atlas, [("x", {"2.2"}, "Deployed with ASL-3 protections.")])) == 1
    assert data_anachronisms(atlas, [("x", {"2.2"}, "Deployed with what 3.0 calls ASL-3 protections.")]) == []
    assert data_anachronisms(atlas, [("x", {"3.1"}, "Deployed with ASL-3 protections.")]) == []
