"""The relation stage's entry point: quotes, publications, new spans, layout regions, offsets.

Docs are real spaCy Docs whose ``sg_entities`` spans are written as ``[name|id]`` in the
sentences, as entity recognition would hand them over.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from support.marked import marked_doc

from silkgraph.extract.records import Article, DateValue, Extraction
from silkgraph.extract.relations.publications import publication_id
from silkgraph.extract.relations.reader import ArticleContext, RelationRecords, read_relations
from silkgraph.extract.text.dates import find_dates


def _read(
    marked: str, *, start: int = 0, blocked: tuple[tuple[int, int], ...] = (),
    to_original=None,
) -> tuple[str, RelationRecords]:
    doc = marked_doc(marked)
    text = doc.text
    doc.user_data["sg_dates"] = find_dates(text, reference=DateValue(2019, 9))
    doc.user_data["sg_blocked"] = blocked
    article = Article("s-i1-a1", "s-i1", 1, None, "", start, start + len(text), start,
                      start + len(text))
    context = ArticleContext(article, DateValue(2019, 9), None, DateValue(2019, 9),
                             to_original=to_original)
    return text, read_relations(doc, context)


QUOTES = [
    # pull quote above a signature
    (
        "建设绿色“一带一路”，需要坚持共建共享。\n——中国[生态环境部|org/mee]部长[李干杰|person/lgj]",
        "person/lgj", "建设绿色“一带一路”，需要坚持共建共享。",
    ),
    # a blank line between quote and signature
    (
        "合作带来切实成果。\n\n——[国合会|org/cciced]外方首席顾问魏仲加",
        "person/n-wei-zhong-jia", "合作带来切实成果。",
    ),
    # two quote + signature pairs in one block: each quote stops at the previous signature
    (
        "第一段引语内容比较长。\n——[国合会|org/cciced]委员[汉兹|person/hz]\n"
        "第二段引语内容也很长。\n——[全球能源互联网发展合作组织|org/geidco]合作局局长林弘宇",
        "person/n-lin-hong-yu", "第二段引语内容也很长。",
    ),
    # name + speech verb: reported speech to the end of the paragraph
    (
        "[马善高|person/msg]表示，“一带一路”倡议提出以来取得切实进展。\n\n下一段。",
        "person/msg", "“一带一路”倡议提出以来取得切实进展。",
    ),
    # name + 在…中 + verb + direct quotation
    (
        "[赫尔格森|person/hg]在致辞中表示：“联盟需展开务实行动。”随后会议继续。",
        "person/hg", "联盟需展开务实行动。",
    ),
    # quotation before the speaker
    (
        "“这是造福当地、着眼长远的利民之举。”[蒋晓东|person/jxd]说。",
        "person/jxd", "这是造福当地、着眼长远的利民之举。",
    ),
]


@pytest.mark.parametrize(("marked", "speaker", "quote"), QUOTES)
def test_quotes(marked: str, speaker: str, quote: str) -> None:
    _, records = _read(marked)
    found = {(q.speaker_id, q.text) for q in records.quotes}
    assert (speaker, quote) in found, found


def test_quote_offsets_are_document_offsets() -> None:
    text, records = _read(
        "[马善高|person/msg]表示，合作带来切实成果。", start=1000,
        to_original=lambda a, b: (a + 5, b + 5),
    )
    (quote,) = records.quotes
    assert text[quote.start - 1000 : quote.end - 1000] == quote.text == "合作带来切实成果。"
    assert (quote.orig_start, quote.orig_end) == (quote.start + 5, quote.end + 5)
    assert quote.id == f"s-i1-a1-q{quote.start}"


PUBLICATIONS = [
    # publisher as the subject of 发布, date of the sentence
    (
        "2021年2月，[中央财经大学绿色金融国际研究院|org/iigf]发布了《2020年中国“一带一路”投资报告》。",
        "2020年中国“一带一路”投资报告", ("org/iigf",), DateValue(2021, 2),
    ),
    # publishers after 由 … 撰写
    (
        "2019年8月8日，由[中国工商银行城市金融研究所|org/icbc]和[清华大学|org/thu]共同撰写的报告"
        "《推动绿色“一带一路”发展的绿色金融政策研究》发布。",
        "推动绿色“一带一路”发展的绿色金融政策研究", ("org/icbc", "org/thu"), DateValue(2019, 8, 8),
    ),
    # organisation written right before the title
    (
        "在线发布[国合会|org/cciced]《绿色“一带一路”与2030年可持续发展议程（2020）》专题政策研究报告。",
        "绿色“一带一路”与2030年可持续发展议程（2020）", ("org/cciced",), None,
    ),
]


@pytest.mark.parametrize(("marked", "title", "publishers", "date"), PUBLICATIONS)
def test_publications(
    marked: str, title: str, publishers: tuple[str, ...], date: DateValue | None
) -> None:
    _, records = _read(marked)
    found = {p.title: p for p in records.publications}
    assert title in found, sorted(found)
    assert found[title].publisher_ids == publishers
    assert found[title].date == date
    assert found[title].id == publication_id(title)


NOT_PUBLICATIONS = [
    "遵循《联合国气候变化框架公约》及其《巴黎协定》的目标。",  # treaties
    "习近平发表题为《共同构建人与自然生命共同体》的重要讲话。",  # a speech
    "马骏在《当代金融家》刊文指出，绿色金融很重要。",  # a periodical
    "（来源：《当代金融家》杂志2019年第7期）",
]


@pytest.mark.parametrize("marked", NOT_PUBLICATIONS)
def test_not_publications(marked: str) -> None:
    assert _read(marked)[1].publications == ()


def test_publication_id_ignores_quote_style_and_spacing() -> None:
    assert publication_id("“一带一路”绿色发展报告") == publication_id('"一带一路" 绿色发展报告')


def test_new_spans_make_evidence_resolvable() -> None:
    """Every evidence id of every record is the id of a known or a new span's mention."""
    marked = (
        "2019年9月24日，[联盟|org/brigc]在京发布《“一带一路”绿色发展案例研究报告》并举行发布会。"
        "[生态环境部|org/mee]副部长赵英民出席发布会并致辞。"
    )
    text, records = _read(marked, start=500)
    starts = {500 + s[0] for s in records.new_spans}
    starts |= {500 + m.start() for m in re.finditer("联盟|生态环境部", text)}
    evidence = [e for r in (*records.events, *records.publications, *records.memberships)
                for e in r.evidence]
    assert evidence
    assert {int(e.rsplit("-m", 1)[1].split("-")[0]) for e in evidence} <= starts
    labels = {s[2] for s in records.new_spans}
    assert labels == {"Person", "Place", "Event", "Publication"}


