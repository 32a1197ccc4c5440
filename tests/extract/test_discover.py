"""Rules for entities the gazetteer lacks: names, places, organisations by suffix, short forms,
and the ids they get. Tokens come from a real private jieba tokenizer, places from real place data.
"""

from __future__ import annotations

import jieba
import jieba.posseg
import pytest

from silkgraph.extract.entities.abbreviations import find_definitions, occurrences
from silkgraph.extract.entities.discover import (
    Token,
    find_context_places,
    find_latin_glosses,
    find_place_candidates,
    find_transliterated_names,
    looks_like_chinese_name,
    looks_like_transliteration,
)
from silkgraph.extract.entities.orgs import find_org_candidates
from silkgraph.extract.entities.places import lookup_place
from silkgraph.extract.entities.registry import EntityRegistry, mint_id, new_entity, slugify


@pytest.fixture(scope="module")
def tagger() -> jieba.posseg.POSTokenizer:
    seg = jieba.Tokenizer()
    seg.add_word("可持续", tag="b")
    return jieba.posseg.POSTokenizer(seg)


def tokens_of(tagger: jieba.posseg.POSTokenizer, text: str) -> list[Token]:
    out, at = [], 0
    for pair in tagger.cut(text):
        out.append(Token(pair.word, pair.flag, at, at + len(pair.word)))
        at += len(pair.word)
    return out


def orgs(tagger: jieba.posseg.POSTokenizer, text: str):
    tokens = tokens_of(tagger, text)
    places = [(c.start, c.end, "Place", c.entity.id)
              for c in find_place_candidates(tokens, lookup_place) if c.entity]
    found = find_org_candidates(text, tokens, places)
    # outermost candidates only, as the component keeps them
    return [c for c in found
            if not any(o is not c and o.start <= c.start and c.end <= o.end for o in found)]


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("李干杰", True),
        ("丛亮", True),
        ("欧阳明高", True),
        ("马骏", True),
        ("部长", False),
        ("研究院", False),
        ("中心", False),
        ("李", False),
        ("李干杰部长", False),
        ("Li Ganjie", False),
    ],
)
def test_looks_like_chinese_name(text: str, expected: bool) -> None:
    assert looks_like_chinese_name(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("赫尔格森", True), ("乔伊斯·姆苏亚", True), ("可持续发展", False), ("部长", False)],
)
def test_looks_like_transliteration(text: str, expected: bool) -> None:
    assert looks_like_transliteration(text) is expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("——联合国环境署代理执行主任乔伊斯·姆苏亚", ["乔伊斯·姆苏亚"]),
        ("——捷克副总理兼环境部部长理查德·布拉贝茨", ["理查德·布拉贝茨"]),
        ("老挝自然资源与环境部部长宋玛·奔舍那表示", ["宋玛·奔舍那"]),
        ("奥尔加·阿尔加耶罗瓦和弗兰克·莱博曼出席", ["奥尔加·阿尔加耶罗瓦", "弗兰克·莱博曼"]),
        ("中文·English", []),
        ("没有间隔号的句子", []),
    ],
)
def test_transliterated_names(text: str, names: list[str]) -> None:
    found = find_transliterated_names(text)
    assert [c.name for c in found] == names
    assert all(text[c.start:c.end] == c.name and c.family == "Person" for c in found)


@pytest.mark.parametrize(
    ("text", "name", "latin"),
    [
        ("主任委员索尔海姆（Erik Solheim）表示", "索尔海姆", "Erik Solheim"),
        ("研究中心主任马骏（Ma Jun）指出", "马骏", "Ma Jun"),
        ("美国前助理国务卿丹尼尔·拉塞尔(Daniel Russel)", "丹尼尔·拉塞尔", "Daniel Russel"),
        ("会议由世界资源研究所（World Resources Institute）主办", None, None),
        ("部长李干杰（Ma Jun）", None, None),  # the pinyin does not spell the name
    ],
)
def test_latin_glosses_name_people(text: str, name: str | None, latin: str | None) -> None:
    found = find_latin_glosses(text, [])
    assert [(c.name, c.label_en) for c in found] == ([(name, latin)] if name else [])


