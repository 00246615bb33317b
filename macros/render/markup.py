"""Markup lives in Jinja templates (macros/templates/); the render modules pass them plain data.

One environment for every template: autoescape on, so a value a template forgets to escape is
still escaped, and undefined names are errors. Templates are found next to this package, never
relative to the working directory, so every engine (MkDocs, ProperDocs, Zensical) finds them.
Data is only ever a variable's value: no template is built from data.

Escaping, by where a value lands (each the exact escaper the Python code used before, so the
site's bytes did not change when the markup moved):

- ``{{ value }}`` in an attribute or an HTML text node: ``html.escape`` with quotes (``attr``),
  applied by ``finalize`` to every value that is not already markup;
- ``{{ value|md }}``: data text inside Markdown (``esc``: also inert to Markdown and Jinja);
- ``{{ value|svg }}``: SVG text (``svg_text``: also writes braces as entities);
- ``{{ value|url }}``: a data URL in Markdown link syntax (``safe_url``);
- ``{{ value|text }}``: an HTML text node (``html.escape`` without quotes, as ``<pre>`` text was).

A fragment that is already escaped (Markdown or HTML another renderer wrote) is passed as
``Markup``, with a comment at the call saying why it is safe.
"""

from __future__ import annotations

import html
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.runtime import Macro
from markupsafe import Markup

from macros.render.text import attr, esc, safe_url, svg_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _finalize(value: object) -> object:
    """Every printed value not already markup is escaped as an attribute value (quotes included)."""
    if isinstance(value, Markup):
        return value
    return Markup(attr(value))


def _md(value: object) -> Markup:
    return Markup(esc(value))


def _svg(value: object) -> Markup:
    return Markup(svg_text(str(value)))


ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,
)


def _text(value: object, quote: bool = False) -> Markup:
    """An HTML text node: ``<``, ``>`` and ``&`` escaped, quotes too only when asked."""
    return Markup(html.escape(str(value), quote=quote))


def _url(value: str) -> Markup:
    return Markup(safe_url(value))


def _split(value: str, sep: str) -> list[str]:
    """Pieces of a string; pieces of markup stay markup (``Markup.split``)."""
    return value.split(sep)


ENV.filters["md"] = _md
ENV.filters["svg"] = _svg
ENV.filters["url"] = _url
ENV.filters["text"] = _text
ENV.filters["split"] = _split


def render(template: str, macro: str, /, *args: object, **data: object) -> str:
    """The output of macro ``macro`` in ``template`` (a file in macros/templates/) called with data."""
    found = ENV.get_template(template).module.__dict__.get(macro)
    if not isinstance(found, Macro):
        raise KeyError(f"no macro {macro!r} in {template}")
    return str(found(*args, **data))
