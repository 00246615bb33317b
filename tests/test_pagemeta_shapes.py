"""The shapes pagemeta.yml stores once for every page's citation texts (macros/pagemeta.py)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from macros import pagemeta
from macros.model import Atlas
from macros.release import releases, site_url

ROOT = Path(__file__).resolve().parent.parent


def test_cut_and_fill_give_back_the_text() -> None:
    text = "A. (2026). \\x00T\\x00 [R]. \\x00U\\x00"
    parts = pagemeta.cut(text, {"\\x00T\\x00": "title", "\\x00U\\x00": "url"})
    assert parts == [["", "A. (2026). "], ["title", ""], ["", " [R]. "], ["url", ""]]
    assert pagemeta.fill(parts, {"title": "On <x>", "url": "https://e/x/"}) == "A. (2026). On <x> [R]. https://e/x/"


def test_a_page_address_the_template_cannot_encode_stops_the_generator() -> None:
    assert pagemeta.kev_url("https://e.org/", "thresholds/cbrn-4/") == "https%3A%2F%2Fe.org%2Fthresholds%2Fcbrn-4%2F"
    with pytest.raises(ValueError, match="percent-encoding"):
        pagemeta.kev_url("https://e.org/", "a b/")


def _inputs(atlas: Atlas) -> tuple[dict, dict, str]:
    url = site_url(ROOT)
    rels = releases(ROOT)
    cites = pagemeta.page_cites(atlas, ROOT / "docs", url, rels[0])
    pages = pagemeta.page_info(atlas, ROOT / "docs", url, rels[0], rels, cites)
    return cites, pages, url


def test_every_page_is_its_shapes_filled_in(atlas: Atlas) -> None:
    cites, pages, url = _inputs(atlas)
    shaped = pagemeta.compact(cites, copy.deepcopy(pages), url)
    assert [c["name"] for c in shaped["cites"]] == ["APA", "Chicago"]
    # Chicago prints the title in headline case, APA as it is ("The RSP on a given date").
    assert ["headline" in [f for f, _ in c["parts"]] for c in shaped["cites"]] == [False, True]
    for src, info in pages.items():
        own = shaped["pages"][pagemeta.url_key(src)]
        fields = {**own, "url": cites[src].url, "url_kev": pagemeta.kev_url(url, pagemeta.url_key(src))}
        assert pagemeta.fill(shaped["coins"], fields) == info["coins"], src
        for shape, text in zip(shaped["cites"], info["cites"], strict=True):
            assert pagemeta.fill(shape["parts"], fields) == text["text"], src
        assert shaped["meta_common"] + [[n, fields[f]] for n, f in shaped["meta_own"]] + own["meta"] == sorted(
            info["meta"], key=lambda pair: pair not in shaped["meta_common"]
        ), src


def test_a_page_whose_text_has_another_shape_stops_the_generator(atlas: Atlas) -> None:
    cites, pages, url = _inputs(atlas)
    broken = copy.deepcopy(pages)
    broken["about.md"]["coins"] += "&rft.note=x"
    with pytest.raises(ValueError, match="COinS"):
        pagemeta.compact(cites, broken, url)
    broken = copy.deepcopy(pages)
    broken["about.md"]["cites"][1]["text"] += " (odd)"
    with pytest.raises(ValueError, match="Chicago"):
        pagemeta.compact(cites, broken, url)
    broken = copy.deepcopy(pages)
    broken["about.md"]["meta"][0][1] = "Another title"
    with pytest.raises(ValueError, match=r"about\.md"):
        pagemeta.compact(cites, broken, url)
