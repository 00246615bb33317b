"""Invariants and known facts over the real data (and their rendering)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from macros.compute import versions as cv
from macros.compute.diff import changed_only, diff
from macros.compute.scope import span, state_at
from macros.model import DataError, load_atlas
from macros.model import types as t
from tests.conftest import ROOT
from tests.htmlsite import page

# The versions known when this test was written; later ones may follow (README: adding a version).
KNOWN = ["1.0", "2.0", "2.1", "2.2", "3.0", "3.1", "3.2", "3.3", "3.4"]


def test_known_versions_in_order(atlas):
    assert list(atlas.version_ids[: len(KNOWN)]) == KNOWN
    assert atlas.version("1.0").effective == dt.date(2023, 9, 19)
    assert atlas.version("3.0").effective == dt.date(2026, 2, 24)
    assert atlas.version("3.4").effective == dt.date(2026, 7, 8)


def _uncited(atlas) -> list[str]:
    """Every sourced record (entity states, versions, changes, models, events, dispute positions,
    anywhere in any file) without a citation, and every citation of an unknown source or without a
    locator."""
    problems: list[str] = []

    def walk(obj, where: str) -> None:
        if isinstance(obj, t.Cite):
            if obj.source not in atlas.sources or not obj.locator.strip():
                problems.append(f"{where}: {obj.source!r} ({obj.locator!r})")
        elif isinstance(obj, t.Strict):
            if isinstance(obj, t.Sourced) and not obj.sources:
                problems.append(f"{where}: no source")
            for name in type(obj).model_fields:
                walk(getattr(obj, name), f"{where}.{name}")
        elif isinstance(obj, (list, tuple)):
            for i, item in enumerate(obj):
                walk(item, f"{where}[{i}]")

    for stem, items in atlas.by_file.items():
        walk(items, stem)
    walk(atlas.theory, "theory")
    return problems


def test_every_fact_has_a_source_and_a_locator(atlas):
    assert _uncited(atlas) == []
    assert sum(len(s.sources) for items in atlas.entities.values() for e in items for s in e.states) > 100


def test_the_citation_walker_finds_what_is_missing(atlas):
    """Loading already refuses these, so break a loaded dataset behind the validator's back."""
    k = next(i for i, v in enumerate(atlas.version_items) if v.changes)
    v = atlas.version_items[k]
    change = v.changes[0].model_construct(**{**dict(v.changes[0]), "sources": []})
    cite = t.Cite.model_construct(source="nowhere", locator=" ")
    model = atlas.model_items[0].model_construct(**{**dict(atlas.model_items[0]), "sources": [cite]})
    versions = list(atlas.version_items)
    versions[k] = v.model_copy(update={"changes": [change, *v.changes[1:]]})
    broken = dataclasses.replace(atlas, version_items=tuple(versions), model_items=(model, *atlas.model_items[1:]))
    assert _uncited(broken) == [f"versions[{k}].changes[0]: no source", "models[0].sources[0]: 'nowhere' (' ')"]


def test_every_lineage_edge_points_to_an_existing_threshold_in_a_version_where_both_make_sense(atlas):
    ids = {th.id for th in atlas.entities["threshold"]}
    for th in atlas.entities["threshold"]:
        for edge in th.lineage:
            assert edge.to in ids
            target = atlas.entity("threshold", edge.to)
            assert state_at(atlas, target, edge.at) is not None, (th.id, edge)
            before = atlas.version_ids[atlas.index(edge.at) - 1]
            assert state_at(atlas, th, before) is not None, (th.id, edge)


def test_required_safeguards_name_existing_standards_in_force(atlas):
    for th in atlas.entities["threshold"]:
        for state in th.states:
            for sid in [*state.required_safeguards, *state.expected_safeguards]:
                std = atlas.entity("standard", sid)
                first, _ = span(atlas, state)
                assert state_at(atlas, std, atlas.version_ids[first]) is not None, (th.id, sid)


