"""Every export file, byte for byte, as committed and reviewed (in-process, no build).

`make check` compares the same files through the CLI; this in-process copy exists so the
mutation run over macros/exports.py can see a changed cell, element or line as a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from macros import exports
from tests.conftest import ROOT, real_atlas

# Loaded at import on purpose: see tests/conftest.py real_atlas.
ATLAS = real_atlas()
PATHS = [
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs" / "data").iterdir() if p.suffix in {".csv", ".json"}),
    "docs/feed.xml",
    "docs/llms.txt",
    exports.TOOLTIPS,
]


def committed(root: Path, path: str) -> str:
    with open(root / path, encoding="utf-8", newline="") as f:
        return f.read()


def test_every_export_is_listed() -> None:
    assert sorted(exports.expected(ATLAS, ROOT)) == sorted(PATHS)


# One test over every file (not a module fixture shared by one test per file): mutmut links a test
# to the functions it calls while it runs, and a fixture's calls go to the first test only.
def test_every_export_equals_the_committed_file() -> None:
    produced = exports.expected(ATLAS, ROOT)
    assert [p for p in PATHS if produced[p] != committed(ROOT, p)] == []


def test_drift_and_write_name_each_stale_file(tmp_path: Path) -> None:
    for part in ("mkdocs.yml", "CHANGELOG.md"):
        shutil.copy(ROOT / part, tmp_path / part)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / exports.TOOLTIPS).parent.mkdir(parents=True)
    shutil.copy(ROOT / exports.TOOLTIPS, tmp_path / exports.TOOLTIPS)
    assert exports.drift(ATLAS, tmp_path) == []
    (tmp_path / "docs" / "feed.xml").unlink()
    (tmp_path / "docs" / "llms.txt").write_text("stale", encoding="utf-8")
    hint = "(run `python -m macros gen`)"
    assert exports.drift(ATLAS, tmp_path) == [
        f"docs/feed.xml: missing {hint}",
        f"docs/llms.txt: out of date with data/ {hint}",
    ]
    assert exports.write(ATLAS, tmp_path) == ["wrote docs/feed.xml", "wrote docs/llms.txt"]
    assert exports.drift(ATLAS, tmp_path) == []
    assert committed(tmp_path, "docs/llms.txt") == committed(ROOT, "docs/llms.txt")
