"""Place lookup against the real reference data: babel/pycountry countries, cpca's adcode table."""

from __future__ import annotations

import pytest

from silkgraph.extract.entities.places import (
    country_of,
    division_by_short_form,
    lookup_place,
    short_form,
)

# name, id, kind, label_zh, label_en, parent_id, identifiers
KNOWN = [
    # countries: CLDR names, traditional script, short forms, official-style suffixes stripped
    ("中国", "place/cn", "Country", "中国", "China", None, (("iso3166", "CN"),)),
    ("中华人民共和国", "place/cn", "Country", "中国", "China", None, (("iso3166", "CN"),)),
    ("美国", "place/us", "Country", "美国", "United States", None, (("iso3166", "US"),)),
    ("美國", "place/us", "Country", "美国", "United States", None, (("iso3166", "US"),)),
    ("英国", "place/gb", "Country", "英国", "United Kingdom", None, (("iso3166", "GB"),)),
    ("俄罗斯", "place/ru", "Country", "俄罗斯", "Russia", None, (("iso3166", "RU"),)),
    ("俄罗斯联邦", "place/ru", "Country", "俄罗斯", "Russia", None, (("iso3166", "RU"),)),
    ("老挝", "place/la", "Country", "老挝", "Laos", None, (("iso3166", "LA"),)),
    ("捷克", "place/cz", "Country", "捷克", "Czechia", None, (("iso3166", "CZ"),)),
    ("捷克共和国", "place/cz", "Country", "捷克", "Czechia", None, (("iso3166", "CZ"),)),
    ("亚美尼亚共和国", "place/am", "Country", "亚美尼亚", "Armenia", None, (("iso3166", "AM"),)),
    ("蒙古国", "place/mn", "Country", "蒙古", "Mongolia", None, (("iso3166", "MN"),)),
    ("蒙古", "place/mn", "Country", "蒙古", "Mongolia", None, (("iso3166", "MN"),)),
    ("哈萨克斯坦", "place/kz", "Country", "哈萨克斯坦", "Kazakhstan", None, (("iso3166", "KZ"),)),
    ("新加坡", "place/sg", "Country", "新加坡", "Singapore", None, (("iso3166", "SG"),)),
    ("泰王国", "place/th", "Country", "泰国", "Thailand", None, (("iso3166", "TH"),)),
    ("挪威", "place/no", "Country", "挪威", "Norway", None, (("iso3166", "NO"),)),
    ("沙特", "place/sa", "Country", "沙特阿拉伯", "Saudi Arabia", None, (("iso3166", "SA"),)),
    ("缅甸", "place/mm", "Country", "缅甸", "Myanmar", None, (("iso3166", "MM"),)),
    # provinces (short forms prefer the province), autonomous regions, SARs
    ("海南省", "place/cn-460000", "Province", "海南省", "Hainan", None, (("adcode", "460000"),)),
    ("海南", "place/cn-460000", "Province", "海南省", "Hainan", None, (("adcode", "460000"),)),
    ("吉林", "place/cn-220000", "Province", "吉林省", "Jilin", None, (("adcode", "220000"),)),
    (
        "广西",
        "place/cn-450000",
        "Province",
        "广西壮族自治区",
        "Guangxi",
        None,
        (("adcode", "450000"),),
    ),
    (
        "新疆",
        "place/cn-650000",
        "Province",
        "新疆维吾尔自治区",
        "Xinjiang",
        None,
        (("adcode", "650000"),),
    ),
    (
        "内蒙古",
        "place/cn-150000",
        "Province",
        "内蒙古自治区",
        "Inner Mongolia",
        None,
        (("adcode", "150000"),),
    ),
    ("陕西", "place/cn-610000", "Province", "陕西省", "Shaanxi", None, (("adcode", "610000"),)),
    ("山西", "place/cn-140000", "Province", "山西省", "Shanxi", None, (("adcode", "140000"),)),
    (
        "香港",
        "place/cn-810000",
        "Province",
        "香港特别行政区",
        "Hong Kong",
        None,
        (("adcode", "810000"),),
    ),
    # municipalities are cities at province level
    ("北京", "place/cn-110000", "City", "北京市", "Beijing", None, (("adcode", "110000"),)),
    ("北京市", "place/cn-110000", "City", "北京市", "Beijing", None, (("adcode", "110000"),)),
    ("重庆", "place/cn-500000", "City", "重庆市", "Chongqing", None, (("adcode", "500000"),)),
    # prefecture-level cities, with their province as parent
    (
        "深圳",
        "place/cn-440300",
        "City",
        "深圳市",
        "Shenzhen",
        "place/cn-440000",
        (("adcode", "440300"),),
    ),
    (
        "深圳市",
        "place/cn-440300",
        "City",
        "深圳市",
        "Shenzhen",
        "place/cn-440000",
        (("adcode", "440300"),),
    ),
    (
        "大连",
        "place/cn-210200",
        "City",
        "大连市",
        "Dalian",
        "place/cn-210000",
        (("adcode", "210200"),),
    ),
    (
        "吉林市",
        "place/cn-220200",
        "City",
        "吉林市",
        "Jilin",
        "place/cn-220000",
        (("adcode", "220200"),),
    ),
    (
        "西安",
        "place/cn-610100",
        "City",
        "西安市",
        "Xi'an",
        "place/cn-610000",
        (("adcode", "610100"),),
    ),
    (
        "延边",
        "place/cn-222400",
        "City",
        "延边朝鲜族自治州",
        "Yanbian",
        "place/cn-220000",
        (("adcode", "222400"),),
    ),
    (
        "广东省深圳市",
        "place/cn-440300",
        "City",
        "深圳市",
        "Shenzhen",
        "place/cn-440000",
        (("adcode", "440300"),),
    ),
    # districts: full names, place-name short forms, qualified names for ambiguous ones
    (
        "海淀区",
        "place/cn-110108",
        "District",
        "海淀区",
        "Haidian",
        "place/cn-110000",
        (("adcode", "110108"),),
    ),
    (
        "海淀",
        "place/cn-110108",
        "District",
        "海淀区",
        "Haidian",
        "place/cn-110000",
        (("adcode", "110108"),),
    ),
    (
        "浦东新区",
        "place/cn-310115",
        "District",
        "浦东新区",
        "Pudong",
        "place/cn-310000",
        (("adcode", "310115"),),
    ),
    (
        "北京市朝阳区",
        "place/cn-110105",
        "District",
        "朝阳区",
        "Chaoyang",
        "place/cn-110000",
        (("adcode", "110105"),),
    ),
    (
        "长春市朝阳区",
        "place/cn-220104",
        "District",
        "朝阳区",
        "Chaoyang",
        "place/cn-220100",
        (("adcode", "220104"),),
    ),
    (
        "合作市",
        "place/cn-623001",
        "District",
        "合作市",
        "Hezuo",
        "place/cn-623000",
        (("adcode", "623001"),),
    ),
]


