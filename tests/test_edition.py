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


def test_every_tagged_release_and_only_those_is_built() -> None:
    ed = _edition()
    tags = ["v0.1.0", "v0.10.0", "v0.2.0", "vfoo", "0.3.0", "v0.9.0-rc1", "v9.9.9"]
    # v9.9.9 names no release; 0.3.0 is released but untagged; numeric order, not string order.
    assert ed.tagged_releases(tags, ["0.10.0", "0.3.0", "0.2.0", "0.1.0"]) == ["0.1.0", "0.2.0", "0.10.0"]
    assert ed.tagged_releases([], ["0.1.0"]) == []


def test_all_tags_builds_nothing_without_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    ed = _edition()
    built: list[str] = []
    monkeypatch.setattr(ed, "_git", lambda *a: "" if a[0] == "tag" else "0")
    monkeypatch.setattr(ed, "build", lambda ref, rel, site: built.append(rel))
    assert ed.main(["--all-tags", "--site", str(tmp_path)]) == 0
    assert built == [] and "none" in capsys.readouterr().out


def test_deploy_builds_the_editions_after_the_tested_site() -> None:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["test-and-build"]["steps"]
    checkout = steps[0]["with"]
    assert checkout["fetch-depth"] == 0 and checkout["fetch-tags"] is True  # tags reach the job
    runs = [s.get("run", "") for s in steps]
    diff = next(i for i, r in enumerate(runs) if r.startswith("diff -r site"))
    edition = next(i for i, r in enumerate(runs) if r == "make edition RELEASE=all")
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert diff < edition < upload  # the byte check covers the tested site only; editions ship with it


def test_cite_page_lists_every_release_with_its_tag_and_edition(site: Path) -> None:
    from macros.release import releases
    from tests.htmlsite import page

    doc = page(site, "/cite/")
    section = doc.find(id="editions")
    text = " ".join(el.get_text(" ") for el in section.find_next_siblings(["p", "ul"], limit=4))
    hrefs = [a["href"] for ul in section.find_next_siblings("ul", limit=2) for a in ul.select("a[href]")]
    for r in releases(ROOT):
        assert f"v{r.version}" in text, r.version
        assert f"https://rsp-atlas.github.io/editions/{r.version}/" in hrefs, r.version
