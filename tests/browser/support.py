"""Helpers for the browser tests: launch settings, a quiet static server, a watched page, axe reports."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """A directory served from 127.0.0.1 on a free port, in a thread; yields the origin."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Watched:
    """A page whose console, page errors and requests are all recorded."""

    page: Page
    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.origin + path

    def goto(self, path: str, wait_until: str = "load") -> None:
        response = self.page.goto(self.url(path), wait_until=wait_until)  # type: ignore[arg-type]
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not _same_origin(u, self.origin)]

    def assert_clean(self) -> None:
        """No console errors, no uncaught exceptions, and no request left the site's own origin."""
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.foreign_requests(), f"requests to other hosts: {self.foreign_requests()}"


def _same_origin(url: str, origin: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True  # inline resources, nothing on the network
    parts, own = urlsplit(url), urlsplit(origin)
    return (parts.scheme, parts.netloc) == (own.scheme, own.netloc)


def watch(context: BrowserContext, origin: str) -> Watched:
    page = context.new_page()
    page.set_default_timeout(10_000)
    w = Watched(page=page, origin=origin)

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            w.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_request(req: Request) -> None:
        w.requests.append(req.url)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: w.page_errors.append(str(exc)))
    context.on("request", on_request)  # the context also sees requests from workers
    return w


def axe_report(results: dict) -> str:
    """One line per violation and node, for a readable failure message."""
    lines = []
    for v in results["violations"]:
        for node in v["nodes"]:
            why = node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"{v['id']} ({v['impact']}): {node['target']} - {why}")
    return "\n".join(lines)
