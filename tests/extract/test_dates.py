"""Dates in newsletter prose: every surface form, its precision, ranges and the non-dates.

The tables run through the real jionlp detector; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import subprocess
import sys

import pytest

from silkgraph.extract.records import DateValue
from silkgraph.extract.text.dates import find_dates, parse_date

REF_2019 = DateValue(2019, 6, 1)
REF_2021 = DateValue(2021, 4, 25)

V = DateValue

# text, reference, expected (mention text, begin, finish, local_time) — one mention each
SINGLE_MENTIONS = [
    # absolute, at every precision
    ("2019年4月25日，联盟在北京成立。", None, ("2019年4月25日", V(2019, 4, 25), None, False)),
    ("专题于2019年9月在纽约召开会议。", None, ("2019年9月", V(2019, 9), None, False)),
    ("2019年，联盟在政策对话方面取得进展。", None, ("2019年", V(2019), None, False)),
    ("计划在2020年举办城市论坛。", REF_2019, ("2020年", V(2020), None, False)),
    # partial dates take the reference year
    ("9月24日，圆桌会在纽约召开。", REF_2019, ("9月24日", V(2019, 9, 24), None, False)),
    ("会议拟于12月在北京召开。", REF_2019, ("12月", V(2019, 12), None, False)),
    ("12月1日在北京启动的项目", REF_2021, ("12月1日", V(2021, 12, 1), None, False)),
    # ranges
    ("年会于7月1-3日在大连举行", REF_2019, ("7月1-3日", V(2019, 7, 1), V(2019, 7, 3), False)),
    ("7月1日-3日举行", REF_2019, ("7月1日-3日", V(2019, 7, 1), V(2019, 7, 3), False)),
    ("10月17日至18日举行", REF_2019, ("10月17日至18日", V(2019, 10, 17), V(2019, 10, 18), False)),
    ("4月25-27日举行", REF_2019, ("4月25-27日", V(2019, 4, 25), V(2019, 4, 27), False)),
    (
        "2019年4月25日至27日，第二届高峰论坛",
        None,
        ("2019年4月25日至27日", V(2019, 4, 25), V(2019, 4, 27), False),
    ),
    (
        "2019年11月28日至12月1日举行",
        None,
        ("2019年11月28日至12月1日", V(2019, 11, 28), V(2019, 12, 1), False),
    ),
    ("10月17日—18日举行", REF_2019, ("10月17日—18日", V(2019, 10, 17), V(2019, 10, 18), False)),
    ("12月28日至1月2日举行", REF_2019, ("12月28日至1月2日", V(2019, 12, 28), V(2020, 1, 2), False)),
    ("2019年8月至9月开展调研", None, ("2019年8月至9月", V(2019, 8), V(2019, 9), False)),
    ("介绍了2019-2020年工作要点", None, ("2019-2020年", V(2019), V(2020), False)),
    ("从2014年到2020年，投资增长", None, ("2014年到2020年", V(2014), V(2020), False)),
    # local time: the qualifier is part of the span
    ("于当地时间9月24日上午在纽约召开", REF_2019, ("当地时间9月24日", V(2019, 9, 24), None, True)),
    (
        "当地时间2019年11月3日上午，总理出席",
        None,
        ("当地时间2019年11月3日", V(2019, 11, 3), None, True),
    ),
    # relative years
    ("中方将在今年10月承办大会", REF_2021, ("今年10月", V(2021, 10), None, False)),
    ("去年9月，我正式宣布", REF_2021, ("去年9月", V(2020, 9), None, False)),
    ("明年3月5日将召开", REF_2019, ("明年3月5日", V(2020, 3, 5), None, False)),
    ("去年，我正式宣布", REF_2021, ("去年", V(2020), None, False)),
    # relative months count from the reference month, across a year end too
    ("第三届论坛将于下月在喀什举办", REF_2021, ("下月", V(2021, 5), None, False)),
    (
        "下个月12日至14日将举办培训班",
        REF_2019,
        ("下个月12日至14日", V(2019, 7, 12), V(2019, 7, 14), False),
    ),
    ("本月底召开对接会", REF_2021, ("本月底", V(2021, 4), None, False)),
    ("上月在利雅得举办的推介会", DateValue(2024, 1, 8), ("上月", V(2023, 12), None, False)),
    ("下月初启动", DateValue(2023, 12, 2), ("下月初", V(2024, 1), None, False)),
    # Chinese numerals and full-width digits
    ("二〇二三年十月，会议召开", None, ("二〇二三年十月", V(2023, 10), None, False)),
    ("十月十七日举行", REF_2019, ("十月十七日", V(2019, 10, 17), None, False)),
    ("二〇一九年十二月三十一日", None, ("二〇一九年十二月三十一日", V(2019, 12, 31), None, False)),
    ("２０１９年４月２５日举行", None, ("２０１９年４月２５日", V(2019, 4, 25), None, False)),
    # times of day are outside the span; the date keeps day precision
    ("2019年4月25日下午，论坛开幕", None, ("2019年4月25日", V(2019, 4, 25), None, False)),
    ("2021年4月22日晚，应邀出席", None, ("2021年4月22日", V(2021, 4, 22), None, False)),
    ("会议时间：2019年9月24日，09:00-11:40", None, ("2019年9月24日", V(2019, 9, 24), None, False)),
    # vague parts coarsen to their container and stay in the span
    ("2019年下半年，将开展调研", None, ("2019年下半年", V(2019), None, False)),
    ("9月底发布的报告", REF_2019, ("9月底", V(2019, 9), None, False)),
    ("今年年初，银行发行债券", REF_2019, ("今年年初", V(2019), None, False)),
    # "since" keeps its anchor, without the tail
    ("自2019年4月以来召开了五次会议", None, ("2019年4月", V(2019, 4), None, False)),
    # a year that begins a name of something it dates, not a target
    ("博鳌亚洲论坛2021年年会开幕", None, ("2021年", V(2021), None, False)),
    ("2019年后续工作会议", None, ("2019年", V(2019), None, False)),
]


@pytest.mark.parametrize(("text", "reference", "expected"), SINGLE_MENTIONS)
def test_find_dates_single(
    text: str,
    reference: DateValue | None,
    expected: tuple[str, DateValue, DateValue | None, bool],
) -> None:
    mentions = find_dates(text, reference=reference)
    assert len(mentions) == 1, mentions
    (mention,) = mentions
    assert (mention.text, mention.begin, mention.finish, mention.local_time) == expected
    assert text[mention.start : mention.end] == mention.text


# text, reference: nothing in these is an event date
NON_DATES = [
    ("2030年可持续发展议程", REF_2019),
    ("2030年可持续发展议程", None),
    ("落实2030年议程", None),
    ("十四五规划和2035年远景目标纲要", None),
    ("2060年展望等研究成果", None),
    ("2019年版", None),
    ("《绿色债券支持项目目录(2021年版)》", REF_2021),
    ("《2020年中国“一带一路”投资报告》", REF_2021),
    ("法律法规（2017年度版）", None),
    ("中国将力争2030年前实现碳达峰", REF_2021),
    ("2060年前实现碳中和", None),
    ("2020年4月前完成", REF_2019),
    ("为2020年后全球生物多样性框架", REF_2019),
    ("力争2055年左右全社会碳排放净零", None),
    ("有关报告认为，到2030年，共建国家", None),
    ("2025年电力率先实现碳达峰", REF_2021),  # beyond the horizon of a 2021 newsletter
    ("2019欧亚经济论坛", None),  # no 年: a number, not a year
    ("近年来，合作不断深化", REF_2019),
    ("明确了联盟两年工作目标", REF_2019),
    ("在5年多的实践中", REF_2019),
    ("庆祝成立70周年", REF_2019),
    ("年底前完成", REF_2019),
    ("上午10点开幕", REF_2019),
    ("提出三点建议", REF_2019),
    ("09:00-11:40 圆桌会", REF_2019),
    ("现在全球能源转型", REF_2019),
    ("每年节约原煤", REF_2019),
    ("2019年2月30日", None),  # no such day
    ("9月24日", None),  # no year and no reference to take one from
    ("论坛将于下月在喀什举办", None),  # a relative month needs a reference
    ("论坛将于下月举办", DateValue(2021)),  # ... with a month
    ("探测器登上月球背面", REF_2019),
    ("拍摄本月亮相的展品", REF_2019),
]


@pytest.mark.parametrize(("text", "reference"), NON_DATES)
def test_find_dates_rejects(text: str, reference: DateValue | None) -> None:
    assert find_dates(text, reference=reference) == ()


def test_find_dates_many_sorted_non_overlapping_with_offsets() -> None:
    text = (
        "2019年4月25日至27日，第二届高峰论坛在北京举行。2019年8月、9月、11月多次举行会议，"
        "按照《绿色债券支持项目目录(2021年版)》开展工作；会议时间：2019年12月2日晚；12月3日上午。"
        "当地时间９月２３日，总理出席。"
    )
    mentions = find_dates(text, reference=REF_2019)
    assert [(m.text, m.begin.iso(), m.finish.iso() if m.finish else None) for m in mentions] == [
        ("2019年4月25日至27日", "2019-04-25", "2019-04-27"),
        ("2019年8月", "2019-08", None),
        ("9月", "2019-09", None),
        ("11月", "2019-11", None),
        ("2019年12月2日", "2019-12-02", None),
        ("12月3日", "2019-12-03", None),
        ("当地时间９月２３日", "2019-09-23", None),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_listed_month_takes_the_year_of_the_list() -> None:
    """ "2018年11月、12月" in a 2019 issue: the 12月 belongs to 2018, not to the reference year."""
    mentions = find_dates("2018年11月、12月两次发布", reference=REF_2019)
    assert [m.begin for m in mentions] == [V(2018, 11), V(2018, 12)]


# text, reference, expected parse_date result
PARSED = [
    ("2019年4月25日", None, (V(2019, 4, 25), None)),
    ("2019年", None, (V(2019), None)),
    ("2019年9月", None, (V(2019, 9), None)),
    ("9月24日", REF_2019, (V(2019, 9, 24), None)),
    ("今年3月", REF_2021, (V(2021, 3), None)),
    ("2019年11月28日至12月1日", None, (V(2019, 11, 28), V(2019, 12, 1))),
    ("7月1-3日", REF_2019, (V(2019, 7, 1), V(2019, 7, 3))),
    ("当地时间9月24日上午", REF_2019, (V(2019, 9, 24), None)),
    ("2019年4月25日下午3点", None, (V(2019, 4, 25), None)),
    (" 二〇二三年十月 ", None, (V(2023, 10), None)),
    ("2019年版", None, None),
    ("2030年可持续发展议程", None, None),
    ("9月24日", None, None),
    ("两年", REF_2019, None),
    ("近年来", REF_2019, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "reference", "expected"), PARSED)
def test_parse_date(
    text: str,
    reference: DateValue | None,
    expected: tuple[DateValue, DateValue | None] | None,
) -> None:
    assert parse_date(text, reference=reference) == expected


@pytest.mark.parametrize(
    ("value", "precision", "iso"),
    [
        (parse_date("2019年", reference=None), "year", "2019"),
        (parse_date("2019年9月", reference=None), "month", "2019-09"),
        (parse_date("2019年9月24日", reference=None), "day", "2019-09-24"),
    ],
)
def test_precision_follows_the_surface_form(
    value: tuple[DateValue, DateValue | None] | None, precision: str, iso: str
) -> None:
    assert value is not None
    assert (value[0].precision, value[0].iso()) == (precision, iso)


def test_find_dates_prints_nothing() -> None:
    """jionlp prints a banner on import; JSON on stdout (``silkgraph query``) must stay clean."""
    script = (
        "from silkgraph.extract.text.dates import find_dates\n"
        "find_dates('2019年4月25日，每年节约原煤', reference=None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == ""
    assert result.stderr == ""


def test_find_dates_in_process_stdout_is_clean() -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        find_dates("2019年12月3日，深圳", reference=None)
    assert buffer.getvalue() == ""
