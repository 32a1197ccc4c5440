"""The spaCy pipeline: isolated jieba dictionary, components by name, the Doc contract."""

from __future__ import annotations

from itertools import pairwise

import jieba
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from silkgraph.extract.components import BLOCKED, CONTEXT_IDS, DATES, ENTITIES
from silkgraph.extract.gazetteer import Gazetteer
from silkgraph.extract.nlp import COMPONENTS, build_nlp
from silkgraph.extract.records import DateMention, DateValue
from silkgraph.extract.registry import EntityRegistry

METHODS = {"gazetteer", "abbreviation", "rule:suffix", "rule:transliteration", "rule:latin",
           "place-data"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def nlp(gazetteer: Gazetteer) -> Language:
    return build_nlp(gazetteer)


def run(nlp: Language, text: str, **user_data) -> Doc:
    doc = nlp.make_doc(text)
    doc._.sg_registry = EntityRegistry()
    doc.user_data.update(user_data)
    return nlp(doc)


def mentions(doc: Doc) -> list[tuple[str, str, str]]:
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[ENTITIES]]


def test_building_leaves_jiebas_global_dictionary_alone(gazetteer: Gazetteer) -> None:
    before = (jieba.dt.initialized, len(jieba.dt.FREQ), dict(jieba.dt.user_word_tag_tab))
    nlp = build_nlp(gazetteer)
    nlp("生态环境部部长李干杰出席“一带一路”绿色发展国际联盟会议。")
    assert (jieba.dt.initialized, len(jieba.dt.FREQ), dict(jieba.dt.user_word_tag_tab)) == before
    private = nlp.tokenizer.jieba_seg
    assert private is not jieba.dt and isinstance(private, jieba.Tokenizer)
    han_names = [n for n in gazetteer.names() if len(n) > 1 and all("\u4e00" <= c <= "\u9fff"
                                                                    for c in n)]
    assert han_names and all(private.FREQ.get(n) for n in han_names[:50])
    assert not any(jieba.dt.user_word_tag_tab.get(n) for n in han_names)


def test_components_are_added_by_name(nlp: Language) -> None:
    assert nlp.pipe_names == list(COMPONENTS)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "silkgraph.jieba_tokenizer.v1"


