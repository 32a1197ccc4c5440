"""Title chains: who holds which title where, read from the titles written before a name.

Newsletters introduce people by a chain of titles, each an organisation followed by a title:
``国合会副主席、联盟联合主席、可持续海洋经济高级别小组挪威特使赫尔格森``. The chain is read right to
left from the name, because only the right end is certain (the title directly before the name):

* an *item* ends with a title from ``ontology/roles.yaml`` (longest match, so ``首席执行官`` wins
  over ``执行官``); its organisation is the rightmost Organisation span inside it, and the role is
  the text *as written* between that organisation and the name (``挪威特使``, ``中方首席顾问``);
* items are joined by ``、`` or ``兼``; the chain goes on leftwards only while the next piece is
  itself a title item, so ``张三、生态环境部部长李四`` gives 李四 one title, not two;
* on its left an item stops at punctuation or at a small word (``由``, ``与``, ``和`` …) — but not
  inside a recognised entity name, so ``新加坡环境与水源部`` keeps its ``与``;
* an item with no organisation span keeps its whole text as the role and ``organisation_id=None``
  (``捷克副总理``, ``比利时国务大臣``): a country is not an organisation, and minting a government
  body for every country the text names would invent entities the gazetteer does not hold;
* a bare title after ``兼`` or ``、`` (``院长、教授``, ``总裁兼首席执行官``) shares the organisation
  of the item before it;
* ``原``/``前`` before a chain marks the first title group as a former one, and the role keeps it.

A name after a chain is a known Person span, or a new person found here: a Chinese name
(surname + one or two characters, closed by punctuation or a word like ``表示``), a
transliteration with ``·``, or a run of transliteration characters (``赫尔格森``). The title is the
evidence that a person follows, which is what makes these loose name rules safe: right after a
title the whole ``X·Y`` run is the name whatever its characters (``哈立德·阿勒穆塔里``,
``钱德里卡·佩雷拉``), and it ends before the first word that may follow a name
(``法鲁克·阿齐兹|通过``). A recognised ``X·Y`` span after a title whose right edge disagrees is
re-read that way, and the position goes to the re-read person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from silkgraph.extract.entities.registry import EntityRegistry, new_entity
from silkgraph.extract.records import Membership
from silkgraph.extract.relations.article import (
    ArticleView,
    EntitySpan,
    lexicon,
    mention_id,
    short_hash,
)

__all__ = [
    "Position",
    "TitleItem",
    "find_positions",
    "memberships",
    "read_chain",
    "read_name",
]

#: Longest stretch of a single title item, in characters; longer stretches are prose.
MAX_ITEM = 30
#: Confidence of a title whose organisation was recognised and sits right before it.
CONFIDENT = 0.9

_GAP = " \t\n"
_ROLE_JUNK = "”’\"'」』）) ·-—/"  # white space a chain may cross (a signature's "部长  李干杰")


@dataclass(frozen=True, slots=True)
class TitleItem:
    """One title of a chain: ``role`` as written, at ``organisation`` (or None)."""

    start: int
    end: int
    role: str
    organisation: EntitySpan | None
    confidence: float


@dataclass(frozen=True, slots=True)
class Position:
    """A person and the title chain before their name."""

    person: EntitySpan
    items: tuple[TitleItem, ...]
    signature: bool  # the chain was a "——title name" signature line


@cache
def _roles() -> tuple[frozenset[str], int]:
    roles = frozenset(lexicon("roles")["roles"])
    return roles, max(len(r) for r in roles)


@cache
def _words(key: str) -> tuple[str, ...]:
    """A word list from roles.yaml, longest first so prefixes never shadow longer words."""
    return tuple(sorted(lexicon("roles")[key], key=len, reverse=True))


@cache
def _name_chars() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = lexicon("name_chars")
    surnames = frozenset(data["surnames"].replace(" ", ""))
    compound = tuple(data["compound_surnames"])
    translit = frozenset(data["transliteration"].replace(" ", "").replace("\n", ""))
    return surnames, compound, translit


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _role_at(view: ArticleView, end: int) -> int:
    """Length of the longest role ending at ``end`` that is a real title there (0 if none)."""
    roles, longest = _roles()
    for length in range(min(longest, end), 0, -1):
        if view.text[end - length : end] not in roles:
            continue
        covering = view.covering(end - 1)
        inside_name = covering is not None and covering.label != "Person"
        if inside_name and (covering.end > end or covering.start < end - length):
            return 0  # the "title" is part of an entity name (…委员会 is not …委员 + 会)
        prefix = view.text[max(0, end - 8) : end]
        if any(prefix.endswith(word) for word in _words("not_titles")):
            return 0
        return length
    return 0


def _stop_before(view: ArticleView, at: int) -> str | None:
    """The stop word or punctuation ending at ``at`` (outside entity names), else None."""
    if at <= 0:
        return "^"
    ch = view.text[at - 1]
    if not (_is_han(ch) or ch.isalnum() or ch in "·“”‘’\"'《》()（）-－/"):
        return ch
    if ch == "兼":
        return ch
    for word in _words("chain_stops"):
        if view.text.endswith(word, 0, at):
            covering = view.covering(at - 1)
            if covering is not None and covering.start < at - len(word):
                continue  # inside an entity name
            if (
                word in _CONJUNCTIONS
                and not _ends_person_or_title(view, at - len(word))
                and view.starting_at(at) is None
            ):
                continue  # "环境及水源部": a conjunction inside an unrecognised name
            return word
    return None


#: Stop words that join two names; they end a chain only between two persons or titles.
_CONJUNCTIONS = frozenset({"与", "和", "及", "以及", "同"})


def _ends_person_or_title(view: ArticleView, at: int) -> bool:
    """Whether a person's name or a title ends at ``at`` (left of a conjunction)."""
    if at <= 0:
        return True
    if view.ending_at(at, "Person") is not None or _role_at(view, at):
        return True
    ch = view.text[at - 1]
    return not (_is_han(ch) or ch.isalnum())


