"""One entry point for every docs task: ``python -m macros validate|gen|check|schema``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import generated_files
from macros.model import DataError, load_atlas

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("command", choices=["validate", "gen", "check", "schema", "urls"])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    parser.add_argument(
        "--publish",
        action="store_true",
        help="with `urls`: append the URLs not yet in tests/published-urls.txt to it (do this at a release)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        atlas = load_atlas(root / "data")
    except DataError as exc:
        for line in exc.messages:
            print(line, file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"data OK: {len(atlas.versions)} versions, {sum(len(v) for v in atlas.entities.values())} entities")
        return 0
    from macros import exports, item_citations, navigation, notfound, pagemeta, pages, redirects

    docs = root / "docs"
    if args.command == "gen":
        # gen never touches tests/published-urls.txt: a locally generated URL only becomes a
        # permanent contract when it is published (`python -m macros urls --publish`, at a release).
        changed = pages.write(atlas, docs) + exports.write(atlas, root) + redirects.write(atlas, root)
        # After the stubs: the templates' page facts are read from the pages' front matter.
        changed += generated_files.write(pagemeta.expected(atlas, root), root)
        changed += generated_files.write(notfound.expected(atlas, root), root)
        changed += generated_files.write(navigation.expected(root), root)
        cites = item_citations.expected(atlas, root)
        changed += generated_files.write(cites, root, item_citations.orphans(root, cites))
        print("\n".join(changed) if changed else "generated files already up to date")
        return 0
    if args.command == "check":
        problems = pages.drift(atlas, docs) + exports.drift(atlas, root) + redirects.drift(atlas, root)
        problems += generated_files.drift(pagemeta.expected(atlas, root), root)
        problems += generated_files.drift(notfound.expected(atlas, root), root)
        problems += generated_files.drift(navigation.expected(root), root)
        cites = item_citations.expected(atlas, root)
        problems += generated_files.drift(cites, root, item_citations.orphans(root, cites))
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    if args.command == "urls":
        from macros.url_contract import append_new, current_urls

        if args.publish:
            added = append_new(atlas, root)
            print("\n".join(added) if added else "no new URLs to publish")
        else:
            print("\n".join(current_urls(atlas, docs)))
        return 0
    if args.command == "schema":
        print(exports.schema_json())
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
