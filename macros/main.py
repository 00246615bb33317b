"""The bridge to the macros renderer: load the data once, then expose renderers as macros.

The same ``define_env`` serves mkdocs-macros (MkDocs, ProperDocs) and Zensical's macros
extension, so it uses only what both give it: ``env.project_dir``, ``env.variables``,
``env.macro`` and ``env.page.url``. It imports nothing from an engine and writes nothing into
the engine's configuration: what the theme templates need is a generated file
(``includes/pagemeta.yml``, see macros/pagemeta.py) that mkdocs.yml inherits.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from macros import tooltips
from macros.macro_table import MACROS
from macros.model import Atlas, DataError, load_atlas
from macros.pagemeta import src_by_url, titles
from macros.release import Release, releases, site_url
from macros.render.text import Ctx

log = logging.getLogger("mkdocs.plugins.atlas")


class AtlasAbort(SystemExit):
    """Stop the build with one line and no traceback, whichever engine runs it.

    A ``SystemExit`` passes through the engines' ``except Exception`` handlers untouched, so
    neither MkDocs nor Zensical wraps it in a traceback, and it needs no engine import.
    """


@dataclass(frozen=True)
class Site:
    atlas: Atlas
    releases: tuple[Release, ...]
    titles: dict[str, str]  # source path → page title
    pages: dict[str, str]  # page URL (as the engine's page.url) → source path
    # site_url from mkdocs.yml read as YAML, not env.conf: the portability rule (tests/test_portable.py)
    # keeps define_env off the engine's configuration; an edition build rewrites mkdocs.yml's site_url.
    url: str


def _stamp(root: Path) -> tuple[tuple[str, int], ...]:
    """What the loaded state depends on: a change to any of these files means a reload (`serve`)."""
    files = [*sorted((root / "data").glob("*.yml")), root / "CHANGELOG.md", *sorted((root / "docs").rglob("*.md"))]
    return tuple((p.as_posix(), p.stat().st_mtime_ns) for p in files if p.exists())


@cache
def _load(root: Path, _stamp: tuple[tuple[str, int], ...]) -> Site:
    # Zensical calls define_env once per page: parse and check the data once per build.
    atlas = load_atlas(root / "data")
    docs = root / "docs"
    return Site(atlas, tuple(releases(root)), titles(docs), src_by_url(docs), site_url(root))


def _error(line: str) -> None:
    # MkDocs routes its loggers to the terminal; Zensical's native CLI sets up no handlers.
    if log.hasHandlers():
        log.error(line)
    else:
        print(f"ERROR    -  {line}", file=sys.stderr)


_reported: set[tuple[tuple[str, int], ...]] = set()


def load_site(root: Path) -> Site:
    stamp = _stamp(root)
    try:
        return _load(root, stamp)
    except DataError as exc:
        # Once per state of the files, not once per page (Zensical calls define_env per page).
        if stamp not in _reported:
            _reported.add(stamp)
            for line in exc.messages:
                _error(line)
        # Nothing has been written yet: the build stops before its first page.
        raise AtlasAbort(f"Aborted: {len(exc.messages)} data error(s); see above.") from None


def page_src(site: Site, url: str | None) -> str:
    """The source path of the page being rendered, from its URL (engines agree on URLs, not on files)."""
    key = (url or "").lstrip("/")
    if key not in site.pages:
        raise KeyError(f"no page at URL {url!r}")
    return site.pages[key]


def define_env(env: Any) -> None:
    site = load_site(Path(env.project_dir))
    env.variables["atlas"] = site.atlas
    env.variables["release"] = site.releases[0]

    def bind(fn: Callable[..., str]) -> Callable[..., str]:
        def macro(*args: Any, **kwargs: Any) -> str:
            ctx = Ctx(site.atlas, page_src(site, env.page.url), site.releases, site.titles, site.url)
            out = fn(ctx, *args, **kwargs)
            # Block-level output tells the tooltip extension which page this is (macros/tooltips.py).
            return out + tooltips.marker(ctx.page, site.atlas.version_ids) if out.endswith("\n") else out

        macro.__name__ = fn.__name__
        macro.__doc__ = fn.__doc__
        return macro

    for name, fn in MACROS.items():
        env.macro(bind(fn), name)