def _segment_start(view: ArticleView, role_start: int) -> tuple[int, str]:
    """Where the item ending in a role at ``role_start`` can begin, and what stops it there."""
    at = role_start
    limit = max(0, role_start - MAX_ITEM)
    while at > limit:
        covering = view.covering(at - 1)
        if covering is not None and covering.start < at - 1 and covering.label != "Person":
            at = covering.start  # never cut an entity name
            continue
        stop = _stop_before(view, at)
        if stop is not None:
            return at, stop
        if covering is not None and covering.label == "Person":
            return at, "person"
        at -= 1
    return at, _stop_before(view, at) or "limit"


def _read_item(view: ArticleView, end: int, bounded: bool) -> TitleItem | None:
    """The title item ending at ``end``; ``bounded`` when a 、/兼 closes it on the right."""
    length = _role_at(view, end)
    if not length:
        return None
    role_start = end - length
    seg_start, stop = _segment_start(view, role_start)
    orgs = [
        s
        for s in view.within(seg_start, role_start)
        if s.label == "Organisation"
    ]
    if orgs:
        org = max(orgs, key=lambda s: (s.end, s.end - s.start))
        # the item begins at the first entity in an unbroken run that reaches the organisation
        start = org.start
        for s in sorted(view.within(seg_start, org.start), key=lambda s: -s.end):
            if s.end == start or (s.end < start and not view.text[s.end : start].strip("/·-")):
                start = s.start
        gap = role_start - org.end
        confidence = CONFIDENT if gap <= 6 else 0.7
        role = view.text[org.end : end].lstrip(_ROLE_JUNK)
        return TitleItem(start, end, role, org, confidence)
    entities = view.within(seg_start, role_start)
    if entities:
        start = min(s.start for s in entities)
    elif stop in {"、", "兼"} or role_start - seg_start <= 6:
        start = seg_start
    else:
        start = _prefixed(view, role_start, seg_start)
    role = view.text[start:end].lstrip(_ROLE_JUNK)
    return TitleItem(start, end, role, None, 0.6 if start < role_start else 0.7)


def _prefixed(view: ArticleView, role_start: int, seg_start: int) -> int:
    """Extend a bare role leftwards over title prefixes (首席, 中方 …)."""
    at = role_start
    changed = True
    while changed:
        changed = False
        for word in _words("role_prefixes"):
            if at - len(word) >= seg_start and view.text.endswith(word, 0, at):
                at -= len(word)
                changed = True
                break
    return at


