"""Title choice: cutting table-of-contents lines, scoring candidates, fallback titles."""

from __future__ import annotations

import pytest

from silkgraph.extract.text.headlines import (
    Candidate,
    choose_titles,
    fallback_title,
    names_a_person,
    split_points,
    toc_pieces,
)


@pytest.mark.parametrize(
    ("line", "openings", "pieces"),
    [
        # a headline verb followed by a further title
        (
            "示例联盟第二次工作协调会在京召开联盟重要活动安排",
            ["2019年7月30日，示例联盟第二次工作协调会在北京召开。"],
            ["示例联盟第二次工作协调会在京召开", "联盟重要活动安排"],
        ),
        # no verb between the titles: the second opening's distinctive words mark the cut
        (
            "示例特使王毅出席联合国气候行动峰会，表示将共建绿色之路韩正出席第十六届博览会开幕式",
            [
                "当地时间9月23日，示例特使王毅在纽约出席联合国气候行动峰会。",
                "第十六届博览会9月21日开幕。韩正出席第十六届博览会开幕式并演讲。",
            ],
            [
                "示例特使王毅出席联合国气候行动峰会，表示将共建绿色之路",
                "韩正出席第十六届博览会开幕式",
            ],
        ),
        # verbs that name a thing (开幕式, 发布会) or take an object (签署《…》) never cut
        ("示例银行签署《示例绿色投资原则》", [], []),
        ("示例博览会开幕式在南宁举行", [], []),
        # one title whose words all come from one opening stays whole
        (
            "十四五规划及2035年远景目标，推动共建示例高质量发展",
            ["2021年3月13日，十四五规划及2035年远景目标纲要对外公布，提出推动共建示例高质量发展。"],
            [],
        ),
    ],
)
def test_toc_line_pieces(line: str, openings: list[str], pieces: list[str]) -> None:
    cuts = split_points(line, openings)
    got = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)] if cuts else []
    assert got == pieces


def test_each_article_gets_its_own_piece_of_a_joined_line() -> None:
    openings = [
        "2019年11月22日，习近平会见出席创新经济论坛的外方代表，强调加强创新合作。",
        "国务院总理李克强11月4日在曼谷出席东盟与中日韩领导人会议，表示做好倡议对接。",
    ]
    line = (
        "习近平会见创新经济论坛外方代表：加强创新合作李克强出席东盟与中日韩领导人会议：做好倡议对接"
    )
    picked = choose_titles(openings, toc_pieces(line, 0, openings))
    assert [c.text if c else None for c in picked] == [
        "习近平会见创新经济论坛外方代表：加强创新合作",
        "李克强出席东盟与中日韩领导人会议：做好倡议对接",
    ]


def test_common_words_do_not_make_a_title() -> None:
    """A timeline's title shares only "一带一路…联盟" with an opinion piece: not its title."""
    openings = [
        "“一带一路”绿色发展国际联盟启动以来，已有150余家合作伙伴。",
        "“一带一路”是最大的投资计划，重点转向风能和太阳能，“一带一路”绿色发展大有可为。",
    ]
    candidates = [Candidate("“一带一路”绿色发展国际联盟两周年大事记", 0, (0, 20), toc=True)]
    assert choose_titles(openings, candidates) == [candidates[0], None]


def test_untitled_article_takes_the_neighbouring_entry_of_an_ordered_toc() -> None:
    openings = [
        "示例甲会议在北京召开，讨论了年度计划。",
        "风能和太阳能是最大的机会。",
        "示例丙报告在上海发布。",
    ]
    lines = ["示例甲会议在北京召开", "示例专家：中国有决心实现绿色发展", "示例丙报告在沪发布"]
    candidates = [c for n, line in enumerate(lines) for c in toc_pieces(line, n, openings)]
    picked = choose_titles(openings, candidates)
    assert [c.text if c else None for c in picked] == lines


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        (
            "2019年6月2日，国合会年会主题论坛在杭州召开。刘世锦主持论坛。",
            "国合会年会主题论坛在杭州召开",
        ),
        (
            "2019年7月15-19日，示例使者计划能力建设活动在北京、深圳举办。",
            "示例使者计划能力建设活动在北京、深圳举办",
        ),
        ("当地时间2019年10月23日下午，示例边会在奥斯陆召开。", "示例边会在奥斯陆召开"),
        (
            "2019年11月28日，作为示例专题伙伴关系支持的活动，第二届中法绿色金融联席会议在法国巴黎举办。",
            "第二届中法绿色金融联席会议在法国巴黎举办",
        ),
        (
            "绿色发展是当今世界各国普遍重视的发展理念，是实现联合国可持续发展议程的重要组成部分。",
            "绿色发展是当今世界各国普遍重视的发展理念",
        ),
    ],
)
def test_fallback_title(paragraph: str, title: str) -> None:
    assert fallback_title(paragraph) == title


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("芬兰环境、能源与住房部常务秘书波卡", True),
        ("联合国欧洲经济委员会执行秘书", True),
        ("奥尔加·阿尔加耶罗瓦", True),
        ("第二届示例高峰论坛在京召开", False),
        ("示例委员会主任委员索尔海姆：中国有决心实现绿色发展", False),
    ],
)
def test_names_a_person(line: str, expected: bool) -> None:
    assert names_a_person(line) is expected
