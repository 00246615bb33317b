#!/usr/bin/env python3
"""Build one release of RSP Atlas as a frozen edition under site/editions/<release>/ (`make edition`).

A citation names a site release; the words it cites must stay readable after later releases
change them. An edition is the site exactly as built from the release's git tag, served under
its own fixed prefix (<site_url>editions/<release>/), never rebuilt by newer code.

    python scripts/edition.py                 # the latest release in CHANGELOG.md, tag v<release>
    python scripts/edition.py --release 0.1.0 --ref v0.1.0
    python scripts/edition.py --ref HEAD --release 0.1.0   # try it before tagging

The tag's tree is exported with `git archive` into a temporary directory (the working tree is
untouched), its site_url is pointed at the edition prefix, and it is built with this checkout's
virtualenv when the tag's requirements.lock is the same as ours; otherwise a throwaway venv is
made from the tag's own lock, so an old edition builds with the versions it was released with.
Build timestamps come from the tag's commit (SOURCE_DATE_EPOCH), so rebuilding gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.release import edition_tag, edition_url, latest, releases, site_url  # noqa: E402

_TAG = re.compile(r"^v(\d+\.\d+\.\d+)$")


def tagged_releases(tags: list[str], released: list[str]) -> list[str]:
    """The releases to build as editions: every ``v<semver>`` tag that names a release in
    CHANGELOG.md (other tags, and releases not yet tagged, are skipped), oldest first."""
    versions = {m.group(1) for tag in tags if (m := _TAG.match(tag.strip()))}
    return sorted(versions & set(released), key=lambda v: tuple(int(x) for x in v.split(".")))


def edition_dir(site: Path, release: str) -> Path:
    return site / "editions" / release


def with_site_url(mkdocs_yml: str, url: str) -> str:
    """The config text with its site_url replaced (an edition's links and canonicals point at itself)."""
    new, n = re.subn(r"^site_url:.*$", f"site_url: {url}", mkdocs_yml, count=1, flags=re.M)
    if n != 1:
        raise ValueError("mkdocs.yml has no site_url line")
    return new


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def export(ref: str, dest: Path) -> None:
    """The committed tree at ``ref`` (not the working tree) into ``dest``."""
    archive = dest.with_suffix(".tar")
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), ref], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    archive.unlink()


def python_for(tree: Path, scratch: Path) -> str:
    """This checkout's venv if the edition pins the same packages, else a venv from its own lock."""
    ours = ROOT / "requirements.lock"
    theirs = tree / "requirements.lock"
    if theirs.read_text(encoding="utf-8") == ours.read_text(encoding="utf-8"):
        return str(ROOT / ".venv" / "bin" / "python")
    venv = scratch / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--no-deps", "-r", str(theirs)], check=True)
    return py


def build(ref: str, release: str, site: Path) -> Path:
    url = edition_url(site_url(ROOT), release)
    out = edition_dir(site, release)
    epoch = _git("log", "-1", "--format=%ct", ref)
    with tempfile.TemporaryDirectory(prefix=f"edition-{release}-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        export(ref, tree)
        cfg = tree / "mkdocs.yml"
        cfg.write_text(with_site_url(cfg.read_text(encoding="utf-8"), url), encoding="utf-8")
        py = python_for(tree, Path(tmp))
        env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([py, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=tree, env=env, check=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release", help="release number (default: the newest in CHANGELOG.md)")
    ap.add_argument("--ref", help="git ref to build (default: tag v<release>)")
    ap.add_argument("--site", default=str(ROOT / "site"), help="site directory (default: site/)")
    ap.add_argument("--all-tags", action="store_true", help="build every release that has its v<release> tag")
    args = ap.parse_args(argv)
    if args.all_tags:
        todo = tagged_releases(_git("tag", "--list", "v*").splitlines(), [r.version for r in releases(ROOT)])
        for release in todo:
            out = build(edition_tag(release), release, Path(args.site))
            if not (out / "index.html").is_file():
                print(f"edition {release}: no index.html in {out}", file=sys.stderr)
                return 1
            print(f"edition {release} → {out}")
        print(f"editions built: {', '.join(todo) or 'none (no v* tag names a release yet)'}")
        return 0
    release = args.release or latest(ROOT).version
    ref = args.ref or edition_tag(release)
    try:
        _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except subprocess.CalledProcessError:
        print(f"edition: no git ref {ref!r}; tag the release first (git tag v{release}) or pass --ref", file=sys.stderr)
        return 2
    out = build(ref, release, Path(args.site))
    print(f"edition {release} from {ref} → {out} (served at {edition_url(site_url(ROOT), release)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
