"""Normalisation: PDF wrapping and spacing repaired, every character traceable to the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.extract.text.normalise import fold_char, normalise

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        # a date wrapped across lines inside a justified paragraph
        ("会议于2019年4月25日在北京召开，来自三十多个国家的代表出席了\n会议并发表演讲。", None),
        ("第二届高峰论坛开幕式于2019\n年4月25日上午在北京国家会议中心隆重举行。", None),
        # a name wrapped across lines
        ("会议由联盟咨询委员会主任委员、生态环境部副部长赵\n英民主持，多位嘉宾出席了会议。", None),
        # stray spaces inside dates and names, Latin words keep theirs
        ("2019 年 4 月 25 日", "2019年4月25日"),
        ("捷克副总理理查德 · 布拉贝茨", "捷克副总理理查德·布拉贝茨"),
        ("丹尼尔 · 拉塞尔（Daniel Russel）", "丹尼尔·拉塞尔（Daniel Russel）"),
        ("共达成 6 大类 283 项合作", "共达成6大类283项合作"),
        ("都 希 望 得 到", "都希望得到"),
        ("Sustainable  Asset   Valuation", "Sustainable Asset Valuation"),
        # middle-dot look-alikes
        ("塞韦里诺•奥皮奥", "塞韦里诺·奥皮奥"),
        ("肯尼思・基因吉", "肯尼思·基因吉"),
        ("宋沙瓦‧凌沙瓦", "宋沙瓦·凌沙瓦"),
        ("美国⋅纽约", "美国·纽约"),
        # full-width letters and digits become ASCII; CJK punctuation stays
        ("ＳＤＧｓ目标１７项（ＵＮＤＰ）", "SDGs目标17项（UNDP）"),
        ("《巴黎协定》，“一带一路”。", "《巴黎协定》，“一带一路”。"),
        # line endings and exotic spaces
        ("第一段。\r\n\r\n第二段。", "第一段。\n\n第二段。"),
        ("会议地点：\u3000北京", "会议地点：北京"),
        # paragraphs kept, page breaks (two or more blank lines, form feed) kept as three
        ("第一段。\n\n第二段。", "第一段。\n\n第二段。"),
        ("第一页。\n\n\n\n第二页。", "第一页。\n\n\n第二页。"),
        ("第一页。\f第二页。", "第一页。\n\n\n第二页。"),
        # a Latin word wrapped at the line end gets its space back
        (
            "发布了绿色投资原则（Green Investment Principle for the Belt\nand Road），旨在推动",
            "发布了绿色投资原则（Green Investment Principle for the Belt and Road），旨在推动",
        ),
    ],
)
def test_normalise_cases(original: str, expected: str | None) -> None:
    result = normalise(original).text
    if expected is None:  # a wrapped paragraph: the joined text has no line break left
        expected = original.replace("\n", "")
    assert result == expected


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        # short standalone lines: headings, captions and list entries keep their line
        ("联盟动态\n2019年7月30日，联盟第二次工作协调会在北京召开，五十余人参加了会议。",
         "联盟动态\n2019年7月30日，联盟第二次工作协调会在北京召开，五十余人参加了会议。"),
        # a signature always starts its own line
        ("我们要凝聚共识，通过共建共享绿色丝绸之路，有效推动落实。\n——中国生态环境部部长  李干杰",
         "我们要凝聚共识，通过共建共享绿色丝绸之路，有效推动落实。\n——中国生态环境部部长李干杰"),
        # a line padded with trailing spaces ended in its text box: a title over its subtitle
        ("第二届高峰论坛绿色之路分论坛在京召开  \n绿色发展国际联盟正式成立",
         "第二届高峰论坛绿色之路分论坛在京召开\n绿色发展国际联盟正式成立"),
        # ... but a wrapped signature is joined even so
        ("——国合会全球气候治理与中国贡献专题研究项目组组长、联盟咨询   \n委员会委员、执行官 韩佩东",
         "——国合会全球气候治理与中国贡献专题研究项目组组长、联盟咨询委员会委员、执行官韩佩东"),
    ],
)
def test_standalone_lines(original: str, expected: str) -> None:
    assert normalise(original).text == expected


def _related(orig: str, norm: str) -> bool:
    return orig == norm or fold_char(orig) == norm or (orig in "\n\r\f" and norm in "\n ")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_offsets_round_trip_on_seeds(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    result = normalise(original)
    assert len(result.offsets) == len(result.text) + 1
    assert result.offsets[-1] == len(original)
    assert all(a < b for a, b in zip(result.offsets, result.offsets[1:], strict=False))
    mismatches = [
        i for i, ch in enumerate(result.text) if not _related(original[result.offsets[i]], ch)
    ]
    assert mismatches == []


@pytest.mark.parametrize(
    ("original", "needle", "source"),
    [
        ("会议于 2019 年 4 月\n25 日召开", "2019年4月25日", "2019 年 4 月\n25 日"),
        ("捷克副总理理查德 · 布拉贝\n茨出席", "理查德·布拉贝茨", "理查德 · 布拉贝\n茨"),
    ],
)
def test_original_span_covers_the_source_characters(
    original: str, needle: str, source: str
) -> None:
    result = normalise(original)
    start = result.text.index(needle)
    s, e = result.original_span(start, start + len(needle))
    assert original[s:e] == source


def test_original_span_rejects_spans_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside text"):
        normalise("abc").original_span(2, 9)


def test_seed_names_and_dates_are_repaired() -> None:
    text = normalise(SEEDS[1].read_text(encoding="utf-8")).text
    assert "理查德·布拉贝茨" in text
    assert "丹尼尔·拉塞尔" in text
    assert "2019年4月25日" in text
    assert "2019 年" not in text
