"""The platform's own rules where the code restates them: front matter, mkdocs.yml, CSV columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from macros import exports
from macros.model import types as t
from macros.pagemeta import front_matter
from macros.release import site_url
from tests.conftest import ROOT

ODD_PAGES = {
    "none.md": "# No front matter\n",
    "dots.md": "---\ntitle: Dots\n...\nBody\n",
    "list.md": "---\n- a\n- b\n---\nBody\n",
    "broken.md": "---\ntitle: [unclosed\n---\nBody\n",
    "spaces.md": "---  \ntitle: Spaces\n---\t\nBody\n",
    "late.md": "\n---\ntitle: Late\n---\n",
    "unterminated.md": "---\ntitle: Open\n",
}


@pytest.mark.parametrize("src", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")))
def test_front_matter_reads_every_page_as_mkdocs_does(src: str) -> None:
    path = ROOT / src
    assert front_matter(path) == get_data(path.read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("name", sorted(ODD_PAGES))
def test_front_matter_agrees_with_mkdocs_on_odd_pages(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ODD_PAGES[name], encoding="utf-8")
    assert front_matter(path) == get_data(ODD_PAGES[name])[1]


def test_site_url_is_read_as_yaml_whatever_tags_mkdocs_yml_carries(tmp_path: Path) -> None:
    assert site_url(ROOT) == "https://rsp-atlas.github.io/"
    (tmp_path / "mkdocs.yml").write_text(
        "# site_url: https://wrong.example/\nsite_url: 'https://x.example/atlas'\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - env: !ENV [HOME, x]\n",
        encoding="utf-8",
    )
    assert site_url(tmp_path) == "https://x.example/atlas/"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no site_url"):
        site_url(tmp_path)


RECORD_FILES = {
    "versions.csv": (t.Version, {"links": ("pdf", "redline", "announcement"), "changes": ()}),
    "changes.csv": (t.Change, {}),
    "models.csv": (t.Determination, {}),
    "events.csv": (t.Event, {}),
    "sources.csv": (t.Source, {}),
}


@pytest.mark.parametrize("name", sorted(RECORD_FILES))
def test_every_model_field_has_a_csv_column(atlas, name: str) -> None:
    model, shaped = RECORD_FILES[name]
    header = next(csv.reader(io.StringIO(exports.csv_files(atlas)[name])))
    for field in model.model_fields:
        want = shaped.get(field, ("disputed",) if field == "dispute" else (field,))
        assert set(want) <= set(header), (name, field)


def test_a_new_model_field_becomes_a_csv_column(atlas) -> None:
    class Wider(t.Event):
        audience: str = "everyone"

    event = Wider(**atlas.events[0].model_dump(by_alias=True))
    text = exports._record_csv(Wider, [event], [exports._field("id")])
    assert text.splitlines()[0].endswith(",audience")
    assert text.splitlines()[1].endswith(",everyone")
