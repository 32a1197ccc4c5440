"""The gazetteer: the packaged file validates, a broken one fails with a clear message, and
names are found on characters whatever jieba, PDF line breaks or typography did to them."""

from __future__ import annotations

import csv
import doctest
import itertools
import logging
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import cpca
import jieba
import pycountry
import pytest
import yaml

import silkgraph.extract.entities.gazetteer as gazetteer_module
from silkgraph.extract.entities.gazetteer import (
    SECTION_KINDS,
    Gazetteer,
    GazetteerError,
    GazetteerMatch,
    fold,
)

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))
SLUG = re.compile(r"(org|partnership|person|place)/[a-z0-9]+(-[a-z0-9]+)*")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entity_id) for m in gazetteer.match(text)]


# --- the packaged file ---------------------------------------------------------------------------


def test_packaged_gazetteer_loads_sorted_and_deterministic(gazetteer: Gazetteer) -> None:
    ids = [entry.entity.id for entry in gazetteer.entries]
    assert len(ids) >= 500
    assert ids == sorted(ids)
    assert Gazetteer.load().entries == gazetteer.entries


def test_ids_are_unique_lowercase_slugs_matching_their_kind(gazetteer: Gazetteer) -> None:
    ids = [entry.entity.id for entry in gazetteer.entries]
    assert len(set(ids)) == len(ids)
    prefix_of = {"organisations": "org", "partnerships": "partnership", "people": "person",
                 "places": "place"}
    for entry in gazetteer.entries:
        entity = entry.entity
        assert SLUG.fullmatch(entity.id), entity.id
        section = next(s for s, kinds in SECTION_KINDS.items() if entity.kind in kinds)
        assert entity.id.startswith(prefix_of[section] + "/"), (entity.id, entity.kind)
        assert entity.known


@pytest.mark.parametrize(
    ("kind", "at_least"),
    [("Person", 90), ("GovernmentBody", 60), ("Country", 50), ("City", 40),
     ("IntergovernmentalOrganisation", 30), ("NGO", 30), ("ThinkTank", 25),
     ("FinancialInstitution", 25), ("Company", 25), ("MediaOrganisation", 20),
     ("Province", 25), ("ThematicPartnership", 10), ("CoalitionBody", 3)],
)
def test_every_family_is_covered(gazetteer: Gazetteer, kind: str, at_least: int) -> None:
    assert Counter(e.entity.kind for e in gazetteer.entries)[kind] >= at_least


def test_the_ten_partnerships_each_have_convenors(gazetteer: Gazetteer) -> None:
    partnerships = [e.entity for e in gazetteer.entries if e.entity.kind == "ThematicPartnership"]
    assert len(partnerships) == 10
    for partnership in partnerships:
        assert partnership.convenors, partnership.id
        assert partnership.parent_id == "org/brigc"
        for convenor in partnership.convenors:
            entry = gazetteer.get(convenor)
            assert entry is not None and entry.entity.id.startswith("org/"), convenor


@pytest.mark.parametrize(
    ("partnership", "convenor"),
    [("partnership/climate-governance", "org/ncsc"),
     ("partnership/climate-governance", "org/ciff"),
     ("partnership/green-cities", "org/caep"),
     ("partnership/green-finance", "org/tsinghua-green-finance-center"),
     ("partnership/ocean", "org/nmemc"),
     ("partnership/ocean", "org/dnv-gl"),
     ("partnership/sustainable-transport", "org/mot-tpri")],
)
def test_convenors_stated_in_the_newsletters(
    gazetteer: Gazetteer, partnership: str, convenor: str
) -> None:
    entry = gazetteer.get(partnership)
    assert entry is not None and convenor in entry.entity.convenors


@pytest.mark.parametrize(
    ("entity_id", "label_en"),
    [("org/mee", "Ministry of Ecology and Environment"),
     ("org/ndrc", "National Development and Reform Commission"),
     ("org/unep", "United Nations Environment Programme"),
     ("org/wri", "World Resources Institute"),
     ("org/cciced", "China Council for International Cooperation on Environment and Development"),
     ("org/aiib", "Asian Infrastructure Investment Bank"),
     ("org/irena", "International Renewable Energy Agency"),
     ("org/brigc", "BRI International Green Development Coalition"),
     ("person/erik-solheim", "Erik Solheim"),
     ("person/li-ganjie", "Li Ganjie"),
     ("place/no", "Norway"),
     ("place/cn-110000", "Beijing")],
)
def test_english_labels(gazetteer: Gazetteer, entity_id: str, label_en: str) -> None:
    entry = gazetteer.get(entity_id)
    assert entry is not None and entry.entity.label_en == label_en