def test_blocked_regions_are_not_read() -> None:
    marked = "第二届分论坛在京召开\n\n2019年4月25日，[生态环境部|org/mee]部长李四主持。"
    text, _ = _read(marked)
    _, records = _read(marked, blocked=((0, len(text)),))
    assert records.events == () and records.memberships == () and records.new_spans == ()


# --- held-out articles ---------------------------------------------------------------------
# Written after the relation rules were tuned on the dev set, in the newsletters' layout (hard
# wraps inside words, stray spaces, 供稿 lines), with names the dev set does not use. They check
# the rules generalise: relative days, plans, anchors, partnerships by section and by anaphora.

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen_relations"


@cache
def _unseen(name: str) -> Extraction:
    from silkgraph.extract.pipeline import extract_document
    from silkgraph.extract.text.sources import read_source

    return extract_document(read_source(UNSEEN / name))


def _labels(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.label_zh for e in extraction.entities}


# file, event name, start, last place label, partnership ids
UNSEEN_EVENTS = [
    ("tbilisi_transport_forum_2022.txt", "“一带一路”绿色交通论坛", "2022-10-18", "第比利斯",
     ("partnership/sustainable-transport",)),
    # "论坛次日": the day after the forum; the signing partnership is responsible
    ("tbilisi_transport_forum_2022.txt", "工作会议", "2022-10-19", "第比利斯",
     ("partnership/sustainable-transport",)),
    ("progress_finance_biodiversity_2021.txt", "绿色金融与投资专题伙伴关系年度工作会议",
     "2021-05-20", "上海市", ("partnership/green-finance",)),
    # "会议期间还举行了…": the meeting's day, place and partnership
    ("progress_finance_biodiversity_2021.txt", "“绿色债券标准互认”圆桌会", "2021-05-20", "上海市",
     ("partnership/green-finance",)),
    ("progress_finance_biodiversity_2021.txt", "“企业与生物多样性”主题边会", "2021-10", "昆明市",
     ("partnership/biodiversity-ecosystems",)),
]


@pytest.mark.parametrize(("file", "name", "start", "place", "partnerships"), UNSEEN_EVENTS)
def test_unseen_events(
    file: str, name: str, start: str, place: str, partnerships: tuple[str, ...]
) -> None:
    extraction = _unseen(file)
    events = {e.name: e for e in extraction.events}
    assert name in events, sorted(events)
    event = events[name]
    assert event.begin is not None and event.begin.iso() == start
    assert _labels(extraction)[event.place_ids[-1]] == place
    assert event.partnership_ids == partnerships
    assert event.scheduled is False


