"""One source file in, one :class:`~silkgraph.extract.records.Extraction` out.

The stages run in a fixed order: normalise (keeping the offset map), find layout regions,
segment into issues and articles, run the spaCy pipeline once per article (``nlp.pipe``), read
relations, then turn spans into :class:`~silkgraph.extract.records.Mention` records with
document offsets and original offsets. Everything is sorted by offset or id before it is frozen,
so the same input always gives an identical Extraction.

Entities found by rule live in an :class:`~silkgraph.extract.entities.registry.EntityRegistry`; one
registry per build (:func:`extract_documents`) makes a name resolve to the same id in every file.

>>> from silkgraph.extract.text.sources import read_source  # doctest: +SKIP
>>> source = read_source(Path("seeds/000_ebff42e7a4c8d0a7.txt"))  # doctest: +SKIP
>>> extraction = extract_document(source)  # doctest: +SKIP
>>> extraction.mentions[0].entity_id  # doctest: +SKIP
'org/brigc'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from silkgraph.extract.entities.components import (
    BLOCKED,
    CONTEXT_IDS,
    DATES,
    ENTITIES,
    REFERENCE_DATE,
)
from silkgraph.extract.entities.nlp import build_nlp
from silkgraph.extract.entities.registry import EntityRegistry
from silkgraph.extract.records import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    Issue,
    Membership,
    Mention,
    Publication,
    Quote,
    Region,
    SourceDocument,
)
from silkgraph.extract.text.layout import find_layout_regions
from silkgraph.extract.text.normalise import NormalisedText, normalise
from silkgraph.extract.text.segment import segment

if TYPE_CHECKING:
    from silkgraph.extract.entities.gazetteer import Gazetteer

__all__ = ["BLOCKED_KINDS", "Pipeline", "extract_document", "extract_documents"]

log = logging.getLogger(__name__)

#: Layout regions where no mention is made: they repeat or list what the prose says.
BLOCKED_KINDS = frozenset({"toc", "running_header", "contact", "page_furniture", "section_header"})
_ENTITY_LABELS = frozenset({"Person", "Organisation", "Place"})


class Pipeline:
    """The gazetteer and the spaCy pipeline, built once and reused for every file."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, nlp: Language | None = None,
        batch_size: int = 16,
    ) -> None:
        if gazetteer is None:
            from silkgraph.extract.entities.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        self.gazetteer = gazetteer
        self.nlp = nlp if nlp is not None else build_nlp(gazetteer)
        self.batch_size = batch_size

    def extract(
        self, source: SourceDocument, *, registry: EntityRegistry | None = None
    ) -> Extraction:
        """Everything extracted from one source file.

        ``registry`` is shared when several files are extracted together; by default the file
        gets its own.
        """
        registry = registry if registry is not None else EntityRegistry()
        normalised = normalise(source.text)
        text = normalised.text
        regions = find_layout_regions(text)
        issues, articles = segment(source.key, text, regions)
        issue_of = {issue.key: issue for issue in issues}
        docs = [
            self._make_doc(text, article, issue_of.get(article.issue_key), regions, registry)
            for article in articles
        ]
        mentions: list[Mention] = []
        dates: list[DateMention] = []
        memberships: list[Membership] = []
        events: list[Event] = []
        publications: list[Publication] = []
        quotes: list[Quote] = []
        for article, doc in zip(articles, self.nlp.pipe(docs, batch_size=self.batch_size),
                                strict=True):
            mentions += _mentions(doc, article, normalised)
            dates += [replace(d, start=d.start + article.start, end=d.end + article.start)
                      for d in doc.user_data.get(DATES, ())]
            records = _relations(doc, article, issue_of.get(article.issue_key), self.gazetteer,
                                 normalised)
            if records is not None:
                memberships += records.memberships
                events += records.events
                publications += records.publications
                quotes += records.quotes
                mentions += _new_mentions(records.new_spans, doc, article, normalised)
        mentions = _unique(mentions)
        entities = self._entities(mentions, memberships, events, publications, quotes, registry)
        return Extraction(
            source=source,
            normalised_text=text,
            issues=tuple(sorted(issues, key=lambda i: (i.start, i.key))),
            articles=tuple(sorted(articles, key=lambda a: (a.start, a.key))),
            regions=tuple(sorted(regions, key=lambda r: (r.start, r.end, r.kind))),
            entities=entities,
            mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.id))),
            memberships=tuple(sorted(set(memberships), key=lambda m: m.id)),
            events=tuple(sorted(set(events), key=lambda e: e.id)),
            publications=tuple(sorted(set(publications), key=lambda p: p.id)),
            quotes=tuple(sorted(set(quotes), key=lambda q: (q.start, q.id))),
            dates=tuple(sorted(set(dates), key=lambda d: (d.start, d.end))),
            original_offsets=normalised.offsets,
        )

    def _make_doc(
        self,
        text: str,
        article: Article,
        issue: Issue | None,
        regions: Sequence[Region],
        registry: EntityRegistry,
    ) -> Doc:
        """The article's Doc, carrying what the components read: layout ranges to skip, the
        entities the issue named in full before this article, the reference date, the registry.
        """
        doc = self.nlp.make_doc(text[article.start:article.end])
        doc._.sg_registry = registry
        doc.user_data[BLOCKED] = tuple(
            (max(r.start, article.start) - article.start, min(r.end, article.end) - article.start)
            for r in regions
            if r.kind in BLOCKED_KINDS and r.start < article.end and article.start < r.end
        )
        doc.user_data[CONTEXT_IDS] = frozenset(
            self._named_before(text, issue, article.start, regions) if issue else ()
        )
        doc.user_data[REFERENCE_DATE] = article.date or (issue.date if issue else None)
        return doc

    def _named_before(
        self, text: str, issue: Issue, at: int, regions: Sequence[Region]
    ) -> set[str]:
        """Entities named unambiguously in prose between the issue's start and ``at``."""
        skipped = [(r.start, r.end) for r in regions if r.kind in BLOCKED_KINDS]
        found: set[str] = set()
        for match in self.gazetteer.match(text[issue.start:at]):
            start, end = match.start + issue.start, match.end + issue.start
            if not match.ambiguous and not any(s < end and start < e for s, e in skipped):
                found.add(match.entity_id)
        return found

    def _entities(
        self,
        mentions: Iterable[Mention],
        memberships: Iterable[Membership],
        events: Iterable[Event],
        publications: Iterable[Publication],
        quotes: Iterable[Quote],
        registry: EntityRegistry,
    ) -> tuple[Entity, ...]:
        """Every entity the records refer to, with the parents and countries they point to."""
        wanted = {m.entity_id for m in mentions if _is_entity_id(m.entity_id)}
        for membership in memberships:
            wanted.add(membership.person_id)
            if membership.organisation_id:
                wanted.add(membership.organisation_id)
        for event in events:
            wanted.update(event.place_ids, event.organiser_ids, event.participant_ids,
                          event.partnership_ids)
        for publication in publications:
            wanted.update(publication.publisher_ids)
        wanted.update(quote.speaker_id for quote in quotes)
        resolved: dict[str, Entity] = {}
        pending = sorted(wanted)
        while pending:
            entity_id = pending.pop()
            if entity_id in resolved:
                continue
            entity = self._resolve(entity_id, registry)
            if entity is None:
                log.warning("no entity record for %s", entity_id)
                continue
            resolved[entity_id] = entity
            pending += [i for i in (entity.parent_id, entity.country_id)
                        if i and i not in resolved]
        return tuple(resolved[k] for k in sorted(resolved))

    def _resolve(self, entity_id: str, registry: EntityRegistry) -> Entity | None:
        entity = registry.get(entity_id)
        if entity is not None:
            return entity
        entry = self.gazetteer.get(entity_id)
        if entry is not None:
            return entry.entity
        if entity_id.startswith("place/"):
            return _place_by_id(entity_id)
        return None