@pytest.mark.parametrize(
    ("name", "entity_id", "kind", "label_zh", "label_en", "parent_id", "identifiers"), KNOWN
)
def test_lookup_place(
    name: str,
    entity_id: str,
    kind: str,
    label_zh: str,
    label_en: str,
    parent_id: str | None,
    identifiers: tuple[tuple[str, str], ...],
) -> None:
    entity = lookup_place(name)
    assert entity is not None
    assert (entity.id, entity.kind, entity.label_zh, entity.label_en) == (
        entity_id,
        kind,
        label_zh,
        label_en,
    )
    assert (entity.parent_id, entity.identifiers) == (parent_id, identifiers)
    assert entity.known is False
    assert entity.country_id == (None if kind == "Country" else "place/cn")


@pytest.mark.parametrize(
    "name",
    [
        "合作",  # 合作市 is a county-level city; the word is "cooperation"
        "发展",
        "城区",  # a district name in several cities, and a generic word
        "朝阳区",  # Beijing's or Changchun's: ambiguous without a qualifier
        "东盟",  # an organisation, not a country
        "欧盟",
        "联合国",
        "市辖区",  # a placeholder row of the adcode table
        "蒙巴萨",  # neither a CLDR exemplar city nor in the world table: context must say
        "",
        "   ",
    ],
)
def test_lookup_place_rejects(name: str) -> None:
    assert lookup_place(name) is None


