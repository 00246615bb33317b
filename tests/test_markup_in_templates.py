"""Markup lives in macros/templates/, not in Python: a render module that writes an HTML or SVG tag
in a string literal again (an f-string or a plain literal) fails here.

Docstrings are prose and may name tags; comments are not in the syntax tree. Left out: the modules
another change owns or that are not converted yet (see NOT_YET).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

RENDER = Path(__file__).resolve().parent.parent / "macros" / "render"
NOT_YET: set[str] = set()
# "<span", "</div>", "<br>", "<wbr>": a tag name right after "<" or "</". A Markdown autolink's "<"
# followed by a substitution ("<{url}>") is not a tag.
# A regex's named group ("(?P<kw>") is not a tag either.
TAG = re.compile(r"(?<!\?P)</?[A-Za-z][A-Za-z0-9-]*(?=[\s>/]|$)")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def tags_in_literals(source: str) -> list[tuple[int, str]]:
    """(line, tag) for every tag written in a string literal, f-string parts included."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found += [(node.lineno, m.group(0)) for m in TAG.finditer(node.value)]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in RENDER.glob("*.py") if p.name not in NOT_YET)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_render_module_writes_no_tags_in_python(path: Path) -> None:
    assert tags_in_literals(path.read_text(encoding="utf-8")) == []


def test_the_scan_sees_tags_in_literals_and_f_strings() -> None:
    src = (
        '"""A docstring may say <span>."""\n'
        "x = f'<span class=\"a\">{y}</span>'\n"
        "z = '<br>'.join(w)\n"
        "# a comment may say <div>\n"
        "u = f'see <{url}>'\n"
        "v = 'a < b, 3<4'\n"
        "r = re.compile(r'(?P<kw>p)')\n"
    )
    assert tags_in_literals(src) == [(2, "<span"), (2, "</span"), (3, "<br")]


def test_the_scan_covers_the_render_modules() -> None:
    names = {p.name for p in _modules()}
    assert {"grids.py", "ledger.py", "records.py", "diagram.py", "text.py", "common.py"} <= names