def _place_by_id(entity_id: str) -> Entity | None:
    """A country or Chinese division by id (parents and countries are referenced by id only)."""
    from silkgraph.extract import places

    public = getattr(places, "place_by_id", None)
    if public is not None:
        return public(entity_id)
    return places._index().by_id.get(entity_id)  # until places exports a lookup by id


def _is_entity_id(entity_id: str) -> bool:
    return entity_id.split("/", 1)[0] in {"person", "org", "place", "partnership"}


def _mention(
    article: Article, start: int, end: int, text: str, entity_id: str, method: str,
    confidence: float, normalised: NormalisedText,
) -> Mention:
    start, end = start + article.start, end + article.start
    orig_start, orig_end = normalised.original_span(start, end)
    return Mention(
        id=f"{article.key}-m{start}-{end}",
        article_key=article.key,
        start=start,
        end=end,
        orig_start=orig_start,
        orig_end=orig_end,
        text=text,
        entity_id=entity_id,
        method=method,
        confidence=round(confidence, 4),
    )


def _mentions(doc: Doc, article: Article, normalised: NormalisedText) -> list[Mention]:
    return [
        _mention(article, span.start_char, span.end_char, span.text, span.kb_id_,
                 span._.sg_method or "unknown", float(span._.sg_confidence), normalised)
        for span in doc.spans.get(ENTITIES, [])
        if span.label_ in _ENTITY_LABELS and span.kb_id_
    ]


def _new_mentions(
    spans: Iterable[tuple[int, int, str, str, str, float]], doc: Doc, article: Article,
    normalised: NormalisedText,
) -> list[Mention]:
    return [
        _mention(article, start, end, doc.text[start:end], entity_id, method, confidence,
                 normalised)
        for start, end, _label, entity_id, method, confidence in spans
    ]


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per id (a span): the first recorded, i.e. entity recognition's."""
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.id, mention)
    return list(seen.values())


def _relations(
    doc: Doc, article: Article, issue: Issue | None, gazetteer: Gazetteer,
    normalised: NormalisedText,
):
    """The relation stage's records for one article (None if that stage is not installed)."""
    try:
        from silkgraph.extract.relations.reader import ArticleContext, read_relations
    except ImportError:  # pragma: no cover - the relation stage ships with silkgraph
        return None
    context = ArticleContext(
        article=article,
        reference=doc.user_data.get(REFERENCE_DATE),
        gazetteer=gazetteer,
        issue_date=issue.date if issue else None,
        to_original=normalised.original_span,
    )
    return read_relations(doc, context)


def extract_document(source: SourceDocument, *, pipeline: Pipeline | None = None) -> Extraction:
    """Extract one file; builds a :class:`Pipeline` unless one is given (building is slow)."""
    return (pipeline or Pipeline()).extract(source)


def extract_documents(
    sources: Iterable[SourceDocument], *, pipeline: Pipeline | None = None
) -> tuple[Extraction, ...]:
    """Extract several files with one pipeline and one registry, so that a name the gazetteer
    lacks gets the same id in every file.
    """
    pipeline = pipeline or Pipeline()
    registry = EntityRegistry()
    return tuple(pipeline.extract(source, registry=registry) for source in sources)
