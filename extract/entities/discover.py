"""Rules for people and places the gazetteer lacks, and the name tests other rules share.

Every rule here proposes a :class:`Candidate` from a *cue* in the text — a ``·`` between
transliterated name parts, a Latin name in parentheses, a token jieba tags as a place name, an
administrative suffix — and only then checks it (a place must be confirmed by
:func:`silkgraph.extract.entities.places.lookup_place`). Nothing scans raw text with a list of
names: that is how ``合作`` (also a county-level city) would become a place.

Organisations found by their suffix live in :mod:`silkgraph.extract.entities.orgs`.

>>> looks_like_chinese_name("李干杰"), looks_like_chinese_name("研究院")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from silkgraph.extract.entities.registry import new_entity, slugify
from silkgraph.extract.records import Entity
from silkgraph.extract.relations.article import lexicon

__all__ = [
    "Candidate",
    "Token",
    "find_context_places",
    "find_latin_glosses",
    "find_place_candidates",
    "find_transliterated_names",
    "looks_like_chinese_name",
    "looks_like_transliteration",
]


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


#: Confidence of each rule's guesses; place data confirms places, so they rank high.
TRANSLITERATION_CONFIDENCE = 0.85
LATIN_CONFIDENCE = 0.8

_DOT = "·"
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
# Characters that never occur inside a given name: grammar words, units, title heads.
_NOT_IN_NAME = frozenset(
    "的了是在和与及等或也都就而被把对向从为之其该此这那个们们年月日时部长会院所局署厅处委国省市县区"
    "说称表示指出认为主任席总理事司"
)
# Latin words that mark an organisation's English name rather than a person's.
_ORG_WORDS = _words(
    "institute institution bank fund foundation organization organisation association council "
    "committee commission university college academy center centre agency ministry department "
    "programme program group company corporation forum alliance coalition network initiative "
    "partnership secretariat office union society federation board authority trust panel "
    "platform consortium club limited ltd inc co"
)
_LATIN_NAME = re.compile(
    r"[（(]\s*(?P<latin>[A-Z][A-Za-z.'’\-]*(?:\s+[A-Za-z][A-Za-z.'’\-]*){1,7})\s*[）)]"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A jieba token with its part-of-speech flag and character offsets."""

    text: str
    flag: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed entity mention. ``entity`` is set when data already resolved it (places)."""

    start: int
    end: int
    family: str  # Person / Organisation / Place
    kind: str
    name: str
    method: str
    confidence: float
    label_en: str | None = None
    parent_id: str | None = None
    country_id: str | None = None
    entity: Entity | None = None
    target_id: str | None = None  # an entity already found here that this candidate adds to


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicon("name_chars")
    single = frozenset(data["surnames"].replace(" ", "").replace("\n", ""))
    double = frozenset(data["compound_surnames"])
    return single, double


# Transliteration characters missing from ontology/name_chars.yaml (布拉贝茨, 奔舍那).
_EXTRA_TRANSLIT = "宋奔茨舍那岑琴宁娃娅丝黛蕾蒂妮莎霍"
# Heads of organisations named after a person: ``X·Y大学`` is the university, not X·Y.
_NAMED_AFTER_PERSON = (
    "大学", "学院", "研究所", "研究院", "研究中心", "基金会", "中心", "协会", "学会", "医院",
    "学校", "图书馆", "博物馆", "公司", "集团", "银行", "奖学金",
)
# Titles whose last character is also a transliteration character (助理, 总理, 经理).
_TITLE_TAILS = frozenset({"助理", "总理", "经理", "代理", "协理", "襄理"})


@cache
def _transliteration_chars() -> frozenset[str]:
    data = lexicon("name_chars")
    listed = data["transliteration"].replace(" ", "").replace("\n", "")
    return frozenset(listed + _EXTRA_TRANSLIT)


def looks_like_chinese_name(s: str) -> bool:
    """Whether ``s`` can be a whole Chinese personal name: 2–4 Han characters, a common single
    or double surname, and no character that never occurs in a given name.

    >>> [looks_like_chinese_name(s) for s in ("丛亮", "欧阳明高", "马骏", "部长", "中心", "李")]
    [True, True, True, False, False, False]
    """
    if not 2 <= len(s) <= 4 or not all(_HAN.match(ch) for ch in s):
        return False
    single, double = _surnames()
    if s[:2] in double:
        given = s[2:]
    elif s[0] in single:
        given = s[1:]
    else:
        return False
    if not 1 <= len(given) <= 2 or (len(s) == 4 and s[:2] not in double and s[1] not in single):
        return False
    return not any(ch in _NOT_IN_NAME for ch in given)


def looks_like_transliteration(s: str) -> bool:
    """Whether ``s`` is made of transliteration characters (赫尔格森, 乔伊斯·姆苏亚).

    >>> looks_like_transliteration("赫尔格森"), looks_like_transliteration("可持续发展")
    (True, False)
    """
    chars = _transliteration_chars()
    parts = [p for p in s.split(_DOT)]
    return len(s) >= 2 and all(p and all(ch in chars for ch in p) for p in parts)


def find_transliterated_names(text: str) -> list[Candidate]:
    """Foreign names written as transliteration parts joined by ``·`` (``乔伊斯·姆苏亚``).

    Each part is grown over transliteration characters only, so a title before the name
    (``部长理查德·布拉贝茨``) is not taken in: ``长`` is not a transliteration character.
    """
    chars = _transliteration_chars()
    found: list[Candidate] = []
    position = 0
    while (dot := text.find(_DOT, position)) != -1:
        start = dot
        while start > 0 and dot - start < 8 and text[start - 1] in chars:
            start -= 1
        if start > 0 and text[start - 1:start + 1] in _TITLE_TAILS and dot - start > 2:
            start += 1  # 部长助理穆罕默德·…: 理 ends the title, not the name
        end = dot
        # one or more further parts: ·part·part
        while end < len(text) and text[end] == _DOT:
            part_end = end + 1
            while part_end < len(text) and part_end - end <= 8 and text[part_end] in chars:
                part_end += 1
            if part_end == end + 1:
                break
            end = part_end
        position = max(end, dot + 1)
        if start == dot or end == dot:
            continue
        last = text.rfind(_DOT, start, end) + 1
        if any(text.startswith(_NAMED_AFTER_PERSON, k) for k in range(last + 2, end + 1)):
            continue  # 谢赫·安塔·迪奥普大学, 约翰·史密斯基金会: named after a person (see orgs)
        name = text[start:end]
        found.append(Candidate(start, end, "Person", "Person", name, "rule:transliteration",
                               TRANSLITERATION_CONFIDENCE))
    return found


def find_latin_glosses(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Candidate]:
    """Latin names in parentheses after a Chinese name: ``索尔海姆（Erik Solheim）``.

    ``spans`` are the entity spans found so far as ``(start, end, family, entity_id)``: a gloss
    right after one of them becomes that entity's English label (returned as a candidate over the
    same span); otherwise a person-like gloss (two to four words, no organisation word) makes the
    Chinese name before it a person — a transliteration, or a Chinese name whose pinyin is the
    gloss (``马骏（Ma Jun）``).
    """
    ends = {end: (start, family, entity_id) for start, end, family, entity_id in spans}
    found: list[Candidate] = []
    for match in _LATIN_NAME.finditer(text):
        latin = " ".join(match.group("latin").split())
        anchor = match.start()
        while anchor > 0 and text[anchor - 1].isspace():
            anchor -= 1
        words = latin.lower().replace(".", " ").split()
        is_org = any(w in _ORG_WORDS for w in words)
        if anchor in ends:
            start, family, entity_id = ends[anchor]
            if family != "Person" or not is_org:
                found.append(Candidate(start, anchor, family, "", text[start:anchor],
                                       "rule:latin", LATIN_CONFIDENCE, label_en=latin,
                                       target_id=entity_id))
            continue
        if is_org or not 2 <= len(words) <= 4:
            continue
        name = _name_before(text, anchor, words)
        if name is not None:
            found.append(Candidate(anchor - len(name), anchor, "Person", "Person", name,
                                   "rule:latin", LATIN_CONFIDENCE, label_en=latin))
    return found


def _name_before(text: str, anchor: int, words: list[str]) -> str | None:
    """The Chinese name ending at ``anchor`` that a person-like Latin gloss glosses."""
    chars = _transliteration_chars()
    start = anchor
    while start > 0 and anchor - start < 12 and text[start - 1] in chars | {_DOT}:
        start -= 1
    gloss = "".join(words).replace("-", "")
    for size in (4, 3, 2):  # a Chinese name spelled in pinyin: 马骏 (Ma Jun), 欧阳明高
        name = text[anchor - size:anchor] if anchor >= size else ""
        if looks_like_chinese_name(name) and slugify(name).replace("-", "") in {
            gloss, "".join(words[1:] + words[:1]).replace("-", "")
        }:
            return name
    transliterated = text[start:anchor].lstrip(_DOT)
    if len(transliterated) >= 2 and looks_like_transliteration(transliterated):
        return transliterated
    return None


# --- places -----------------------------------------------------------------------------------

_ADMIN_SUFFIX = ("自治区", "自治州", "特别行政区", "省", "市", "县", "区", "州")
_BARE_SUFFIXES = frozenset({"市", "县", "区", "旗", "自治县", "新区"})
_EVENT_VERB = re.compile(r"(?:召开|举行|举办|开幕|闭幕|落幕|启动|揭牌)")
_VENUE_PREP = frozenset({"在", "于", "赴", "至", "到"})
# jieba flags that a word standing between 在 and 召开 may carry and still be a place
_NOT_PLACE_FLAGS = ("v", "vn", "a", "ad", "d", "p", "c", "u", "r", "m", "q", "t")
# Words before a foreign city that say "a city follows" (肯尼亚首都内罗毕, 抵达蒙巴萨).
_CITY_LEAD = frozenset({*_VENUE_PREP, "首都", "首府", "抵达", "访问", "城市", "港口"})
# Heads of natural features after a place-like word (阿布歇隆半岛, 里海, 咸海).
_NATURAL_HEADS = ("半岛", "群岛", "岛", "山脉", "高原", "盆地", "沙漠", "海峡", "海湾", "湾",
                  "运河", "湖", "河", "江", "海", "山")
# Heads that may follow as a token of their own (海/山/江 alone glue to too many words).
_NATURAL_NEXT = frozenset(_NATURAL_HEADS) - {"海", "山", "江"}
# Characters that start no place name, and single characters that may follow one (洱海的, 红海沿岸).
_FUNCTION_CHARS = frozenset("之的和与及在是为以了而并或")
# First characters of two-character words that describe a location by a feature (滨海, 沿江).
_ALONG = frozenset("滨沿近临环濒傍跨")
_AFTER_FEATURE = frozenset("的和与及等是在为以上中畔边岸内外里附一两沿东西南北周")
#: Confidence of places named by context alone, with no place data behind them.
CONTEXT_PLACE_CONFIDENCE = 0.6
NATURAL_FEATURE_CONFIDENCE = 0.7


def find_place_candidates(
    tokens: Sequence[Token], lookup: Callable[[str], Entity | None]
) -> list[Candidate]:
    """Places proposed by cues and confirmed by ``lookup`` (place data):

    * a token jieba tags ``ns`` (place name), possibly with the next token when that is an
      administrative suffix or another ``ns`` (``广东省`` ``深圳市``);
    * a token ending in an administrative suffix (市/省/县/区/州);
    * the word between ``在/于/赴`` and ``召开/举行/举办…`` when it is not a verb or function word;
    * a token that *is* a country's name, whatever jieba tags it (``卢旺达/nr``), and a foreign
      city's name right after a place or a locative word (``乌兹别克斯坦撒马尔罕/nrt``,
      ``首都巴库``) — never a part of a ``·``-joined personal name (``乔治·华盛顿``);
    * a natural feature: a place-name token with a feature head (``阿布歇隆/ns 半岛``, ``里海/ns``),
      made a new ``NaturalFeature`` when place data does not know it.
    """
    found: list[Candidate] = []
    taken_until = -1
    for i, token in enumerate(tokens):
        if token.start < taken_until:
            continue
        after_place = bool(found) and _joined(tokens, found[-1].end, token.start)
        best = _confirmed_run(tokens, i, lookup) if _place_cue(tokens, i) else None
        if best is not None and not _district_in_context(tokens, i, best, after_place):
            best = None
        if best is not None and best[1].country_id != "place/cn" and _dotted_name(
            tokens, i, lookup, after_place
        ):
            best = None  # 乔治·华盛顿: a foreign place's name as a part of a personal name
        if best is None:
            best = _named_place(tokens, i, lookup, after_place)
        if best is None:
            best = _country_prefix(token, lookup)
        if best is not None:
            end, entity = best
            found.append(Candidate(token.start, end, "Place", entity.kind, entity.label_zh,
                                   "place-data", entity.confidence, entity=entity))
            taken_until = end
            continue
        feature = _natural_feature(tokens, i)
        if feature is not None:
            found.append(feature)
            taken_until = feature.end
    return found


def _district_in_context(
    tokens: Sequence[Token], i: int, best: tuple[int, Entity], after_place: bool
) -> bool:
    """A county-level short form (``海淀``, ``新建``) is a place only where the text says so:
    after its city or a locative word (``北京海淀``, ``在海淀召开``), not as a word of its own
    (``新建的场站``).
    """
    end, entity = best
    if entity.kind != "District":
        return True
    run = [t.text for t in tokens[i:] if t.end <= end]
    if len(run) > 1 or run[0] == entity.label_zh or run[0].endswith(_ADMIN_SUFFIX):
        return True  # 北京|海淀, 海淀区
    return after_place or (i > 0 and tokens[i - 1].text in _VENUE_PREP)


def _in_dotted_name(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` begins a ``·``-joined personal name: ``伊拉克|利|·|卡拉泽``."""
    chars = _transliteration_chars()
    length = 0
    for token in tokens[i + 1:]:
        if token.text == _DOT:
            return True
        length += len(token.text)
        if length > 3 or not all(ch in chars for ch in token.text):
            return False
    return False


