"""Regenerate the segmentation golden files: ``python tests/extract/regen_golden.py``.

Run it only after checking that a change in segmentation is intended; the diff of the golden
files is the review.  The tests never write golden files themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

from silkgraph.extract.text.layout import find_layout_regions
from silkgraph.extract.text.normalise import normalise
from silkgraph.extract.text.segment import segment

ROOT = Path(__file__).resolve().parents[2]
_GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
#: seed stem -> (seed file, golden file)
GOLDEN = {
    stem: (ROOT / "seeds" / f"{stem}.txt", _GOLDEN_DIR / f"segments_{stem[:3]}.json")
    for stem in ("000_ebff42e7a4c8d0a7", "001_137bdf9c89c960ef")
}


def segmentation_summary(path: Path) -> dict[str, object]:
    """What a golden file pins: issue keys and dates, article keys, sections, titles, sources."""
    norm = normalise(path.read_text(encoding="utf-8"))
    issues, articles = segment(path.stem, norm.text, find_layout_regions(norm.text))
    return {
        "issues": [{"key": i.key, "date": i.date.iso() if i.date else None} for i in issues],
        "articles": [
            {
                "key": a.key,
                "section": a.section,
                "title": a.title,
                "source_line": a.source_line,
                "date": a.date.iso() if a.date else None,
                "opening": norm.text[a.body_start : a.body_start + 20],
            }
            for a in articles
        ],
    }


def main() -> None:
    _GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for seed, golden in GOLDEN.values():
        summary = segmentation_summary(seed)
        golden.write_text(
            json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote {golden} ({len(summary['articles'])} articles)")


if __name__ == "__main__":
    main()
