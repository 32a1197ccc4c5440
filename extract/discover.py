"""Rules for people and places the gazetteer lacks, and the name tests other rules share.

Every rule here proposes a :class:`Candidate` from a *cue* in the text — a ``·`` between
transliterated name parts, a Latin name in parentheses, a token jieba tags as a place name, an
administrative suffix — and only then checks it (a place must be confirmed by
:func:`silkgraph.extract.places.lookup_place`). Nothing scans raw text with a list of names: that
is how ``合作`` (also a county-level city) would become a place.

Organisations found by their suffix live in :mod:`silkgraph.extract.orgs`.

>>> looks_like_chinese_name("李干杰"), looks_like_chinese_name("研究院")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from silkgraph.extract.records import Entity
from silkgraph.extract.registry import slugify
from silkgraph.extract.relation_text import lexicon

__all__ = [
    "Candidate",
    "Token",
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
_EVENT_VERB = re.compile(r"(?:召开|举行|举办|开幕|闭幕|落幕|启动|揭牌)")
_VENUE_PREP = frozenset({"在", "于", "赴", "至", "到"})
# jieba flags that a word standing between 在 and 召开 may carry and still be a place
_NOT_PLACE_FLAGS = ("v", "vn", "a", "ad", "d", "p", "c", "u", "r", "m", "q", "t")


def find_place_candidates(
    tokens: Sequence[Token], lookup: Callable[[str], Entity | None]
) -> list[Candidate]:
    """Places proposed by cues and confirmed by ``lookup`` (place data):

    * a token jieba tags ``ns`` (place name), possibly with the next token when that is an
      administrative suffix or another ``ns`` (``广东省`` ``深圳市``);
    * a token ending in an administrative suffix (市/省/县/区/州);
    * the word between ``在/于/赴`` and ``召开/举行/举办…`` when it is not a verb or function word.
    """
    found: list[Candidate] = []
    taken_until = -1
    for i, token in enumerate(tokens):
        if token.start < taken_until:
            continue
        best = _confirmed_run(tokens, i, lookup) if _place_cue(tokens, i) else None
        if best is None:
            best = _country_prefix(token, lookup)
        if best is None:
            continue
        end, entity = best
        found.append(Candidate(token.start, end, "Place", entity.kind, entity.label_zh,
                               "place-data", entity.confidence, entity=entity))
        taken_until = end
    return found


def _place_cue(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    if token.flag == "ns":
        return True
    if len(token.text) < 2:
        return False
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