def _skip_gap_left(view: ArticleView, at: int) -> int:
    while at > 0 and view.text[at - 1] in _GAP:
        if view.text[at - 1] == "\n" and at > 1 and view.text[at - 2] == "\n":
            break  # a paragraph break ends a chain
        at -= 1
    return at


def read_chain(view: ArticleView, name_start: int) -> tuple[list[TitleItem], bool]:
    """The title items before a name starting at ``name_start``, left to right.

    Returns the items and whether the chain is a ``——`` signature.

    >>> from silkgraph.extract.records import Article
    >>> text = "生态环境部副部长赵英民"
    >>> view = ArticleView(text, Article("a", "i", 1, None, "", 0, len(text), 0, len(text)),
    ...                    spans=[EntitySpan(0, 5, "Organisation", "org/mee", "生态环境部")])
    >>> [(i.role, i.organisation.entity_id) for i in read_chain(view, 8)[0]]
    [('副部长', 'org/mee')]
    """
    items: list[TitleItem] = []
    end = _skip_gap_left(view, name_start)
    bounded = False
    while True:
        item = _read_item(view, end, bounded)
        if item is None:
            break
        items.append(item)
        sep_at = item.start
        if sep_at > 1 and view.text[sep_at - 1] in _FORMER and view.text[sep_at - 2] in "、兼/":
            sep_at -= 1  # "…、原联合国环境署执行主任"
        if sep_at > 0 and view.text[sep_at - 1] in "、兼/":
            end = sep_at - 1
            bounded = True
            continue
        if (
            sep_at > 0
            and view.text[sep_at - 1] in "及和"
            and item.organisation is None
            and not view.within(item.start, item.end)
            and _role_at(view, sep_at - 1)
        ):
            end = sep_at - 1  # "全球副主席及执行董事": two titles, one person
            bounded = True
            continue
        break
    items.reverse()
    # "能源和石油部代表、…基金会主席玛格丽特": a bare 代表 inside a chain closes a group of unnamed
    # people ("X部代表"), it is not the named person's title
    items = [i for k, i in enumerate(items) if k == len(items) - 1 or i.role != "代表"]
    items = _share_organisations(view, items)
    items = _mark_former(view, items)
    head = items[0].start if items else name_start
    # a signature line: "——" then at most a few words the chain did not take ("中国")
    prefix = view.text[view.text.rfind("\n", 0, head) + 1 : head].strip()
    signature = prefix.startswith(("—", "--")) and len(prefix.lstrip("—-")) <= 8
    return items, signature


def _share_organisations(view: ArticleView, items: list[TitleItem]) -> list[TitleItem]:
    """A bare title after 兼/、 shares the organisation of the title before it."""
    out: list[TitleItem] = []
    roles, _ = _roles()
    for item in items:
        joined_by = view.text[item.start - 1] if item.start > 0 else ""
        bare = item.role in roles or _strip_prefixes(item.role) in roles
        # after 兼 an unrecognised unit ("亚太局局长") is part of the same organisation
        unit = joined_by == "兼" and not view.within(item.start, item.end)
        if out and item.organisation is None and (bare or unit) and out[-1].organisation:
            item = TitleItem(item.start, item.end, item.role, out[-1].organisation, 0.7)
        out.append(item)
    return out


