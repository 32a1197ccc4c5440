"""Events: what happened (or is announced) when, where, organised by whom, for which partnership.

An event is found from its *name*, a noun phrase ending in an event noun of
``ontology/event_kinds.yaml`` (``…分论坛``, ``…研讨会``, ``…签署仪式``), in one of three settings:

* **name before a verb**: ``第二届…分论坛（以下简称分论坛）在京召开``,
  ``…年会于7月1-3日在大连举行``;
* **verb before a name**: ``在广西南宁共同举办了…国际研讨会``, ``出席联合国气候行动峰会``,
  also across a modifier ending in 的: the relative clause ``出席了在比什凯克举行的“…”对话会``
  and ``举办了面向青年的“…”培训班``;
* **coordinated names** share the verb, date, place and organisers of the first:
  ``举办了A研讨会、B培训班和C对话会`` is three events (two of one kind get name-keyed ids);
* **timeline entries**: a line holding only a name, followed by a line ``2019年4月25日北京``.

A name that is only a referent (``会议``, ``本次论坛``) names no new event; its sentence adds
organisers and participants to the article's latest event (``会议由A、B共同主办``) — unless its
own sentence dates it apart from that event (``今年12月…将举办主题边会``). A bare name is an event
of its own when dated and held by someone (an organiser, or ``专题伙伴关系`` referring back),
somewhere, or online (``以线上方式召开2021年度工作会议``).

Not events, though they end in an event noun: summaries (``多项交流活动``, ``一系列会议``),
recurring arrangements (``每季度…组织一次工作会议``), campaigns and series (``征集活动``,
``系列活动``), phases of another meeting (``第一阶段会议``), and anchors that only date the
sentence (``…大会期间``, ``…大会召开前夕``).

The attributes come from the event's sentence: the nearest date before the verb (range and
precision kept), places after ``在`` (or any Place between name and verb), a venue ending in
``酒店/中心/厅…``, ``视频方式/线上`` for online, organisations before ``主办/承办`` or as
the subject of ``举办``, persons with ``出席/主持/致辞``. Thematic partnerships are linked
when one organises the event, is named in its sentence, signs the article
(``（…专题伙伴关系 供稿）``), or is the only partnership the first sentence of a
``专题工作进展`` article names.

Ids: the same event reported twice — in a timeline and in a report, or in two issues — must get
one id, though the wording differs (``绿色联盟第一次全体会议`` /
``“一带一路”绿色发展国际联盟全体会议``).
A name-based key cannot see that; a date-based one can. So for an event dated to the day with a
place the key is ``date | kind | place``: robust to wording, wrong only for two events of one kind
on one day in one city (rare in this corpus, and then the kinds usually differ). Without a place,
or dated only to the month or year, the squashed core name (quotes, spaces, ordinals and years
removed) joins the key, trading missed merges for no false ones.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache

from silkgraph.extract.records import DateMention, DateValue, Event
from silkgraph.extract.relations.article import (
    ArticleView,
    EntitySpan,
    lexicon,
    mention_id,
    short_hash,
    squash,
    subject_group,
)

__all__ = [
    "EventDraft",
    "article_partnerships",
    "broader_kind",
    "event_id",
    "find_events",
    "kind_of",
    "source_partnerships",
]

#: Longest event name, in characters.
MAX_NAME = 70
#: Furthest a verb may stand after the name it reports (…研讨会于2019年9月10-11日在西安举行).
MAX_NAME_TO_VERB = 45
_TIME_WORDS = (
    "当地时间", "近日", "日前", "当天", "当日", "上午", "下午", "晚上", "晚", "同期", "随后",
    "此外", "期间", "今年", "同时",
)
# Characters that end a name on its left (outside 《》 and “”).
_NAME_BREAK = set("，。；：、！？,;:!?\n（）()")
_ALIAS = re.compile(r"[（(](?:以下简称|简称|下称)[^）)]*[）)]")
#: "主题为“X”的" / "以“X”为主题的" right before a bare event noun: X names the event; so does
#: a long quotation alone before a short name ("举办了“海洋在应对气候变化中的角色”的高端对话会").
_THEMED = re.compile(r"(主题为|题为|名为|以)?“([^“”]{2,40})”(?:为主题)?的$")
#: Shortest unannounced quotation, and longest name after it, read as a theme.
_THEME_MIN, _THEMED_HEAD_MAX = 6, 4
_ORDINAL = re.compile(
    r"第[一二三四五六七八九十百零〇\d]+[届次期场轮]|首届|首次|\d{4}年?度?|（\d{4}年?）|\(\d{4}年?\)"
)


@cache
def _data() -> dict:
    return lexicon("event_kinds")


@cache
def _nouns() -> re.Pattern[str]:
    nouns = sorted(_data()["nouns"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, nouns)))


def _words(key: str) -> tuple[str, ...]:
    return tuple(sorted(_data()[key], key=len, reverse=True))


def kind_of(name: str) -> str:
    """The ontology class of an event name: the class of its longest final event noun.

    >>> kind_of("第二届“一带一路”国际合作高峰论坛绿色之路分论坛")
    'Forum'
    >>> kind_of("绿色联盟咨询委员会会议暨年度专题伙伴关系协调会")
    'Meeting'
    >>> kind_of("绿色城市论坛暨专题伙伴关系启动活动")
    'Forum'
    """
    head = name.split("暨", 1)[0]
    if head != name:
        kind = _final_kind(head)
        if kind != "Event":
            return kind  # "A暨B": A is the main event, B what was held with it
    return _final_kind(name)


def _final_kind(name: str) -> str:
    nouns: dict[str, str] = _data()["nouns"]
    for length in range(min(len(name), max(map(len, nouns))), 0, -1):
        kind = nouns.get(name[-length:])
        if kind:
            return kind
    return "Event"


def broader_kind(kind: str) -> str:
    """The coarse class (dev-set vocabulary) of a fine event class."""
    return _data()["broader"].get(kind, "Event")


def event_id(
    name: str, kind: str, begin: DateValue | None, place_id: str | None, *, distinct: bool = False
) -> str:
    """A content id: equal for the same event however its name is worded (see module doc).

    ``distinct``: the text itself names two events of one kind on one day in one place ("同时
    举办“A”分论坛和“B”分论坛"), so the name must join the key even for a day-dated, placed event.
    """
    core = _ORDINAL.sub("", squash(name)) or squash(name)
    if begin is None:
        return f"event/undated-{short_hash(core)}"
    if begin.precision == "day" and place_id and not distinct:
        key = f"{begin.iso()}|{kind}|{place_id}"
    else:
        key = f"{begin.iso()}|{kind}|{place_id or '-'}|{core}"
    return f"event/{begin.iso()}-{short_hash(key)}"


@dataclass
class EventDraft:
    """An event while its article is read; becomes an :class:`Event` at the end."""

    name: str
    kind: str
    start: int
    end: int
    sentence: tuple[int, int]
    verb_end: int
    date: DateMention | None = None
    places: list[EntitySpan] = field(default_factory=list)
    venue: str | None = None
    online: bool | None = None
    organisers: list[EntitySpan] = field(default_factory=list)
    participants: list[EntitySpan] = field(default_factory=list)
    partnerships: list[str] = field(default_factory=list)
    scheduled: bool = False
    confidence: float = 0.8
    generic: bool = False  # a bare noun ("分论坛", "工作会议"): may refer to an earlier event
    distinct: bool = False  # coordinated with a namesake kind ("A分论坛和B分论坛"): id by name


# --- finding names ---------------------------------------------------------------------------


def _closed(view: ArticleView, end: int) -> bool:
    """Whether an event name may end at ``end``: not followed by more of a longer name."""
    if end >= len(view.text):
        return True
    ch = view.text[end]
    if ch == "暨":
        return False
    if not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum() or ch in "“‘"):
        return True
    return view.text.startswith(_NAME_CLOSERS, end)


#: Words that may follow an event name (its verb, a preposition, a conjunction, a time word).
_NAME_CLOSERS = (
    "在", "于", "将", "已", "由", "以", "期间", "上", "中", "并", "和", "与", "的", "等",
    "开幕", "闭幕", "召开", "举行", "举办", "启动", "正式", "近日", "日前", "顺利", "成功",
    "圆满", "会议", "也", "还", "时", "后", "前", "之", "作为", "系列", "相关", "旨在", "围绕",
    "主题", "现场", "结束", "落幕", "上午", "下午", "当天", "当地时间", "共", "吸引", "邀请",
    "来自", "首次", "隆重", "分别", "联合", "共同",
)


def _name_start(view: ArticleView, noun_start: int, sentence_start: int) -> int:
    """Scan left from an event noun over the name; stop at punctuation, verbs and dates."""
    stops = (*_words("object_verbs"), *_words("name_stops"))
    if view.text.startswith("”", noun_start + len(_nouns().match(view.text, noun_start)[0])):
        opened = view.text.rfind("“", max(sentence_start, noun_start - MAX_NAME), noun_start)
        if opened >= 0 and "”" not in view.text[opened:noun_start]:
            return opened  # a quoted name is the whole quotation
    date_ends = {d.end: d.start for d in view.dates}
    at = noun_start
    depth = 0
    while at > sentence_start and noun_start - at < MAX_NAME:
        ch = view.text[at - 1]
        if ch in "”》’":
            depth += 1
        elif ch in "“《‘":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if ch in "）)":
                opened = max(view.text.rfind(p, sentence_start, at) for p in "（(")
                if opened >= 0 and view.text.startswith(("以下简称", "简称", "下称"), opened + 1):
                    at = opened  # "联盟（以下简称联盟）第二次工作协调会": the alias is not a break
                    continue
            if ch in _NAME_BREAK or ch.isspace():
                break
            if at in date_ends:
                if view.text.startswith("度", at) and at - date_ends[at] <= 5:
                    at = date_ends[at]  # "召开2021年度工作会议": 年度 makes the year a name part
                    continue
                if date_ends[at] == 0 or view.covering(date_ends[at] - 1) is None:
                    break  # a date opening the clause, not one written into a name
                at = date_ends[at]  # "博鳌亚洲论坛2021年年会": the year is part of the name
                continue
            person = view.ending_at(at, "Person")
            if person is not None:
                break
            covering = view.covering(at - 1)
            if covering is not None and covering.start < at - 1:
                at = covering.start  # entity names inside event names stay whole
                continue
            joiner = next((c for c in _COORDINATORS if view.text.endswith(c, 0, at)), None)
            if joiner is not None and _ends_in_noun(view, at - len(joiner)):
                break  # "“A”分论坛和“B”分论坛": two names, not one
            stop = next((w for w in stops if view.text.endswith(w, 0, at)), None)
            if stop is not None and not _nouns().match(view.text, at - len(stop)):
                break  # ... but "启动会暨…对话会": a verb opening an event noun is in the name
            if view.text.endswith("在", 0, at) or view.text.endswith("由", 0, at):
                break
        at -= 1
    # leading time words and articles are not part of a name
    changed = True
    while changed:
        changed = False
        for word in (*_TIME_WORDS, "在", "于", "了", "一次", "一场", "了一场"):
            if view.text.startswith(word, at) and at + len(word) < noun_start:
                at += len(word)
                changed = True
    return at


#: Words joining coordinated event names ("A研讨会、B培训班和C对话会").
_COORDINATORS = ("以及", "和", "及", "与", "、")


def _ends_in_noun(view: ArticleView, end: int) -> bool:
    """Whether an event noun (then perhaps a closing quote) ends at ``end``."""
    while end > 0 and view.text[end - 1] in "”’》":
        end -= 1
    nouns: dict[str, str] = _data()["nouns"]
    return any(view.text[max(0, end - n) : end] in nouns for n in range(2, 7))


def _is_referent(name: str, noun_len: int) -> bool:
    """Whether the name is a bare noun or a referent ("本次会议", "相关活动") rather than a
    proper name: what stands before the event noun is empty or only generic words.
    """
    head = re.sub(r"\d{4}年?度?", "", name[: len(name) - noun_len])  # "2021年度工作会议"
    if head.startswith(tuple(_data()["determiners"])) or head.endswith(("相关", "有关")):
        return True  # "相关研究和政策对话", "绿色投资相关会议": references, not proper names
    generic = sorted((*_data()["referents"], *_data()["generic_heads"]), key=len, reverse=True)
    changed = True
    while head and changed:
        changed = False
        for word in generic:
            if head.startswith(word):
                head = head[len(word) :]
                changed = True
    return not head


def _strip_ceremony(name: str) -> str:
    """``X开幕式``/``X闭幕式`` report event X itself when X is an event name."""
    for tail in ("开幕式", "闭幕式", "开幕", "闭幕"):
        if name.endswith(tail) and _nouns().search(name[: -len(tail)][-6:]):
            return name[: -len(tail)]
    return name


def _strip_quotes(view: ArticleView, start: int, end: int) -> tuple[int, int]:
    """Drop quotes around a whole name: “2019年夏季达沃斯新领军者年会”."""
    if view.text[start : start + 1] == "“" and view.text[end : end + 1] == "”":
        return start + 1, end
    return start, end


# --- attributes ------------------------------------------------------------------------------


def _verb_after(view: ArticleView, end: int, sentence_end: int) -> tuple[int, int] | None:
    """The held verb reporting the event named before ``end``, as (start, end)."""
    window = view.text[end : min(sentence_end, end + MAX_NAME_TO_VERB)]
    best = None
    for verb in _words("held_verbs"):
        at = window.find(verb)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(verb))
    if best is None:
        return None
    between = window[: best[0]]
    depth = 0
    for ch in between:
        depth += ch in "（(“"
        depth -= ch in "）)”"
        if ch in "，,：:" and depth <= 0:
            return None
    return end + best[0], end + best[1]


def _verb_before(view: ArticleView, start: int, sentence_start: int) -> tuple[int, int] | None:
    """The object verb directly before a name (``举办了…``), as (start, end)."""
    at = start
    for filler in ("了一场", "了一次", "一场", "一次", "了"):
        if view.text.endswith(filler, 0, at):
            at -= len(filler)
            break
    for verb in _words("object_verbs"):
        if view.text.endswith(verb, 0, at) and at - len(verb) >= sentence_start:
            return at - len(verb), at
        # a line break the normaliser kept inside the verb ("举\n办")
        if len(verb) == 2 and view.text[max(0, at - 3) : at] == f"{verb[0]}\n{verb[1]}":
            return at - 3, at
    return _verb_before_modifier(view, at, sentence_start)


#: Longest modifier between a verb and the event it qualifies ("举办了面向中亚青年的…").
_MODIFIER_REACH = 30


def _verb_before_modifier(
    view: ArticleView, at: int, sentence_start: int
) -> tuple[int, int] | None:
    """A verb, then a modifier ending in 的, then the name: the relative clause
    ``在比什凯克举行的“…”对话会`` and the object ``举办了面向青年的“…”培训班`` both report
    the event as held. The verb is the last object verb of the modifier's clause.
    """
    if not view.text.endswith("的", 0, at):
        return None
    left = max(sentence_start, at - 1 - _MODIFIER_REACH)
    segment = view.text[left : at - 1]
    cut = max(segment.rfind(c) for c in "，,。；;：:\n")
    best: tuple[int, int] | None = None
    for verb in _words("object_verbs"):
        found = segment.rfind(verb, cut + 1)
        if found >= 0 and (best is None or found + len(verb) > best[1]):
            best = (found, found + len(verb))
    return None if best is None else (left + best[0], left + best[1])


def _subject_start(view: ArticleView, clause: int, verb_start: int) -> int:
    """Where the subject of a relative-clause verb may begin: after any verb before it
    ("张三出席了在…举行的…": 张三 attends; he does not hold the event).
    """
    segment = view.text[clause:verb_start]
    ends = [segment.rfind(v) + len(v) for v in _words("object_verbs") if v in segment]
    return clause + max(ends, default=0)


def _pick_date(view: ArticleView, draft: EventDraft) -> DateMention | None:
    """The nearest date before the verb in the sentence, else the first in the paragraph."""
    s_start, s_end = draft.sentence
    candidates = [
        d
        for d in view.dates_within(s_start, s_end)
        if not (d.start >= draft.start and d.end <= draft.end)
    ]
    candidates = [d for d in candidates if not _names_something(view, d)]
    before = [d for d in candidates if d.end <= max(draft.verb_end, draft.start)]
    if before:
        return before[-1]
    if candidates:
        return candidates[0]
    p_start, _ = view.paragraph_bounds(draft.start)
    earlier = [d for d in view.dates_within(p_start, s_start) if d.begin.precision != "year"]
    return earlier[0] if earlier else None


def _bind_abbreviations(view: ArticleView, start: int, end: int) -> None:
    """``在京召开``: bind a one-character place abbreviation before a verb as a Place span."""
    table: dict[str, str] = _data()["place_abbreviations"]
    verbs = _words("held_verbs") + _words("organiser_verbs") + ("联合", "共同", "正式", "发布")
    for at in range(start, end - 1):
        ch = view.text[at + 1] if at + 1 < end else ""
        if view.text[at] not in "在赴于" or ch not in table or view.covering(at + 1) is not None:
            continue
        if not view.text.startswith(verbs, at + 2):
            continue
        entity = _lookup_place(table[ch])
        if entity is not None:
            view.add(EntitySpan(at + 1, at + 2, "Place", entity, ch))


@cache
def _lookup_place(name: str) -> str | None:
    from silkgraph.extract.entities.places import lookup_place  # place data loads lazily

    entity = lookup_place(name)
    return entity.id if entity is not None else None


def _names_something(view: ArticleView, date: DateMention) -> bool:
    """A bare year written into a name ("2019年联合国气候行动峰会") dates that name, not this."""
    if date.begin.precision != "year" or date.end >= len(view.text):
        return False
    follower = view.text[date.end]
    in_word = "\u4e00" <= follower <= "\u9fff" or follower.isalnum()
    return in_word and follower not in "在于将起以至"


def _pick_places(view: ArticleView, draft: EventDraft) -> list[EntitySpan]:
    """Places after 在 in the sentence (a run: 美国纽约), else places between name and verb."""
    s_start, s_end = draft.sentence
    _bind_abbreviations(view, s_start, s_end)
    places = [
        s
        for s in view.within(s_start, s_end, "Place")
        if not (s.start >= draft.start and s.end <= draft.end)
    ]
    runs: list[list[EntitySpan]] = []
    for place in places:
        if view.text[max(0, place.start - 1) : place.start] in {"在", "于", "赴", "到"}:
            runs.append([place])
        elif runs and view.text[runs[-1][-1].end : place.start].strip(" ·-") in _joiners():
            runs[-1].append(place)  # "美国纽约", "阿塞拜疆首都巴库"
    if runs:
        near = min(runs, key=lambda run: abs(run[0].start - draft.verb_end))
        return near
    lo, hi = sorted((draft.end, draft.verb_end))
    return [p for p in places if lo <= p.start and p.end <= hi]


@cache
def _joiners() -> frozenset[str]:
    return frozenset(("", *_data()["place_joiners"]))


def _pick_venue(view: ArticleView, draft: EventDraft) -> str | None:
    s_start, s_end = draft.sentence
    suffixes = "|".join(map(re.escape, _words("venue_suffixes")))
    verbs = "|".join(map(re.escape, _words("held_verbs")))
    pattern = re.compile(rf"在([^，。；、在“”]{{1,24}}?(?:{suffixes}))(?:{verbs})")
    for match in pattern.finditer(view.text, s_start, s_end):
        start = match.start(1)
        for place in view.within(match.start(1), match.end(1), "Place"):
            if place.start == start:
                start = place.end  # "在美国纽约联合国总部" -> 联合国总部
        venue = view.text[start : match.end(1)].strip(" ·")
        if venue and any(venue.endswith(s) or s in venue for s in _words("venue_suffixes")):
            return venue
    return None


def _organisers_in(view: ArticleView, start: int, end: int) -> list[EntitySpan]:
    """Organisers in ``[start, end)``: orgs after 由 and before an organiser verb."""
    text = view.text[start:end]
    out: list[EntitySpan] = []
    for verb in _words("organiser_verbs"):
        at = text.find(verb)
        while at >= 0:
            by = text.rfind("由", 0, at)
            if by >= 0 and not re.search(r"[。；]", text[by:at]):
                out.extend(view.within(start + by, start + at, "Organisation"))
            at = text.find(verb, at + len(verb))
    return list(dict.fromkeys(out))


def _subject_organisers(view: ArticleView, clause_start: int, verb_start: int) -> list[EntitySpan]:
    """Organisations as the subject of an object verb: "A和B在南宁共同举办了…"."""
    return subject_group(view, clause_start, verb_start)


def _clause_start(view: ArticleView, at: int, sentence_start: int) -> int:
    cut = max(view.text.rfind(c, sentence_start, at) for c in "，,：:")
    return sentence_start if cut < 0 else cut + 1


def _participants(view: ArticleView, start: int, end: int) -> list[EntitySpan]:
    text = view.text[start:end]
    if not any(v in text for v in _words("participation_verbs")):
        return []
    return view.within(start, end, "Person")


# --- partnerships ----------------------------------------------------------------------------


def source_partnerships(view: ArticleView) -> list[str]:
    """Partnerships that sign the article (``（…伙伴关系 供稿）``): they report their own work."""
    article = view.article
    if not article.source_line:
        return []
    partnerships = [s for s in view.spans if s.is_partnership]
    line = article.source_line
    named = [s.entity_id for s in partnerships if s.text and s.text in line]
    line = line.strip()
    at = view.text.find(line) if line else -1
    if at >= 0:
        named += [s.entity_id for s in view.within(at, at + len(line)) if s.is_partnership]
    return list(dict.fromkeys(named))


def article_partnerships(view: ArticleView) -> list[str]:
    """Partnerships responsible for all events of the article: the source line's, else the only
    partnership a ``专题工作进展`` article talks about, else one named in the article title.
    """
    article = view.article
    sourced = source_partnerships(view)
    if sourced:
        return sourced
    title_at = view.text.find(article.title) if article.title else -1
    if title_at >= 0:
        in_title = {s.entity_id for s in view.within(title_at, title_at + len(article.title))
                    if s.is_partnership}
        if len(in_title) == 1:
            return sorted(in_title)
    sentences = view.sentences()
    if sentences and (article.section or "").startswith("专题"):
        first = {s.entity_id for s in view.within(*sentences[0]) if s.is_partnership}
        if len(first) == 1:
            return sorted(first)  # an article opening with one partnership reports its work
    return []


# --- the reader ------------------------------------------------------------------------------


def _noun_matches(view: ArticleView, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """(start, end) of the longest event noun ending at each closed position of the sentence.

    Matching by end, not left to right, keeps the final noun whole where two overlap:
    ``政策对话会`` ends in 对话会, though 政策对话 starts first.
    """
    nouns: dict[str, str] = _data()["nouns"]
    longest = max(map(len, nouns))
    found: list[tuple[int, int]] = []
    for end in range(s_start + 1, s_end + 1):
        for length in range(min(longest, end - s_start), 0, -1):
            if view.text[end - length : end] in nouns:
                if _closed(view, end):
                    found.append((end - length, end))
                break
    return found


def _not_an_event(view: ArticleView, noun_start: int, end: int) -> bool:
    """Summaries (多项交流活动, 一系列会议), campaigns (征集活动) and phases of another
    meeting (第一阶段会议) end in an event noun but report no event of their own.
    """
    data = _data()
    if view.text.endswith(tuple(data["non_event_nouns"]), 0, end):
        return True
    before = view.text[max(0, noun_start - 30) : noun_start]
    if re.search(r"第[一二三四五六七八九十\d]+阶段$", before):
        return True
    clause = re.split(r"[，。；：、,;:\s]", before)[-1]
    return any(word in clause for word in data["plural_determiners"])


def _coordinated_with(view: ArticleView, drafts: list[EventDraft], start: int) -> EventDraft | None:
    """The draft this name is coordinated with ("“A”分论坛和“B”分论坛"), if any."""
    if not drafts:
        return None
    gap = view.text[drafts[-1].end : start].lstrip("”’》").strip()
    return drafts[-1] if gap in _COORDINATORS else None


def _mark_distinct(groups: list[list[EventDraft]]) -> None:
    """Coordinated names of one kind are different events, whatever the date and place say."""
    for group in groups:
        kinds = [d.kind for d in group]
        for draft in group:
            draft.distinct = kinds.count(draft.kind) > 1


def _drafts_in_sentence(view: ArticleView, s_start: int, s_end: int) -> list[EventDraft]:
    drafts: list[EventDraft] = []
    groups: list[list[EventDraft]] = []
    for noun_start, end in _noun_matches(view, s_start, s_end):
        if _not_an_event(view, noun_start, end):
            continue
        covering = view.covering(noun_start)
        if covering is not None and covering.end >= end and covering.label != "Person":
            continue  # an organisation's name (世界经济论坛), not an event
        if _inside_title(view, noun_start, s_start) or _inside_alias(view, noun_start, s_start):
            continue
        outer = _name_start(view, noun_start, s_start)
        start, end_q = _strip_quotes(view, outer, end)
        stripped = _strip_ceremony(view.text[start:end_q])
        name_end = start + len(stripped)
        name = _ALIAS.sub("", stripped)
        if len(name) < 2:
            continue
        if _is_anchor(view, end):
            continue  # "在“我们的海洋”会议期间举办…": the name dates another event
        lo = max(s_start, start - MAX_NAME)
        themed = _THEMED.search(view.text[lo:start])
        head = view.text[start:noun_start]
        if themed is not None and (not head or (
            themed.group(1) is None and len(themed.group(2)) >= _THEME_MIN
            and len(head) <= _THEMED_HEAD_MAX and not re.search(r"[“”]", head)
        )):
            # "举办了主题为“推进绿色‘一带一路’倡议”的分论坛": the theme names the event
            outer, start = lo + themed.start(), lo + themed.start(2)
            name = themed.group(2) + name
        after = _verb_after(view, end, s_end)
        if after is not None and _is_anchor(view, after[1]):
            continue  # "在…大会召开前夕": the meeting dates the sentence's action
        before = _verb_before(view, outer, s_start)
        if _planned(view, start, after or before, s_start):
            continue  # "拟在12月…期间举办主题边会": a plan, not an event
        referent = _is_referent(name, end - noun_start)
        partner = _coordinated_with(view, drafts, outer)
        if partner is not None and partner.verb_end >= 0 and not referent:
            # "举办了A研讨会、B培训班和C对话会": each name shares the first one's verb
            draft = replace(partner, name=name, kind=kind_of(name), start=start, end=name_end,
                            organisers=list(partner.organisers),
                            participants=list(partner.participants), generic=False)
            if groups and groups[-1][-1] is partner:
                groups[-1].append(draft)
            else:
                groups.append([partner, draft])
            drafts.append(draft)
            continue
        if referent and before is None:
            drafts.append(EventDraft(name, kind_of(name), start, name_end, (s_start, s_end), -1))
            continue
        if after is None and before is None:
            continue
        verb_end = after[1] if after else before[1]
        draft = EventDraft(name, kind_of(name), start, name_end, (s_start, s_end), verb_end)
        draft.generic = referent
        if partner is not None and partner.verb_end >= 0:
            groups.append([partner, draft])  # "A博览会和B峰会…开幕": each has the verb
        if before is not None and after is None:
            clause = _clause_start(view, before[0], s_start)
            if before[1] < outer:  # a relative clause: its subject follows any earlier verb
                clause = _subject_start(view, clause, before[0])
            verb = view.text[before[0] : before[1]]
            if verb in {"出席", "参加", "参与"}:
                draft.participants = view.within(clause, before[0], "Person")
            else:
                draft.organisers = _subject_organisers(view, clause, before[0])
                if referent and len(draft.organisers) == 1 and draft.organisers[0].is_partnership:
                    # "…专题伙伴关系在…召开工作会议": the organiser names the meeting
                    draft.name = draft.organisers[0].text + draft.name
            draft.confidence = 0.7 if referent else 0.8
        drafts.append(draft)
    _mark_distinct(groups)
    return drafts


def _is_anchor(view: ArticleView, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by 期间 (after an optional "（COP29）")."""
    at = end
    if view.text[at : at + 1] in "（(":
        close = re.compile(r"[）)]").search(view.text, at, at + 20)
        if close:
            at = close.end()
    return view.text.startswith(tuple(_data()["anchor_followers"]), at)


def _planned(view: ArticleView, name_start: int, verb: tuple[int, int] | None,
             sentence_start: int) -> bool:
    """Whether the clause reporting the event (clause start .. verb) words it as a plan."""
    if verb is None:
        return False
    left = _clause_start(view, min(name_start, verb[0]), sentence_start)
    right = max(verb[1], name_start)
    clause = view.text[left:right]
    return any(marker in clause for marker in _data()["plan_markers"])


def _inside_alias(view: ArticleView, at: int, floor: int) -> bool:
    """Whether ``at`` lies inside "（以下简称…）" (an alias, not a second event)."""
    opened = max(view.text.rfind("（", floor, at), view.text.rfind("(", floor, at))
    if opened < 0 or not view.text.startswith(("以下简称", "简称", "下称"), opened + 1):
        return False
    return not re.search(r"[）)]", view.text[opened:at])


def _inside_title(view: ArticleView, at: int, floor: int) -> bool:
    """Whether ``at`` lies inside 《…》 (a report's title names no event)."""
    opened = view.text.rfind("《", floor, at)
    return opened >= 0 and view.text.find("》", opened, at) < 0


def _timeline_drafts(view: ArticleView) -> list[EventDraft]:
    """``name`` line followed by a ``date place`` line (大事记)."""
    drafts: list[EventDraft] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", view.text)]
    for (a, b), (c, d) in itertools.pairwise(lines):
        line = view.text[a:b].strip()
        if not 4 <= len(line) <= 50 or re.search(r"[，。；：]", line):
            continue
        match = None
        for m in _nouns().finditer(view.text, a, b):
            match = m
        if match is None or view.text[match.end() : b].strip():
            continue
        first = c + len(view.text[c:d]) - len(view.text[c:d].lstrip())
        dates = [x for x in view.dates if x.start == first]
        if not dates:
            continue
        rest = view.text[dates[0].end : d]
        places = view.within(dates[0].end, d, "Place")
        covered = "".join(view.text[p.start : p.end] for p in places)
        if len(rest.strip()) > len(covered) + 2:
            continue
        start = a + len(view.text[a:b]) - len(view.text[a:b].lstrip())
        name = _strip_ceremony(view.text[start:b].strip())
        draft = EventDraft(name, kind_of(name), start, start + len(name), (a, d), b,
                           date=dates[0], places=places, confidence=0.65)
        drafts.append(draft)
    return drafts


#: How far after an event's sentence its "会议时间：/会议地点：" lines may stand.
_LABEL_REACH = 400


def _labelled(view: ArticleView, labels: tuple[str, ...]) -> tuple[int, int] | None:
    """The value span of the first ``label：value`` line of the article."""
    for label in labels:
        match = re.search(rf"{re.escape(label)}\s*[：:]\s*([^\n]+)", view.text)
        if match:
            return match.start(1), match.end(1)
    return None


def find_events(
    view: ArticleView, issue_date: DateValue | None
) -> tuple[list[Event], list[tuple[int, int, str]]]:
    """Every event of the article, merged by id, and the (start, end, id) of their names."""
    data = _data()
    drafts: list[EventDraft] = []
    for s_start, s_end in view.sentences():
        if view.is_blocked(s_start):
            continue
        found = _drafts_in_sentence(view, s_start, s_end)
        named = [d for d in found if d.verb_end >= 0]
        referents = [d for d in found if d.verb_end < 0]
        if not named and (referents or drafts):
            # a sentence about an earlier event: "会议由A、B共同主办", "X出席并致辞"
            if drafts and (referents or _participants(view, s_start, s_end)):
                target = drafts[-1]
                target.organisers += _organisers_in(view, s_start, s_end)
                target.participants += _participants(view, s_start, s_end)
                if referents:  # "边会由…主办，…专题伙伴关系提供支持"
                    target.partnerships += [
                        s.entity_id for s in view.within(s_start, s_end) if s.is_partnership
                    ]
            continue
        for draft in list(named):
            bare = draft.name in _data()["bare_referents"]
            earlier = [d for d in drafts
                       if bare or broader_kind(d.kind) == broader_kind(draft.kind)]
            undated = not view.dates_within(s_start, s_end)
            held_by = draft.organisers or _anaphoric_partnership(view, draft)
            online = any(m in view.text[s_start:s_end] for m in data["online_markers"])
            if draft.generic and not earlier and (
                bare or undated or not (held_by or online or _pick_places(view, draft))
            ):
                # "出席开幕式", "开展相关研究和政策对话": a reference with nothing to refer to is
                # an event only with a date and a place or an organiser ("…在…召开工作会议")
                named.remove(draft)
                continue
            if draft.generic and earlier and not _dated_apart(view, draft, earlier[-1]):
                # "李干杰出席分论坛": the forum already reported, not a new one
                earlier[-1].participants += draft.participants
                earlier[-1].organisers += draft.organisers
                earlier[-1].participants += _participants(view, s_start, s_end)
                named.remove(draft)
                continue
            own_dates = [d for d in view.dates_within(s_start, s_end)
                         if not _names_something(view, d)]
            relative = None if own_dates else _relative_date(view, draft, drafts)
            draft.date = relative or _pick_date(view, draft)
            draft.places = _pick_places(view, draft)
            draft.venue = _pick_venue(view, draft)
            text = view.text[s_start:s_end]
            if any(m in text for m in data["online_markers"]):
                draft.online = True
            draft.organisers += _organisers_in(view, s_start, s_end)
            draft.participants += _participants(view, s_start, s_end)
            draft.partnerships += [
                s.entity_id for s in view.within(s_start, s_end) if s.is_partnership
            ] or _anaphoric_partnership(view, draft)
            draft.scheduled = _scheduled(view, draft, issue_date)
            during = any(w in view.text[s_start:s_end] for w in data["during_markers"])
            if during and drafts:
                # "会议期间还举行了…圆桌会": held where, and for whom, the meeting was
                host = drafts[-1]
                draft.places = draft.places or list(host.places)
                draft.partnerships = draft.partnerships or [
                    *host.partnerships, *(o.entity_id for o in host.organisers if o.is_partnership)
                ]
        drafts.extend(named)
    drafts.extend(d for d in _timeline_drafts(view) if not view.is_blocked(d.start))
    _apply_labels(view, drafts)
    drafts = _fold_same_name(_fold_undated(view, drafts))
    sourced = source_partnerships(view)
    shared = (sourced, [] if sourced else article_partnerships(view))
    events: dict[str, Event] = {}
    spans: list[tuple[int, int, str]] = []
    for draft in drafts:
        event = _to_event(view, draft, shared)
        if event is None:
            continue
        spans.append((draft.start, draft.end, event.id))
        events[event.id] = _merge(events[event.id], event) if event.id in events else event
    return list(events.values()), spans


def _dated_apart(view: ArticleView, draft: EventDraft, earlier: EventDraft) -> bool:
    """Whether a bare noun's own sentence dates it away from the event it could refer to:
    "今年12月，专题伙伴关系将在迪拜举办主题边会" after a forum held last September is a new
    side event, not that forum again.
    """
    s_start, s_end = draft.sentence
    own = [d for d in view.dates_within(s_start, s_end) if not _names_something(view, d)]
    if not own or earlier.date is None:
        return False
    return _key(own[-1].begin) != _key(earlier.date.begin)


def _key(value: DateValue) -> tuple[int, int, int]:
    return value.year, value.month or 0, value.day or 0


#: Words that refer back to the partnership named before ("专题伙伴关系还将于…举办").
_PARTNERSHIP_ANAPHORA = ("该专题伙伴关系", "该伙伴关系", "该专题", "专题伙伴关系", "伙伴关系")


def _anaphoric_partnership(view: ArticleView, draft: EventDraft) -> list[str]:
    """The partnership a subject like ``该专题伙伴关系`` refers to: the last one named before."""
    s_start = draft.sentence[0]
    clause = view.text[_clause_start(view, draft.start, s_start) : draft.start]
    at = max(clause.rfind(word) for word in _PARTNERSHIP_ANAPHORA)
    if at < 0 or view.covering(draft.start - len(clause) + at) is not None:
        return []
    before = [s for s in view.spans if s.is_partnership and s.end <= s_start]
    return [before[-1].entity_id] if before else []


def _relative_date(view: ArticleView, draft: EventDraft,
                   earlier: list[EventDraft]) -> DateMention | None:
    """``边会前一天``, ``次日``, ``同日``: a day counted from an event reported before.

    The reference is the latest dated event of the kind named before the word ("边会前一天" ->
    the side event), else the latest dated event, else the paragraph's latest date; only a
    day-precise date is counted from.
    """
    s_start = draft.sentence[0]
    window = view.text[s_start : max(draft.start, s_start)]
    table: dict[str, int] = _data()["relative_days"]
    for word in sorted(table, key=len, reverse=True):
        at = window.find(word)
        if at < 0:
            continue
        days = [d for d in earlier if d.date is not None and d.date.begin.precision == "day"]
        named = window[:at].strip("，, ")
        if named:
            kind = kind_of(named)
            days = [d for d in days if d.kind == kind] or days
        dated = [d.date for d in days if d.date is not None]
        if not dated:
            # no event reported yet: the day the paragraph has dated last ("…开幕。当天下午…")
            p_start, _ = view.paragraph_bounds(draft.start)
            dated = [d for d in view.dates_within(p_start, s_start) if d.begin.precision == "day"]
        if not dated:
            return None
        ref = dated[-1].begin
        day = datetime.date(ref.year, ref.month, ref.day) + datetime.timedelta(days=table[word])
        start = s_start + at
        return DateMention(start, start + len(word), word, DateValue(day.year, day.month, day.day))
    return None


def _fold_same_name(drafts: list[EventDraft]) -> list[EventDraft]:
    """An undated draft named like a dated one ("研讨会将围绕…" after the headline's
    "…研讨会将于11月…举办") is that event: its organisers and partnerships join it.
    """
    def core(name: str) -> str:
        return _ORDINAL.sub("", squash(name)) or squash(name)

    dated = {core(d.name): d for d in drafts if d.date is not None}
    out: list[EventDraft] = []
    for draft in drafts:
        target = dated.get(core(draft.name)) if draft.date is None else None
        if target is None:
            out.append(draft)
            continue
        target.organisers += draft.organisers
        target.participants += draft.participants
        target.partnerships += draft.partnerships
    return out


def _fold_undated(view: ArticleView, drafts: list[EventDraft]) -> list[EventDraft]:
    """An undated headline ("…在印度尼西亚举办能力建设培训班") of an event the article dates
    elsewhere is that event: fold it into the dated draft of the same coarse kind. An undated
    event held "会议期间" / "会上" takes the date and places of the event reported before it.
    """
    out: list[EventDraft] = []
    headline_end = view.paragraph_bounds(0)[1]
    for i, draft in enumerate(drafts):
        s_start, s_end = draft.sentence
        during = any(w in view.text[s_start:s_end] for w in _data()["during_markers"])
        previous = [d for d in drafts[:i] if d.date is not None]
        if draft.date is None and during and previous:
            draft.date = previous[-1].date
            draft.places = draft.places or list(previous[-1].places)
        if draft.date is None and draft.start < headline_end:
            dated = [d for d in drafts
                     if d.date is not None and broader_kind(d.kind) == broader_kind(draft.kind)]
            if len(dated) == 1:
                dated[0].organisers += draft.organisers
                dated[0].participants += draft.participants
                dated[0].partnerships += draft.partnerships
                continue
        out.append(draft)
    return out


def _apply_labels(view: ArticleView, drafts: list[EventDraft]) -> None:
    """Announcement fields (会议时间：… 会议地点：… 主办单位：…) fill what the sentences lack."""
    if not drafts:
        return
    target = drafts[0]

    def near(span: tuple[int, int] | None) -> bool:
        return span is not None and 0 <= span[0] - target.sentence[1] <= _LABEL_REACH

    place = _labelled(view, _words("venue_labels"))
    if near(place):
        if not target.places:
            target.places = view.within(place[0], place[1], "Place")
        parts = re.split(r"\s*[·•]\s*", view.text[place[0] : place[1]].strip())
        if target.venue is None and parts[-1].endswith(_words("venue_suffixes")):
            target.venue = parts[-1]
    when = _labelled(view, _words("date_labels"))
    if near(when):
        dates = view.dates_within(*when)
        if dates and (target.date is None or _finer(dates[0].begin, target.date.begin)):
            target.date = dates[0]
    org = _labelled(view, _words("organiser_labels"))
    if near(org):
        target.organisers += view.within(org[0], org[1], "Organisation")


def _finer(a: DateValue, b: DateValue) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[a.precision] > order[b.precision]


def _scheduled(view: ArticleView, draft: EventDraft, issue_date: DateValue | None) -> bool:
    data = _data()
    s_start, s_end = draft.sentence
    text = view.text[s_start:s_end]
    if any(m in text for m in data["past_markers"]):
        return False
    if any(m in text for m in data["scheduled_markers"]):
        return True
    past = (draft.date is not None and issue_date is not None
            and not _after(draft.date.begin, issue_date))
    if any((view.article.section or "").startswith(s) for s in data["scheduled_sections"]):
        return not past
    if draft.date is not None and issue_date is not None:
        return _after(draft.date.begin, _plus_month(issue_date))
    return False


def _plus_month(date: DateValue) -> DateValue:
    """One month after ``date``: an issue's date is an estimate (its latest dated report), so
    only events well after it count as announcements.
    """
    if date.month is None:
        return date
    if date.month == 12:
        return DateValue(date.year + 1, 1, date.day)
    return DateValue(date.year, date.month + 1, date.day)


def _after(date: DateValue, reference: DateValue) -> bool:
    """Whether ``date`` is certainly later than ``reference`` at their common precision."""
    parts = [(date.year, reference.year)]
    if date.month is not None and reference.month is not None:
        parts.append((date.month, reference.month))
        if date.day is not None and reference.day is not None:
            parts.append((date.day, reference.day))
    return tuple(p[0] for p in parts) > tuple(p[1] for p in parts)


def _to_event(
    view: ArticleView, draft: EventDraft, shared: tuple[list[str], list[str]]
) -> Event | None:
    """The record of a draft; ``shared`` = (source-line partnerships, inferred ones), the
    inferred ones used only when the event's own sentences name no partnership.
    """
    begin = draft.date.begin if draft.date else None
    finish = draft.date.finish if draft.date else None
    own = [*draft.partnerships, *(s.entity_id for s in draft.organisers if s.is_partnership)]
    sourced, inferred = shared
    partnerships = list(dict.fromkeys([*own, *sourced, *([] if own else inferred)]))
    if begin is None:
        return None  # an event the text does not date cannot be told from its namesakes
    place_ids = tuple(dict.fromkeys(p.entity_id for p in draft.places))
    most_specific = place_ids[-1] if place_ids else None
    eid = event_id(draft.name, draft.kind, begin, most_specific, distinct=draft.distinct)
    used = [*draft.places, *draft.organisers, *draft.participants]
    evidence = [mention_id(view.article, draft.start, draft.end)]
    evidence += [mention_id(view.article, s.start, s.end) for s in used]
    return Event(
        id=eid,
        kind=draft.kind,
        name=draft.name,
        begin=begin,
        finish=finish,
        place_ids=place_ids,
        venue=draft.venue,
        online=draft.online,
        organiser_ids=tuple(dict.fromkeys(s.entity_id for s in draft.organisers)),
        participant_ids=tuple(dict.fromkeys(s.entity_id for s in draft.participants)),
        partnership_ids=tuple(partnerships),
        scheduled=draft.scheduled,
        evidence=tuple(dict.fromkeys(evidence)),
        article_keys=(view.article.key,),
        confidence=draft.confidence if begin else min(draft.confidence, 0.5),
    )


def _merge(a: Event, b: Event) -> Event:
    """Two reports of one event in an article: keep the longer name, union everything else."""
    def union(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*x, *y)))

    name = max((a.name, b.name), key=lambda n: (len(n) <= MAX_NAME, len(n)))
    return replace(
        a,
        name=name,
        kind=a.kind if a.kind != "Event" else b.kind,
        finish=a.finish or b.finish,
        place_ids=union(a.place_ids, b.place_ids),
        venue=a.venue or b.venue,
        online=True if (a.online or b.online) else a.online,
        organiser_ids=union(a.organiser_ids, b.organiser_ids),
        participant_ids=union(a.participant_ids, b.participant_ids),
        partnership_ids=union(a.partnership_ids, b.partnership_ids),
        scheduled=a.scheduled and b.scheduled,
        evidence=union(a.evidence, b.evidence),
        confidence=max(a.confidence, b.confidence),
    )
