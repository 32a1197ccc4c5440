"""Place names -> place entities, from real reference data: countries and China's divisions.

``lookup_place`` answers "which place is this name?" for a *candidate span someone else found*
(a gazetteer hit, a ``在…举行`` pattern). It never scans raw text: China's division list contains
county-level names that are ordinary words (``合作市`` in Gansu makes ``合作`` a "city").

Sources, each loaded once into a dict (``_index``) so every lookup is O(1):

* **Countries**: CLDR names via babel (``zh`` and ``zh_Hant``), restricted to ISO 3166-1 codes
  pycountry knows; English label from babel's ``en`` names. Id ``place/<alpha2>``.
  Hong Kong, Macao and Taiwan are taken from the division data instead (province-level there), so
  each place has one entity.
* **Chinese divisions**: the adcode table bundled with cpca (``cpca/resources/adcodes.csv``), read
  directly: importing cpca runs pkg_resources and builds its matcher, neither of which we need.
  Id ``place/cn-<adcode>``. Province-level units are ``Province``, except the four municipalities
  (北京 上海 天津 重庆), which are ``City``; prefecture-level units are ``City``; county-level
  units are ``District``. English labels are pinyin (pypinyin), conventional spellings for a few.

Names a lookup accepts, in order of preference when one name fits several places:

1. the exact official name (``深圳市``, ``海淀区``, ``中国``, ``捷克``);
2. a country's other names (traditional script, well-known short forms, ``…共和国``/``…王国``
   stripped: ``捷克共和国``, ``蒙古国``, ``泰王国``);
3. province short forms (``吉林`` is the province, not 吉林市: the province is what a bare
   short form means in national news), then city short forms (``深圳``, ``大连``);
4. foreign cities: CLDR's exemplar cities (the ~400 cities that name time zones: 内罗毕, 巴库,
   奥斯陆, 纽约), read through babel with their country from CLDR's zone territories; id
   ``place/<english-slug>`` like the gazetteer's foreign cities;
5. capitals and major cities of every country that CLDR's list lacks, from jionlp's world
   location table (``jionlp/dictionary/world_location.txt``: 堪培拉, 孟买, 伊斯坦布尔); they have
   no English name there, so their id is minted from the Chinese name (``place/n-<pinyin>``);
6. district short forms, only where jieba's dictionary tags the short form as a place name
   (``海淀``, not ``合作``).

A name that still fits two places at the same rank (``朝阳区`` is in Beijing and in Changchun) is
ambiguous and returns None, unless it is qualified by its province or city: ``北京市朝阳区``,
``北京朝阳区``.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from silkgraph.extract.records import Entity

__all__ = ["country_of", "division_by_short_form", "lookup_place", "short_form"]

COUNTRY_CONFIDENCE = 0.95
DIVISION_CONFIDENCE = 0.95
CHINA_ID = "place/cn"

# Regions in CLDR's territory list that are China's divisions here (see module docstring).
_DIVISION_TERRITORIES = frozenset({"HK", "MO", "TW"})
# Well-known names CLDR does not give, as used in Chinese news.
_COUNTRY_ALIASES = {
    "中华人民共和国": "CN",
    "美利坚合众国": "US",
    "大不列颠及北爱尔兰联合王国": "GB",
    "法兰西": "FR",
    "大韩民国": "KR",
    "沙特": "SA",
    "阿联酋": "AE",
    "印尼": "ID",
    "波黑": "BA",
    "巴新": "PG",
    "吉尔吉斯": "KG",
    "巴勒斯坦": "PS",
    "刚果金": "CD",
    "刚果布": "CG",
    "刚果(金)": "CD",
    "刚果(布)": "CG",
}
# Official-style suffixes, longest first: "捷克共和国" -> 捷克, "泰王国" -> 泰(国).
_STATE_SUFFIXES = (
    "民主主义人民共和国",
    "社会主义共和国",
    "民主共和国",
    "联邦共和国",
    "人民共和国",
    "伊斯兰共和国",
    "共和国",
    "合众国",
    "联合王国",
    "大公国",
    "王国",
    "联邦",
    "国",
)
_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
# Rows of the adcode table that are placeholders, not places.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|特别行政区|自治区)$")
_CITY_SUFFIX = re.compile(r"(?:市|地区|盟|自治州)$")
_DISTRICT_SUFFIX = re.compile(r"(?:新区|区|县|市|旗|自治县|自治旗|林区|特区)$")
# Conventional English names where plain pinyin is wrong or not what English text uses.
_ENGLISH = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "朝阳": "Chaoyang",  # pypinyin reads the word "morning sun" (zhāoyáng)
}
_PARENS = str.maketrans("（）", "()")

# Preference ranks (lower wins); see the module docstring.
(
    _EXACT, _COUNTRY_ALT, _PROVINCE_SHORT, _CITY_SHORT, _FOREIGN_CITY, _WORLD_CITY,
    _DISTRICT_SHORT,
) = range(7)
FOREIGN_CITY_CONFIDENCE = 0.9


def _package_dir(name: str) -> Path:
    """A data package's folder, found without importing (and so running) the package."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            f"silkgraph.extract.entities.places needs the {name!r} package for its data: "
            f"pip install {name}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True, slots=True)