def test_latin_gloss_labels_the_entity_before_it() -> None:
    text = "绿色和平组织（Greenpeace International）发布报告"
    found = find_latin_glosses(text, [(0, 6, "Organisation", "org/n-x")])
    assert [(c.target_id, c.label_en) for c in found] == [("org/n-x", "Greenpeace International")]


# --- organisations by suffix --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新加坡环境与水源部部长马善高", [("环境与水源部", "GovernmentBody")]),
        ("由中国人民大学重阳金融研究院主办", [("中国人民大学重阳金融研究院", "ThinkTank")]),
        ("全球能源互联网发展合作组织主席刘振亚", [("全球能源互联网发展合作组织", "Organisation")]),
        ("世界可持续发展工商理事会总裁", [("世界可持续发展工商理事会", "Organisation")]),
        ("联合国工业发展组织总干事李勇", [("联合国工业发展组织", "IntergovernmentalOrganisation")]),
        ("洛克菲勒兄弟基金会资助", [("洛克菲勒兄弟基金会", "NGO")]),
        ("波士顿大学全球发展政策研究中心发布", [("波士顿大学全球发展政策研究中心", "ThinkTank")]),
        ("中国工商银行发行绿色债券", [("中国工商银行", "FinancialInstitution")]),
        ("支持协会、研究咨询机构、企业间加强交流", []),
        ("相关国家政府部门和国际组织代表出席", []),
        ("推动形成人与自然和谐共生新格局", []),
        ("我们要以人民为中心", []),
        ("内部和外部", []),
        ("组织召开研讨会", []),
        ("部长出席", []),
        # a country before a ministry is a place of its own; 、 inside a ministry's portfolio list
        ("肯尼亚环境、气候变化和林业部部长", [("环境、气候变化和林业部", "GovernmentBody")]),
        ("泰国能源部替代能源发展与能效司的专家",
         [("能源部替代能源发展与能效司", "GovernmentBody")]),
        ("中国、肯尼亚和卢旺达的代表", []),
        ("加强能源、交通和农业部门合作", []),
        # jieba glues a name's last word to the title after it
        ("内罗毕大学教授约瑟夫", [("内罗毕大学", "University")]),
        # people and titles stop a name; a city's government is a body, a country's is not
        ("内罗毕市政府官员和绿色非洲基金会主席",
         [("内罗毕市政府", "GovernmentBody"), ("绿色非洲基金会", "NGO")]),
        ("各国政府和国际组织", []),
        ("挪威政府代表出席", []),
        # venues are places; they need a proper name
        ("在巴库的奥林匹克体育场举办", [("奥林匹克体育场", "Venue")]),
        ("入住五星级酒店", []),
        ("入住豪华宾馆", []),
        # a pair of places names a centre; a thematic partnership is one suffix
        ("中国-阿拉伯国家技术转移中心主任", [("中国-阿拉伯国家技术转移中心", "Organisation")]),
        ("生物多样性和生态系统管理专题伙伴关系与", [
            ("生物多样性和生态系统管理专题伙伴关系", "ThematicPartnership")]),
        ("该专题伙伴关系", []),
        ("为落实联盟工作计划", []),
        ("并建议联盟加强", []),
        ("与会代表充分肯定联盟的工作", []),
        ("会议暨年度专题伙伴关系协调会", []),
        ("组织召开研讨会", []),
        ("黑海经济合作组织常设国际秘书处", [("黑海经济合作组织常设国际秘书处", "Organisation")]),
    ],
)
def test_organisations_by_suffix(tagger, text: str, expected: list[tuple[str, str]]) -> None:
    """Mentions by their text: a country before a ministry stays a place of its own."""
    found = orgs(tagger, text)
    assert [(text[c.start:c.end], c.kind) for c in found] == expected
    assert all(c.name.endswith(text[c.start:c.end]) for c in found)


def test_a_prefix_organisation_becomes_the_parent(tagger) -> None:
    text = "清华大学国家金融研究院金融与发展研究中心主任"
    found = orgs(tagger, text)
    assert [c.name for c in found] == ["清华大学国家金融研究院金融与发展研究中心"]
    assert found[0].parent_id == mint_id("Organisation", "清华大学国家金融研究院")


