"""The bridge to mkdocs-macros: load the data once, then expose renderers as macros."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from macros.model import Atlas, DataError, load_atlas
from macros.pagemeta import page_info
from macros.release import releases, site_url
from macros.render.text import Ctx
from macros.site import MACROS

log = logging.getLogger("mkdocs.plugins.atlas")


def _load(project_dir: Path) -> Atlas:
    try:
        return load_atlas(project_dir / "data")
    except DataError as exc:
        for line in exc.messages:
            log.error(line)
        # Abort prints one line and exits non-zero, with no traceback and nothing written.
        raise Abort(f"Aborted: {len(exc.messages)} data error(s); see above.") from None


def define_env(env: Any) -> None:
    root = Path(env.project_dir)
    atlas = _load(root)
    env.variables["atlas"] = atlas
    rels = tuple(releases(root))
    release = rels[0]
    url = site_url(root)
    pages = page_info(atlas, Path(env.conf["docs_dir"]), url, release)
    titles = {src: info["title"] for src, info in pages.items()}
    env.variables["release"] = release
    # Redirects for moved pages and renamed IDs come from data/redirects.yml, not mkdocs.yml.
    redirects = env.conf["plugins"].get("redirects")
    if redirects is not None:
        redirects.config["redirect_maps"] = {r.old: r.new for r in atlas.redirects}
    # Templates cannot call macros: hand them what the cite box and head metadata need.
    env.conf["extra"]["atlas"] = {
        "release": release.version,
        "release_date": release.date.isoformat(),
        "current": atlas.versions[-1].id,
        "pages": pages,
    }

    def bind(fn: Callable[..., str]) -> Callable[..., str]:
        def macro(*args: Any, **kwargs: Any) -> str:
            return fn(Ctx(atlas, env.page.file.src_uri, rels, titles), *args, **kwargs)

        macro.__name__ = fn.__name__
        macro.__doc__ = fn.__doc__
        return macro

    for name, fn in MACROS.items():
        env.macro(bind(fn), name)