class _Index:
    by_name: dict[str, tuple[int, tuple[str, ...]]]  # name -> (rank, entity ids at that rank)
    by_id: dict[str, Entity]


def _pinyin(name: str) -> str:
    """``深圳`` -> ``Shenzhen``, ``西安`` -> ``Xi'an`` (the apostrophe keeps syllables apart)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    out = syllables[0]
    for syllable in syllables[1:]:
        out += ("'" if syllable[:1] in "aoe" else "") + syllable
    return out.capitalize()


@lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    """The 56 nationalities (cpca's list), with and without 族, longest first."""
    path = _package_dir("cpca") / "resources" / "56_nations.csv"
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").split():
        names.add(line)
        if len(line) > 2:
            names.add(line.removesuffix("族"))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _short_form(name: str, suffix: re.Pattern[str]) -> str | None:
    """``广西壮族自治区`` -> ``广西``, ``深圳市`` -> ``深圳``; None if nothing sensible is left."""
    stem = suffix.sub("", name)
    while stem != name and "自治" in name:  # 黔东南苗族侗族自治州: strip every nationality
        ethnic = next((e for e in _ethnic_names() if stem.endswith(e)), None)
        if ethnic is None or len(stem) - len(ethnic) < 2:
            break
        stem = stem.removesuffix(ethnic)
    stem = stem.removesuffix("各族")
    if stem == name or len(stem) < 2:
        return None
    return stem


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Words jieba's dictionary tags as place names (``ns``), for the district short-form rule."""
    path = _package_dir("jieba") / "dict.txt"
    words = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "ns":
                words.add(parts[0])
    return frozenset(words)


def _country_entities() -> Iterator[tuple[Entity, list[tuple[str, int]]]]:
    import babel
    import pycountry

    zh = babel.Locale.parse("zh").territories
    zh_hant = babel.Locale.parse("zh_Hant").territories
    english = babel.Locale.parse("en").territories
    aliases: dict[str, list[str]] = {}
    for alias, code in _COUNTRY_ALIASES.items():
        aliases.setdefault(code, []).append(alias)
    for code in sorted(zh):
        if len(code) != 2 or code in _DIVISION_TERRITORIES:
            continue
        if pycountry.countries.get(alpha_2=code) is None:
            continue
        label = zh[code].translate(_PARENS)
        alt = sorted(
            {zh_hant.get(code, label).translate(_PARENS), *aliases.get(code, [])} - {label}
        )
        entity = Entity(
            id=f"place/{code.lower()}",
            kind="Country",
            label_zh=label,
            label_en=re.sub(r"\s*\(.*\)$", "", english.get(code, code)),
            alt_labels=tuple(alt),
            known=False,
            confidence=COUNTRY_CONFIDENCE,
            identifiers=(("iso3166", code),),
        )
        yield entity, [(label, _EXACT), *((name, _COUNTRY_ALT) for name in alt)]


def _division_entities() -> Iterator[tuple[Entity, list[tuple[str, int]]]]:
    path = _package_dir("cpca") / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(
            (row["adcode"][:6], row["name"])
            for row in csv.DictReader(handle)
            if row["name"] not in _PLACEHOLDERS
        )
    existing = {code for code, _ in rows}
    place_words = _place_words()
    for code, name in rows:
        if code.endswith("0000"):
            kind = "City" if code in _MUNICIPALITIES else "Province"
            short = _short_form(name, _PROVINCE_SUFFIX)
            parent = None
            rank = _PROVINCE_SHORT
        elif code.endswith("00"):
            kind, short = "City", _short_form(name, _CITY_SUFFIX)
            parent = f"{code[:2]}0000"
            rank = _CITY_SHORT
        else:
            kind, short = "District", _short_form(name, _DISTRICT_SUFFIX)
            city = f"{code[:4]}00"
            parent = city if city in existing else f"{code[:2]}0000"  # municipalities: no city
            rank = _DISTRICT_SHORT
        stem = short or name
        if rank == _DISTRICT_SHORT and short not in place_words:
            short = None  # 合作市 stays reachable by its full name only
        entity = Entity(
            id=f"place/cn-{code}",
            kind=kind,
            label_zh=name,
            label_en=_ENGLISH.get(stem) or _pinyin(stem),
            alt_labels=(short,) if short else (),
            parent_id=f"place/cn-{parent}" if parent else None,
            country_id=CHINA_ID,
            known=False,
            confidence=DIVISION_CONFIDENCE,
            identifiers=(("adcode", code),),
        )
        yield entity, [(name, _EXACT), *(((short, rank),) if short else ())]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _foreign_city_entities() -> Iterator[tuple[Entity, list[tuple[str, int]]]]:
    """CLDR exemplar cities outside China, with their country (babel's zone territories)."""
    from babel.core import get_global
    from babel.dates import get_timezone_location

    territories = get_global("zone_territories")
    seen: set[str] = set()
    for zone in sorted(territories):
        country = territories[zone]
        if country in {"CN", "001", "ZZ"} or country in _DIVISION_TERRITORIES:
            continue
        try:
            label = get_timezone_location(zone, locale="zh", return_city=True)
            english = get_timezone_location(zone, locale="en", return_city=True)
        except (LookupError, ValueError):
            continue
        if not label or label in seen or not re.fullmatch(r"[\u4e00-\u9fff·]{2,}", label):
            continue
        seen.add(label)
        entity = Entity(
            id=f"place/{_slug(english)}",
            kind="City",
            label_zh=label,
            label_en=english,
            parent_id=f"place/{country.lower()}",
            country_id=f"place/{country.lower()}",
            known=False,
            confidence=FOREIGN_CITY_CONFIDENCE,
        )
        yield entity, [(label, _FOREIGN_CITY)]


def _world_city_entities() -> Iterator[tuple[Entity, list[tuple[str, int]]]]:
    """Capitals and major cities from jionlp's world table, with their country.

    Each line is ``short name<TAB>official name<TAB>capital[<TAB>city/city/…]``; lines of one
    field are continent headings. A capital spelled like its country (新加坡) is the country.
    """
    from silkgraph.extract.entities.registry import mint_id

    path = _package_dir("jionlp") / "dictionary" / "world_location.txt"
    countries = {e.label_zh: e for e, _ in _country_entities()}
    alt = {name: e for e, names in _country_entities() for name, _ in names}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 3:
            continue
        country = countries.get(fields[0]) or alt.get(fields[0]) or alt.get(fields[1])
        if country is None or country.id == CHINA_ID:
            continue
        cities = [fields[2], *(fields[3].split("/") if len(fields) > 3 else ())]
        for city in cities:
            city = city.strip()
            if len(city) < 2 or city in alt or not re.fullmatch(r"[\u4e00-\u9fff·]+", city):
                continue
            entity = Entity(
                id=mint_id("Place", city),
                kind="City",
                label_zh=city,
                parent_id=country.id,
                country_id=country.id,
                known=False,
                confidence=FOREIGN_CITY_CONFIDENCE,
            )
            yield entity, [(city, _WORLD_CITY)]


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Build the name and id indexes once; deterministic (sources are read in sorted order)."""
    by_name: dict[str, tuple[int, tuple[str, ...]]] = {}
    by_id: dict[str, Entity] = {}
    sources = (_country_entities(), _division_entities(), _foreign_city_entities(),
               _world_city_entities())
    for source in sources:
        for entity, names in source:
            if any(rank == _WORLD_CITY and (entity.id in by_id or n in by_name)
                   for n, rank in names):
                continue  # a world-table city CLDR (or China's data) already gave: 内罗毕
            by_id[entity.id] = entity
            for name, rank in names:
                best = by_name.get(name)
                if best is None or rank < best[0]:
                    by_name[name] = (rank, (entity.id,))
                elif rank == best[0] and entity.id not in best[1]:
                    by_name[name] = (rank, (*best[1], entity.id))
    return _Index(by_name=by_name, by_id=by_id)


def _candidates(name: str) -> tuple[str, ...]:
    """Ids the name could mean at its best rank, trying state-suffix variants for countries."""
    index = _index()
    hit = index.by_name.get(name)
    if hit is not None:
        return hit[1]
    for suffix in _STATE_SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem == name or not stem:
            continue
        for variant in (stem, f"{stem}国"):
            hit = index.by_name.get(variant)
            if hit is not None and index.by_id[hit[1][0]].kind == "Country":
                return hit[1]
    return ()


def _adcode(entity: Entity) -> str:
    return dict(entity.identifiers).get("adcode", "")


def _qualified(name: str) -> str | None:
    """``北京市朝阳区`` / ``北京朝阳区``: a head place that contains exactly one tail candidate."""
    index = _index()
    for cut in range(2, len(name) - 1):
        heads = _candidates(name[:cut])
        tails = _candidates(name[cut:])
        if len(heads) != 1 or not tails:
            continue
        head = index.by_id[heads[0]]
        if head.country_id != CHINA_ID:
            continue
        prefix = _adcode(head).rstrip("0")
        inside = [t for t in tails if _adcode(index.by_id[t]).startswith(prefix)]
        if len(inside) == 1:
            return inside[0]
    return None


def lookup_place(name: str) -> Entity | None:
    """The country or Chinese division a candidate name denotes, or None (unknown or ambiguous).

    >>> lookup_place("深圳").id, lookup_place("深圳").label_zh
    ('place/cn-440300', '深圳市')
    >>> lookup_place("捷克共和国").identifiers
    (('iso3166', 'CZ'),)
    >>> lookup_place("合作") is None
    True
    """
    key = re.sub(r"\s+", "", name).translate(_PARENS)
    if not key:
        return None
    ids = _candidates(key)
    if len(ids) == 1:
        return _index().by_id[ids[0]]
    qualified = _qualified(key) if len(key) > 3 else None
    return _index().by_id[qualified] if qualified else None


def country_of(entity_id: str) -> str | None:
    """The country id of a place id (a country is its own country); None for unknown ids.

    >>> country_of("place/cn-440300"), country_of("place/us")
    ('place/cn', 'place/us')
    """
    entity = _index().by_id.get(entity_id)
    if entity is None:
        return None
    return entity.id if entity.kind == "Country" else entity.country_id


def short_form(entity: Entity) -> str | None:
    """The short form of a Chinese division's name (``安吉县`` -> ``安吉``), whether or not a
    lookup accepts it on its own; None for other places.

    >>> short_form(lookup_place("安吉县")), short_form(lookup_place("肯尼亚"))
    ('安吉', None)
    """
    if entity.country_id != CHINA_ID or entity.kind == "Country":
        return None
    suffix = {"Province": _PROVINCE_SUFFIX, "City": _CITY_SUFFIX}.get(entity.kind, _DISTRICT_SUFFIX)
    if _adcode(entity) in _MUNICIPALITIES:
        suffix = _PROVINCE_SUFFIX
    return _short_form(entity.label_zh, suffix)


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, tuple[str, ...]]:
    by_short: dict[str, tuple[str, ...]] = {}
    for entity in _index().by_id.values():
        short = short_form(entity)
        if short is not None:
            by_short[short] = (*by_short.get(short, ()), entity.id)
    return by_short


def division_by_short_form(name: str) -> Entity | None:
    """The one Chinese division whose short form is ``name`` (``安吉`` -> 安吉县), or None.

    Only for a name the context already made a place (``赴安吉考察``): short forms of
    county-level names are also ordinary words (``合作``), so nothing scans text with them.

    >>> division_by_short_form("安吉").label_zh, division_by_short_form("朝阳") is None
    ('安吉县', True)
    """
    ids = _short_forms().get(name, ())
    return _index().by_id[ids[0]] if len(ids) == 1 else None
