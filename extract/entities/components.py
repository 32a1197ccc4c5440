"""The spaCy components of silkgraph, registered with ``@Language.factory``.

Like spaCy's entity_ruler, each factory only constructs its component; data (the gazetteer, the
POS tagger over the pipeline's own jieba dictionary, the place lookup) arrives in
``initialize``, either passed in or loaded there, never at import time. Build a pipeline with
:func:`silkgraph.extract.entities.nlp.build_nlp`, or add a component by name yourself::

    nlp.add_pipe("silkgraph_gazetteer")
    nlp.get_pipe("silkgraph_gazetteer").initialize(gazetteer=Gazetteer.load())

All components write to ``doc.spans["sg_entities"]`` through :func:`set_entities`, which keeps
the group sorted and non-overlapping and leaves layout regions (``doc.user_data["sg_blocked"]``)
empty. The Doc contract is documented in :mod:`silkgraph.extract.entities.nlp`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from silkgraph.extract.entities.abbreviations import find_definitions, occurrences
from silkgraph.extract.entities.discover import (
    Candidate,
    Token,
    find_context_places,
    find_latin_glosses,
    find_place_candidates,
    find_transliterated_names,
)
from silkgraph.extract.entities.nlp import register_extensions
from silkgraph.extract.entities.orgs import find_org_candidates
from silkgraph.extract.entities.places import division_by_short_form, short_form
from silkgraph.extract.entities.registry import EntityRegistry, family_of, new_entity
from silkgraph.extract.records import Entity

if TYPE_CHECKING:
    from silkgraph.extract.entities.gazetteer import Gazetteer

ENTITIES = "sg_entities"
DATES = "sg_dates"
BLOCKED = "sg_blocked"
CONTEXT_IDS = "sg_context_ids"
REFERENCE_DATE = "sg_reference_date"

_ASSIGNS = ["doc.spans", "span._.sg_method", "span._.sg_confidence"]
# 在京召开 / 于京举行: the slot between these binds an ambiguous place short form
_VENUE_BEFORE = frozenset("在于赴")
_VENUE_AFTER = re.compile(r"(?:召开|举行|举办|开幕|闭幕|启动|落幕)")
# Characters after which a bound short form starts a word of its own (由联盟…, 与联盟…).
_FUNCTION_BEFORE = frozenset("由在与和及同向对从经为是被将把让请于至并或、的了等及其该本各后前")
_TITLE = re.compile(r"《[^《》\n]{1,80}》")

register_extensions()


# --- shared span helpers -------------------------------------------------------------------------


def blocked(doc: Doc, start: int, end: int) -> bool:
    """Whether ``[start, end)`` touches a layout region where no mention is made."""
    return any(s < end and start < e for s, e in doc.user_data.get(BLOCKED, ()))


def titled(text: str) -> list[tuple[int, int]]:
    """The insides of ``《…》`` titles: a name there belongs to the title (``《巴黎协定》``,
    ``《联合国气候变化框架公约》``, a journal ``《当代金融家》``), not a mention of the entity.
    Only closed titles on one line count, so a stray ``《`` cannot silence the rest of an article.
    """
    return [(m.start() + 1, m.end() - 1) for m in _TITLE.finditer(text)]


def in_title(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the ``titled`` ranges."""
    return any(s <= start and end <= e for s, e in ranges)


class Found(NamedTuple):
    """An entity mention by characters, before it becomes a Span."""

    start: int
    end: int
    label: str
    entity_id: str
    method: str
    confidence: float

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def entities(doc: Doc) -> list[Found]:
    """The entity mentions found so far, by characters."""
    if ENTITIES not in doc.spans:
        return []
    return [Found(s.start_char, s.end_char, s.label_, s.kb_id_, s._.sg_method or "",
                  float(s._.sg_confidence)) for s in doc.spans[ENTITIES]]


def split_tokens(doc: Doc, cuts: Iterable[int]) -> None:
    """Split tokens so that every offset in ``cuts`` is a token edge.

    jieba sometimes glues a name to its neighbour (``普拉金在``); widening the span to token
    edges would put the neighbour into the mention, so the token is split instead. Span groups
    hold token indices, so callers re-create their spans afterwards (see :func:`set_entities`).
    """
    cuts = set(cuts)
    work = []
    for token in doc:
        inner = sorted(c - token.idx for c in cuts if token.idx < c < token.idx + len(token))
        if inner:
            work.append((token, inner))
    if not work:
        return
    kept = {key: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[key]]
            for key in list(doc.spans)}
    with doc.retokenize() as retokenizer:
        for token, inner in work:
            bounds = [0, *inner, len(token)]
            orths = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, i) for i in range(len(orths))])
    for key, spans in kept.items():
        doc.spans[key] = [doc.char_span(a, b, label=label, kb_id=kb)
                          for a, b, label, kb in spans or ()]