def test_state_ranges_are_gap_free(atlas, tmp_path: Path):
    """Loading refuses a gap between two states of an entity (so the loaded data has none): open
    one in a copy of the real data and the load must fail, naming it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    ids = atlas.version_ids
    raw = yaml.safe_load((data / "thresholds.yml").read_text(encoding="utf-8"))
    entry = next(
        e
        for e in raw["items"]
        if len(e["states"]) > 1 and ids.index(str(e["states"][0]["to"])) > ids.index(str(e["states"][0]["from"]))
    )
    last = str(entry["states"][0]["to"])
    entry["states"][0]["to"] = ids[ids.index(last) - 1]
    (data / "thresholds.yml").write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_atlas(data)
    assert any(f"gap after states[0]: no state covers version {last}" in m for m in caught.value.messages)


def _name_in(atlas, tid, vid):
    st = state_at(atlas, atlas.entity("threshold", tid), vid)
    return st.name if st else None


def test_cbrn_4_first_appears_in_2_1(atlas, site: Path):
    cbrn4 = atlas.entity("threshold", "cbrn-4")
    assert state_at(atlas, cbrn4, "2.0") is None
    assert state_at(atlas, cbrn4, "2.1").name == "CBRN-4"
    doc = page(site, "/thresholds/cbrn-4/")
    assert "First appears in v2.1" in " ".join(doc.get_text(" ").split())
    added = page(site, "/compare/2.0-vs-2.1/").find(id="threshold-cbrn-4")
    assert added is not None and added.find_next("p").get_text() == "New in 2.1."


def test_ai_rnd_4_required_asl3_security_and_an_affirmative_case_not_asl4(atlas, site: Path):
    st = state_at(atlas, atlas.entity("threshold", "ai-rnd"), "2.1")
    assert st.name == "AI R&D-4"
    assert st.required_safeguards == ["asl-3-security"]
    assert "affirmative case" in st.safeguards_note.lower()
    assert not any(s.startswith("asl-4") for s in st.required_safeguards)
    r5 = state_at(atlas, atlas.entity("threshold", "ai-rnd-5"), "2.1")
    assert "asl-4-security" in r5.required_safeguards
    row = page(site, "/thresholds/ai-rnd/").find(id="ai-rnd-2-1").find_next("table")
    assert "ASL-3 Security Standard" in row.get_text()
    assert "ASL-4" not in row.find(string="Required safeguards").find_parent("tr").get_text()


def test_threshold_lineage_names(atlas):
    assert _name_in(atlas, "ara", "1.0") is not None
    assert _name_in(atlas, "autonomy-checkpoint", "2.0") is not None
    assert _name_in(atlas, "autonomy-checkpoint", "3.0") is None
    assert _name_in(atlas, "cbrn", "2.1") == "CBRN-3"
    assert "non-novel" in _name_in(atlas, "cbrn", "3.0").lower()
    assert _name_in(atlas, "ai-rnd", "2.1") == "AI R&D-4"
    assert _name_in(atlas, "ai-rnd-5", "2.1") == "AI R&D-5"
    assert _name_in(atlas, "ai-rnd-5", "3.0") is None
    assert "misaligned" in _name_in(atlas, "high-stakes-sabotage", "3.3").lower()
    for vid in KNOWN[4:]:
        for tid in ("cbrn", "cbrn-4"):
            name = _name_in(atlas, tid, vid).lower()
            assert "radiological" not in name and "nuclear" not in name


def test_there_is_no_cyber_threshold_in_any_version(atlas, site: Path):
    assert not [th.id for th in atlas.entities["threshold"] if th.domain == "cyber"]
    cells = page(site, "/thresholds/").select('td[data-domain="cyber"]')
    assert len(cells) == len(atlas.versions)
    for cell in cells:
        assert cell.get_text() == "No threshold"
        assert [a["href"] for a in cell.find_all("a")] == ["#domain-cyber"]


def test_explorer_has_a_row_per_version_newest_first_and_a_column_per_domain(atlas, site: Path):
    table = page(site, "/thresholds/").select_one("table#atlas-explorer")
    assert [tr.th.get_text() for tr in table.select("tbody tr")] == list(reversed(atlas.version_ids))
    assert [th["data-domain"] for th in table.select("thead th[data-domain]")] == [
        d.id for d in sorted(atlas.entities["domain"], key=lambda d: d.order)
    ]


def test_2_2_vs_2_1_shows_the_insider_change_and_nothing_else(atlas, site: Path):
    diffs = changed_only(diff(atlas, "2.1", "2.2"))
    assert [(d.entity.id, [f.field for f in d.fields]) for d in diffs] == [("asl-3-security", ["out_of_scope"])]
    before, after = diffs[0].fields[0].before, diffs[0].fields[0].after
    assert "insider" in " ".join(after).lower() and before != after
    substantive = [c for c in atlas.version("2.2").changes if c.category != "editorial"]
    # 2.2 changed one footnote only: every substantive change item is about its insider wording
    assert substantive and all("insider" in c.text.lower() for c in substantive)
    doc = page(site, "/compare/2.1-vs-2.2/")
    assert doc.find(id="standard-asl-3-security") is not None
    assert doc.select(".atlas-counts strong")[2].get_text() == "1"  # exactly one entity changed


def test_opus_4_asl3_was_precautionary_and_provisional(atlas, site: Path):
    (opus4,) = [m for m in atlas.models if m.model == "Claude Opus 4"]
    assert opus4.date == dt.date(2025, 5, 22) and opus4.level == "asl-3"
    text = (opus4.determination + " " + opus4.reasoning).lower()
    assert "precautionary" in text and "provisional" in text
    rendered = " ".join(page(site, "/models/").find(id=opus4.id).find_parent().get_text(" ").split()).lower()
    assert "precautionary" in rendered


def test_asl3_activation_event(atlas, site: Path):
    acts = [e for e in atlas.events if e.kind == "activation"]
    assert [e.date for e in acts] == [dt.date(2025, 5, 22)]
    item = page(site, "/timeline/").find(id=f"event-{acts[0].id}")
    assert item is not None and "22 May 2025" in item.get_text()
    wording = (acts[0].title + " " + acts[0].summary).lower()
    assert "precautionary" in wording and "provisional" in wording
    assert "precautionary" in item.get_text().lower()


def test_version_in_force_for_each_determination_is_computed(atlas, site: Path):
    expected = {"claude-2": "1.0", "claude-opus-4": "2.2", "claude-opus-4-6": "2.2", "claude-opus-4-7": "3.1"}
    for m in atlas.models:
        v = cv.in_force_at(atlas, m.date)
        assert v is not None and v.effective <= m.date
        nxt = cv.successor(atlas, v.id)
        assert nxt is None or nxt.effective > m.date
        if m.id in expected:
            assert v.id == expected[m.id], m.id
            entry = page(site, "/models/").find(id=m.id).find_next("p")
            assert f"under RSP v{v.id}" in entry.get_text(), m.id


def test_unverified_records_never_render(atlas, site: Path):
    body = page(site, "/models/").get_text() + page(site, "/timeline/").get_text()
    for m in atlas.models:
        if m.confidence == "unverified":
            assert m.model not in body
    for e in atlas.events:
        if e.confidence == "unverified":
            assert e.title not in body


def test_every_faq_answer_cites_a_source(atlas, site: Path):
    doc = page(site, "/faq/")
    for q in atlas.faq:
        heading = doc.find(id=q.id)
        assert heading is not None, q.id
        nxt = heading.find_next(class_="atlas-cite")
        assert nxt is not None and nxt.find("a"), q.id


def test_glossary_terms_with_changed_meaning_show_each_version(atlas, site: Path):
    doc = page(site, "/glossary/")
    asl = atlas.entity("term", "asl")
    assert len(asl.states) >= 3
    # one titled paragraph per meaning, each with its own "Cite this" box
    ids = {f"asl-{st.from_.replace('.', '-')}" for st in asl.states}
    meanings = [p for p in doc.select("p.atlas-meaning") if p.get("id") in ids]
    assert len(meanings) == len(asl.states)
    for p in meanings:
        assert p.find_next("details", class_="atlas-citethis") is not None


TOOLTIP_PAGES = (
    "/",
    "/overview/",
    "/current/",
    "/versions/1.0/",
    "/versions/3.0/",
    "/versions/3.4/",
    "/compare/2.2-vs-3.0/",
    "/compare/1.0-vs-3.4/",
    "/governance/",
    "/faq/",
    "/models/",
    "/changes/",
    "/thresholds/ara/",
    "/thresholds/ai-rnd-5/",
    "/thresholds/cbrn/",
)


_HEADS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _scoped(el) -> bool:
    return el.has_attr("data-version") or el.has_attr("data-versions") or el.has_attr("data-between")


def _opener(node):
    """The block a node's tooltips are scoped to (macros/tooltips.py): a heading or titled paragraph
    about given versions, still open at the node, or an enclosing element about given versions."""
    bound = 8
    candidates = node.find_all_previous([*_HEADS, "p"])
    if node.name in [*_HEADS, "p"]:
        candidates.insert(0, node)
    for el in candidates:
        rank = int(el.name[1]) if el.name in _HEADS else 7
        if el.name == "p" and not _scoped(el):
            continue
        if _scoped(el) and rank < bound:
            container = node.find_parent(lambda e: e.name not in [*_HEADS, "p"] and _scoped(e))
            if container is not None and el not in container.find_all([*_HEADS, "p"]):
                return container
            return el
        bound = min(bound, rank)
        if rank == 2:
            break
    return node.find_parent(lambda e: e.name not in [*_HEADS, "p"] and _scoped(e))


def _h2(node) -> str | None:
    """The h2 section a node is in: a meaning is explained once per section."""
    h2 = node.find_previous("h2")
    return h2.get("id") if h2 else None


def _versions(node, page_versions: list[str]) -> list[str]:
    opener = _opener(node)
    if opener is None:
        return page_versions
    if opener.get("data-between"):  # a recorded change: both sides, never narrowed to the page's
        return opener["data-between"].split()
    own = (opener.get("data-versions") or opener.get("data-version")).split()
    return [v for v in own if v in page_versions] or own


def _table(atlas):  # type: ignore[no-untyped-def]
    """The tooltip table as `make gen` writes it, name eras included."""
    from macros import tooltips as tt

    everything = [e for group in atlas.entities.values() for e in group]
    return tt.table(atlas.entities["term"], atlas.version_ids, tt.entity_names(everything, atlas.version_ids))


def _era(data, abbr):  # type: ignore[no-untyped-def]
    """The era the extension found for a built tooltip: its phrase within the text around it."""
    from macros import tooltips as tt

    def run(node, step: str) -> str:  # type: ignore[no-untyped-def]
        # the text node the extension saw: strings and the tooltips it cut out of them
        parts = []
        node = getattr(node, step)
        while node is not None and (isinstance(node, str) or node.name == "abbr"):
            parts.append(str(node) if isinstance(node, str) else node.get_text())
            node = getattr(node, step)
        return "".join(reversed(parts) if step == "previous_sibling" else parts)

    before, after = run(abbr, "previous_sibling"), run(abbr, "next_sibling")
    word = abbr.get_text()
    return tt.era_at(data, before + word + after, len(before), len(before) + len(word))


def _tooltips(doc) -> list[tuple[str | None, str, str, object]]:
    """(section, term id, title, element) for every glossary tooltip in the article."""
    out = []
    for abbr in doc.select("article abbr[title]"):
        link = abbr.find("a", class_="atlas-term")
        assert link is not None, f"tooltip without a glossary link: {abbr}"
        out.append((_h2(abbr), link["href"].rsplit("#", 1)[1], abbr["title"], abbr))
    return out


def test_tooltips_are_short_linked_once_per_section_and_never_in_headings(atlas, site: Path):
    from macros import tooltips as tt

    terms = tt.table(atlas.entities["term"], atlas.version_ids)["terms"]
    for url in TOOLTIP_PAGES:
        found = _tooltips(page(site, url))
        assert found, url
        seen = set()
        for _, term, title, abbr in found:
            assert term in terms, (url, term)
            assert abbr.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"]) is None, (url, title)
            assert len(title) <= tt.LIMIT, (url, title)
            # Once per meaning per h2 section: a block about another era gets a tooltip only where
            # the meaning differs from one the section already gave.
            key = (_h2(abbr), term, title)
            assert key not in seen, f"{url}: a second tooltip for {term} with the same meaning in section {key[0]}"
            seen.add(key)


def test_each_tooltip_gives_the_meaning_of_the_version_the_page_is_about(atlas, site: Path):
    from macros import tooltips as tt

    data = _table(atlas)
    terms = data["terms"]
    for url in TOOLTIP_PAGES:
        versions = tt.page_versions(url.strip("/") + ".md" if url != "/" else "index.md", atlas.version_ids)
        for _, term, title, abbr in _tooltips(page(site, url)):
            assert title == tt.tooltip(terms[term], _versions(abbr, versions), _era(data, abbr)), (url, term, title)
    # The 1.0 page explains ASL as 1.0 defined it, not as the newest version does.
    asl = {title for _, term, title, _ in _tooltips(page(site, "/versions/1.0/")) if term == "asl"}
    assert asl == {next(st.gloss for st in atlas.entity("term", "asl").states if st.from_ == "1.0")}


def test_every_glossary_term_gets_a_tooltip_in_each_section_that_mentions_it(atlas, site: Path):
    import re

    from bs4 import NavigableString

    from macros import tooltips as tt

    data = _table(atlas)
    phrases = sorted(data["phrases"], key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
    skip = {"abbr", "a", "code", "pre", "script", "style", "time", "option", "title", "summary"}
    skip |= {"h1", "h2", "h3", "h4", "h5", "h6"}
    for url in ("/", "/overview/", "/versions/3.0/", "/compare/2.2-vs-3.0/", "/governance/", "/faq/", "/models/"):
        doc = page(site, url)
        versions = tt.page_versions(url.strip("/") + ".md" if url != "/" else "index.md", atlas.version_ids)
        explained = {(_h2(abbr), term, title) for _, term, title, abbr in _tooltips(doc)}
        for block in doc.select_one("article").select("p, li"):
            if block.find_parent(class_="atlas-pagefoot") or block.find_parent("form"):
                continue
            if block.find_parent(class_="atlas-citethis"):  # citations are quoted as they must be pasted
                continue
            section = _h2(block)
            for node in block.descendants:
                if isinstance(node, NavigableString) and not any(p.name in skip for p in node.parents):
                    for found in pattern.finditer(str(node)):
                        term = data["phrases"][found.group(0)]
                        era = tt.era_at(data, str(node), found.start(), found.end())
                        title = tt.tooltip(data["terms"][term], _versions(block, versions), era)
                        if title is None:
                            continue
                        assert (section, term, title) in explained, (
                            f"{url} #{section}: '{found.group(0)}' never explained"
                        )


def test_every_reading_path_step_links_to_an_existing_page(site: Path, atlas):
    doc = page(site, "/paths/")
    for path in atlas.paths:
        steps = doc.find(id=path.id).find_next("ol").find_all("li", recursive=False)
        assert len(steps) == len(path.steps), path.id
        for li in steps:
            href = li.find("a")["href"]
            target = (site / "paths" / href.split("#")[0]).resolve()
            assert (target / "index.html").exists() or target.exists(), href


def test_onboarding_path_ends_in_questions_with_collapsible_answers_that_link_to_facts(atlas, site: Path):
    doc = page(site, "/paths/")
    questions = doc.find(id="check").find_all_next("details", class_="question")
    assert len(questions) == len([q for q in atlas.quiz if q.confidence != "unverified"]) >= 10
    for d in questions:
        assert d.find("a", href=True) is not None
        assert d.select_one(".atlas-cite a") is not None