def _joined(tokens: Sequence[Token], end: int, start: int) -> bool:
    """Whether a place ending at ``end`` stands right before ``start`` (maybe across a ``·``)."""
    if end == start:
        return True
    between = [t.text for t in tokens if end <= t.start and t.end <= start]
    return between == [_DOT] or between == ["首都"] or between == ["首府"]


def _named_place(
    tokens: Sequence[Token], i: int, lookup: Callable[[str], Entity | None], after_place: bool
) -> tuple[int, Entity] | None:
    """A country named by a token jieba does not tag as a place, or a foreign city in context."""
    token = tokens[i]
    if len(token.text) < 2:
        return None
    entity = lookup(token.text)
    if entity is None and token.text.endswith("港") and len(token.text) > 2:
        entity = lookup(token.text[:-1])  # 亚历山大港: the port city, by its city's name
        if entity is not None and entity.kind != "City":
            entity = None
    if entity is None or entity.kind not in {"Country", "City"}:
        return None
    if entity.kind == "City" and (entity.country_id in {None, "place/cn"} or not (
        after_place
        or token.flag == "ns"
        or (i > 0 and tokens[i - 1].text in _CITY_LEAD)
        or (i + 1 < len(tokens) and _EVENT_VERB.fullmatch(tokens[i + 1].text) is not None)
    )):
        return None
    if _dotted_name(tokens, i, lookup, after_place):
        return None
    return token.end, entity


