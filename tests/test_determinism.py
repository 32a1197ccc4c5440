"""Same input, same IRIs, same triples: two builds export byte-identical sorted N-Quads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ebff42e7a4c8d0a7.txt"


def silkgraph(*args: str) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "silkgraph", *args], capture_output=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_two_builds_export_byte_identical_nquads(tmp_path: Path) -> None:
    exports = []
    for name in ("first", "second"):
        store = tmp_path / name / "store"
        silkgraph("build", str(SEED), "--store", str(store), "--no-progress")
        exports.append(silkgraph("export", "--store", str(store), "--format", "nquads"))
    assert exports[0] == exports[1]
    lines = exports[0].decode().splitlines()
    assert lines == sorted(lines) and len(lines) > 1000
    assert not any("_:" in line.split(" ", 1)[0] for line in lines), "no blank nodes"


def test_the_seed_build_matches_the_exported_store(tmp_path: Path) -> None:
    """What the mapping produces is exactly what the store returns (no datatype rewriting)."""
    from silkgraph.build import extract_all, graph_quads
    from silkgraph.graph.store import sorted_nquads

    quads = graph_quads(extract_all([SEED]))
    store = tmp_path / "store"
    silkgraph("build", str(SEED), "--store", str(store), "--no-progress")
    assert silkgraph("export", "--store", str(store)) == sorted_nquads(quads)