def test_a_known_organisation_is_not_rediscovered(tagger) -> None:
    text = "中国生态环境部部长"
    tokens = tokens_of(tagger, text)
    spans = [(0, 2, "Place", "place/cn"), (2, 7, "Organisation", "org/mee")]
    assert find_org_candidates(text, tokens, spans) == []


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # a bare word and a conjunction glued to a known ministry: another country's ministry
        ("阿塞拜疆生态和自然资源部副部长", [(7, 12)], "生态和自然资源部"),
        ("生态环境部和自然资源部", [(0, 5), (6, 11)], None),  # two ministries
        # a known national body right after a foreign country is that country's body
        ("巴西国家开发银行", [(2, 8)], "巴西国家开发银行"),
        ("中国国家开发银行", [(2, 8)], None),
    ],
)
def test_a_known_name_inside_a_longer_one(tagger, text, known, expected) -> None:
    tokens = tokens_of(tagger, text)
    places = [(c.start, c.end, "Place", c.entity.id)
              for c in find_place_candidates(tokens, lookup_place) if c.entity]
    spans = [*places, *((a, b, "Organisation", f"org/known-{a}") for a, b in known)]
    found = find_org_candidates(text, tokens, spans)
    assert [text[c.start:c.end] for c in found] == ([expected] if expected else [])


def test_a_known_prefix_makes_a_sub_unit(tagger) -> None:
    text = "生态环境部对外合作与交流中心主任"
    tokens = tokens_of(tagger, text)
    found = find_org_candidates(text, tokens, [(0, 5, "Organisation", "org/mee")])
    assert [(c.name, c.parent_id) for c in found] == [("生态环境部对外合作与交流中心", "org/mee")]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("捷克副总理兼环境部部长", "捷克环境部", "place/cz"),
        ("以色列环境部代表", "以色列环境部", "place/il"),
    ],
)
def test_bare_ministries_take_the_country_of_their_clause(tagger, text, name, country) -> None:
    [found] = orgs(tagger, text)
    assert (found.name, found.country_id, found.kind) == (name, country, "GovernmentBody")


def test_a_bare_ministry_without_a_country_is_dropped(tagger) -> None:
    assert orgs(tagger, "他曾任环境部部长") == []


# --- places -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("会议在深圳市召开", ["place/cn-440300"]),
        ("挪威政府代表出席", ["place/no"]),
        ("广东省深圳市", ["place/cn-440300"]),
        ("加强南南合作，深化务实合作", []),
        ("合作共赢的全球环境治理体系", []),
        ("亚太地区", []),
        # countries whatever jieba tags them; foreign cities in a locative context
        ("来自肯尼亚、卢旺达等国", ["place/ke", "place/rw"]),
        ("在乌兹别克斯坦撒马尔罕举办", ["place/uz", "place/samarkand"]),
        ("澳大利亚首都堪培拉", ["place/au", mint_id("Place", "堪培拉")]),
        ("代表们赴亚历山大港参观", [mint_id("Place", "亚历山大")]),
        ("伊拉克利·卡拉泽表示", []),  # a name that begins like a country
        ("乔治·华盛顿", []),
        ("参观了新建的场站", []),  # a county's short form used as a word
        ("在海淀召开", ["place/cn-110108"]),
        # natural features place data lacks
        ("里海沿岸国家", [mint_id("Place", "里海")]),
        ("参与阿布歇隆半岛风电项目", [mint_id("Place", "阿布歇隆半岛")]),
        ("生命之河", []),
        ("沿海国家", []),
        ("赴沙湾拿吉考察", []),  # 沙湾 is the start of a longer name
    ],
)
def test_place_candidates_are_confirmed_by_place_data(tagger, text: str, ids: list[str]) -> None:
    found = find_place_candidates(tokens_of(tagger, text), lookup_place)
    assert [c.entity.id for c in found if c.entity] == ids
    # place data confirms, or the feature rule says it made the place up
    assert all(c.method == ("rule:place-context" if c.kind == "NaturalFeature" else "place-data")
               for c in found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("双方将在基苏木、蒙巴萨等地建设", ["基苏木", "蒙巴萨"]),
        ("围绕琅勃拉邦、巴色等地的项目", ["琅勃拉邦", "巴色"]),
        ("在肯尼亚蒙巴萨举办", ["蒙巴萨"]),
        ("学员们赴沙湾拿吉考察", ["沙湾拿吉"]),
        ("会议将在蒙巴萨举行", ["蒙巴萨"]),
        ("在金融、科技等领域", []),
        ("在能源、交通等地", []),
        ("在安全举办", []),
        ("前往会场参观", []),
        ("肯尼亚代表出席", []),
        ("俄罗斯普京表示", []),
        ("肯尼亚约瑟夫·奥蒂埃诺", []),
    ],
)
def test_places_named_by_context(tagger, text: str, names: list[str]) -> None:
    tokens = tokens_of(tagger, text)
    spans = [(c.start, c.end, "Place", c.entity.id)
             for c in find_place_candidates(tokens, lookup_place) if c.entity]
    found = find_context_places(text, tokens, spans)
    assert [c.name for c in found] == names
    assert all(c.family == "Place" and c.confidence < 0.9 for c in found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("埃及环境部部长助理穆罕默德·法里德表示", ["穆罕默德·法里德"]),
        ("拉赫马特·苏班迪出席", ["拉赫马特·苏班迪"]),
        ("总理理查德·布拉贝茨", ["理查德·布拉贝茨"]),
    ],
)
def test_transliterated_names_after_titles(text: str, names: list[str]) -> None:
    assert [c.name for c in find_transliterated_names(text)] == names


