"""Editions that stay put: CITATION.cff is valid CFF 1.2.0, and edition paths and URLs are fixed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.release import latest
from tests.conftest import ROOT

SCHEMA = ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json"


def _edition():
    spec = importlib.util.spec_from_file_location("edition", ROOT / "scripts" / "edition.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cff_errors(data: object) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(data)]


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # PyYAML reads an unquoted date as a date object; CFF wants the ISO string either way.
    assert _cff_errors(cff) == []
    assert cff["version"] == latest(ROOT).version


def test_cff_schema_rejects_a_broken_file() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    broken = {**cff, "authors": [{"name": ""}], "date-released": "28 Nov 2026", "licence": "x"}
    assert len(_cff_errors(broken)) >= 3


def test_edition_paths_and_urls() -> None:
    ed = _edition()
    assert ed.edition_url("https://rsp-atlas.github.io/", "0.1.0") == "https://rsp-atlas.github.io/editions/0.1.0/"
    assert ed.edition_dir(Path("site"), "0.1.0") == Path("site/editions/0.1.0")
    with pytest.raises(ValueError):
        ed.edition_url("https://x.org/", "../0.1")
    cfg = "site_name: X\nsite_url: https://rsp-atlas.github.io/\nnav: []\n"
    assert "site_url: https://rsp-atlas.github.io/editions/0.1.0/\n" in ed.with_site_url(
        cfg, "https://rsp-atlas.github.io/editions/0.1.0/"
    )
    with pytest.raises(ValueError):
        ed.with_site_url("site_name: X\n", "https://x.org/")


def test_edition_refuses_a_missing_tag(capsys: pytest.CaptureFixture[str]) -> None:
    assert _edition().main(["--release", "0.1.0", "--ref", "no-such-tag-xyz"]) == 2
    assert "no git ref" in capsys.readouterr().err
