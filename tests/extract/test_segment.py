"""Segmentation into issues and articles: fixture, invariants on the seeds, and a golden file."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from silkgraph.extract.records import DateValue
from silkgraph.extract.text.layout import find_layout_regions
from silkgraph.extract.text.normalise import normalise
from silkgraph.extract.text.segment import article_date, estimate_issue_date, segment

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
    # titles come from the table of contents, one entry per line; the signature stays in the body
    assert [a.title for a in articles[:2]] == ["示例会议在京召开", "示例报告发布"]
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


@pytest.mark.parametrize("seed", ["000_ebff42e7a4c8d0a7", "001_137bdf9c89c960ef"])
def test_golden_segmentation(seed: str) -> None:
    regen = _load_regen()
    seed_path, golden = regen.GOLDEN[seed]
    expected = json.loads(golden.read_text(encoding="utf-8"))
    actual = regen.segmentation_summary(seed_path)
    assert actual == expected, (
        "segmentation changed; if intended, run `.venv/bin/python tests/extract/regen_golden.py`"
        f" and review the diff of {golden.relative_to(HERE.parents[1])}"
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


# Tiny newsletters in the seeds' layout: a masthead, a table of contents, pages separated by two
# blank lines, banners, source lines, and a contact block that closes the issue.
_HEAD = "示例联盟秘书处\n\n"
_END = "\n\n\n更多信息，欢迎点击\n\n联系秘书处\n\n示例联盟由多个合作伙伴共同发起成立。"


def _articles(body: str):
    text = normalise(_HEAD + body + _END).text
    issues, articles = segment("t", text, find_layout_regions(text))
    return text, issues, articles


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two titles on one table-of-contents line: cut after the first headline's verb
        (
            "示例联盟第二次工作协调会在京召开示例中心发布城市报告\n\n联盟动态\n\n\n联盟动态\n\n"
            "2020年3月5日，示例联盟第二次工作协调会在北京召开。会议讨论了年度计划。\n\n"
            "（来源：示例新闻网）\n\n2020年3月9日，示例中心在上海发布城市报告。报告提出五项建议。"
            "\n\n（来源：示例日报）",
            [("示例联盟第二次工作协调会在京召开", "联盟动态"),
             ("示例中心发布城市报告", "联盟动态")],
        ),
        # a notice ("将于" + "会议时间：") on a page with two banners is an 活动预告 of its own
        (
            "联盟动态\n\n2020年10月28日，示例企业座谈会在北京召开。会议交流了示范项目。\n\n"
            "示例联盟年度交流会将于2020年12月2日在深圳召开。\n\n会议时间：2020年12月2日\n\n"
            "会议地点：深圳\n\n活动预告\n\n联盟动态",
            [("示例企业座谈会在北京召开", "联盟动态"),
             ("示例联盟年度交流会将于2020年12月2日在深圳召开", "活动预告")],
        ),
        # a page-top paragraph that opens with a table-of-contents entry starts an article
        (
            "示例咨询委员会会议在深圳召开\n\n示例指南研究项目启动会在北京召开\n\n联盟动态\n\n\n"
            "联盟动态\n\n2020年12月3日，示例咨询委员会会议在深圳召开。代表们肯定了工作成效。\n\n\n"
            "示例指南研究项目启动会于2020年12月10日在北京举行。专家出席会议并致辞。",
            [("示例咨询委员会会议在深圳召开", "联盟动态"),
             ("示例指南研究项目启动会在北京召开", "联盟动态")],
        ),
        # a title standing after its article; a name/title signature line is never a title
        (
            "2019年4月25日至27日，第二届示例高峰论坛在北京召开。论坛取得丰硕成果。\n\n"
            "第二届示例高峰论坛在京召开\n\n\n联盟动态\n\n2019年4月26日，示例对话在北京举行。\n\n"
            "联合国欧洲经济委员会执行秘书\n\n奥尔加·阿尔加耶罗瓦",
            [("第二届示例高峰论坛在京召开", None), ("示例对话在北京举行", "联盟动态")],
        ),
    ],
)
def test_titles_and_sections(body: str, expected: list[tuple[str, str | None]]) -> None:
    _, _, articles = _articles(body)
    assert [(a.title, a.section) for a in articles] == expected


@pytest.mark.parametrize(
    ("body", "n_articles", "source_line", "kept"),
    [
        # a source bracket left open goes on over the next line
        (
            "观点与动态\n\n示例期刊刊登新文，分析了绿色投资对环境的影响。\n\n（来源：示例期刊，\n\n"
            "原文链接https://example.org/a1）",
            1, "（来源：示例期刊，原文链接https://example.org/a1）", "示例期刊刊登新文",
        ),
        # an untitled, undated fragment repeating the source line is the article's other column
        (
            "专题工作进展\n\n2020年11月13日，示例伙伴关系第二次研讨会在雄安召开。会议介绍了节水项目。"
            "\n\n（示例伙伴关系供稿）\n\n培训邀请了多家单位的专家授课，并组织了现场教学。\n\n"
            "（示例伙伴关系供稿）",
            1, "（示例伙伴关系供稿）", "培训邀请了多家单位的专家授课",
        ),
        # a pull-quote after a banner that closed its page goes on the article the banner cut
        (
            "联盟动态\n\n2020年10月23日，示例伙伴关系在奥斯陆启动。各方代表出席了边会。\n\n"
            "联盟动态\n\n\n海洋是气候变化的受害者，也能提供解决方案。\n\n——示例基金会主席张三\n\n"
            "（供稿：示例协会）",
            1, "（供稿：示例协会）", "——示例基金会主席张三",
        ),
    ],
)
def test_article_extent(body: str, n_articles: int, source_line: str, kept: str) -> None:
    text, _, articles = _articles(body)
    assert len(articles) == n_articles
    assert articles[-1].source_line == source_line
    assert kept in text[articles[-1].start : articles[-1].end]


def test_issue_without_a_year_is_dated_from_its_neighbour() -> None:
    second = (
        _END + "\n\n\n" + _HEAD + "示例圆桌会于当地时间9月24日上午在纽约召开。各方交流了经验。"
    )
    _, issues, articles = _articles(
        "联盟动态\n\n2019年8月8日，示例报告在北京发布。报告提出三项建议。\n\n（来源：示例网）"
        + second
    )
    assert [i.date for i in issues] == [DateValue(2019, 8, 8), DateValue(2019, 9, 24)]
    assert articles[-1].date == DateValue(2019, 9, 24)


def test_timeline_stays_one_article_with_its_dates() -> None:
    from silkgraph.extract.text.dates import find_dates

    entries = ["2017年5月14日北京", "首届示例合作高峰论坛", "2019年4月25日北京",
               "示例联盟第一次全体会议", "2020年12月3日深圳", "示例创新大会"]
    text, _, articles = _articles(
        "联盟动态\n\n2021年4月22日，示例会议在北京召开。会议讨论了年度计划。\n\n（来源：示例网）\n\n\n"
        "示例联盟启动两周年大事记\n\n示例联盟自2019年4月启动以来，已有150余家合作伙伴。\n\n"
        + "\n\n".join(entries)
    )
    assert [a.title for a in articles] == ["示例会议在北京召开", "示例联盟启动两周年大事记"]
    timeline = articles[-1]
    found = find_dates(text[timeline.start : timeline.end], reference=timeline.date)
    assert [m.begin for m in found if m.begin.precision == "day"] == [
        DateValue(2017, 5, 14), DateValue(2019, 4, 25), DateValue(2020, 12, 3)
    ]
