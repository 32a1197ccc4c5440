"""Layout recognition on tiny newsletters: what is furniture, what is prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.extract.text.layout import canonical_section, find_layout_regions, split_lines
from silkgraph.extract.text.normalise import normalise

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(r.kind, text[r.start : r.end]) for r in find_layout_regions(text)]


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("绿色丝路新闻", "绿色丝路新闻"),
        ("联盟动态联盟动态联盟动态", "联盟动态"),
        ("观点与动 态", "观点与动态"),
        ("观点", "观点"),
        ("伙伴动态", "伙伴动态"),
        ("活动预告", "活动预告"),
        ("动态", "联盟动态"),
        ("联盟动态是联盟的工作简报", None),
        ("绿色丝路新闻报道了会议", None),
    ],
)
def test_section_banners(line: str, canonical: str | None) -> None:
    assert canonical_section(line) == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a masthead followed directly by prose: no table of contents
        (
            "示例联盟秘书处\n\n2020年3月5日，会议在北京召开。",
            [("running_header", "示例联盟秘书处")],
        ),
        # a masthead followed by a list of titles and banners: a table of contents
        (
            "示例联盟秘书处\n\n示例会议在京召开\n\n联盟动态\n\n示例报告发布\n\n\n联盟动态\n\n正文。",
            [
                ("running_header", "示例联盟秘书处"),
                ("toc", "示例会议在京召开\n\n联盟动态\n\n示例报告发布"),
                ("section_header", "联盟动态"),
            ],
        ),
        # a contact block runs from its first label to the end of its page
        (
            "正文。\n\n\n电话：010-1234567\n\n更多信息，欢迎点击\n\n联盟由多方共同发起成立。\n\n\n下一页。",
            [("contact", "电话：010-1234567\n\n更多信息，欢迎点击\n\n联盟由多方共同发起成立。")],
        ),
        # a signature and the pull-quote it signs form a quote box
        (
            "正文第一段。\n\n我们要凝聚共识，推动落实。\n\n——示例部部长李四",
            [("quote_box", "我们要凝聚共识，推动落实。\n\n——示例部部长李四")],
        ),
        # prose that merely opens with a dash is not a signature
        ("——坚持绿色发展。绿水青山就是金山银山。", []),
        # captions and page numbers
        ("正文。\n\n图为水电站航拍全景\n\n12\n\n正文。", [
            ("caption", "图为水电站航拍全景"),
            ("page_furniture", "12"),
        ]),
    ],
)
def test_regions_on_tiny_texts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text) == expected


def test_repeated_short_line_is_a_running_header() -> None:
    text = "正文一。\n\n\n示例页眉\n\n正文二。\n\n\n示例页眉\n\n正文三。\n\n\n示例页眉\n\n正文四。"
    assert [k for k, _ in _kinds(text)] == ["running_header"] * 3


def test_fixture_newsletter_layout() -> None:
    text = normalise((FIXTURES / "two_issues.txt").read_text(encoding="utf-8")).text
    kinds = [k for k, _ in _kinds(text)]
    assert kinds.count("running_header") == 2
    assert kinds.count("contact") == 2
    assert kinds.count("toc") == 1  # the second issue opens without one
    assert ("section_header", "观点与动态") in _kinds(text)


def test_split_lines_tracks_pages_and_paragraphs() -> None:
    lines = split_lines("标题\n正文\n\n第二段\n\n\n下一页")
    assert [(x.text, x.page, x.paragraph_start, x.page_start) for x in lines] == [
        ("标题", 0, True, True),
        ("正文", 0, False, False),
        ("第二段", 0, True, False),
        ("下一页", 1, True, True),
    ]