def _dotted_name(
    tokens: Sequence[Token], i: int, lookup: Callable[[str], Entity | None], after_place: bool
) -> bool:
    """Whether token ``i`` is (the start of) a part of a ``·``-joined personal name:
    ``乔治·华盛顿``, ``多米尼克·…``, ``伊拉克|利·卡拉泽`` — not an address
    (``乌兹别克斯坦·撒马尔罕``).
    """
    dotted = (i > 0 and tokens[i - 1].text == _DOT) or (
        i + 1 < len(tokens) and tokens[i + 1].text == _DOT
    )
    if dotted:
        return not after_place and not _place_after_dot(tokens, i, lookup)
    return _in_dotted_name(tokens, i)


def _place_after_dot(
    tokens: Sequence[Token], i: int, lookup: Callable[[str], Entity | None]
) -> bool:
    """``撒马尔罕·丝绸之路…`` is an address only when a place is on the other side of the dot."""
    if i + 2 < len(tokens) and tokens[i + 1].text == _DOT:
        return lookup(tokens[i + 2].text) is not None
    return False


def _natural_feature(tokens: Sequence[Token], i: int) -> Candidate | None:
    """``阿布歇隆/ns 半岛/n`` or ``里海/ns``: a natural feature place data does not list."""
    token = tokens[i]
    if token.flag != "ns" or not _HAN.match(token.text[:1]) or token.text[0] in _FUNCTION_CHARS:
        return None  # 生命之河: 之 starts no name
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if nxt is not None and nxt.text in _NATURAL_NEXT:
        nxt, after = (nxt, after) if nxt.start == token.end else (None, nxt)
    else:
        nxt, after = None, nxt
    if after is not None and _HAN.match(after.text) and len(after.text) == 1 and (
        after.text not in _AFTER_FEATURE
    ):
        return None  # 沙湾|拿|吉: the word goes on, it is a longer name
    if nxt is None and after is not None and after.flag.startswith(("v", "a", "d")):
        return None  # 陆海|贸易, 依海|繁荣: a word of a phrase, not a feature's name
    if len(token.text) == 2 and token.text[0] in _ALONG and nxt is None:
        return None  # 滨海城市, 沿海地区, 临湖: "by the sea", a description, not a name
    if nxt is not None:
        end, name = nxt.end, token.text + nxt.text
    elif len(token.text) >= 2 and token.text.endswith(_NATURAL_HEADS) and not any(
        token.text == head for head in _NATURAL_HEADS
    ):
        end, name = token.end, token.text
    else:
        return None
    entity = new_entity("Place", "NaturalFeature", name, confidence=NATURAL_FEATURE_CONFIDENCE)
    return Candidate(token.start, end, "Place", "NaturalFeature", name, "rule:place-context",
                     NATURAL_FEATURE_CONFIDENCE, entity=entity)