def test_gazetteer_names_stay_single_tokens(nlp: Language, gazetteer: Gazetteer) -> None:
    """Names jieba's own dictionary would split are single tokens here, and every name gives
    a mention of its entity even where jieba cuts it differently in context.
    """
    han = [n for n in gazetteer.names()
           if 1 < len(n) <= 12 and all("\u4e00" <= c <= "\u9fff" for c in n)]
    plain = jieba.Tokenizer()  # jieba's default dictionary, private so nothing is shared
    split_by_default = [n for n in han if len(list(plain.cut(n))) > 1][:200]
    assert split_by_default  # the test means something
    for name in split_by_default:
        assert [t.text for t in nlp.make_doc(name)] == [name]
    for name in han[:300]:
        doc = run(nlp, f"他说{name}。")
        assert any(s.text == name for s in doc.spans[ENTITIES]), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生态环境部部长李干杰出席", [("生态环境部", "Organisation", "org/mee")]),
        ("捷克副总理兼环境部部长理查德·布拉贝茨",
         [("捷克", "Place", "place/cz"), ("环境部", "Organisation", "org/n-jie-ke-huan-jing-bu")]),
        ("温州市生态环境保护协会发布报告",
         [("温州市生态环境保护协会", "Organisation",
           "org/n-wen-zhou-shi-sheng-tai-huan-jing-bao-hu-xie-hui")]),
    ],
)
def test_mentions(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = mentions(run(nlp, text))
    assert all(item in found for item in expected), found


def test_spans_follow_the_doc_contract(nlp: Language) -> None:
    doc = run(nlp, "2019年4月25日，联合国环境署代理执行主任马库斯·霍夫曼在北京出席会议。")
    spans = list(doc.spans[ENTITIES])
    assert spans
    assert all(s.label_ in {"Person", "Organisation", "Place"} and s.kb_id_ for s in spans)
    assert all(s._.sg_method in METHODS and 0 < s._.sg_confidence <= 1 for s in spans)
    assert all(a.end_char <= b.start_char for a, b in pairwise(spans))
    person = next(s for s in spans if s.label_ == "Person")
    assert person.text == "马库斯·霍夫曼" and person._.sg_method == "rule:transliteration"
    assert doc._.sg_registry.get(person.kb_id_).label_zh == "马库斯·霍夫曼"
    assert doc.user_data[DATES] == (
        DateMention(0, 10, "2019年4月25日", DateValue(2019, 4, 25)),)
    assert [s.text for s in doc.spans[DATES]] == ["2019年4月25日"]


def test_a_name_glued_to_its_neighbour_gets_an_exact_span(nlp: Language) -> None:
    doc = run(nlp, "主任马库斯·霍夫曼在会上发言，马库斯·霍夫曼说")
    assert [s.text for s in doc.spans[ENTITIES]] == ["马库斯·霍夫曼"] * 2


@pytest.mark.parametrize(
    ("text", "context", "bound"),
    [
        ("联盟将于明年召开会议。", (), False),
        ("联盟将于明年召开会议。", ("org/brigc",), True),
        ("“一带一路”绿色发展国际联盟成立。联盟将于明年召开会议。", (), True),
        ("联盟将于明年召开会议。“一带一路”绿色发展国际联盟成立。", (), False),
    ],
)
def test_ambiguous_short_forms_need_context(
    nlp: Language, text: str, context: tuple[str, ...], bound: bool
) -> None:
    doc = run(nlp, text, **{CONTEXT_IDS: frozenset(context)})
    short = [s for s in doc.spans[ENTITIES] if s.text == "联盟"]
    assert bool(short) is bound
    assert all(s.kb_id_ == "org/brigc" and s._.sg_confidence < 1 for s in short)


def test_an_inline_definition_binds_the_short_form(nlp: Language) -> None:
    text = "温州市生态环境保护协会（以下简称“温州环协”）发布报告。温州环协认为，协会将继续。"
    doc = run(nlp, text)
    org = next(s for s in doc.spans[ENTITIES] if s.text == "温州市生态环境保护协会")
    short = [s for s in doc.spans[ENTITIES] if s.text == "温州环协"]
    assert len(short) == 2 and {s.kb_id_ for s in short} == {org.kb_id_}
    assert all(s._.sg_method == "abbreviation" for s in short)
    assert "温州环协" in doc._.sg_registry.get(org.kb_id_).alt_labels


def test_layout_regions_produce_no_mentions(nlp: Language) -> None:
    text = "生态环境部\n生态环境部部长出席"
    doc = run(nlp, text, **{BLOCKED: ((0, 6),)})
    assert [(s.start_char, s.text) for s in doc.spans[ENTITIES]] == [(6, "生态环境部")]


def test_the_same_name_in_two_articles_is_one_entity(nlp: Language) -> None:
    registry = EntityRegistry()
    ids = []
    for text in ("由湖南师范大学生态研究所完成。", "湖南师范大学生态研究所表示支持。"):
        doc = nlp.make_doc(text)
        doc._.sg_registry = registry
        ids.append([s.kb_id_ for s in nlp(doc).spans[ENTITIES]])
    assert ids[0] == ids[1] == [registry.find("湖南师范大学生态研究所").id]


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a name inside a 《》 title belongs to the title
        ("履行《联合国气候变化框架公约》和《巴黎协定》义务", [], ["联合国", "巴黎"]),
        ("马骏在《当代金融家》刊文", ["马骏"], ["当代金融家"]),
        # a short form glued into a longer name jieba knows is not the coalition's
        ("由联盟秘书处与阿拉伯国家联盟秘书处共同主办", ["阿拉伯国家联盟秘书处"], []),
        # a word that ends with a listed name is still that name
        ("在纽约联合国总部出席", ["纽约", "联合国总部"], []),
    ],
)
def test_mentions_respect_titles_and_longer_words(
    nlp: Language, text: str, kept: list[str], dropped: list[str]
) -> None:
    doc = nlp(text)
    surfaces = [span.text for span in doc.spans["sg_entities"]]
    assert all(name in surfaces for name in kept), surfaces
    assert not any(name in surfaces for name in dropped), surfaces
