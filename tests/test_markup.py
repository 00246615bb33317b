"""The template environment (macros/render/markup.py): escapes what it prints, refuses undefined
names, finds its templates wherever the build runs, and its templates call no Python methods."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from macros.model import Atlas
from macros.render import grids, markup
from macros.render.text import Ctx, esc
from tests.conftest import ROOT
from tests.test_hostile import BREAKOUT, hostile_atlas


def test_printed_values_are_escaped_and_never_evaluated() -> None:
    out = markup.render("grids.html", "mark", "●", BREAKOUT)
    assert "<script>" not in out and "</title>" not in out
    assert 'aria-label="&lt;/title&gt;&lt;script&gt;' in out and "&quot;q&quot;" in out
    assert "{{ 7*7 }}" in out and "49" not in out  # data is a value, never a template


def test_the_md_filter_is_esc() -> None:
    out = markup.render("fields.html", "bullets", [BREAKOUT, "a/b"])
    assert out == f"• {esc(BREAKOUT)}<br>• a/b"


def test_an_undefined_name_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        markup.render("grids.html", "mark", "●")  # no meaning given


def test_an_unknown_macro_is_an_error() -> None:
    with pytest.raises(KeyError):
        markup.render("grids.html", "no_such_macro")


def test_templates_are_found_from_any_working_directory(tmp_path: Path) -> None:
    code = "from macros.render import markup; print(markup.render('grids.html', 'mark', 'x', 'y'))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == '<span role="img" aria-label="y">x</span>'


def test_hostile_names_stay_text_in_the_explorer(mini: Atlas) -> None:
    ctx = Ctx(hostile_atlas(mini, BREAKOUT), "thresholds/index.md")
    out = grids.explorer(ctx)
    assert "<script>" not in out and "</title>" not in out
    assert "&lt;/<wbr>title&gt;&lt;script&gt;alert&#40;1&#41;" in out  # shown as text, breakable at "/"
    assert "{{" not in out and "{%" not in out


# A method call inside a Jinja expression or statement: ".name(".
METHOD_CALL = re.compile(r"\.\s*[A-Za-z_]\w*\s*\(")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def method_calls(template: str) -> list[str]:
    return [m.group(0) for m in JINJA.finditer(template) if METHOD_CALL.search(m.group(0))]


def test_templates_call_no_python_methods() -> None:
    found = {p.name: method_calls(p.read_text(encoding="utf-8")) for p in markup.TEMPLATES.glob("*.html")}
    assert found and all(not calls for calls in found.values()), found


def test_the_method_scan_sees_calls() -> None:
    src = '{% for k, v in d.items() %}{{ k }}{% endfor %}{{ x|join(", ") }}{{ ", ".join(xs) }}'
    assert method_calls(src) == ["{% for k, v in d.items() %}", '{{ ", ".join(xs) }}']
