"""The hash-locked requirements agree with the pins they were resolved from."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)", re.M)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    return {_norm(m.group(1)): m.group(2) for m in PIN.finditer(text)}


def lock_problems(source: str, lock: str) -> list[str]:
    """Pins of the .in file the lock does not carry, and lock entries without a hash."""
    want, have = pins(source), pins(lock)
    problems = [f"{name}=={v}: lock has {have.get(name, 'nothing')}" for name, v in want.items() if have.get(name) != v]
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock):
        m = PIN.match(block)
        if m and "--hash=sha256:" not in block:
            problems.append(f"{m.group(1)}=={m.group(2)}: no hash")
    return problems


def test_every_lock_matches_its_pins_and_carries_hashes():
    sources = sorted(ROOT.glob("requirements*.in"))
    assert [p.name for p in sources] == ["requirements-properdocs.in", "requirements-zensical.in", "requirements.in"]
    for src in sources:
        lock = src.with_suffix(".lock")
        problems = lock_problems(src.read_text(encoding="utf-8"), lock.read_text(encoding="utf-8"))
        assert problems == [], f"{lock.name} is stale (run `make lock`): {problems}"


def test_lock_check_catches_a_bumped_pin_and_a_missing_hash():
    lock = "a-b==1.0 \\\n    --hash=sha256:00\nc==2.0\n"
    assert lock_problems("A_b==1.1\nc==2.0\n", lock) == ["a-b==1.1: lock has 1.0", "c==2.0: no hash"]
