"""The build holds on text it was not written for: every article we have, seeds included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [
    "seeds",
    "tests/devset/texts",
    "tests/heldout/texts",
    "tests/heldout2/texts",
    "tests/extract/fixtures/unseen",
    "tests/extract/fixtures/unseen_events",
    "tests/extract/fixtures/unseen_relations",
]


def test_every_text_builds_into_a_valid_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = subprocess.run(
        [sys.executable, "-m", "silkgraph", "build", *FOLDERS, "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert store.is_symlink()
    assert "built" in result.stdout and "articles" in result.stdout