def set_entities(doc: Doc, found: Iterable[Found]) -> None:
    """Store mentions as ``doc.spans["sg_entities"]``: exact character spans, sorted; where two
    overlap, the earlier-listed one wins; none inside a blocked layout region or a ``《》`` title.
    """
    kept: list[Found] = []
    titles = titled(doc.text)
    for item in found:
        if item.start >= item.end or blocked(doc, item.start, item.end):
            continue
        if in_title(titles, item.start, item.end):
            continue
        if any(k.overlaps(item.start, item.end) for k in kept):
            continue
        kept.append(item)
    kept.sort(key=lambda f: (f.start, f.end))
    split_tokens(doc, [edge for f in kept for edge in (f.start, f.end)])
    spans: list[Span] = []
    for item in kept:
        span = doc.char_span(item.start, item.end, label=item.label, kb_id=item.entity_id)
        if span is None:  # only whitespace differs from the token edges; keep the tokens'
            span = doc.char_span(item.start, item.end, label=item.label, kb_id=item.entity_id,
                                 alignment_mode="contract")
        if span is None:
            continue
        span._.sg_method = item.method
        span._.sg_confidence = item.confidence
        spans.append(span)
    doc.spans[ENTITIES] = spans


def registry_of(doc: Doc) -> EntityRegistry:
    """The document's registry; a Doc made outside the pipeline gets a fresh one."""
    if doc._.sg_registry is None:
        doc._.sg_registry = EntityRegistry()
    return doc._.sg_registry


def _require(value: Any, name: str) -> Any:
    if value is None:
        raise ValueError(f"{name} is not initialised: call nlp.get_pipe({name!r}).initialize(...)")
    return value


# --- known entities ------------------------------------------------------------------------------


def _straddled_starts(doc: Doc) -> dict[int, int]:
    """Offsets inside a long token (two or more characters on each side) -> the token's end.

    The tokenizer holds every gazetteer name in its dictionary, so it cuts the text at a listed
    name's start unless a longer word of its own runs across it: ``阿拉伯国家联盟|秘书处`` is why
    ``联盟秘书处`` (the coalition's secretariat) is not named there. A word that ends with the
    name (``纽约联合国总部``) is a place before the name, and does not count.
    """
    return {token.idx + k: token.idx + len(token) for token in doc if len(token) >= 4
            for k in range(2, len(token) - 1)}


def _mid_word_starts(doc: Doc) -> dict[int, int]:
    """Offsets strictly inside a token of two or more Han characters -> the token's end.

    The tokenizer holds every gazetteer name, so a listed place that jieba still puts inside a
    longer word (``普拉萨德``, ``以南|非洲``) is part of that word, not a mention; one that ends
    the word (``纽约联合国总部``) is a name after a place, and counts.
    """
    return {token.idx + k: token.idx + len(token) for token in doc if len(token) >= 2
            and all("\u4e00" <= ch <= "\u9fff" for ch in token.text)
            for k in range(1, len(token))}


