"""Title chains: which person holds which title at which organisation.

Sentences mark their known entities as ``[name|id]`` (what entity recognition hands over); the
rules under test must find the titles, the organisations they belong to and — where the name is
not known — the person after the title. Docs are real spaCy Docs (``spacy.blank("zh")``) with the
spans set as the pipeline sets them.
"""

from __future__ import annotations

import pytest
import spacy
from support.marked import marked_doc

from silkgraph.extract.records import Article
from silkgraph.extract.relations.article import ArticleView
from silkgraph.extract.relations.reader import ArticleContext, read_relations
from silkgraph.extract.relations.titles import read_name


def _doc(marked: str) -> spacy.tokens.Doc:
    """A Doc of the unmarked text with one sg_entities span per ``[name|id]``."""
    return marked_doc(marked)


def _positions(marked: str) -> set[tuple[str, str | None, str]]:
    doc = _doc(marked)
    article = Article("s-i1-a1", "s-i1", 1, None, "", 0, len(doc.text), 0, len(doc.text))
    records = read_relations(doc, ArticleContext(article, None, None, None))
    names = {s[3]: doc.text[s[0] : s[1]] for s in records.new_spans if s[2] == "Person"}
    names.update({s.kb_id_: s.text for s in doc.spans["sg_entities"]})
    return {(names[m.person_id], m.organisation_id, m.role) for m in records.memberships}


CHAINS = [
    # one title, person discovered after it (three-character name closed by 主持)
    (
        "[生态环境部|org/mee]副部长赵英民主持了开幕致辞环节。",
        {("赵英民", "org/mee", "副部长")},
    ),
    # three titles joined by 、; the last keeps the country word as written; 赫尔格森 is a
    # transliterated surname found by the title before it
    (
        "[国合会|org/cciced]副主席、[联盟|org/brigc]联合主席、[可持续海洋经济高级别小组|org/panel]"
        "挪威特使赫尔格森主持。",
        {
            ("赫尔格森", "org/cciced", "副主席"),
            ("赫尔格森", "org/brigc", "联合主席"),
            ("赫尔格森", "org/panel", "挪威特使"),
        },
    ),
    # 兼 splits titles; an unrecognised unit after 兼 belongs to the organisation before it
    (
        "——[联合国|org/un]助理秘书长、[联合国开发计划署|org/undp]助理署长兼亚太局局长徐浩良",
        {
            ("徐浩良", "org/un", "助理秘书长"),
            ("徐浩良", "org/undp", "助理署长"),
            ("徐浩良", "org/undp", "亚太局局长"),
        },
    ),
    # signature line with a known person; the country before the ministry is not the org
    (
        "——[中国|place/cn][生态环境部|org/mee]部长[李干杰|person/li-ganjie]",
        {("李干杰", "org/mee", "部长")},
    ),
    # no organisation recognised: the role is the item as written, organisation None
    (
        "——[捷克|place/cz]副总理兼环境部部长理查德·布拉贝茨",
        {("理查德·布拉贝茨", None, "捷克副总理"), ("理查德·布拉贝茨", None, "环境部部长")},
    ),
    # 代表 is a title of the person at the organisation before it
    (
        "[世界自然基金会|org/wwf]代表张三出席会议。",
        {("张三", "org/wwf", "代表")},
    ),
    # ... but never leaks across 与 to another person's chain
    (
        "[捷克|place/cz]驻华大使馆代表与[生态环境部|org/mee]部长李四会谈。",
        {("李四", "org/mee", "部长")},
    ),
    # a bare title after 、 shares the organisation before it; two-character name before 在
    (
        "[中央财经大学绿色金融国际研究院|org/iigf]院长、教授王遥在《当代金融家》刊文指出。",
        {("王遥", "org/iigf", "院长"), ("王遥", "org/iigf", "教授")},
    ),
    # 由 ends the chain on the left; 总裁兼首席执行官 at one organisation
    (
        "会议由[世界资源研究所|org/wri]总裁兼首席执行官[斯蒂尔|person/steer]主持。",
        {("斯蒂尔", "org/wri", "总裁"), ("斯蒂尔", "org/wri", "首席执行官")},
    ),
    # a conjunction inside an unrecognised ministry name does not cut the chain
    (
        "[新加坡|place/sg]环境及水源部部长马善高出席。",
        {("马善高", None, "新加坡环境及水源部部长")},
    ),
    # 原 marks a former title; it applies to the 兼 group it precedes
    (
        "[联合国|org/un]副秘书长、原[联合国环境署|org/unep]执行主任埃里克·索尔海姆出席。",
        {
            ("埃里克·索尔海姆", "org/un", "副秘书长"),
            ("埃里克·索尔海姆", "org/unep", "原执行主任"),
        },
    ),
    # the qualifier between organisation and title is part of the role
    (
        "——[国合会|org/cciced]外方首席顾问魏仲加",
        {("魏仲加", "org/cciced", "外方首席顾问")},
    ),
]