# --- places named by context alone --------------------------------------------------------------

# What may follow a foreign place name the context introduced (肯尼亚蒙巴萨举办, …等地).
_PLACE_END = re.compile(
    r"(?:[，。、；：,;:（(“”\s·]|召开|举行|举办|开幕|闭幕|落幕|启动|考察|参观|访问|调研|的|等|和|与|及|$)"
)
# List tails that say "the items before are places" (在基苏木、蒙巴萨等地).
_PLACE_LIST_TAIL = re.compile(r"等(?:地|城市|地区|国|国家|港口|省|州)")
_LIST_SEPARATORS = frozenset("、和与及")
# A trip to a place: 赴/前往/抵达 X 考察/参观/访问 (the verb closes the name).
_TRIP = re.compile(
    r"(?:赴|前往|抵达)(?P<place>[\u4e00-\u9fff]{2,6}?)(?=考察|参观|访问|调研|实地|出席|参加|，|。)"
)
_PROPER_FLAGS = ("ns", "nr", "nz", "nt")
# A village or township right after its Chinese county (安吉县余村): 1-3 characters and the head.
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:村|镇|乡)(?![\u4e00-\u9fff])|"
                      r"[\u4e00-\u9fff]{1,3}?(?:村|镇|乡)(?=[的和与及等考察调研参观])")