class GazetteerMatcher:
    """Known entities, matched on characters (so jieba's segmentation cannot hide them).

    An ambiguous short form (``联盟``, ``中心``, ``京``) is taken only where the context binds it:
    its entity was named in full earlier in this article or issue
    (``doc.user_data["sg_context_ids"]``), or it fills the place slot of ``在京召开``.
    """

    def __init__(self, name: str, *, confidence: float, bound_confidence: float) -> None:
        self.name = name
        self.confidence = confidence
        self.bound_confidence = bound_confidence
        self.gazetteer: Gazetteer | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        if gazetteer is None:
            from silkgraph.extract.entities.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = _require(self.gazetteer, self.name)
        bound = set(doc.user_data.get(CONTEXT_IDS, ()))
        groups: dict[tuple[int, int], list[Any]] = defaultdict(list)
        straddled = _straddled_starts(doc)
        mid_word = _mid_word_starts(doc)
        for match in gazetteer.match(doc.text):
            cut = straddled.get(match.start)
            if blocked(doc, match.start, match.end) or (cut and cut < match.end):
                continue
            inside_word = mid_word.get(match.start, match.end) != match.end
            if inside_word and not match.ambiguous and family_of(
                gazetteer.get(match.entity_id).entity
            ) == "Place":
                continue  # 圣卢西亚 holds 西亚, 普拉萨德 holds 拉萨: a place starts no word there
            groups[match.start, match.end].append(match)
        found: list[Found] = []
        for (start, end), matches in sorted(groups.items()):
            plain = sorted(m.entity_id for m in matches if not m.ambiguous)
            if plain:
                entity_id, confidence = plain[0], self.confidence
                bound.update(plain)
            else:
                options = sorted(m.entity_id for m in matches if m.entity_id in bound)
                if options and not self._word_edge(doc.text, start):
                    continue  # 阿拉伯国家联盟秘书处: the short form ends a longer name
                if not options and self._venue_slot(doc.text, start, end):
                    options = sorted(m.entity_id for m in matches
                                     if family_of(gazetteer.get(m.entity_id).entity) == "Place")
                if not options:
                    continue
                entity_id, confidence = options[0], self.bound_confidence
            family = family_of(gazetteer.get(entity_id).entity)
            found.append(Found(start, end, family, entity_id, "gazetteer", confidence))
        set_entities(doc, found)
        return doc

    @staticmethod
    def _word_edge(text: str, start: int) -> bool:
        """Whether a short form starts a word: after punctuation, a non-Han character or a
        function word (由联盟秘书处, ，联盟秘书处), not inside a name (阿拉伯国家联盟秘书处).
        """
        if start == 0:
            return True
        before = text[start - 1]
        return not ("\u4e00" <= before <= "\u9fff") or before in _FUNCTION_BEFORE

    @staticmethod
    def _venue_slot(text: str, start: int, end: int) -> bool:
        return (
            start > 0
            and text[start - 1] in _VENUE_BEFORE
            and _VENUE_AFTER.match(text, end) is not None
        )


@Language.factory(
    "silkgraph_gazetteer",
    default_config={"confidence": 1.0, "bound_confidence": 0.8},
    assigns=_ASSIGNS,
)
def make_gazetteer_matcher(
    nlp: Language, name: str, confidence: float, bound_confidence: float
) -> GazetteerMatcher:
    return GazetteerMatcher(name, confidence=confidence, bound_confidence=bound_confidence)


# --- new entities --------------------------------------------------------------------------------