def _strip_prefixes(role: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _words("role_prefixes"):
            if role.startswith(word) and len(role) > len(word):
                role = role[len(word) :]
                changed = True
    return role


_FORMER = frozenset("原前")


def _mark_former(view: ArticleView, items: list[TitleItem]) -> list[TitleItem]:
    """``原``/``前`` before a title marks it (and the titles joined to it by 兼) as former."""
    out: list[TitleItem] = []
    former = ""
    for item in items:
        marker = view.text[item.start - 1] if item.start > 0 else ""
        if marker in _FORMER and not item.role.startswith(marker):
            former = marker
        elif item.start == 0 or view.text[item.start - 1] != "兼":
            former = ""
        if former and not item.role.startswith(former):
            item = TitleItem(item.start, item.end, former + item.role, item.organisation,
                             item.confidence)
        out.append(item)
    return out


# --- names -----------------------------------------------------------------------------------


def _closes_name(view: ArticleView, at: int) -> bool:
    """Whether a personal name may end at ``at``: punctuation, space, end, or a follower word."""
    if at >= len(view.text):
        return True
    ch = view.text[at]
    if not (_is_han(ch) or ch.isalnum()):
        return ch != "·"
    return any(view.text.startswith(word, at) for word in _words("name_followers"))


def read_name(view: ArticleView, start: int) -> tuple[int, str] | None:
    """A personal name starting at ``start`` by rule: ``(end, method)`` or None.

    Tried in order: a transliteration with ``·``; a Chinese name (two characters before three,
    so ``马骏在`` is 马骏, while ``赵英民主持`` is 赵英民); a run of transliteration characters.
    """
    text = view.text
    surnames, compound, translit = _name_chars()
    dotted = _DOTTED.match(text, start)
    if dotted:
        # after a title the whole "X·Y" run is the name, whatever its characters (哈立德, 钱德里卡);
        # it ends before the longest-closing follower word (阿齐兹|通过, 佩雷拉|在)
        first_dot = text.find("·", start)
        if any(_role_at(view, k) for k in range(start + 1, first_dot + 1)):
            return None  # "公使衔参赞坎蓬·…": the title goes on; read the name after its end
        last_dot = text.rfind("·", start, dotted.end())
        for end in range(last_dot + 3, dotted.end() + 1):
            if _closes_name(view, end):
                return end, "rule:title-chain"
    given_at = None
    for surname in compound:
        if text.startswith(surname, start):
            given_at = start + len(surname)
    if given_at is None and start < len(text) and text[start] in surnames:
        given_at = start + 1
    if given_at is not None:
        for given in (1, 2):
            end = given_at + given
            chunk = text[given_at:end]
            han = len(chunk) == given and all(_is_han(c) for c in chunk)
            if han and _closes_name(view, end) and _plausible_chinese(text[start:end]):
                return end, "rule:title-chain"
    end = start
    while end < len(text) and end - start < 7 and text[end] in translit:
        end += 1
    while end - start >= 2:
        if _closes_name(view, end):
            return end, "rule:title-chain"
        end -= 1
    return None


#: A transliterated name: Han runs joined by "·" (read only right after a title).
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+")

#: Characters that do not occur in given names but often follow a name in running text.
_NOT_GIVEN = frozenset("的了在是和与及等表示说称对向为于也就将被把从而之")


def _plausible_chinese(name: str) -> bool:
    """Whether a surname-initial string after a title can be a whole name.

    discover.looks_like_chinese_name is stricter (it must be, without a title before the name:
    it rejects given names with 国, 长 …, which 周国梅 has); after a title only function words
    and title words are ruled out.
    """
    roles, _ = _roles()
    if any(ch in _NOT_GIVEN for ch in name[1:]):
        return False
    pieces = (name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1))
    return not any(piece in roles for piece in pieces)


def _common_word(name: str) -> bool:
    """Whether a candidate is an ordinary word of jieba's dictionary (简要, 应邀), not a name.

    jieba tags personal names ``nr``; any other tag means the text after a title is a word
    like "简要介绍", which the surname rule alone would take for a name.
    """
    if "·" in name:
        return False
    from jieba import posseg  # loaded by the tokenizer already; read-only use

    tag = posseg.dt.word_tag_tab.get(name)
    if tag is None or tag.startswith("nr"):
        return False
    # a three-character entry with a noun-like tag is often a real person jieba mis-tags
    # (许立群 is "m"); only verbs, adjectives and function words rule such a name out
    return len(name) < 3 or tag[0] in "vadcpur"



def _title_follows(view: ArticleView, end: int) -> bool:
    """Whether a title ends within a few characters after ``end``: the "name" is then the middle
    of a longer title (联合国秘书长[南南合]作特使).
    """
    window = re.split(r"[，。；、：\s]", view.text[end : end + 4], maxsplit=1)[0]
    return any(_role_at(view, end + i) for i in range(2, len(window) + 1))


# --- positions -------------------------------------------------------------------------------

_ROLE_RE: re.Pattern[str] | None = None


