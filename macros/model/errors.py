"""The one exception data problems raise: a list of one-line messages."""

from __future__ import annotations


class DataError(Exception):
    """Bad data. Each message names the file, line or entry, and the field."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))