class Discoverer:
    """Entities the gazetteer lacks: places confirmed by place data, transliterated names,
    organisations by suffix, and Latin glosses; new ones are added to ``doc._.sg_registry``.
    Known spans keep priority, except that an organisation found by suffix takes in a known
    name that is its prefix (``生态环境部对外合作与交流中心``; the known one becomes its parent).
    """

    def __init__(self, name: str, *, places: bool, people: bool, organisations: bool) -> None:
        self.name = name
        self.places = places
        self.people = people
        self.organisations = organisations
        self.tagger: Any = None
        self.lookup: Callable[[str], Entity | None] | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lookup: Callable[[str], Entity | None] | None = None,
        **_: Any,
    ) -> None:
        import jieba.posseg

        seg = getattr(getattr(nlp, "tokenizer", None), "jieba_seg", None)
        if seg is None or seg.__class__.__name__ != "Tokenizer":
            raise ValueError(
                f"{self.name} needs a pipeline built by silkgraph.extract.entities.nlp"
            )
        self.tagger = jieba.posseg.POSTokenizer(seg)
        if lookup is None:
            from silkgraph.extract.entities.places import lookup_place

            lookup = lookup_place
        self.lookup = lookup

    def tokens(self, text: str) -> list[Token]:
        """jieba tokens with POS flags, over the pipeline's own dictionary."""
        tagger = _require(self.tagger, self.name)
        out: list[Token] = []
        at = 0
        for pair in tagger.cut(text):
            out.append(Token(pair.word, pair.flag, at, at + len(pair.word)))
            at += len(pair.word)
        return out

    def __call__(self, doc: Doc) -> Doc:
        lookup = _require(self.lookup, self.name)
        registry = registry_of(doc)
        text = doc.text
        tokens = self.tokens(text)
        known = entities(doc)
        found: list[Found] = []

        def free(c: Candidate) -> bool:
            return not any(f.overlaps(c.start, c.end) for f in (*known, *found))

        def add(c: Candidate, entity_id: str) -> None:
            found.append(Found(c.start, c.end, c.family, entity_id, c.method, c.confidence))

        people = find_transliterated_names(text) if self.people else []
        parts = _name_parts(people)
        known = [f for f in known if f.label != "Place" or not _inside_part(parts, f.start, f.end)]
        if self.places:
            for candidate in find_place_candidates(tokens, lookup):
                if _inside_part(parts, candidate.start, candidate.end):
                    continue  # 普拉萨德 holds 拉萨: a part of a person's name, not the city
                head = next((f for f in known if f.label == "Place" and f.start == candidate.start
                             and f.end < candidate.end), None)
                if head is not None and candidate.entity is not None and text[
                    head.end:candidate.end
                ] in (candidate.entity.label_zh, *candidate.entity.alt_labels):
                    # 厦门市|翔安区: the known city qualified the district, which follows it
                    candidate = replace(candidate, start=head.end)
                if candidate.kind == "NaturalFeature":  # 苏伊士运河 takes in the city 苏伊士
                    inside = [f for f in known if f.label == "Place"
                              and candidate.start <= f.start and f.end <= candidate.end]
                    rest = [f for f in known if f not in inside]
                    if not any(f.overlaps(candidate.start, candidate.end) for f in rest):
                        known = rest
                if free(candidate) and candidate.entity is not None:
                    add(candidate, registry.add(candidate.entity).id)
        for candidate in people:
            if free(candidate):
                add(candidate, self._register(registry, candidate))
        if self.places:
            for candidate in _short_forms_of_mentioned(text, tokens, (*known, *found), lookup):
                if free(candidate) and candidate.entity is not None:
                    add(candidate, registry.add(candidate.entity).id)
            so_far = [(f.start, f.end, f.label, f.entity_id) for f in (*known, *found)]
            for candidate in find_context_places(text, tokens, so_far):
                if free(candidate) and candidate.entity is not None:
                    division = division_by_short_form(candidate.name)  # 赴安吉考察 -> 安吉县
                    add(candidate, registry.add(division or candidate.entity).id)
        if self.organisations:
            so_far = [(f.start, f.end, f.label, f.entity_id) for f in (*known, *found)]
            for candidate in find_org_candidates(text, tokens, so_far):
                inside = [f for f in (*known, *found)
                          if candidate.start <= f.start and f.end <= candidate.end]
                if any(f.overlaps(candidate.start, candidate.end) and f not in inside
                       for f in (*known, *found)):
                    continue  # would cut through a name found before
                known = [f for f in known if f not in inside]
                found = [f for f in found if f not in inside]
                add(candidate, self._register(registry, candidate))
        mentions = known + found
        mentions += self._latin(text, registry, mentions)
        set_entities(doc, mentions)
        return doc

    @staticmethod
    def _register(registry: EntityRegistry, candidate: Candidate) -> str:
        from silkgraph.extract.entities.places import country_of

        country_id = candidate.country_id  # the place that starts the name: 温州市… -> China
        if country_id is not None:  # 湄公河…, 中亚…: a river or a region is no country
            country_id = country_of(country_id)
        entity = new_entity(
            candidate.family, candidate.kind, candidate.name, label_en=candidate.label_en,
            confidence=candidate.confidence, parent_id=candidate.parent_id,
            country_id=country_id,
        )
        return registry.add(entity).id

    def _latin(self, text: str, registry: EntityRegistry, mentions: list[Found]) -> list[Found]:
        """English labels from ``名称（Latin Name）``; new people named that way."""
        tuples = [(f.start, f.end, f.label, f.entity_id) for f in mentions]
        added: list[Found] = []
        for candidate in find_latin_glosses(text, tuples):
            if candidate.target_id is not None:
                entity = registry.get(candidate.target_id)
                if entity is not None and not entity.known and candidate.label_en:
                    registry.add(replace(entity, label_en=candidate.label_en))
                continue
            if any(f.overlaps(candidate.start, candidate.end) for f in mentions):
                continue
            entity_id = self._register(registry, candidate)
            added.append(Found(candidate.start, candidate.end, candidate.family, entity_id,
                               candidate.method, candidate.confidence))
        return added


def _name_parts(people: Iterable[Candidate]) -> list[tuple[int, int]]:
    """The ``·``-separated parts of transliterated names, by characters."""
    parts: list[tuple[int, int]] = []
    for person in people:
        at = person.start
        for part in person.name.split("·"):
            parts.append((at, at + len(part)))
            at += len(part) + 1
    return parts