@pytest.mark.parametrize(
    ("file", "count"),
    [
        # not events: a plan (拟于), an anchor (…缔约方大会期间), plans (计划于, 考虑在 …相关活动)
        ("tbilisi_transport_forum_2022.txt", 2),
        ("progress_finance_biodiversity_2021.txt", 3),
    ],
)
def test_unseen_articles_hold_no_other_events(file: str, count: int) -> None:
    assert len(_unseen(file).events) == count


def test_unseen_positions() -> None:
    extraction = _unseen("tbilisi_transport_forum_2022.txt")
    labels = _labels(extraction)
    found = {(labels[m.person_id], m.role) for m in extraction.memberships}
    assert found == {("尼诺·贾帕里泽", "副部长"), ("王建华", "院长")}


# --- held-out articles for a blind set's failure classes -----------------------------------
# fixtures/unseen_events/ holds articles of our own reproducing what a blind held-out set
# reported (tests/heldout/ itself is never read): a progress report whose activities carry only
# year-less dates and whose issue has no full date, summary nouns, campaigns and anchors,
# meetings held online, relative years, and positions after foreign or long organisation names.

UNSEEN_EVENTS_DIR = Path(__file__).resolve().parent / "fixtures" / "unseen_events"


@cache
def _unseen_event_article(name: str) -> Extraction:
    from silkgraph.extract.pipeline import extract_document
    from silkgraph.extract.text.sources import read_source

    return extract_document(read_source(UNSEEN_EVENTS_DIR / name))


# file, (kind, begin, finish or None, last place label or None, online, scheduled) for every event
UNSEEN_EVENT_TABLE = [
    ("energy_progress_2023.txt", {
        ("Meeting", "2023-03-14", None, None, True, False),
        ("Seminar", "2023-06-05", "2023-06-06", "曼谷", None, False),
        ("Seminar", "2023-07-01", "2023-07-03", "雅加达", None, False),
        ("Dialogue", "2023-10-17", "2023-10-18", "河内", None, False),
        ("Training", "2023-11-08", None, None, True, False),
        ("Forum", "2022-09", None, "宁波市", None, False),  # 去年9月
        ("SideEvent", "2023-12", None, "迪拜", None, True),  # 今年12月…将在
    }),
    ("ocean_online_meeting_2021.txt", {("Meeting", "2021-09-27", None, None, True, False)}),
    ("positions_mekong_2023.txt", {("RoundTable", "2023-05-18", None, "昆明市", None, False)}),
]


@pytest.mark.parametrize(("file", "expected"), UNSEEN_EVENT_TABLE)
def test_unseen_event_articles(file: str, expected: set[tuple]) -> None:
    extraction = _unseen_event_article(file)
    labels = _labels(extraction)
    found = {
        (e.kind, e.begin.iso(), e.finish.iso() if e.finish else None,
         labels[e.place_ids[-1]] if e.place_ids else None, e.online, e.scheduled)
        for e in extraction.events
    }
    assert found == expected


def test_unseen_progress_report_partnership() -> None:
    events = _unseen_event_article("energy_progress_2023.txt").events
    assert {e.partnership_ids for e in events} == {("partnership/green-energy",)}


UNSEEN_POSITIONS = {
    ("巴妮·素旺那", "副厅长", "泰国污染控制厅"),
    ("何振宇", "副总经理", "中国长江三峡集团有限公司"),
    ("许立群", "副司长", "生态环境部法规与标准司"),
    ("坎蓬·西提冯", "公使衔参赞", "老挝驻华大使馆"),
    ("哈立德·阿勒穆塔里", "副部长", "沙特阿拉伯环境、水和农业部"),
    ("法鲁克·阿齐兹", "秘书长", "巴基斯坦气候变化部"),
    ("钱德里卡·佩雷拉", "高级顾问", "斯里兰卡环境部"),
    ("刘晓东", "参赞", "中国驻塞内加尔大使馆"),
}


def test_unseen_positions_after_foreign_and_long_names() -> None:
    extraction = _unseen_event_article("positions_mekong_2023.txt")
    labels = _labels(extraction)
    found = {(labels[m.person_id], m.role, labels.get(m.organisation_id or ""))
             for m in extraction.memberships}
    assert found == UNSEEN_POSITIONS


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023年以来，专题开展了交流。7月1日召开会议。", 2023),
        ("2022年12月发布报告。2023年3月召开会议。2023年5月举办论坛。", 2023),
        ("2021年发布报告，2023年召开会议。", 2023),  # a tie goes to the latest year
        ("7月1日召开会议。", None),
    ],
)
def test_stated_year(text: str, year: int | None) -> None:
    from silkgraph.extract.relations.reader import stated_year

    found = stated_year(text)
    assert (found.year if found else None) == year