def test_every_alias_gives_the_same_entity() -> None:
    """Entities are built once; different names of one place return an identical record."""
    assert lookup_place("深圳") is lookup_place("深圳市") is lookup_place("广东省深圳市")
    assert lookup_place("捷克") is lookup_place("捷克共和国")


def test_alt_labels_list_other_names() -> None:
    us = lookup_place("美国")
    assert us is not None and "美國" in us.alt_labels
    shenzhen = lookup_place("深圳市")
    assert shenzhen is not None and shenzhen.alt_labels == ("深圳",)


@pytest.mark.parametrize(
    ("entity_id", "country"),
    [
        ("place/cn-440300", "place/cn"),
        ("place/cn-110108", "place/cn"),
        ("place/cn", "place/cn"),
        ("place/us", "place/us"),
        ("place/xx", None),
        ("org/mee", None),
    ],
)
def test_country_of(entity_id: str, country: str | None) -> None:
    assert country_of(entity_id) == country


def test_parents_exist() -> None:
    """Every division's parent is itself a known place (no dangling ids into the graph)."""
    for name in ["深圳", "海淀区", "延边", "合作市", "北京市朝阳区"]:
        entity = lookup_place(name)
        assert entity is not None and entity.parent_id is not None
        assert country_of(entity.parent_id) == "place/cn"


FOREIGN_CITIES = [
    # (name, id, country id, English label)
    ("内罗毕", "place/nairobi", "place/ke", "Nairobi"),
    ("巴库", "place/baku", "place/az", "Baku"),
    ("奥斯陆", "place/oslo", "place/no", "Oslo"),
    ("纽约", "place/new-york", "place/us", "New York"),
    ("布鲁塞尔", "place/brussels", "place/be", "Brussels"),
]


@pytest.mark.parametrize(("name", "entity_id", "country", "english"), FOREIGN_CITIES)
def test_foreign_cities_come_from_cldr_exemplar_cities(
    name: str, entity_id: str, country: str, english: str
) -> None:
    entity = lookup_place(name)
    assert entity is not None
    assert (entity.id, entity.kind, entity.country_id, entity.label_en) == (
        entity_id,
        "City",
        country,
        english,
    )


def test_a_country_name_beats_a_city_of_the_same_name() -> None:
    singapore = lookup_place("新加坡")
    assert singapore is not None and singapore.kind == "Country"


WORLD_CITIES = [
    # (name, country id): capitals and major cities CLDR lacks, from jionlp's world table
    ("日内瓦", "place/ch"),
    ("堪培拉", "place/au"),
    ("孟买", "place/in"),
    ("阿布扎比", "place/ae"),
    ("伊斯兰堡", "place/pk"),
]


@pytest.mark.parametrize(("name", "country"), WORLD_CITIES)
def test_world_cities_come_from_the_world_table(name: str, country: str) -> None:
    entity = lookup_place(name)
    assert entity is not None
    assert (entity.kind, entity.label_zh, entity.country_id, entity.parent_id) == (
        "City", name, country, country)
    assert entity.id.startswith("place/n-")  # no English name in the table: a minted id


def test_world_table_never_shadows_cldr_or_countries() -> None:
    nairobi, singapore = lookup_place("内罗毕"), lookup_place("新加坡")
    assert nairobi is not None and nairobi.id == "place/nairobi"  # CLDR's, with English label
    assert singapore is not None and singapore.kind == "Country"


@pytest.mark.parametrize(
    ("name", "short"),
    [("安吉县", "安吉"), ("翔安区", "翔安"), ("西双版纳傣族自治州", "西双版纳"), ("深圳市", "深圳"),
     ("北京市", "北京"), ("浙江省", "浙江"), ("肯尼亚", None)],
)
def test_short_form(name: str, short: str | None) -> None:
    entity = lookup_place(name)
    assert entity is not None and short_form(entity) == short


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [("安吉", "place/cn-330523"), ("翔安", "place/cn-350213"),
     ("朝阳", None),  # 朝阳区 in Beijing and in Changchun, 朝阳市, 朝阳县: which?
     ("蒙巴萨", None)],
)
def test_division_by_short_form(name: str, entity_id: str | None) -> None:
    entity = division_by_short_form(name)
    assert (entity.id if entity else None) == entity_id
