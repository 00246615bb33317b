"""Every export file, byte for byte, as committed and reviewed (in-process, no build).

`make check` compares the same files through the CLI; this in-process copy exists so the
mutation run over macros/exports.py can see a changed cell, element or line as a failure.
"""

from __future__ import annotations

import pytest

from macros import exports
from macros.model import Atlas, load_atlas
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def produced() -> dict[str, str]:
    atlas: Atlas = load_atlas(ROOT / "data")
    return exports.expected(atlas, ROOT)


def test_every_export_is_listed() -> None:
    assert sorted(exports.expected(load_atlas(ROOT / "data"), ROOT)) == sorted(
        [
            "docs/data/rsp-atlas.json",
            "docs/data/schema.json",
            "docs/feed.xml",
            "docs/llms.txt",
            *(f"docs/data/{p.name}" for p in (ROOT / "docs" / "data").glob("*.csv")),
            exports.TOOLTIPS,
        ]
    )


PATHS = [
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs" / "data").iterdir() if p.suffix in {".csv", ".json"}),
    "docs/feed.xml",
    "docs/llms.txt",
    exports.TOOLTIPS,
]


@pytest.mark.parametrize("path", PATHS)
def test_export_equals_the_committed_file(produced: dict[str, str], path: str) -> None:
    with open(ROOT / path, encoding="utf-8", newline="") as f:
        assert produced[path] == f.read()
