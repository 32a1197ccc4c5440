"""Fixtures shared across stages: the seed store is built once per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a fresh interpreter, as a user would."""
    result = subprocess.run(
        [sys.executable, "-m", "silkgraph", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"silkgraph {' '.join(args)} failed:\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from both seed newsletters with the real CLI (slow: built once)."""
    store = tmp_path_factory.mktemp("seed") / "store"
    run_cli("build", str(SEEDS), "--store", str(store), "--no-progress")
    return store
