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


def test_drift_and_write_name_each_missing_file(tmp_path: Path) -> None:
    # Only what the exports read: mkdocs.yml (site URL), CHANGELOG.md (releases), the llms.txt pages.
    pages = [f"docs/{p}" for section in exports.LLMS_SECTIONS.values() for p in section]
    for part in ("mkdocs.yml", "CHANGELOG.md", *pages):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, tmp_path / part)
    hint = "(run `python -m macros gen`)"
    assert exports.drift(ATLAS, tmp_path) == [f"{p}: missing {hint}" for p in sorted(PATHS)]
    assert exports.write(ATLAS, tmp_path) == [f"wrote {p}" for p in sorted(PATHS)]
    assert [p for p in PATHS if committed(tmp_path, p) != committed(ROOT, p)] == []


def test_csv_cell_guards_each_formula_start() -> None:
    starts = ["=1", "+1", "-1", "@1", "\t1", "\r1"]
    assert [exports.csv_cell(x) for x in starts] == ["'" + x for x in starts]
    assert [exports.csv_cell(x) for x in ("1=", "x-1", " =1")] == ["1=", "x-1", " =1"]


def test_xml_text_replaces_only_what_xml_cannot_carry() -> None:
    kept = "\t\n\r \ud7ff\ue000\ufffd\U00010000\U0010ffff"
    assert exports.xml_text(kept) == kept
    assert exports.xml_text("\x00\x08\x0b\x1f\ud800\udfff\ufffe\uffff") == "\ufffd" * 8
    assert exports.xml_text(12) == "12"
