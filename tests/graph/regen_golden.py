"""Regenerate tests/graph/golden/tiny.nq from the tiny records, by hand after a deliberate change.

    .venv/bin/python tests/graph/regen_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tiny_records import GOLDEN, tiny_extraction, tiny_gazetteer

from silkgraph.graph.mapping import corpus_quads
from silkgraph.graph.store import sorted_nquads

if __name__ == "__main__":
    GOLDEN.write_bytes(sorted_nquads(corpus_quads(tiny_gazetteer(), [tiny_extraction()])))
    print(f"wrote {GOLDEN}")