# --- abbreviations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("世界资源研究所（以下简称“WRI”）发布", [("WRI", 7, False)]),
        ("“一带一路”绿色发展国际联盟（以下简称“联盟”）", [("联盟", 14, False)]),
        ("分论坛（简称论坛）", [("论坛", 3, False)]),
        ("联合国环境规划署（UNEP）", [("UNEP", 8, True)]),
        ("绿色联盟（以下简称“联盟”或“绿盟”）", [("联盟", 4, False), ("绿盟", 4, False)]),
        ("增长率（GDP）", [("GDP", 3, True)]),
        ("单位（kg）", []),
        ("Coalition (BRIGC)", []),
    ],
)
def test_inline_definitions(text: str, expected: list[tuple[str, int, bool]]) -> None:
    found = find_definitions(text)
    assert [(d.short, d.anchor, d.acronym) for d in found] == expected
    assert all(text[d.start:d.end] == d.short for d in found)


def test_latin_short_forms_stand_alone() -> None:
    assert occurrences("UNEP与UNEPFI和UNEP", "UNEP", 0) == [(0, 4), (12, 16)]


# --- ids and the registry -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("乔伊斯·姆苏亚", "qiao-yi-si-mu-su-ya"),
        ("理查德 · 布拉贝茨", "li-cha-de-bu-la-bei-ci"),
        ("Erik Solheim", "erik-solheim"),
        ("“一带一路”研究院", "yi-dai-yi-lu-yan-jiu-yuan"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_long_slugs_are_cut_and_hashed() -> None:
    slug = slugify("中国人民大学重阳金融研究院全球治理与发展研究中心")
    assert len(slug) <= 56 and slug.startswith("zhong-guo-ren-min")


def test_registry_merges_what_mentions_learn() -> None:
    registry = EntityRegistry()
    first = registry.add(new_entity("Organisation", "Organisation", "世界资源研究所"))
    merged = registry.add(new_entity("Organisation", "ThinkTank", "世界资源研究所",
                                     label_en="World Resources Institute", alt_labels=("WRI",)))
    assert merged.id == first.id
    assert (merged.kind, merged.label_en, merged.alt_labels) == (
        "ThinkTank", "World Resources Institute", ("WRI",))
    assert registry.find("WRI") == merged
    assert len(registry) == 1


def test_registry_keeps_homophones_apart() -> None:
    registry = EntityRegistry()
    a = registry.add(new_entity("Person", "Person", "李勇"))
    b = registry.add(new_entity("Person", "Person", "李永"))
    assert a.id == "person/n-li-yong" and b.id.startswith("person/n-li-yong-") and a.id != b.id
    again = registry.add(new_entity("Person", "Person", "李 永"))
    assert again.id in {a.id, b.id}


def test_registry_is_order_independent_for_merged_fields() -> None:
    one, two = (new_entity("Organisation", "NGO", "能源基金会", label_en=label)
                for label in ("Energy Foundation", "Energy Foundation China"))
    forward, backward = EntityRegistry(), EntityRegistry()
    forward.add(one)
    forward.add(two)
    backward.add(two)
    backward.add(one)
    assert forward.entities() == backward.entities()