def _inside_part(parts: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a name part and is not all of it (拉萨 in 普拉萨德;
    撒马尔罕 in 乌兹别克斯坦·撒马尔罕 is a whole part, an address)."""
    return any(a <= start and end <= b and (a, b) != (start, end) for a, b in parts)


# What may follow a division's short form standing alone (安吉的竹林, 在安吉召开, 安吉、德清).
_SHORT_FORM_END = re.compile(r"(?:[，。、；：,;:（(“”\s]|的|等|和|与|及|召开|举行|举办|$)")


def _short_forms_of_mentioned(
    text: str, tokens: Sequence[Token], mentions: Iterable[Found],
    lookup: Callable[[str], Entity | None],
) -> list[Candidate]:
    """The short form of a Chinese county or city the article names in full (安吉县 … 安吉):
    the same place, one id. Only where jieba reads the short form as a proper noun of its own,
    so a county named like an ordinary word (合作市) does not turn 合作 into a place.
    """
    proper = {(t.start, t.end) for t in tokens if t.flag.startswith(("ns", "nr", "nz", "nt"))}
    found: list[Candidate] = []
    seen: set[str] = set()
    for mention in mentions:
        if mention.label != "Place" or mention.entity_id in seen:
            continue
        seen.add(mention.entity_id)
        entity = lookup(text[mention.start:mention.end])
        short = short_form(entity) if entity is not None else None
        if entity is None or short is None or entity.kind == "Province":
            continue
        for match in re.finditer(re.escape(short), text):
            if (match.start(), match.end()) in proper and _SHORT_FORM_END.match(text, match.end()):
                found.append(Candidate(match.start(), match.end(), "Place", entity.kind, short,
                                       "place-data", entity.confidence, entity=entity))
    return sorted(found, key=lambda c: c.start)


@Language.factory(
    "silkgraph_discovery",
    default_config={"places": True, "people": True, "organisations": True},
    assigns=[*_ASSIGNS, "doc._.sg_registry"],
)
def make_discoverer(
    nlp: Language, name: str, places: bool, people: bool, organisations: bool
) -> Discoverer:
    return Discoverer(name, places=places, people=people, organisations=organisations)


# --- abbreviations -------------------------------------------------------------------------------


class AbbreviationBinder:
    """Short forms defined inline (``X（以下简称“Y”）``, ``X（UNEP）``) name X's entity from the
    definition to the end of the article; a new X also gets Y as an alternative label.
    """

    def __init__(self, name: str, *, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, **_: Any) -> None:
        """Nothing to load; present so every silkgraph component initialises the same way."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = entities(doc)
        registry = registry_of(doc)
        for definition in find_definitions(doc.text):
            target = next((f for f in mentions if f.end == definition.anchor), None)
            if target is None or (definition.acronym and target.label != "Organisation"):
                continue
            entity = registry.get(target.entity_id)
            if entity is not None and not entity.known:
                registry.add(replace(entity, alt_labels=(*entity.alt_labels, definition.short)))
            for start, end in occurrences(doc.text, definition.short, definition.start):
                overlapping = [f for f in mentions if f.overlaps(start, end)]
                if any(f.start < start or f.end > end or f.entity_id == target.entity_id
                       for f in overlapping):
                    continue  # inside a longer name, or already this entity
                for inner in overlapping:  # 温州 inside 温州环协: the definition decides
                    mentions.remove(inner)
                mentions.append(Found(start, end, target.label, target.entity_id,
                                      "abbreviation", self.confidence))
        set_entities(doc, sorted(mentions))
        return doc


@Language.factory(
    "silkgraph_abbreviations", default_config={"confidence": 0.9}, assigns=_ASSIGNS
)
def make_abbreviation_binder(nlp: Language, name: str, confidence: float) -> AbbreviationBinder:
    return AbbreviationBinder(name, confidence=confidence)


# --- dates ---------------------------------------------------------------------------------------


class DateFinder:
    """Calendar dates, resolved against ``doc.user_data["sg_reference_date"]``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.find: Callable[..., Any] | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, **_: Any) -> None:
        from silkgraph.extract.text.dates import find_dates

        self.find = find_dates

    def __call__(self, doc: Doc) -> Doc:
        find = _require(self.find, self.name)
        mentions = tuple(
            d for d in find(doc.text, reference=doc.user_data.get(REFERENCE_DATE))
            if not blocked(doc, d.start, d.end)
        )
        split_tokens(doc, [edge for d in mentions for edge in (d.start, d.end)])
        spans = [doc.char_span(d.start, d.end, label="Date", alignment_mode="expand")
                 for d in mentions]
        doc.spans[DATES] = [s for s in spans if s is not None]
        doc.user_data[DATES] = mentions
        return doc


@Language.factory("silkgraph_dates", assigns=["doc.spans", "doc.user_data"])
def make_date_finder(nlp: Language, name: str) -> DateFinder:
    return DateFinder(name)
