"""Regenerate the segmentation golden file: ``python tests/extract/regen_golden.py``.

Run it only after checking that a change in segmentation is intended; the diff of the golden
file is the review.  The tests never write golden files themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

from silkgraph.extract.layout import find_layout_regions
from silkgraph.extract.normalise import normalise
from silkgraph.extract.segment import segment

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SEED = ROOT / "seeds" / "001_137bdf9c89c960ef.txt"
GOLDEN_FILE = Path(__file__).resolve().parent / "golden" / "segments_001.json"


def segmentation_summary(path: Path) -> dict[str, object]:
    """What the golden file pins: issue keys and dates, article keys, sections and titles."""
    norm = normalise(path.read_text(encoding="utf-8"))
    issues, articles = segment(path.stem, norm.text, find_layout_regions(norm.text))
    return {
        "issues": [
            {"key": i.key, "date": i.date.iso() if i.date else None} for i in issues
        ],
        "articles": [
            {
                "key": a.key,
                "section": a.section,
                "title": a.title,
                "source_line": a.source_line,
                "date": a.date.iso() if a.date else None,
            }
            for a in articles
        ],
    }


def main() -> None:
    GOLDEN_FILE.parent.mkdir(parents=True, exist_ok=True)
    summary = segmentation_summary(GOLDEN_SEED)
    GOLDEN_FILE.write_text(
        json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {GOLDEN_FILE} ({len(summary['articles'])} articles)")


if __name__ == "__main__":
    main()
