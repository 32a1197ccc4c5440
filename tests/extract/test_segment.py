"""Segmentation into issues and articles: fixture, invariants on the seeds, and a golden file."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from silkgraph.extract.layout import find_layout_regions
from silkgraph.extract.normalise import normalise
from silkgraph.extract.records import DateValue
from silkgraph.extract.segment import article_date, estimate_issue_date, segment

HERE = Path(__file__).resolve().parent
SEEDS = sorted((HERE.parents[1] / "seeds").glob("*.txt"))
REGEN = HERE / "regen_golden.py"


def _load_regen():  # the regeneration script is the one definition of what the golden pins
    spec = importlib.util.spec_from_file_location("regen_golden", REGEN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _segment(path: Path):
    text = normalise(path.read_text(encoding="utf-8")).text
    regions = find_layout_regions(text)
    return text, regions, *segment(path.stem, text, regions)


def test_fixture_newsletter() -> None:
    text, _, issues, articles = _segment(HERE / "fixtures" / "two_issues.txt")
    assert [i.key for i in issues] == ["two_issues-i1", "two_issues-i2"]
    assert [i.date for i in issues] == [DateValue(2020, 3, 9), DateValue(2020, 6, 1)]
    got = [(a.key, a.section, a.source_line, a.date) for a in articles]
    assert got == [
        ("two_issues-i1-a1", "联盟动态", "（来源：示例新闻网）", DateValue(2020, 3, 5)),
        ("two_issues-i1-a2", "联盟动态", "（示例专题伙伴关系供稿）", DateValue(2020, 3, 9)),
        ("two_issues-i2-a1", "观点与动态", "（来源：示例期刊）", DateValue(2020, 6, 1)),
    ]
    # the title comes from the table of contents, the signature stays in the body
    assert articles[0].title == "示例会议在京召开示例报告发布"
    assert "——示例大学教授张三" in text[articles[2].body_start : articles[2].body_end]


@pytest.mark.parametrize(
    ("seed", "n_issues", "articles_per_issue"),
    [("000_ebff42e7a4c8d0a7", 1, (10, 20)), ("001_137bdf9c89c960ef", 6, (1, 20))],
)
def test_seed_counts_and_invariants(seed: str, n_issues: int, articles_per_issue) -> None:
    _, regions, issues, articles = _segment(next(p for p in SEEDS if p.stem == seed))
    assert len(issues) == n_issues
    assert [i.key for i in issues] == [f"{seed}-i{n}" for n in range(1, n_issues + 1)]
    low, high = articles_per_issue
    for issue in issues:
        mine = [a for a in articles if a.issue_key == issue.key]
        assert low <= len(mine) <= high
        assert [a.key for a in mine] == [f"{issue.key}-a{n}" for n in range(1, len(mine) + 1)]
        for a in mine:
            assert issue.start <= a.start <= a.body_start < a.body_end <= a.end <= issue.end
            assert a.title.strip()
    furniture = [r for r in regions if r.kind in ("toc", "contact", "running_header")]
    for a in articles:
        assert not any(r.start < a.end and a.start < r.end for r in furniture), a.key
    # articles do not overlap each other
    spans = sorted((a.start, a.end) for a in articles)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))


def test_golden_segmentation() -> None:
    regen = _load_regen()
    expected = json.loads(regen.GOLDEN_FILE.read_text(encoding="utf-8"))
    actual = regen.segmentation_summary(regen.GOLDEN_SEED)
    assert actual == expected, (
        "segmentation changed; if intended, run `.venv/bin/python tests/extract/regen_golden.py`"
        " and review the diff of tests/extract/golden/segments_001.json"
    )


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([], None),
        ([DateValue(2019, 7)], None),  # month precision never dates an issue
        ([DateValue(2019, 7, 30), DateValue(2019, 7, 1), DateValue(2019, 8, 8)],
         DateValue(2019, 8, 8)),
        # an announcement months ahead is not the issue's date
        ([DateValue(2019, 9, 24), DateValue(2019, 9, 12), DateValue(2019, 9, 29),
          DateValue(2020, 5, 1)], DateValue(2019, 9, 29)),
        # history (a timeline) is not either
        ([DateValue(2017, 5, 14), DateValue(2021, 4, 20), DateValue(2021, 4, 22),
          DateValue(2021, 3, 13)], DateValue(2021, 4, 22)),
    ],
)
def test_estimate_issue_date(dates: list[DateValue], expected: DateValue | None) -> None:
    assert estimate_issue_date(dates) == expected


@pytest.mark.parametrize(
    ("paragraph", "reference", "expected"),
    [
        ("2019年7月30日，会议在北京召开。", None, DateValue(2019, 7, 30)),
        ("当地时间9月24日上午，圆桌会在纽约召开。", DateValue(2019, 9, 29), DateValue(2019, 9, 24)),
        ("2021年2月，研究院发布了报告。", None, None),  # month precision is not an own date
    ],
)
def test_article_date(
    paragraph: str, reference: DateValue | None, expected: DateValue | None
) -> None:
    assert article_date(paragraph, reference=reference) == expected
