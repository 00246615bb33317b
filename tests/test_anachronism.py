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
    for el in article.select("a, h1, h2, h3, h4, h5, h6, strong"):
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
