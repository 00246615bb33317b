"""BibTeX, RIS and CSL-JSON of every "Cite this" box beside a state or a recorded change.

A box shows APA and Chicago as text (macros/render/citethis.py); the three formats reference
managers import are in one generated JSON file per kind, ``docs/assets/citations/<kind>.json``
(``change.json`` for the change ledger), keyed by the entry's citation key (``rspatlas-…``). The
box names its file and key; assets/atlas.js fetches the file when a box is first opened. Inline,
as a JSON attribute on every box, they made up about 40% of the HTML of /glossary/, /governance/
and /changes/ and slowed their first paint.

``python -m macros gen`` writes the files, ``python -m macros check`` fails when they drift. They
cover every state of every anchored entity and every recorded change, cited exactly as the boxes cite them
(same release, same site URL), so no box can name a key its file lacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from macros.citation_targets import PinpointCite, cite_change, cite_state
from macros.compute.scope import span
from macros.generated_files import json_lines
from macros.model import Atlas
from macros.model import types as t
from macros.model.kinds import ANCHORED_KINDS
from macros.release import Release, releases, site_url

FOLDER = "docs/assets/citations"
# The change ledger's file; every other file is named after an entity kind.
CHANGE = "change"


def path(file: str) -> str:
    """A file's path from the project root, for a box's ``file`` name."""
    return f"{FOLDER}/{file}.json"


def cited_version(atlas: Atlas, state: t.State) -> str:
    """The version a state is cited as of: the newest it covers."""
    return atlas.version_ids[span(atlas, state)[1]]


def item_cites(atlas: Atlas, url: str, release: Release) -> Iterator[tuple[str, PinpointCite]]:
    """(file, citations) of every state of every anchored entity and every recorded change.

    Anchored kinds are those whose states are rendered with per-version anchors, each with a box
    beside it (entities.history, records.glossary); a domain has neither anchor nor box.
    """
    for kind, entities in atlas.entities.items():
        if kind not in ANCHORED_KINDS:
            continue
        for entity in entities:
            for state in entity.states:
                vid = cited_version(atlas, state)
                yield (
                    kind,
                    cite_state(
                        atlas, kind, entity.id, vid, site_url=url, release=release.version, release_date=release.date
                    ),
                )
    for version in atlas.versions:
        for index in range(len(version.changes)):
            yield (
                CHANGE,
                cite_change(atlas, version.id, index, site_url=url, release=release.version, release_date=release.date),
            )


def documents(atlas: Atlas, url: str, release: Release) -> dict[str, str]:
    """Path → text of every file: one line per key, so a diff shows whose citations changed.

    Raises ValueError if two boxes would share a key (a box would show another's citations).
    """
    files: dict[str, dict[str, object]] = {}
    for file, pinned in item_cites(atlas, url, release):
        entries = files.setdefault(file, {})
        key = pinned.entry.key
        if key in entries:
            raise ValueError(f"two citations share the key {key!r} in {path(file)}")
        entries[key] = pinned.import_formats()
    return {path(file): json_lines(entries) for file, entries in files.items()}


def expected(atlas: Atlas, root: Path) -> dict[str, str]:
    return documents(atlas, site_url(root), releases(root)[0])


def orphans(root: Path, expected_files: dict[str, str]) -> list[str]:
    """Files in the folder no kind writes any more (a kind renamed or removed)."""
    folder = root / FOLDER
    found = (p.relative_to(root).as_posix() for p in folder.glob("*.json")) if folder.is_dir() else iter(())
    return sorted(rel for rel in found if rel not in expected_files)
