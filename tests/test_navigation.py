"""The written-out navigation (macros/navigation.py): folder order, listing, and the whole file."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros import navigation

ROOT = Path(__file__).resolve().parent.parent


def test_natural_order_reads_numbers_as_numbers() -> None:
    names = ["3.10", "cbrn-4", "3.9", "cbrn", "ai-rnd-5", "ai-rnd", "asl-10", "asl-2"]
    assert sorted(names, key=navigation.natural_key) == [
        "3.9", "3.10", "ai-rnd", "ai-rnd-5", "asl-2", "asl-10", "cbrn", "cbrn-4",
    ]  # fmt: skip


def test_a_folder_lists_its_pages_but_not_its_index(tmp_path: Path) -> None:
    for name in ["index.md", "3.10.md", "3.9.md", "notes.txt"]:
        (tmp_path / "versions").mkdir(exist_ok=True)
        (tmp_path / "versions" / name).write_text("x", encoding="utf-8")
    assert navigation.folder_pages(tmp_path, "versions/*.md") == ["versions/3.9.md", "versions/3.10.md"]


def test_the_outline_expands_to_nested_sections(tmp_path: Path) -> None:
    (tmp_path / "levels").mkdir()
    for name in ["index.md", "asl-2.md", "asl-1.md"]:
        (tmp_path / "levels" / name).write_text("x", encoding="utf-8")
    levels: navigation.Entry = ("Levels", ["levels/index.md", "levels/*.md"])
    outline: list[navigation.Entry] = [("Home", "index.md"), ("Policy", [levels])]
    assert navigation.expand(outline, tmp_path) == [
        {"Home": "index.md"},
        {"Policy": [{"Levels": ["levels/index.md", "levels/asl-1.md", "levels/asl-2.md"]}]},
    ]


def _pages(entries: list[object]) -> list[str]:
    out: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            out.append(entry)
        else:
            assert isinstance(entry, dict)
            (value,) = entry.values()
            out += [value] if isinstance(value, str) else _pages(value)
    return out


def test_every_page_but_the_pairs_is_in_the_navigation_once() -> None:
    """mkdocs.yml's not_in_nav leaves out only the pair pages; everything else must be listed."""
    nav = yaml.safe_load((ROOT / navigation.GENERATED).read_text(encoding="utf-8"))["nav"]
    listed = _pages(nav)
    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    expected = [p for p in pages if not (p.startswith("compare/") and "-vs-" in p)]
    assert sorted(listed) == expected
    assert len(listed) == len(set(listed))


def test_mkdocs_yml_inherits_the_navigation_and_it_the_page_facts() -> None:
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nsite_name:")[0])
    assert mkdocs["INHERIT"] == "includes/nav.yml"
    nav = yaml.safe_load((ROOT / navigation.GENERATED).read_text(encoding="utf-8"))
    assert (ROOT / "includes" / nav["INHERIT"]).exists() and nav["INHERIT"] == "pagemeta.yml"
