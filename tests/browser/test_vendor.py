"""npm dependencies (benchmark tools only) are pinned exactly and agree with package-lock.json."""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT

PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))


def test_npm_pins_are_exact_and_locked() -> None:
    assert PACKAGE.get("devDependencies"), "package.json lists no dependency: nothing to check"
    for deps in (PACKAGE.get("dependencies", {}), PACKAGE.get("devDependencies", {})):
        for name, spec in deps.items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name}@{spec} is not an exact pin"
            assert LOCK["packages"][f"node_modules/{name}"]["version"] == spec, f"package-lock.json disagrees on {name}"
