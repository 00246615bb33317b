"""Typed data model: YAML in ``data/`` → validated, cross-checked :class:`Atlas`."""

from macros.model.atlas import Atlas
from macros.model.errors import DataError
from macros.model.load import load_atlas

__all__ = ["Atlas", "DataError", "load_atlas"]