# Common words ending in 村/镇/乡 that are no village's name (农村, 城乡, 乡村, 城镇).
_VILLAGE_WORDS = ("农村", "城乡", "乡村", "城镇", "乡镇", "村镇", "新农村", "美丽乡村", "各村",
                  "全村", "本村", "该村", "各乡", "全乡", "全镇", "各镇", "小镇", "特色小镇")
# Locative words that open a list of places (在X、Y等地).
_LIST_LEAD = frozenset("在于赴到至从")
#: Longest foreign place name taken from context, in characters.
MAX_CONTEXT_PLACE = 6

Span = tuple[int, int, str, str]  # start, end, family, entity id


def find_context_places(
    text: str, tokens: Sequence[Token], spans: Sequence[Span]
) -> list[Candidate]:
    """Foreign places no data lists, named where the context leaves no doubt:

    * a run of transliteration characters right after a foreign country, or after
      ``首都``/``首府`` following it (``肯尼亚蒙巴萨``, ``某国首都X``): a ``City`` of that country;
    * the items of a list closed by ``等地``/``等城市``/``等国`` (``在基苏木、蒙巴萨等地``);
    * the slot of ``在/于/赴 X 举办/召开/举行`` (``在蒙巴萨举办``).

    ``spans`` are the entities found so far; a candidate never overlaps one. A run must end where a
    name can end (punctuation, an event verb, ``的``/``等``/``和``…), and the words inside it must
    not be common words jieba knows (``安全``, ``文明``): only proper-noun tags or unknown single
    characters. China's places are all in place data, so nothing here is Chinese.
    """
    covered = [(s[0], s[1]) for s in spans]
    found: list[Candidate] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in (*covered, *((c.start, c.end)
                                                                     for c in found)))

    def add(start: int, end: int, kind: str, country_id: str | None,
            parent_id: str | None = None) -> None:
        name = text[start:end]
        if not free(start, end) or not _proper_run(tokens, start, end):
            return
        entity = new_entity("Place", kind, name, confidence=CONTEXT_PLACE_CONFIDENCE,
                            parent_id=parent_id or country_id, country_id=country_id)
        found.append(Candidate(start, end, "Place", kind, name, "rule:place-context",
                               CONTEXT_PLACE_CONFIDENCE, country_id=country_id, entity=entity))

    for _, end, family, entity_id in spans:  # 肯尼亚蒙巴萨, 肯尼亚首都X
        if family != "Place" or not _is_foreign_country(entity_id):
            continue
        at = end + 1 if text.startswith(_DOT, end) else end
        at = at + 2 if text.startswith(("首都", "首府"), at) else at
        run_end = _run_end(text, at)
        if run_end is not None:
            add(at, run_end, "City", entity_id)
    for _, end, family, entity_id in spans:  # 安吉县余村, 翔安区马巷镇
        if family != "Place" or not entity_id.startswith("place/cn-"):
            continue
        village = _VILLAGE.match(text, end)
        if village is not None and not text.startswith(_VILLAGE_WORDS, village.start()):
            add(end, village.end(), "Place", "place/cn", entity_id)
    place_ends = {end: start for start, end, family, _ in spans if family == "Place"}
    for match in _PLACE_LIST_TAIL.finditer(text):  # 在基苏木、蒙巴萨等地
        for start, end in _list_items(text, match.start(), place_ends, tokens):
            add(start, end, "City" if match.group().endswith(("城市", "州")) else "Place", None)
    for prep in re.finditer(r"[在于赴]", text):  # 在蒙巴萨举办
        run_end = _run_end(text, prep.end())
        if run_end is not None and _EVENT_VERB.match(text, run_end):
            add(prep.end(), run_end, "City", None)
    for trip in _TRIP.finditer(text):  # 赴沙湾拿吉考察
        add(trip.start("place"), trip.end("place"), "Place", None)
    return sorted(found, key=lambda c: c.start)


