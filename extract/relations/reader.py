"""Relations of one article: positions, quotes, events and publications, from its spaCy Doc.

This is the entry point the pipeline calls once per article, after entity recognition. The Doc
contract is described in :mod:`silkgraph.extract.entities.nlp`; everything here uses
article-relative offsets and turns them into document offsets (``article.start + offset``)
only when minting ids.

The rules run in a fixed order because later ones read what earlier ones find: title chains
discover persons (``赫尔格森`` after ``…挪威特使``), quotes need those persons as speakers, and
events take persons as participants.

``RelationRecords.new_spans`` lists the mentions this stage creates, so that the pipeline records
them as :class:`~silkgraph.extract.records.Mention` and the evidence ids resolve:

* ``"Person"`` — persons discovered after a title (method ``rule:title-chain``), registered in
  ``doc._.sg_registry``;
* ``"Place"`` — one-character place abbreviations bound by an event (``在京召开``, method
  ``rule:place-abbreviation``), entity from the place data;
* ``"Event"`` and ``"Publication"`` — the name of an event / title of a publication, whose
  ``entity_id`` is the event or publication id (methods ``rule:event``, ``rule:publication``).
  These are the evidence of the Event and Publication records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from silkgraph.extract.records import (
    Article,
    DateMention,
    DateValue,
    Event,
    Membership,
    Publication,
    Quote,
)
from silkgraph.extract.relations.article import ArticleView, EntitySpan
from silkgraph.extract.relations.events import find_events
from silkgraph.extract.relations.publications import find_publications
from silkgraph.extract.relations.quotes import find_quotes
from silkgraph.extract.relations.titles import find_positions, memberships

if TYPE_CHECKING:
    from silkgraph.extract.entities.gazetteer import Gazetteer
    from silkgraph.extract.entities.registry import EntityRegistry

__all__ = ["ArticleContext", "NewSpan", "RelationRecords", "read_relations", "stated_year"]

#: (start, end, label, entity_id, method, confidence), article-relative.
NewSpan = tuple[int, int, str, str, str, float]

_SPAN_LABELS = ("Person", "Organisation", "Place")


@dataclass(frozen=True)
class ArticleContext:
    """What the relation rules need besides the Doc.

    ``to_original`` optionally maps a document span to the original text; when given, quotes
    carry ``orig_start``/``orig_end``, otherwise those stay ``-1`` for the pipeline to fill.
    """

    article: Article
    reference: DateValue | None
    gazetteer: Gazetteer | None
    issue_date: DateValue | None
    to_original: Callable[[int, int], tuple[int, int]] | None = None


@dataclass(frozen=True)
class RelationRecords:
    """Everything the relation stage found in one article."""

    memberships: tuple[Membership, ...]
    events: tuple[Event, ...]
    publications: tuple[Publication, ...]
    quotes: tuple[Quote, ...]
    new_spans: tuple[NewSpan, ...]


def view_of(doc: Doc, article: Article) -> ArticleView:
    """The plain view of a Doc the rules work on (spans, dates, blocked layout regions)."""
    spans = [
        EntitySpan(s.start_char, s.end_char, s.label_, s.kb_id_, s.text)
        for s in doc.spans.get("sg_entities", [])
        if s.label_ in _SPAN_LABELS and s.kb_id_
    ]
    dates: tuple[DateMention, ...] = tuple(doc.user_data.get("sg_dates", ()))
    blocked = tuple(tuple(r) for r in doc.user_data.get("sg_blocked", ()))
    return ArticleView(doc.text, article, dates, spans, blocked)


def stated_year(text: str) -> DateValue | None:
    """The year an undated article states most often (the latest on a tie), as a reference.

    An issue whose articles open without a full date gets no reference date, and then every
    year-less date ("7月1-3日", "当地时间11月8日", "去年9月") would be lost; a progress report
    that says "2023年以来" is dated by that year.

    >>> stated_year("2023年以来，专题开展了交流。7月1日召开会议。2022年12月发布报告。2023年底")
    DateValue(year=2023, month=None, day=None)
    """
    from collections import Counter

    from silkgraph.extract.text.dates import find_dates

    years = Counter(m.begin.year for m in find_dates(text, reference=None))
    if not years:
        return None
    return DateValue(max(years, key=lambda y: (years[y], y)))


def _registry(doc: Doc) -> EntityRegistry | None:
    return doc._.sg_registry if Doc.has_extension("sg_registry") else None


def read_relations(doc: Doc, context: ArticleContext) -> RelationRecords:
    """Positions, quotes, events and publications of one article.

    >>> import spacy
    >>> from silkgraph.extract.records import Article
    >>> doc = spacy.blank("zh")("生态环境部副部长赵英民主持会议。")
    >>> doc.spans["sg_entities"] = [doc.char_span(0, 5, "Organisation", kb_id="org/mee")]
    >>> article = Article("s-i1-a1", "s-i1", 1, None, "", 0, len(doc.text), 0, len(doc.text))
    >>> records = read_relations(doc, ArticleContext(article, None, None, None))
    >>> [(m.person_id, m.organisation_id, m.role) for m in records.memberships]
    [('person/n-zhao-ying-min', 'org/mee', '副部长')]
    """
    article = context.article
    view = view_of(doc, article)
    issue_date = context.issue_date
    if context.reference is None and (fallback := stated_year(doc.text)) is not None:
        from silkgraph.extract.text.dates import find_dates

        view.dates = tuple(sorted(find_dates(doc.text, reference=fallback), key=lambda d: d.start))
        issue_date = issue_date or fallback
    known = set(view.spans)
    positions, discovered = find_positions(view, _registry(doc))
    quotes = find_quotes(view, positions)
    events, event_spans = find_events(view, issue_date)
    publications, publication_spans = find_publications(view)
    if context.to_original is not None:
        quotes = [_with_original(q, context.to_original) for q in quotes]
    new: list[NewSpan] = [(s.start, s.end, "Person", s.entity_id, "rule:title-chain", 0.7)
                          for s in discovered]
    new += [
        (s.start, s.end, s.label, s.entity_id, "rule:place-abbreviation", 0.8)
        for s in view.spans
        if s not in known and s.label == "Place"
    ]
    new += [(a, b, "Event", eid, "rule:event", 0.8) for a, b, eid in event_spans]
    new += [(a, b, "Publication", pid, "rule:publication", 0.8) for a, b, pid in publication_spans]
    return RelationRecords(
        memberships=tuple(memberships(view, positions)),
        events=tuple(events),
        publications=tuple(publications),
        quotes=tuple(quotes),
        new_spans=tuple(sorted(set(new))),
    )


def _with_original(quote: Quote, to_original: Callable[[int, int], tuple[int, int]]) -> Quote:
    orig_start, orig_end = to_original(quote.start, quote.end)
    return Quote(
        id=quote.id,
        article_key=quote.article_key,
        speaker_id=quote.speaker_id,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        orig_start=orig_start,
        orig_end=orig_end,
        confidence=quote.confidence,
    )
