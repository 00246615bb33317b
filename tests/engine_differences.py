"""Every difference between engines' outputs that the project accepts — the one list, each with its reason.

`make test-engines` builds the site with MkDocs (the reference), ProperDocs and Zensical, then runs
the built-site tests on each output and compares it with the reference (tests/test_engines.py).
Only what is listed here may differ; anything else fails, and so does an entry that no longer
matches any real difference (so the list cannot go stale).

Pages are compared by what a reader and a citation tool get — the article text, the links in it,
the title, the description, the citation and Dublin Core meta tags, the canonical URL and the feed
link — not by the theme's chrome around them: each engine ships its own build of the theme.
Files copied from docs/ (feed, data exports, llms.txt, redirect pages) must be byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch


@dataclass(frozen=True)
class Accepted:
    engines: tuple[str, ...]
    kind: str  # "missing": only the reference has it; "extra": only the engine has it;
    #            "differs": both have it, contents differ; "id": an element id the engine adds to
    #            pages; "line": a regex of text that may differ in byte-compared files;
    #            "test": a test that does not apply
    pattern: str  # a path glob under the site root, or a pytest node id (or test file) for kind "test"
    reason: str


# How each engine's output is compared with the MkDocs build: "bytes" (every file identical, after
# the "line" entries below) or "content" (pages by content, as described above).
COMPARISON = {"properdocs": "bytes", "zensical": "content"}

ACCEPTED: tuple[Accepted, ...] = (
    Accepted(
        ("properdocs",),
        "line",
        r'<meta name="generator" content="[^"]*">',
        "the generator tag names the engine (ProperDocs is otherwise a byte-identical drop-in)",
    ),
    Accepted(
        ("zensical",),
        "id",
        "__skip",
        "Zensical's skip-to-content link targets an anchor it puts at the top of the article",
    ),
    Accepted(
        ("zensical",),
        "missing",
        "assets/javascripts/*",
        "Zensical ships its own build of the theme's scripts (other fingerprints, no source maps, no lunr)",
    ),
    Accepted(
        ("zensical",),
        "missing",
        "assets/javascripts/*/*",
        "as above: Material's lunr language packs and search worker",
    ),
    Accepted(
        ("zensical",),
        "missing",
        "assets/javascripts/*/*/*",
        "as above: lunr's minified language files",
    ),
    Accepted(
        ("zensical",), "missing", "assets/stylesheets/*", "Zensical's own stylesheets, under classic/ and modern/"
    ),
    Accepted(("zensical",), "extra", "assets/javascripts/*", "Zensical's own bundle, search worker and licence file"),
    Accepted(("zensical",), "extra", "assets/javascripts/*/*", "as above: Zensical's search worker"),
    Accepted(("zensical",), "extra", "assets/stylesheets/*/*", "Zensical's classic and modern stylesheets"),
    Accepted(
        ("zensical",),
        "missing",
        "search/search_index.json",
        "Zensical's search reads its own index, search.json, with another layout",
    ),
    Accepted(("zensical",), "extra", "search.json", "Zensical's search index"),
    Accepted(("zensical",), "missing", "sitemap.xml.gz", "Zensical writes no gzipped copy of the sitemap"),
    Accepted(
        ("zensical",),
        "differs",
        "sitemap.xml",
        "Zensical omits <lastmod> and indents differently; the same URLs are listed (checked separately)",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_interactions.py::test_search_finds_a_known_term",
        "drives Material's search form and result list, which Zensical replaces with its own search UI",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_interactions.py::test_search_index_waits_for_the_reader",
        "waits for Material's search/search_index.json; Zensical loads search.json its own way",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_content_policy.py::test_search_works_under_the_policy",
        "drives Material's search form and result list, which Zensical replaces with its own search UI",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_change_ledger.py::test_a_link_to_an_entry_far_down_lands_on_it_on_a_phone",
        "Zensical's theme does not scroll to a #fragment on first load, for any anchor (a plain heading far"
        " down /governance/ stays off screen too); MkDocs' Material does",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_view_as.py::test_a_link_to_an_older_provision_state_opens_its_fold",
        "Zensical's theme does not scroll to a #fragment on first load, for any anchor (see the entry above);"
        " the fold itself opens",
    ),
    Accepted(
        ("zensical",),
        "test",
        "tests/browser/test_search.py",
        "ranks results in Material's search form and result list (lunr); Zensical has its own search UI and index",
    ),
)


def matches(pattern: str, path: str) -> bool:
    """A glob per path segment: ``*`` never crosses a ``/``."""
    pat, parts = pattern.split("/"), path.split("/")
    return len(pat) == len(parts) and all(fnmatch(p, q) for p, q in zip(parts, pat, strict=True))


def accepted(engine: str, kind: str, path: str) -> Accepted | None:
    for entry in ACCEPTED:
        if engine in entry.engines and entry.kind == kind and matches(entry.pattern, path):
            return entry
    return None


def ignored_ids(engine: str) -> set[str]:
    return {e.pattern for e in ACCEPTED if e.kind == "id" and engine in e.engines}


def line_patterns(engine: str) -> list[Accepted]:
    return [e for e in ACCEPTED if e.kind == "line" and engine in e.engines]


def skipped_tests(engine: str) -> dict[str, str]:
    """Node id → reason, for the tests that do not apply to this engine's output."""
    return {e.pattern: e.reason for e in ACCEPTED if e.kind == "test" and engine in e.engines}
