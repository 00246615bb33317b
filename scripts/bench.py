#!/usr/bin/env python3
"""Benchmarks for RSP Atlas, written to BENCHMARKS.md (run through `make bench`; not a test).

1. Lighthouse 12 (pinned in package.json) on one page of each type, served gzipped from 127.0.0.1:
   the four category scores and the transfer size of each page.
2. Build time of the real site against stock Material building the same pages (the Markdown and
   front matter each page has after the macros ran, no macros, no plugins but search, no
   overrides): the two builds in turn, wall and CPU seconds.
3. Build time with synthetic data of 9, 50 and 100 versions (every version pair gets a page).

Options: --skip-lighthouse, --skip-builds, --scales 9,50 (for a quicker run), --repeat N,
--runs N (Lighthouse runs per page, 5 by default; the run with the median performance score is reported).
Raw Lighthouse reports go to bench-results/ (git-ignored). Hand-written notes at the end of
BENCHMARKS.md, below the NOTES marker, are kept.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "BENCHMARKS.md"
RAW = ROOT / "bench-results"
CHROME = "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/",
    "version": "/versions/3.0/",
    "pair (comparison)": "/compare/2.2-vs-3.0/",
    "level": "/levels/asl-3/",
    "explorer": "/thresholds/",
    "threshold": "/thresholds/cbrn-4/",
    "models": "/models/",
    "theory of change (diagram)": "/theory-of-change/",
    "glossary": "/glossary/",
    "current": "/current/",
    "governance": "/governance/",
    "changes (ledger)": "/changes/",
    "cite": "/cite/",
    "data": "/data/",
    "timeline": "/timeline/",
}
NOTES = "<!-- notes: everything below this line is hand-written and kept by scripts/bench.py -->"
BUDGET_KIB = 150
# Targets (issue #13): performance at least 98, the other three categories 100.
TARGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
BUILD_RATIO = 1.2
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "bench-results", "__pycache__", ".pytest_cache", ".ruff_cache"
)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".md", ".csv", ".map", ".mjs"}


# --- a static server that gzips, like GitHub Pages --------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a directory with gzip for text types and GitHub Pages' cache header (max-age=600)."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        root = Path(self.directory).resolve()
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        path = (root / rel).resolve()
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if root not in path.parents or not path.is_file():
            status, path = 404, root / "404.html"
        data = path.read_bytes() if path.is_file() else b"Not found"
        ctype = self.guess_type(str(path))
        gz = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            if path not in self.cache:
                self.cache[path] = gzip.compress(data, compresslevel=6, mtime=0)
            data = self.cache[path]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if gz:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- builds ----------------------------------------------------------------------------------


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764288000"})
    e.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return e


class BuildFailed(RuntimeError):
    def __init__(self, reason: str, output: str) -> None:
        super().__init__(f"{reason}\n{output}")
        self.reason = reason


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        code = result.returncode
        reason = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        print(f"failed in {cwd}: {' '.join(args)} ({reason})\n{result.stderr[-3000:]}", file=sys.stderr, flush=True)
        raise BuildFailed(reason, result.stderr[-3000:])
    return result


def timed_build(project: Path, strict: bool = True) -> tuple[float, Path]:
    site = project / "_site"
    if site.exists():
        shutil.rmtree(site)
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    start = time.perf_counter()
    run([*args, "--strict"] if strict else args, project)
    return time.perf_counter() - start, site


def measured_build(project: Path, strict: bool = True) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build. CPU time (user + system of the finished child)
    hardly moves when other work shares the machine; wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = timed_build(project, strict)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def side_by_side(full: Path, plain: Path, repeat: int) -> dict[str, float]:
    """Full and plain builds in turn, the order swapped every pair (full, plain, plain, full, ...):
    a change in the machine's load hits both alike, and so does the edge the first build of a pair
    has (about 5 % in back-to-back runs of one build against itself). Medians of each, and the
    median of the pairwise CPU ratios."""
    runs = []
    for i in range(repeat):
        if i % 2 == 0:
            f = measured_build(full)
            p = measured_build(plain, strict=False)
        else:
            p = measured_build(plain, strict=False)
            f = measured_build(full)
        runs.append((f, p))
    return {
        "full": statistics.median(f[0] for f, _ in runs),
        "plain": statistics.median(p[0] for _, p in runs),
        "full_cpu": statistics.median(f[1] for f, _ in runs),
        "plain_cpu": statistics.median(p[1] for _, p in runs),
        "ratio_cpu": statistics.median(f[1] / p[1] for f, p in runs),
    }


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    # As `make build` does (Makefile, target bytecode): byte-compiled like the installed packages
    # the plain build runs on.
    compileall.compile_dir(dest / "macros", quiet=1)
    return dest


def page_count(project: Path) -> int:
    return sum(1 for _ in (project / "docs").rglob("*.md"))


# The page's front matter goes along with its Markdown: without it the plain build would index the
# pair pages for search (`search: exclude`), which costs it about 0.4 s of CPU that ours never
# spends, and would flatter the ratio.
DUMP_HOOK = """
import os, pathlib, yaml
def on_page_markdown(markdown, page, **kwargs):
    out = pathlib.Path(os.environ["ATLAS_DUMP"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False) if page.meta else ""
    out.write_text(("---\\n" + meta + "---\\n" if meta else "") + markdown, encoding="utf-8")
    return markdown
"""

PLAIN_CONFIG = """site_name: Plain Material baseline
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def plain_project(work: Path) -> Path:
    """Stock Material with the very Markdown our pages have after the macros ran (hooks run after plugins)."""
    dump_from = copy_project(work / "dump")
    (dump_from / "dump_markdown.py").write_text(DUMP_HOOK, encoding="utf-8")
    with (dump_from / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write("\nhooks:\n  - dump_markdown.py\n")
    plain = work / "plain"
    os.environ["ATLAS_DUMP"] = str(plain / "docs")
    try:
        timed_build(dump_from)
    finally:
        del os.environ["ATLAS_DUMP"]
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return plain


def synthetic(work: Path, versions: int) -> Path:
    """A copy of the project whose data has `versions` versions: the last one cloned with new ids and dates."""
    project = copy_project(work / f"v{versions}")
    vpath, spath = project / "data" / "versions.yml", project / "data" / "sources.yml"
    vdata = yaml.safe_load(vpath.read_text(encoding="utf-8"))
    sdata = yaml.safe_load(spath.read_text(encoding="utf-8"))
    items, last = vdata["items"], vdata["items"][-1]
    old_src = last["links"]["pdf"]
    template = next(s for s in sdata["items"] if s["id"] == old_src)
    major = int(last["id"].split(".")[0])
    effective = dt.date.fromisoformat(str(last["effective"]))
    for k in range(1, versions - len(items) + 1):
        vid = f"{major + k}.0"
        day = (effective + dt.timedelta(days=30 * k)).isoformat()
        src = dict(template, id=f"rsp-{vid}", title=f"Responsible Scaling Policy, Version {vid} (synthetic)")
        src.update(version=vid, date=day, url=f"https://example.org/synthetic/rsp-{vid}.pdf")
        sdata["items"].append(src)
        text = json.dumps(last, default=str).replace(f'"source": "{old_src}"', f'"source": "rsp-{vid}"')
        clone = json.loads(text)
        clone.update(id=vid, effective=day, title=f"Responsible Scaling Policy, Version {vid} (synthetic)")
        clone["links"] = {"pdf": f"rsp-{vid}"}
        items.append(clone)
    if versions < len(vdata["items"]):
        sys.exit(f"the data already has {len(vdata['items'])} versions")
    vpath.write_text(yaml.safe_dump(vdata, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    spath.write_text(yaml.safe_dump(sdata, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    run([sys.executable, "-m", "macros", "gen"], project)
    return project


# --- Lighthouse ------------------------------------------------------------------------------


def lighthouse(url: str, out: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(cmd, env={**env(), "CHROME_PATH": CHROME}, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def misses(report: dict, category: str) -> list[str]:
    """Scored audits below 1 in a category, heaviest first."""
    cat = report["categories"][category]
    refs = sorted((r for r in cat["auditRefs"] if r["weight"] > 0), key=lambda r: -r["weight"])
    out = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if audit["score"] is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            out.append(f"{audit['title']}{value}")
    return out


def biggest_requests(report: dict, n: int = 4) -> list[str]:
    items = report["audits"]["network-requests"]["details"]["items"]
    items = sorted(items, key=lambda i: -i.get("transferSize", 0))[:n]
    return [f"{urlsplit(i['url']).path} {i.get('transferSize', 0) / 1024:.0f} KiB" for i in items]


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one of an even count): one
    whole report, so its scores, weight and misses belong together."""
    ranked = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])
    return ranked[(len(ranked) - 1) // 2]


def bench_lighthouse(site: Path, runs: int = 1) -> list[dict]:
    RAW.mkdir(exist_ok=True)
    rows = []
    with serve(site) as base:
        for name, path in PAGES.items():
            slug = name.split(" ")[0]
            reports = [lighthouse(base + path, RAW / f"lighthouse-{slug}-{k}.json") for k in range(runs)]
            report = median_run(reports)
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
            rows.append(
                {
                    "page": name,
                    "path": path,
                    "scores": scores,
                    "kib": kib,
                    "misses": {c: misses(report, c) for c in CATEGORIES},
                    "biggest": biggest_requests(report),
                    "performance_runs": [round(r["categories"]["performance"]["score"] * 100) for r in reports],
                }
            )
            print(f"lighthouse {path}: {scores} {kib:.0f} KiB", flush=True)
    return rows


# --- report ----------------------------------------------------------------------------------


def tool_version(args: list[str]) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


RESULTS_OPEN, RESULTS_CLOSE = "<!-- bench-results", "-->"


def previous_results() -> dict:
    """The results of earlier runs, kept as JSON in a comment at the end of BENCHMARKS.md."""
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if RESULTS_OPEN not in text:
        return {}
    body = text[text.rindex(RESULTS_OPEN) + len(RESULTS_OPEN) :]
    return json.loads(body[: body.index(RESULTS_CLOSE)])


def environment() -> str:
    return (
        f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"{tool_version([CHROME, '--version'])}, Lighthouse {tool_version([str(LIGHTHOUSE), '--version'])}, "
        f"Node {tool_version(['node', '--version'])}"
    )


def runs_phrase(runs: int) -> str:
    if runs == 1:
        return "one run per page"
    return f"{runs} runs per page, the run with the median performance score shown (each run's in brackets)"


def lighthouse_section(lh: dict) -> list[str]:
    lines = [
        "## Lighthouse",
        "",
        f"Measured {lh['date']} ({lh['env']}). Lighthouse's default mobile run (simulated slow 4G, 4× slower "
        f"CPU), {runs_phrase(lh.get('runs', 1))}, pages served gzipped from 127.0.0.1 by the script's own "
        "server with GitHub Pages' "
        "`Cache-Control: max-age=600`. Transfer is Lighthouse's total byte weight: every request the page "
        "made, compressed.",
        "",
        "| Page | Path | Performance | Accessibility | Best practices | SEO | Transfer (KiB) | Scores on target "
        f"| ≤ {BUDGET_KIB} KiB |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in lh["pages"]:
        s = r["scores"]
        scores_ok = all(s[c] >= TARGET[c] for c in CATEGORIES)
        runs = r.get("performance_runs", [])
        perf = f"{s['performance']} ({', '.join(map(str, runs))})" if len(runs) > 1 else str(s["performance"])
        lines.append(
            f"| {r['page']} | `{r['path']}` | {perf} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {r['kib']:.0f} | {'yes' if scores_ok else '**no**'} | "
            f"{'yes' if r['kib'] <= BUDGET_KIB else '**no**'} |"
        )
    lines += ["", "What fell short, per page (scored audits below 100%, and the largest requests):", ""]
    for r in lh["pages"]:
        missed = [f"{c}: {'; '.join(m)}" for c, m in r["misses"].items() if m]
        if missed or r["kib"] > BUDGET_KIB:
            detail = "; ".join(missed) if missed else "all audits pass"
            lines.append(f"- `{r['path']}`: {detail}. Largest requests: {', '.join(r['biggest'])}.")
    return [*lines, ""]


def builds_section(b: dict) -> list[str]:
    ratio = b["full"] / b["plain"]
    lines = [
        "## Build time against stock Material",
        "",
        f"Measured {b['date']} ({b['env']}). {b['repeat']} runs of `mkdocs build` each, full and plain in turn, "
        "the order swapped every pair (full, plain, plain, full, …), so that a change in the machine's load and "
        "the first build's edge hit both alike; medians. "
        "*Full*: this project as it is (`--strict`, macros, glossary tooltips on every page, overrides, all "
        "plugins). *Plain*: a throwaway project with the same pages, each holding the Markdown it has after our "
        "macros ran and its front matter (title, description, `search: exclude`), built by stock Material with "
        "only the search plugin and common Markdown extensions (no macros, no tooltip extension, no overrides). "
        "*CPU*: user + system seconds of the build process, which other work on a shared machine hardly moves; "
        "wall seconds do move.",
        "",
    ]
    if "full_cpu" not in b:  # a result recorded before CPU time was measured
        lines += [
            "| Build | Pages | Seconds | Seconds per page |",
            "|---|---:|---:|---:|",
            f"| Full | {b['pages']} | {b['full']:.1f} | {b['full'] / b['pages']:.3f} |",
            f"| Plain Material | {b['pages']} | {b['plain']:.1f} | {b['plain'] / b['pages']:.3f} |",
            "",
            f"Ratio: **{ratio:.2f}×** (target ≤ {BUILD_RATIO}×: {'met' if ratio <= BUILD_RATIO else '**missed**'}).",
            "",
        ]
        return lines
    cpu = b["ratio_cpu"]
    return [
        *lines,
        "| Build | Pages | Wall seconds | CPU seconds | CPU seconds per page |",
        "|---|---:|---:|---:|---:|",
        f"| Full | {b['pages']} | {b['full']:.1f} | {b['full_cpu']:.1f} | {b['full_cpu'] / b['pages']:.3f} |",
        f"| Plain Material | {b['pages']} | {b['plain']:.1f} | {b['plain_cpu']:.1f} | "
        f"{b['plain_cpu'] / b['pages']:.3f} |",
        "",
        f"Ratio, CPU (median of the paired runs): **{cpu:.2f}×**; wall (ratio of medians): **{ratio:.2f}×**. "
        f"Target ≤ {BUILD_RATIO}×: CPU {'met' if cpu <= BUILD_RATIO else '**missed**'}, "
        f"wall {'met' if ratio <= BUILD_RATIO else '**missed**'}.",
        "",
    ]


def scales_section(scales: dict) -> list[str]:
    lines = [
        "## Scaling with the number of versions",
        "",
        "Synthetic data: the last real version cloned with new ids (4.0, 5.0, …), dates 30 days apart and a "
        "new source entry each, then `python -m macros gen` and one `mkdocs build --strict`. Every pair of "
        "versions has a comparison page, so pages grow with the square of the versions.",
        "",
        "| Versions | Pages | Build (s) | Seconds per page | Site size (MiB) | Search index (MiB) | Measured |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key in sorted(scales, key=int):
        s = scales[key]
        if "failed" in s:
            lines.append(f"| {key} | {s['pages']} | {s['failed']} | | | | {s['date']} |")
        else:
            lines.append(
                f"| {key} | {s['pages']} | {s['seconds']:.1f} | {s['seconds'] / s['pages']:.3f} | "
                f"{s['site_mib']:.1f} | {s['index_mib']:.1f} | {s['date']} |"
            )
    return [*lines, ""]


def write_report(results: dict) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`npm ci` when the lock changed, `make build`, then "
        "`.venv/bin/python scripts/bench.py`). Partial runs (`--skip-lighthouse`, `--skip-builds`, "
        "`--scales 9,50`) update only their own sections; each section says when and where it was measured. "
        "One run on one shared machine: treat differences under ~10% as noise.",
        "",
        f"Targets: Lighthouse performance at least {TARGET['performance']}, accessibility, best practices and SEO "
        f"100; at most {BUDGET_KIB} KiB transferred per page; a full "
        f"build at most {BUILD_RATIO}× a stock Material build of the same pages.",
        "",
    ]
    if "lighthouse" in results:
        lines += lighthouse_section(results["lighthouse"])
    if "builds" in results:
        lines += builds_section(results["builds"])
    if results.get("scales"):
        lines += scales_section(results["scales"])
    # Hand-written analysis below the marker survives re-runs; the raw results close the file.
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else f"{NOTES}\n"
    if RESULTS_OPEN in notes:
        notes = notes[: notes.rindex(RESULTS_OPEN)]
    raw = f"{RESULTS_OPEN}\n{json.dumps(results, indent=1, sort_keys=True)}\n{RESULTS_CLOSE}\n"
    OUT.write_text("\n".join(lines) + "\n" + notes.rstrip("\n") + "\n\n" + raw, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", flush=True)


def dir_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--skip-builds", action="store_true")
    ap.add_argument("--scales", default="9,50,100", help="comma-separated version counts ('' to skip)")
    ap.add_argument("--repeat", type=int, default=8, help="runs per build for the plain comparison")
    # Lighthouse's own guidance (docs/variability.md): the median of five runs is about twice as
    # stable as one run. On this project's shared two-core machines one run moved a page by up to 13 points.
    ap.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (the median one is reported)")
    opts = ap.parse_args()

    results = previous_results()
    today, where = dt.date.today().isoformat(), environment()
    try:
        if not opts.skip_lighthouse:
            if not LIGHTHOUSE.exists():
                sys.exit("Lighthouse is missing: run `npm ci` (make bench does)")
            site = ROOT / "site"
            if not (site / "index.html").exists():
                run([sys.executable, "-m", "mkdocs", "build", "--strict"], ROOT)
            pages = bench_lighthouse(site, opts.runs)
            results["lighthouse"] = {"date": today, "env": where, "runs": opts.runs, "pages": pages}
            write_report(results)
        with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
            work = Path(tmp)
            if not opts.skip_builds:
                full = copy_project(work / "full")
                plain = plain_project(work)
                pages = page_count(full)
                assert page_count(plain) == pages, (page_count(plain), pages)
                timed_build(full)  # warm-ups (file cache, imports): not counted
                timed_build(plain, strict=False)
                b = side_by_side(full, plain, opts.repeat)
                results["builds"] = {"date": today, "env": where, "repeat": opts.repeat, "pages": pages, **b}
                print(
                    f"build: {pages} pages, full {b['full']:.1f}s ({b['full_cpu']:.1f}s CPU), plain {b['plain']:.1f}s "
                    f"({b['plain_cpu']:.1f}s CPU), CPU ratio {b['ratio_cpu']:.2f}",
                    flush=True,
                )
                shutil.rmtree(full)
                write_report(results)
            for n in (int(x) for x in opts.scales.split(",") if x.strip()):
                project = synthetic(work, n)
                row: dict = {"date": today, "env": where, "pages": page_count(project)}
                try:
                    seconds, site = timed_build(project)
                except BuildFailed as exc:
                    row["failed"] = f"failed: {exc.reason}"
                else:
                    index = site / "search" / "search_index.json"
                    row.update(seconds=seconds, site_mib=dir_mib(site), index_mib=index.stat().st_size / 2**20)
                results.setdefault("scales", {})[str(n)] = row
                print(f"scale {n}: {row}", flush=True)
                shutil.rmtree(project)
                write_report(results)
    finally:
        write_report(results)


if __name__ == "__main__":
    main()