def test_entity_records_carry_labels_parents_and_identifiers(gazetteer: Gazetteer) -> None:
    mee = gazetteer.get("org/mee")
    assert mee is not None
    assert (mee.entity.kind, mee.entity.label_zh) == ("GovernmentBody", "生态环境部")
    assert (mee.entity.parent_id, mee.entity.country_id) == ("org/state-council", "place/cn")
    assert "中华人民共和国生态环境部" in mee.entity.alt_labels
    assert mee.entity.alt_labels == tuple(sorted(set(mee.entity.alt_labels)))
    beijing = gazetteer.get("place/cn-110000")
    assert beijing is not None and beijing.entity.identifiers == (("adcode", "110000"),)
    assert beijing.ambiguous == ("京",)
    solheim = gazetteer.get("person/erik-solheim")
    assert solheim is not None
    assert ("主任委员", "org/brigc-advisory-committee") in solheim.positions
    assert gazetteer.get("org/no-such-thing") is None


def test_country_codes_exist_in_iso_3166(gazetteer: Gazetteer) -> None:
    countries = [e.entity for e in gazetteer.entries if e.entity.kind == "Country"]
    for country in countries:
        code = dict(country.identifiers)["iso3166"]
        assert pycountry.countries.get(alpha_2=code) is not None, country.id


def test_adcodes_are_cpca_codes_for_the_same_name(gazetteer: Gazetteer) -> None:
    path = resources.files(cpca).joinpath("resources", "adcodes.csv")
    with path.open(encoding="utf-8") as handle:
        names = {row["adcode"][:6]: row["name"] for row in csv.DictReader(handle)}
    coded = [e.entity for e in gazetteer.entries if dict(e.entity.identifiers).get("adcode")]
    assert len(coded) >= 60
    for place in coded:
        assert names[dict(place.identifiers)["adcode"]] == place.label_zh, place.id


# --- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # longest match wins over the ministry inside the department
        ("生态环境部国际合作司司长郭敬",
         [("生态环境部国际合作司", "org/mee-dic"), ("郭敬", "person/guo-jing")]),
        ("生态环境部部长", [("生态环境部", "org/mee")]),
        # stray spaces and a line break from PDF extraction
        ("理查德 · 布拉贝茨", [("理查德 · 布拉贝茨", "person/richard-brabec")]),
        ("联合国环境规\n划署", [("联合国环境规\n划署", "org/unep")]),
        # typographic variants: full-width dash, other quotes, no quotes
        ("中国－东盟环境保护合作中心", [("中国－东盟环境保护合作中心", "org/caec")]),
        ("‘一带一路’绿色发展国际联盟", [("‘一带一路’绿色发展国际联盟", "org/brigc")]),
        ("一带一路绿色发展国际联盟", [("一带一路绿色发展国际联盟", "org/brigc")]),
        # a partnership with another connector than its listed name
        ("绿色能源与能源效率专题伙伴关系",
         [("绿色能源与能源效率专题伙伴关系", "partnership/green-energy")]),
        # Latin names: case-insensitive words, case-kept acronyms, standing alone
        ("Climate works Foundation", [("Climate works Foundation", "org/climateworks")]),
        ("WRI发布报告", [("WRI", "org/wri")]),
        ("wri发布报告", []),
        ("WRIX发布报告", []),
        ("清华 CFD", [("清华 CFD", "org/tsinghua-cfd")]),
        # aliases and abbreviations
        ("国家发改委与证监会", [("国家发改委", "org/ndrc"), ("证监会", "org/csrc")]),
        ("亚投行", [("亚投行", "org/aiib")]),
        ("努尔苏丹", [("努尔苏丹", "place/astana")]),
    ],
)
def test_match_table(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [("捷克副总理兼环境部部长理查德·布拉贝茨出席", "理查德·布拉贝茨", "person/richard-brabec"),
     ("国合会副主席赫尔格森主持", "赫尔格森", "person/vidar-helgesen"),
     ("联合国南南合作办公室主任切迪克表示", "切迪克", "person/jorge-chediek"),
     ("由中国公路学会和交通运输部规划研究院召开", "交通运输部规划研究院", "org/mot-tpri"),
     ("生态环境部对外合作与交流中心副主任李永红主持", "生态环境部对外合作与交流中心",
      "org/feco")],
)
def test_characters_find_names_jieba_splits(
    gazetteer: Gazetteer, text: str, name: str, entity_id: str
) -> None:
    jieba.setLogLevel(logging.WARNING)
    tokens = list(jieba.Tokenizer().cut(text))
    assert name not in tokens  # jieba alone would miss it
    assert (name, entity_id) in found(gazetteer, text)


def test_ambiguous_forms_are_flagged_and_shared_ones_yield_every_candidate(
    gazetteer: Gazetteer,
) -> None:
    assert gazetteer.match("在京召开") == [
        GazetteerMatch(1, 2, "place/cn-110000", "京", ambiguous=True)
    ]
    shared = gazetteer.match("规划院将配置专业力量")
    assert {(m.start, m.end, m.ambiguous) for m in shared} == {(0, 3, True)}
    assert {m.entity_id for m in shared} == {"org/caep", "org/mot-tpri"}
    assert [(m.entity_id, m.ambiguous) for m in gazetteer.match("联盟秘书处")] == [
        ("org/brigc-secretariat", False)
    ]


