"""Reading paths: honest minutes, a one-hour onboarding built on the current policy, "step n of N" on its pages."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from macros.model import types as t
from macros.render import paths
from macros.render.text import Ctx
from tests.htmlsite import html_pages, page, url_of

WORDS_PER_MINUTE = 240  # as data/paths.yml says: a typical adult rate for non-fiction, read silently


def _url(step: t.PathStep) -> tuple[str, str]:
    doc, _, anchor = step.page.partition("#")
    stem = doc[: -len(".md")]
    stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
    return "/" + stem.lstrip("/"), anchor


def _words(site: Path, step: t.PathStep) -> int:
    url, anchor = _url(step)
    article = copy.copy(page(site, url).select_one("article"))
    for folded in article.select("details.atlas-citethis"):  # closed citation boxes are not read through
        folded.decompose()
    if not anchor:
        return len(article.get_text(" ").split())
    head = article.find(id=anchor)
    assert head is not None, f"{step.page}: no such section"
    level, count = int(head.name[1]), 0
    for el in head.find_next_siblings():
        if el.name in ("h1", "h2", "h3", "h4") and int(el.name[1]) <= level:
            break
        count += len(el.get_text(" ").split())
    return count


def _onboarding(atlas) -> t.ReadingPath:
    return next(p for p in atlas.paths if p.id == "onboarding")


def test_onboarding_fits_the_hour_and_starts_from_the_current_policy(atlas):
    path = _onboarding(atlas)
    assert path.guided
    assert paths.total_minutes(path) <= 60
    core = [s.page.partition("#")[0] for s in path.steps]
    assert "current.md" in core[:3], "the policy in force comes early, not after the history"
    assert any(s.page.startswith("paths.md#check") for s in path.steps), "the questions are kept"
    # History is optional: no step is an old version's comparison or a full version-by-version history.
    assert not any(s.page.startswith(("compare/", "governance.md", "safeguards.md")) for s in path.steps)


@pytest.mark.parametrize("pid", ["new", "onboarding", "cite"])
def test_minutes_match_the_page_both_ways(site: Path, atlas, pid):
    path = next(p for p in atlas.paths if p.id == pid)
    for step in [*path.steps, *path.extras]:
        needed = _words(site, step) / WORDS_PER_MINUTE
        # honest both ways: a page that grew or shrank by more than this needs its estimate updated
        assert abs(needed - step.minutes) <= max(1.5, 0.15 * needed), (
            f"{step.page}: about {needed:.1f} min to read at {WORDS_PER_MINUTE} words a minute, says {step.minutes}"
        )


def test_a_page_takes_the_same_minutes_on_every_path(atlas):
    said: dict[str, set[int]] = {}
    for path in atlas.paths:
        for step in [*path.steps, *path.extras]:
            said.setdefault(step.page, set()).add(step.minutes)
    assert {p: m for p, m in said.items() if len(m) > 1} == {}


def test_every_page_of_a_guided_path_says_where_the_reader_is(site: Path, atlas):
    guided = [p for p in atlas.paths if p.guided]
    on_path: dict[str, tuple[t.ReadingPath, int]] = {}
    for path in guided:
        for i, step in enumerate(path.steps):
            on_path[_url(step)[0]] = (path, i)
    for html in html_pages(site):
        url = url_of(site, html)
        boxes = page(site, url).select("article nav.atlas-pathnav")
        if url not in on_path:
            assert not boxes, f"{url} is not on a guided path but shows one"
            continue
        path, i = on_path[url]
        assert len(boxes) == 1, url
        text = " ".join(boxes[0].get_text(" ").split())
        assert f"step {i + 1} of {len(path.steps)}" in text, (url, text)
        if i + 1 < len(path.steps):
            nxt_url = _url(path.steps[i + 1])[0]
            hrefs = [a["href"] for a in boxes[0].select("a")]
            assert any(
                h.split("#")[0].endswith(nxt_url.rstrip("/").split("/")[-1] + "/") or nxt_url == "/" for h in hrefs
            ), (url, hrefs)
            assert page(site, url).select_one("article .atlas-pathnext") is not None, url
        else:
            assert "last step" in text


def test_path_nav_is_empty_off_the_path_and_names_the_last_step(atlas):
    assert paths.path_nav(Ctx(atlas, "glossary.md")) == ""
    last = _onboarding(atlas).steps[-1].page.partition("#")[0]
    assert "last step" in paths.path_nav(Ctx(atlas, last))


def test_a_path_without_guidance_adds_nothing_to_pages(atlas):
    quiet = dataclasses.replace(atlas, paths=tuple(p.model_copy(update={"guided": False}) for p in atlas.paths))
    assert paths.path_nav(Ctx(quiet, "current.md")) == ""
    assert paths.path_next(Ctx(quiet, "current.md")) == ""