def _role_pattern() -> re.Pattern[str]:
    global _ROLE_RE
    if _ROLE_RE is None:
        roles, _ = _roles()
        _ROLE_RE = re.compile("|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True)))
    return _ROLE_RE


def find_positions(
    view: ArticleView, registry: EntityRegistry | None
) -> tuple[list[Position], list[EntitySpan]]:
    """Every person with a title chain, and the persons discovered after titles.

    Discovered persons are added to ``view`` (so quotes and events see them) and, when a
    registry is given, registered there.
    """
    positions: list[Position] = []
    discovered: list[EntitySpan] = []
    for span in [s for s in view.spans if s.label == "Person" and not view.is_blocked(s.start)]:
        items, signature = read_chain(view, span.start)
        if items and not _misread(view, span):
            positions.append(Position(span, tuple(items), signature))
    positions += _titles_after_names(view, positions)
    for match in _role_pattern().finditer(view.text):
        end = match.end()
        if view.is_blocked(end):
            continue
        name_at = end
        while name_at < len(view.text) and view.text[name_at] in " \t":
            name_at += 1
        covering = view.covering(name_at)
        if covering is not None and not (covering.start == name_at and _misread(view, covering)):
            continue
        if view.covering(end - 1) is not None:
            continue
        if not _role_at(view, end):
            continue
        found = read_name(view, name_at)
        if found is None:
            continue
        name_end, _method = found
        if _common_word(view.text[name_at:name_end]) or _title_follows(view, name_end):
            continue
        items, signature = read_chain(view, name_at)
        if not items or items[-1].end != end:
            continue
        name = view.text[name_at:name_end]
        entity = new_entity("Person", "Person", name, confidence=0.7)
        if registry is not None:
            entity = registry.add(entity)
        span = EntitySpan(name_at, name_end, "Person", entity.id, name)
        view.add(span)
        discovered.append(span)
        positions.append(Position(span, tuple(items), signature))
    return positions, discovered


def _misread(view: ArticleView, span: EntitySpan) -> bool:
    """Whether a recognised "X·Y" person span after a title has its right edge wrong: it took
    the first character of the next word ("阿齐兹通|过") or stopped short. The title chain then
    reads the name itself and the position goes to that person.
    """
    if span.label != "Person" or "·" not in span.text:
        return False
    found = read_name(view, span.start)
    return found is not None and found[0] != span.end and _role_at(view, span.start) > 0


def _titles_after_names(view: ArticleView, positions: list[Position]) -> list[Position]:
    """``习近平主席``, ``拜登总统``: a head-of-state title written after the name.

    Only the titles of ``post_name_titles`` count (a name followed by 部长 is usually the start
    of a new phrase), and only when the person has no position with that title already.
    """
    held = {(p.person.entity_id, i.role) for p in positions for i in p.items}
    titles = _words("post_name_titles")
    out: list[Position] = []
    for span in [s for s in view.spans if s.label == "Person" and not view.is_blocked(s.start)]:
        # the gazetteer may list "习近平主席" as an alias: the title is then inside the span
        inside = next((t for t in titles if span.text.endswith(t) and len(span.text) > len(t) + 1),
                      None)
        title = inside or next((t for t in titles if view.text.startswith(t, span.end)), None)
        if title is None or (span.entity_id, title) in held:
            continue
        held.add((span.entity_id, title))
        at = span.end - len(title) if inside else span.end
        item = TitleItem(at, at + len(title), title, None, 0.6)
        out.append(Position(span, (item,), False))
    return out


def memberships(view: ArticleView, positions: list[Position]) -> list[Membership]:
    """One Membership per (person, organisation, role), evidence merged within the article."""
    found: dict[str, Membership] = {}
    for position in positions:
        person = position.person
        for item in position.items:
            org = item.organisation
            org_id = org.entity_id if org is not None else None
            role = item.role.strip()
            key = f"{person.entity_id}|{org_id or '-'}|{role}"
            membership_id = f"membership/{short_hash(key, 12)}"
            evidence = [mention_id(view.article, person.start, person.end)]
            if org is not None:
                evidence.append(mention_id(view.article, org.start, org.end))
            previous = found.get(membership_id)
            if previous is not None:
                evidence = [*previous.evidence, *evidence]
            found[membership_id] = Membership(
                id=membership_id,
                person_id=person.entity_id,
                organisation_id=org_id,
                role=role,
                evidence=tuple(dict.fromkeys(evidence)),
                confidence=max(item.confidence, previous.confidence if previous else 0.0),
            )
    return list(found.values())
