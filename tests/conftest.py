"""Shared fixtures: the project root, the loaded data, a copy-of-the-project factory, the built site."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.model import Atlas, load_atlas

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
PROJECT_PARTS = ("mkdocs.yml", "CHANGELOG.md", "docs", "data", "macros", "overrides", "includes")


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1764288000"})
    return env


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=build_env(), capture_output=True, text=True, check=False)


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project)


# Fixtures that build the whole site: a test using one is a `build` test (`make test-fast` skips them).
BUILD_FIXTURES = frozenset({"site"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the built site `build`; on another engine's output
    (`make test-engines`), skip the tests listed as not applying to it."""
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    engine = os.environ.get("ATLAS_ENGINE")
    if not engine:
        return
    from tests.engine_differences import skipped_tests

    skips = skipped_tests(engine)
    for item in items:
        # A node id names one test (every parameter of it), or a whole test file.
        for key in (item.nodeid, item.nodeid.split("[")[0], item.nodeid.split("::")[0]):
            if key in skips:
                item.add_marker(pytest.mark.skip(reason=f"{engine}: {skips[key]}"))
                break


@functools.cache
def real_atlas() -> Atlas:
    """The project's data, loaded once per process. The exact-output test modules load it at import,
    so mutmut's fork server (which imports the test modules before forking a run per mutant) holds
    it and no mutant's run spends seconds reloading it."""
    return load_atlas(ROOT / "data")


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return real_atlas()


@pytest.fixture(scope="session")
def mini() -> Atlas:
    return load_atlas(MINI / "data")


@pytest.fixture
def project_copy(tmp_path: Path) -> Callable[[], Path]:
    """A throwaway copy of the project (code, pages, data) to mutate freely."""

    def make() -> Path:
        dest = tmp_path / "project"
        for part in PROJECT_PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / part)
        return dest

    return make


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with the strict settings of mkdocs.yml.

    ATLAS_SITE names a site another engine already built (`make test-engines`): the same
    built-site tests then run against that output instead.
    """
    prebuilt = os.environ.get("ATLAS_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out
