"""The site's own releases (from CHANGELOG.md) and its public URL (from mkdocs.yml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

# "## 0.1.0 — 2026-11-28" followed by the release's notes, up to the next "## ".
_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) [—-] (\d{4}-\d{2}-\d{2})\s*$", re.M)


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    summary: str


def parse_changelog(text: str) -> list[Release]:
    matches = list(_HEADING.finditer(text))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = " ".join(line.lstrip("-* ").strip() for line in text[m.end() : end].splitlines() if line.strip())
        out.append(Release(m.group(1), dt.date.fromisoformat(m.group(2)), body))
    return out


def releases(root: Path) -> list[Release]:
    return parse_changelog((root / "CHANGELOG.md").read_text(encoding="utf-8"))


def latest(root: Path) -> Release:
    return releases(root)[0]


def site_url(root: Path) -> str:
    m = re.search(r"^site_url:\s*(\S+)\s*$", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if not m:
        raise ValueError("mkdocs.yml has no site_url")
    return m.group(1).rstrip("/") + "/"
