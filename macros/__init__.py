"""RSP Atlas build code, laid out as data → model → compute → render → pages.

mkdocs-macros imports this package (``module_name: macros``) and calls :func:`define_env`.
"""

from __future__ import annotations

from macros.main import define_env

__all__ = ["define_env"]