def _is_foreign_country(entity_id: str) -> bool:
    code = entity_id.removeprefix("place/")
    return len(code) == 2 and code.isalpha() and code != "cn"


def _run_end(text: str, start: int) -> int | None:
    """The end of a run of 2–6 transliteration characters from ``start`` that ends where a
    place name can end; None if there is none.
    """
    chars = _transliteration_chars()
    end = start
    while end < len(text) and end - start < MAX_CONTEXT_PLACE + 1 and text[end] in chars:
        end += 1
    if not 2 <= end - start <= MAX_CONTEXT_PLACE:
        return None
    if text.startswith("市", end) and _PLACE_END.match(text, end + 1) is not None:
        return end + 1  # 纳米比亚鲁菲斯克市: the city's name with its suffix
    if _PLACE_END.match(text, end) is None:
        return None
    if text.startswith(_DOT, end) and end + 1 < len(text) and text[end + 1] in chars:
        return None  # 约瑟夫·…: a personal name
    return end


def _list_items(
    text: str, tail: int, place_ends: dict[int, int], tokens: Sequence[Token]
) -> list[tuple[int, int]]:
    """The new items of the list that ends at ``tail`` (``基苏木、蒙巴萨`` before ``等地``).

    An item is a run of proper-noun tokens or unknown single characters (how jieba cuts a name
    it does not know: ``基/苏木``); items already found as places (``place_ends``: end -> start)
    count towards the list but are not returned. A single item needs a locative word before it
    (``在蒙巴萨等地``).
    """
    by_end = {t.end: t for t in tokens}
    items: list[tuple[int, int]] = []
    count = 0
    end = tail
    while True:
        if end in place_ends:
            start = place_ends[end]
        else:
            start = end
            while start in by_end and end - start < MAX_CONTEXT_PLACE and _item_part(by_end[start]):
                start = by_end[start].start
            if end - start < 2 or end - start > MAX_CONTEXT_PLACE:
                break
            items.append((start, end))
        count += 1
        if start == 0 or text[start - 1] not in _LIST_SEPARATORS:
            break
        end = start - 1
    if count >= 2 or (items and items[0][0] > 0 and text[items[0][0] - 1] in _LIST_LEAD):
        return items[::-1]
    return []


