"""The site's own releases (from CHANGELOG.md) and its public URL (from mkdocs.yml, read as YAML).

Besides its prose, a release entry may carry three kinds of machine-read bullet:

- ``- Corrections: ...``: a substantive correction (announced on its own in the Atom feed);
- ``- Data corrected: versions, thresholds, ...``: the data files (``data/<name>.yml``) whose
  facts the release corrected or extended; every page drawing on one of them (pagemeta's
  PAGE_DATA) counts as substantively changed in that release;
- ``- New pages: /current/, /as-of/``: pages first published in that release (every other page
  was first published in the oldest release);
- ``- Pages corrected: /overview/, /levels/``: pages whose own text the release corrected (their
  prose, or what the site's code writes on them), which no "Data corrected:" file accounts for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# "## 0.1.0 — 2026-11-28" followed by the release's notes, up to the next "## ".
_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) [—-] (\d{4}-\d{2}-\d{2})\s*$", re.M)
_DATA = "Data corrected:"
_PAGES = "New pages:"
_FIXED = "Pages corrected:"
_CORRECTION = re.compile(r"^Corrections?:\s*")


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    summary: str
    corrections: tuple[str, ...] = ()
    data_corrected: tuple[str, ...] = ()
    new_pages: tuple[str, ...] = ()
    pages_corrected: tuple[str, ...] = ()


def _bullets(body: str) -> list[str]:
    """The body's bullets, each joined onto one line (continuation lines are indented)."""
    out: list[str] = []
    for line in body.splitlines():
        if not line.strip():
            continue
        if line.lstrip().startswith(("- ", "* ")) and not line.startswith(" "):
            out.append(line.lstrip()[2:].strip())
        elif out:
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip())
    return out


def _names(bullet: str, label: str) -> tuple[str, ...]:
    return tuple(x.strip().rstrip(".") for x in bullet[len(label) :].split(",") if x.strip().rstrip("."))


def parse_changelog(text: str) -> list[Release]:
    matches = list(_HEADING.finditer(text))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        prose: list[str] = []
        corrections: list[str] = []
        data: tuple[str, ...] = ()
        pages: tuple[str, ...] = ()
        fixed: tuple[str, ...] = ()
        for b in _bullets(text[m.end() : end]):
            if b.startswith(_DATA):
                data = _names(b, _DATA)
            elif b.startswith(_PAGES):
                pages = _names(b, _PAGES)
            elif b.startswith(_FIXED):
                fixed = _names(b, _FIXED)
            else:
                prose.append(b)
                if _CORRECTION.match(b):
                    corrections.append(_CORRECTION.sub("", b))
        out.append(
            Release(
                m.group(1),
                dt.date.fromisoformat(m.group(2)),
                " ".join(prose),
                tuple(corrections),
                data,
                pages,
                fixed,
            )
        )
    return out


_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def edition_url(base: str, release: str) -> str:
    """Public URL of a release's frozen edition: "<site>/editions/0.1.0/"."""
    if not _SEMVER.match(release):
        raise ValueError(f"not a release number: {release!r}")
    return f"{base.rstrip('/')}/editions/{release}/"


def edition_tag(release: str) -> str:
    """The git tag a release is built from: "v0.1.0"."""
    return f"v{release}"


def releases(root: Path) -> list[Release]:
    return parse_changelog((root / "CHANGELOG.md").read_text(encoding="utf-8"))


def latest(root: Path) -> Release:
    return releases(root)[0]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: tags naming Python objects or engine features (``!!python/name:``,
    ``!ENV``, ``!relative``) load as None instead of failing; this module needs none of them."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)
_ConfigLoader.add_multi_constructor("!", _untagged)


def site_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping (its own keys; ``INHERIT:`` is not followed)."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config if isinstance(config, dict) else {}


def normal_url(url: str) -> str:
    """A site URL with exactly one trailing slash, as every page URL is joined onto it."""
    return url.rstrip("/") + "/"


def site_url(root: Path) -> str:
    url = site_config(root).get("site_url")
    if not isinstance(url, str) or not url.strip():
        raise ValueError("mkdocs.yml has no site_url")
    return normal_url(url.strip())