@pytest.mark.parametrize(("marked", "expected"), CHAINS)
def test_title_chains(marked: str, expected: set[tuple[str, str | None, str]]) -> None:
    assert _positions(marked) == expected


NO_POSITION = [
    "专题伙伴关系代表介绍了工作计划。",  # an audience, not a title + name
    "与会代表认为，务实合作十分重要。",
    "[联盟|org/brigc]咨询委员会委员、专题伙伴关系召集机构代表参加会议。",  # no person follows
    "这是中国的部长级会议。",
]


@pytest.mark.parametrize("marked", NO_POSITION)
def test_no_position_without_a_person(marked: str) -> None:
    assert _positions(marked) == set()


NAMES = [
    ("赵英民主持", "赵英民"),
    ("马骏在会上", "马骏"),
    ("李干杰", "李干杰"),
    ("赫尔格森表示", "赫尔格森"),
    ("乔伊斯·姆苏亚，", "乔伊斯·姆苏亚"),
    ("欧阳明高指出", "欧阳明高"),
    ("周国梅在会上", "周国梅"),
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_read_name(text: str, name: str) -> None:
    view = ArticleView(text, Article("a", "i", 1, None, "", 0, len(text), 0, len(text)))
    found = read_name(view, 0)
    assert found is not None
    assert text[: found[0]] == name


def test_discovered_person_is_registered_and_reported() -> None:
    doc = _doc("[生态环境部|org/mee]副部长赵英民主持。")
    article = Article("s-i1-a1", "s-i1", 1, None, "", 100, 100 + len(doc.text), 100, 120)
    records = read_relations(doc, ArticleContext(article, None, None, None))
    (person,) = [s for s in records.new_spans if s[2] == "Person"]
    assert doc.text[person[0] : person[1]] == "赵英民"
    assert doc._.sg_registry.get(person[3]).label_zh == "赵英民"
    (membership,) = records.memberships
    # evidence: the person's and the organisation's mention ids, document offsets
    assert membership.evidence == (
        f"s-i1-a1-m{100 + person[0]}-{100 + person[1]}",
        "s-i1-a1-m100-105",
    )


def test_same_position_twice_is_one_membership() -> None:
    text = (
        "[生态环境部|org/mee]部长[李干杰|person/lgj]出席。"
        "[生态环境部|org/mee]部长[李干杰|person/lgj]致辞。"
    )
    doc = _doc(text)
    article = Article("s-i1-a1", "s-i1", 1, None, "", 0, len(doc.text), 0, len(doc.text))
    (membership,) = read_relations(doc, ArticleContext(article, None, None, None)).memberships
    assert len(membership.evidence) == 4  # both person and both organisation mentions


MORE_CHAINS = [
    # a bare 代表 inside a chain closes a group of unnamed people
    (
        "[肯尼亚能源和石油部|org/ke-energy]代表、[绿色非洲基金会|org/gaf]主席[玛格丽特·万吉鲁|person/mw]"
        "共同见证签署。",
        {("玛格丽特·万吉鲁", "org/gaf", "主席")},
    ),
    # ... but a 代表 that ends the chain is the person's title
    ("[联合国开发计划署|org/undp]代表[白雅婷|person/byt]致辞。", {("白雅婷", "org/undp", "代表")}),
    # a title compound with 首席…官
    (
        "[亚洲基础设施投资银行|org/aiib]副行长兼首席气候官[卡琳·埃伯哈特|person/ke]出席。",
        {("卡琳·埃伯哈特", "org/aiib", "副行长"), ("卡琳·埃伯哈特", "org/aiib", "首席气候官")},
    ),
    # a head-of-state title after the name; a title after a name that already has it adds nothing
    ("[习近平|person/xi]主席表示，要建立联盟。", {("习近平", None, "主席")}),
    ("[拜登|person/biden]总统邀请各国领导人。", {("拜登", None, "总统")}),
    ("国家主席[习近平|person/xi]出席。[习近平|person/xi]主席指出。", {("习近平", None, "国家主席"),
                                                                  ("习近平", None, "主席")}),
    # not a head-of-state title: a name followed by 部长 starts a new phrase
    ("[李干杰|person/lgj]部长助理陪同。", set()),
]


@pytest.mark.parametrize(("marked", "expected"), MORE_CHAINS)
def test_more_title_chains(marked: str, expected: set[tuple[str, str | None, str]]) -> None:
    assert _positions(marked) == expected


# Names after an organisation + title that a held-out set showed cut wrongly: the whole "X·Y" run
# after a title is the name, whatever its characters; the verb or preposition after it is not.
# A recognised person span whose right edge took a following word ([法鲁克·阿齐兹通]过) is re-read.
NAME_EDGES = [
    ("[泰国污染控制厅|org/pcd]副厅长巴妮·素旺那出席会议。", {("巴妮·素旺那", "org/pcd", "副厅长")}),
    ("[中国长江三峡集团有限公司|org/ctg]副总经理何振宇出席会议。",
     {("何振宇", "org/ctg", "副总经理")}),
    # jieba tags 许立群 "m": a mis-tagged three-character entry is still a name after a title
    ("[生态环境部法规与标准司|org/mee-law]副司长许立群出席会议。",
     {("许立群", "org/mee-law", "副司长")}),
    # first parts outside the transliteration table (哈立德, 钱德里卡)
    ("[环境、水和农业部|org/mewa]副部长哈立德·阿勒穆塔里表示，要加强合作。",
     {("哈立德·阿勒穆塔里", "org/mewa", "副部长")}),
    ("[环境部|org/lk-moe]高级顾问钱德里卡·佩雷拉在会上发言。",
     {("钱德里卡·佩雷拉", "org/lk-moe", "高级顾问")}),
    # 通过 / 出席 after the name are not part of it
    ("[气候变化部|org/pk-mocc]秘书长法鲁克·阿齐兹通过视频介绍了经验。",
     {("法鲁克·阿齐兹", "org/pk-mocc", "秘书长")}),
    ("[气候变化部|org/pk-mocc]秘书长[法鲁克·阿齐兹通|person/wrong]过视频介绍了经验。",
     {("法鲁克·阿齐兹", "org/pk-mocc", "秘书长")}),
    # an embassy title: the title goes on past 公使 (公使衔参赞), the organisation is the embassy
    ("[老挝驻华大使馆|org/la-emb]公使衔参赞坎蓬·西提冯通过视频致辞。",
     {("坎蓬·西提冯", "org/la-emb", "公使衔参赞")}),
    ("[中国驻塞内加尔大使馆|org/cn-emb-sn]参赞刘晓东出席会议。",
     {("刘晓东", "org/cn-emb-sn", "参赞")}),
    # negatives: no title, no name; a dotted run after a non-title word is not read
    ("会议通过了哈立德·阿勒穆塔里提交的报告。", set()),
    ("[联合国环境署|org/unep]代表团通过视频参会。", set()),
]


@pytest.mark.parametrize(("marked", "expected"), NAME_EDGES)
def test_name_edges_after_titles(
    marked: str, expected: set[tuple[str, str | None, str]]
) -> None:
    assert _positions(marked) == expected
