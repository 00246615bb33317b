"""The committed Mermaid copy is the pinned npm release, byte for byte (no node_modules needed)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
VENDOR = PACKAGE["atlas"]["vendor"]


def test_npm_pins_are_exact_and_locked() -> None:
    for deps in (PACKAGE.get("dependencies", {}), PACKAGE.get("devDependencies", {})):
        for name, spec in deps.items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name}@{spec} is not an exact pin"
            assert LOCK["packages"][f"node_modules/{name}"]["version"] == spec, f"package-lock.json disagrees on {name}"


@pytest.mark.parametrize("dest", list(VENDOR))
def test_vendored_file_matches_its_release(dest: str) -> None:
    entry = VENDOR[dest]
    data = (ROOT / dest).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{dest} changed: re-run `npm ci && npm run vendor`"
    version = PACKAGE["dependencies"][entry["package"]]
    assert f'version:"{version}"'.encode() in data, f"{dest} is not {entry['package']} {version}"
    source: Path = ROOT / "node_modules" / entry["package"] / entry["file"]
    if source.exists():  # after `npm ci`, also compare with the installed release itself
        assert data == source.read_bytes(), f"{dest} differs from {source}: run `npm run vendor`"


def test_mermaid_is_the_11_line_material_expects() -> None:
    # Material 9.8 falls back to unpkg.com/mermaid@11; our copy must be API-compatible with it.
    assert PACKAGE["dependencies"]["mermaid"].startswith("11.")