def _item_part(token: Token) -> bool:
    """A token that can be part of a place name nobody listed: a proper noun, or one unknown
    Han character that is no function word.
    """
    if not _HAN.match(token.text[:1]):
        return False
    if len(token.text) == 1:
        return token.text not in _FUNCTION_CHARS and token.text not in _LIST_LEAD
    return token.flag.startswith(_PROPER_FLAGS)


def _proper_run(tokens: Sequence[Token], start: int, end: int) -> bool:
    """No common word inside: every token of two or more characters within ``[start, end)`` is
    tagged as a proper noun, and the run does not cut a longer word in two.
    """
    for token in tokens:
        if token.end <= start or token.start >= end:
            continue
        if token.start < start or token.end > end:
            if len(token.text) > 1 and not token.flag.startswith(_PROPER_FLAGS):
                return False  # 安全 cut to 安: not a name's edge
            continue
        if len(token.text) > 1 and not token.flag.startswith(_PROPER_FLAGS):
            return False
    return True


def _place_cue(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    if token.flag == "ns":
        return True
    if len(token.text) < 2:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.start == token.end and nxt.text in _BARE_SUFFIXES:
        return True  # 大丰|区, 安吉|县: jieba cut the suffix off a county's name
    return token.text.endswith(_ADMIN_SUFFIX) or (
        0 < i < len(tokens) - 1
        and tokens[i - 1].text in _VENUE_PREP
        and _EVENT_VERB.fullmatch(tokens[i + 1].text) is not None
        and not token.flag.startswith(_NOT_PLACE_FLAGS)
    )
def _confirmed_run(
    tokens: Sequence[Token], i: int, lookup: Callable[[str], Entity | None]
) -> tuple[int, Entity] | None:
    """The longest run of up to three tokens from ``i`` that place data confirms."""
    for size in (3, 2, 1):
        run = tokens[i:i + size]
        if len(run) < size or any(t.end != n.start for t, n in pairwise(run)):
            continue
        if size > 1 and not all(t.flag == "ns" or t.text.endswith(_ADMIN_SUFFIX)
                                for t in run[1:]):
            continue
        entity = lookup("".join(t.text for t in run))
        if entity is not None:
            return run[-1].end, entity
    return None


def _country_prefix(
    token: Token, lookup: Callable[[str], Entity | None]
) -> tuple[int, Entity] | None:
    """A country at the start of a proper-noun token: ``挪威政府``, ``中国人民大学`` -> the country.

    Only countries: a Chinese city at the start of a name (``北京大学``) is part of the name.
    """
    if token.flag not in {"ns", "nt", "nz"} or len(token.text) < 3:
        return None
    for size in range(len(token.text) - 1, 1, -1):
        entity = lookup(token.text[:size])
        if entity is not None and entity.kind == "Country":
            return token.start + size, entity
    return None