def test_names_for_jieba_hold_only_unambiguous_forms(gazetteer: Gazetteer) -> None:
    names = set(gazetteer.names())
    assert {"生态环境部", "索尔海姆", "一带一路绿色发展国际联盟", "国合会"} <= names
    assert not {"联盟", "京", "秘书处", "中心", "陆军"} & names
    assert list(gazetteer.names()) == sorted(names)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_matches_on_a_whole_newsletter_are_ordered_exact_and_disjoint(
    gazetteer: Gazetteer, seed: Path
) -> None:
    text = seed.read_text(encoding="utf-8")
    matches = gazetteer.match(text)
    assert len({m.entity_id for m in matches}) >= 80
    starts = [m.start for m in matches]
    assert starts == sorted(starts)
    spans = sorted({(m.start, m.end) for m in matches})
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for m in matches:
        assert text[m.start:m.end] == m.surface
        assert fold(m.surface)


def test_documented_examples_run() -> None:
    assert doctest.testmod(gazetteer_module).failed == 0


# --- broken files --------------------------------------------------------------------------------

VALID = {
    "organisations": [
        {"id": "org/a", "kind": "GovernmentBody", "zh": "甲部", "aliases": ["甲"],
         "country": "place/cn"},
        {"id": "org/a-dept", "kind": "GovernmentBody", "zh": "甲部国际司", "parent": "org/a"},
    ],
    "partnerships": [
        {"id": "partnership/p", "kind": "ThematicPartnership", "zh": "绿色专题伙伴关系",
         "parent": "org/a", "convenors": ["org/a"]},
    ],
    "people": [
        {"id": "person/b", "kind": "Person", "zh": "乙某",
         "positions": [{"role": "部长", "organisation": "org/a"}]},
    ],
    "places": [
        {"id": "place/cn", "kind": "Country", "zh": "中国", "identifiers": {"iso3166": "CN"}},
    ],
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def broken(section: str, index: int, **changes: object) -> dict[str, list[dict[str, object]]]:
    data = {key: [dict(item) for item in items] for key, items in VALID.items()}
    data[section][index].update(changes)
    return data


def test_the_valid_fixture_loads(tmp_path: Path) -> None:
    small = Gazetteer.load(write(tmp_path, VALID))
    assert [e.entity.id for e in small.entries] == [
        "org/a", "org/a-dept", "partnership/p", "person/b", "place/cn"
    ]
    assert found(small, "甲部国际司与甲部") == [("甲部国际司", "org/a-dept"), ("甲部", "org/a")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (broken("organisations", 1, id="org/a"), "duplicate id 'org/a'"),
        (broken("organisations", 1, parent="org/missing"),
         "parent 'org/missing' refers to no entry"),
        (broken("organisations", 1, aliases=["甲"]), "alias collision: the name '甲'"),
        (broken("organisations", 1, kind="Ministry"), "unknown kind 'Ministry'"),
        (broken("organisations", 1, id="org/Bad_Id"), "not a lowercase slug"),
        (broken("organisations", 1, id="person/a-dept"), "must start with 'org/'"),
        (broken("organisations", 0, parent="org/a-dept"), "parent chain loops"),
        (broken("organisations", 1, country="org/a"), "country 'org/a' must be in places"),
        (broken("organisations", 1, colour="red"), "unknown key 'colour'"),
        (broken("partnerships", 0, convenors=[]), "needs a non-empty list of convenors"),
        (broken("partnerships", 0, convenors=["org/gone"]), "convenor 'org/gone' refers to no"),
        (broken("people", 0, positions=[{"role": "部长", "organisation": "person/b"}]),
         "position organisation 'person/b' must be in organisations or partnerships"),
        (broken("places", 0, identifiers={"iso3166": False}), "quote values such as \"NO\""),
        (broken("places", 0, identifiers={"iso3166": "DE"}), "must have id place/de"),
        (broken("places", 0, zh=""), "zh must be a non-empty string"),
    ],
)
def test_broken_gazetteer_names_the_problem(
    tmp_path: Path, data: object, message: str
) -> None:
    with pytest.raises(GazetteerError) as error:
        Gazetteer.load(write(tmp_path, data))
    assert message in str(error.value)
    assert str(tmp_path) in str(error.value)


def test_an_ambiguous_short_form_may_be_shared(tmp_path: Path) -> None:
    data = broken("organisations", 1, ambiguous=["甲"])
    small = Gazetteer.load(write(tmp_path, data))
    assert [(m.entity_id, m.ambiguous) for m in small.match("甲")] == [
        ("org/a", False), ("org/a-dept", True)
    ]


def test_unreadable_yaml_is_a_gazetteer_error(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text("organisations: [unclosed", encoding="utf-8")
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.load(path)
    with pytest.raises(GazetteerError, match="must hold a list"):
        Gazetteer.load(write(tmp_path, {"organisations": []}))
