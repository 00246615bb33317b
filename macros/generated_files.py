"""Committed generated files: compare them with what the data implies, or rewrite them."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path

HINT = "(run `python -m macros gen`)"


def drift(expected: dict[str, str], root: Path, orphans: Collection[str] = ()) -> list[str]:
    """One line per file (path relative to ``root``) that is missing, stale or has no data behind it."""
    problems = []
    for rel, content in sorted(expected.items()):
        path = root / rel
        if not path.exists():
            problems.append(f"{rel}: missing {HINT}")
        elif path.read_text(encoding="utf-8") != content:
            problems.append(f"{rel}: out of date with data/ {HINT}")
    problems += [f"{rel}: generated page with no data behind it {HINT}" for rel in sorted(orphans)]
    return problems


def write(expected: dict[str, str], root: Path, orphans: Collection[str] = ()) -> list[str]:
    """Bring the files in line with ``expected``; return what was written or removed."""
    changed = []
    for rel in sorted(orphans):
        (root / rel).unlink()
        changed.append(f"removed {rel}")
    for rel, content in sorted(expected.items()):
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            changed.append(f"wrote {rel}")
    return changed


def json_lines(entries: Mapping[str, object]) -> str:
    """A JSON object with one entry per line, so a diff of a generated file shows which entries changed."""
    lines = [
        f"{json.dumps(key, ensure_ascii=False)}:{json.dumps(value, ensure_ascii=False, separators=(',', ':'))}"
        for key, value in entries.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"
