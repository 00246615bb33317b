"""Content-Security-Policy: every built page carries one, and it allows every script the page runs.

Pages built from overrides/main.html share one policy with no 'unsafe-inline' for scripts; the
redirect pages (macros/redirects.py) allow only their own one-line script, by hash. The browser
side (no violation fires, the interactive parts still work) is tests/browser/test_content_policy.py."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import redirects
from tests.conftest import ROOT

# Script types a browser executes (an empty or missing type is JavaScript).
EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def parse_policy(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in text.split(";"):
        name, *values = part.split()
        assert name not in out, f"directive {name} given twice"
        out[name] = values
    return out


def policy_of(soup: BeautifulSoup) -> tuple[dict[str, list[str]], int]:
    """The page's policy, and the position of its <meta> among the head's elements."""
    metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    assert len(metas) == 1, f"{len(metas)} CSP <meta> elements"
    head = soup.head
    assert head is not None and metas[0].parent is head, "the CSP <meta> must be in <head>"
    return parse_policy(metas[0]["content"]), list(head.find_all(True, recursive=False)).index(metas[0])


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def blocked_scripts(soup: BeautifulSoup, policy: dict[str, list[str]]) -> list[str]:
    """Executable inline scripts and inline event handlers the policy would block."""
    allowed = policy.get("script-src", policy.get("default-src", []))
    inline_ok = "'unsafe-inline'" in allowed and not any(v.startswith(("'sha", "'nonce")) for v in allowed)
    out = []
    for script in soup.find_all("script"):
        if script.get("type", "").strip().lower() not in EXECUTABLE:
            continue  # data blocks such as Material's __config JSON never run
        if script.get("src"):
            src = script["src"]
            assert not re.match(r"(?i)\s*(https?:)?//", src), f"third-party script {src}"
            continue
        if not inline_ok and sha256(script.string or "") not in allowed:
            out.append((script.string or "")[:60])
    for el in soup.find_all(True):
        out += [f"{el.name} {a}=" for a in el.attrs if a.lower().startswith("on")]
        out += [
            f"{el.name} {a}=javascript:"
            for a in ("href", "src", "action")
            if str(el.get(a, "")).startswith("javascript:")
        ]
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_the_policy_first_and_runs_no_blocked_script(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 50
    problems = []
    for path in pages:
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        policy, position = policy_of(soup)
        if text.startswith(f"<!doctype html>\n{redirects.MARKER}\n"):  # a redirect page
            assert policy["default-src"] == ["'none'"], rel
        else:
            assert policy == SITE_POLICY, rel
        # Only <meta charset> may come before it: nothing that loads or runs.
        before = soup.head.find_all(True, recursive=False)[:position]
        assert all(el.name == "meta" for el in before), (rel, [el.name for el in before])
        problems += [f"{rel}: {p}" for p in blocked_scripts(soup, policy)]
    assert problems == []


def test_the_check_catches_an_inline_script() -> None:
    page = "<html><head><meta http-equiv='Content-Security-Policy' content=\"script-src 'self'\"></head>"
    soup = BeautifulSoup(page + "<body><script>go()</script><a onclick='x()'>a</a></body></html>", "html.parser")
    policy, _ = policy_of(soup)
    assert blocked_scripts(soup, policy) == ["go()", "a onclick="]
    ok = soup.new_tag("script")
    ok.string = "go()"
    policy["script-src"].append(sha256("go()"))
    soup.body.find("script").replace_with(ok)
    assert blocked_scripts(soup, policy) == ["a onclick="]


@pytest.mark.parametrize(("new", "has_script"), [("glossary.md", True), ("glossary.md#term", False)])
def test_redirect_page_policy_allows_exactly_its_script(new: str, has_script: bool) -> None:
    soup = BeautifulSoup(redirects.page("old.md", new, "https://example.org/"), "html.parser")
    policy, position = policy_of(soup)
    assert position == 1  # right after <meta charset>
    assert blocked_scripts(soup, policy) == []
    assert ("script-src" in policy) == has_script
    if has_script:
        assert policy["script-src"] == [sha256(soup.script.string)]


def test_material_inline_scripts_are_all_overridden() -> None:
    """Every partial of Material's that writes an inline <script> is replaced by a file under
    docs/assets/csp/, or is one this site does not use (announce, outdated, consent)."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = ROOT / "overrides" / "partials" / "javascripts"
    unused = {"announce.html", "outdated.html", "consent.html"}
    for partial in partials.glob("*.html"):
        if partial.name in unused:
            continue
        override = ours / partial.name
        assert override.exists(), f"{partial.name} would write an inline script"
        assert re.search(r"<script src=\"\{\{ 'assets/csp/[\w-]+\.js' \| url \}\}\"></script>", override.read_text())
