"""Records -> RDF quads, following the data contract in the README ("Data model").

The mapping is a pure function of the gazetteer and the extractions: no store, no I/O, no
randomness, no blank nodes — so two builds of the same input give the same quads. Facts that
several articles report (an entity, an event, a position) are merged here by id and described
once, in the ``entities`` graph; what belongs to one article (its text, mentions, quotes, and the
``prov:wasDerivedFrom`` links to those mentions) goes in that article's own graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from silkgraph.extract.entities.gazetteer import Gazetteer
from silkgraph.extract.records import (
    Article,
    DateValue,
    Entity,
    EntityType,
    Event,
    Extraction,
    Issue,
    Membership,
    Mention,
    Publication,
    Quote,
    family_of,
)
from silkgraph.graph.geo import GeoPoint, locate
from silkgraph.graph.iris import (
    article_iri,
    issue_iri,
    mention_iri,
    mint,
    quote_iri,
    source_iri,
)
from silkgraph.graph.merge import (
    merge_entities,
    merge_events,
    merge_memberships,
    merge_publications,
)
from silkgraph.graph.values import DATE_TYPES
from silkgraph.graph.vocab import (
    GRAPH_CORPUS,
    GRAPH_ENTITIES,
    GRAPH_GAZETTEER,
    GRAPH_ONTOLOGY,
    NIF,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    SKOS,
    XSD,
)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def confidence(value: float) -> Literal:
    """A confidence as xsd:double, two places, in the lexical form Oxigraph stores ("0.9", "1").

    A double, not a decimal, so JSON-LD carries it as a JSON number that reads back as the same
    RDF term (JSON-LD has no number form for xsd:decimal). Writing the store's own canonical
    form keeps the mapped quads equal to what a dump returns.
    """
    return double(min(max(value, 0.0), 1.0), places=2)


def count(value: int) -> Literal:
    """Offsets and positions as xsd:integer: Oxigraph stores every integer subtype as that."""
    return Literal(str(value), datatype=XSD.integer)


def double(value: float, places: int = 5) -> Literal:
    """An xsd:double rounded to ``places``, in the form Oxigraph stores ("38", "-0.12574")."""
    text = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".")
    return Literal(text if text not in {"", "-0"} else "0", datatype=XSD.double)


def date_literal(value: DateValue) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the precision the text gave."""
    return Literal(value.iso(), datatype=DATE_TYPES[value.precision])


@dataclass
class MappingStats:
    """What the mapping produced and what it had to leave out (reported by `silkgraph build`)."""

    entities: Counter[str] = field(default_factory=Counter)  # described, by family
    mentioned: Counter[str] = field(default_factory=Counter)  # mentioned at least once, by family
    events: int = 0
    memberships: int = 0
    publications: int = 0
    quotes: int = 0
    mentions: int = 0
    articles: int = 0
    issues: int = 0
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> count


class _Index:
    """Which ids exist and of which family, so no fact points at an undescribed node."""

    def __init__(
        self,
        entities: Iterable[Entity],
        events: Iterable[Event],
        publications: Iterable[Publication] = (),
    ) -> None:
        entities = list(entities)
        self.family: dict[str, EntityType | None] = {e.id: family_of(e.kind) for e in entities}
        #: place id -> the places that directly contain it (parent, country)
        self.containers: dict[str, tuple[str, ...]] = {
            e.id: tuple(p for p in (e.parent_id, e.country_id) if p and p != e.id)
            for e in entities
            if family_of(e.kind) is EntityType.PLACE
        }
        self.family.update({e.id: EntityType.EVENT for e in events})
        self.family.update({p.id: None for p in publications})  # mentionable, not an entity

    def has(self, entity_id: str | None, *families: EntityType) -> bool:
        if entity_id is None or entity_id not in self.family:
            return False
        return not families or self.family[entity_id] in families


def entity_quads(entity: Entity, graph: NamedNode) -> Iterator[Quad]:
    """Type, labels, structure and identifiers of one person, organisation or place."""
    node = mint(entity.id)
    yield Quad(node, RDF.type, SG[entity.kind], graph)
    yield Quad(node, RDFS.label, zh(entity.label_zh), graph)
    if entity.label_en:
        yield Quad(node, RDFS.label, en(entity.label_en), graph)
    for alias in entity.alt_labels:
        if alias != entity.label_zh:
            yield Quad(node, SKOS.altLabel, zh(alias), graph)
    family = family_of(entity.kind)
    if entity.parent_id:
        relation = SCHEMA.containedInPlace if family is EntityType.PLACE else ORG.subOrganizationOf
        yield Quad(node, relation, mint(entity.parent_id), graph)
    if entity.country_id and entity.country_id != entity.id:
        relation = SCHEMA.containedInPlace if family is EntityType.PLACE else SCHEMA.addressCountry
        yield Quad(node, relation, mint(entity.country_id), graph)
    for scheme, value in entity.identifiers:
        yield Quad(node, SG[scheme], Literal(value), graph)
    for convenor in entity.convenors:
        yield Quad(node, SG.convenedBy, mint(convenor), graph)
    if family is EntityType.PLACE:
        yield from geo_quads(node, locate(entity), graph)
    yield Quad(node, SG.confidence, confidence(entity.confidence), graph)
    if not entity.known:
        yield Quad(node, SG.extractionMethod, Literal("rule"), graph)


def geo_quads(node: NamedNode, point: GeoPoint | None, graph: NamedNode) -> Iterator[Quad]:
    """A place's GeoNames id (and link) and its coordinates as a ``schema:GeoCoordinates`` node.

    The coordinates node is the place's IRI with ``#geo``: never a blank node, and it resolves
    on the same ``/id/`` page as the place.
    """
    if point is None:
        return
    yield Quad(node, SG.geonames, Literal(str(point.geonames_id)), graph)
    yield Quad(node, SCHEMA.sameAs, NamedNode(point.iri), graph)
    if point.latitude is None or point.longitude is None:
        return
    geo = NamedNode(f"{node.value}#geo")
    yield Quad(node, SCHEMA.geo, geo, graph)
    yield Quad(geo, RDF.type, SCHEMA.GeoCoordinates, graph)
    yield Quad(geo, SCHEMA.latitude, double(point.latitude), graph)
    yield Quad(geo, SCHEMA.longitude, double(point.longitude), graph)


def _valid_entity(entity: Entity, index: _Index) -> Entity:
    """Drop structural links to entities nobody describes (they would dangle in the graph)."""
    parent = entity.parent_id if index.has(entity.parent_id) else None
    country = entity.country_id if index.has(entity.country_id, EntityType.PLACE) else None
    convenors = tuple(c for c in entity.convenors if index.has(c, EntityType.ORGANISATION))
    if (parent, country, convenors) == (entity.parent_id, entity.country_id, entity.convenors):
        return entity
    return replace(entity, parent_id=parent, country_id=country, convenors=convenors)


def most_specific(place_ids: Iterable[str], containers: Mapping[str, Iterable[str]]) -> list[str]:
    """The places of ``place_ids`` that contain none of the others, in sorted order.

    A text that says "在肯尼亚内罗毕举行" names 内罗毕 and 肯尼亚; the event took place in 内罗毕,
    and 肯尼亚 is reachable from it by ``schema:containedInPlace``. Stating both as the event's
    ``schema:location`` would count the event twice in any count by place.

    >>> most_specific(["place/ke", "place/nairobi"], {"place/nairobi": ["place/ke"]})
    ['place/nairobi']
    """
    chosen = set(place_ids)
    enclosing: set[str] = set()
    for place in chosen:
        pending, seen = list(containers.get(place, ())), set()
        while pending:
            outer = pending.pop()
            if outer not in seen:
                seen.add(outer)
                pending.extend(containers.get(outer, ()))
        enclosing |= seen - {place}
    return sorted(chosen - enclosing)


def event_quads(event: Event, index: _Index, stats: MappingStats) -> Iterator[Quad]:
    graph = GRAPH_ENTITIES
    node = mint(event.id)
    yield Quad(node, RDF.type, SG[event.kind], graph)
    yield Quad(node, RDFS.label, zh(event.name), graph)
    for alias in event.aliases:
        yield Quad(node, SKOS.altLabel, zh(alias), graph)
    if event.begin:
        yield Quad(node, SCHEMA.startDate, date_literal(event.begin), graph)
    if event.finish:
        yield Quad(node, SCHEMA.endDate, date_literal(event.finish), graph)
    described = [place for place in event.place_ids if index.has(place, EntityType.PLACE)]
    if len(described) < len(event.place_ids):
        stats.dropped["event place not described"] += len(event.place_ids) - len(described)
    for place in most_specific(described, index.containers):
        yield Quad(node, SCHEMA.location, mint(place), graph)
    if event.venue:
        yield Quad(node, SG.venue, zh(event.venue), graph)
    if event.online is not None:
        mode = (
            SCHEMA.OnlineEventAttendanceMode if event.online else SCHEMA.OfflineEventAttendanceMode
        )
        yield Quad(node, SCHEMA.eventAttendanceMode, mode, graph)
    organisers = set(event.organiser_ids) | set(event.partnership_ids)
    for organiser in sorted(organisers):
        if index.has(organiser, EntityType.ORGANISATION):
            yield Quad(node, SCHEMA.organizer, mint(organiser), graph)
        else:
            stats.dropped["event organiser not an organisation"] += 1
    for partnership in event.partnership_ids:
        if index.has(partnership, EntityType.ORGANISATION):
            yield Quad(node, SG.responsiblePartnership, mint(partnership), graph)
    for participant in event.participant_ids:
        if index.has(participant, EntityType.PERSON, EntityType.ORGANISATION):
            yield Quad(node, SCHEMA.attendee, mint(participant), graph)
    if event.scheduled:
        yield Quad(node, SCHEMA.eventStatus, SCHEMA.EventScheduled, graph)
    for article in event.article_keys:
        yield Quad(node, SCHEMA.subjectOf, article_iri(article), graph)
    yield Quad(node, SG.confidence, confidence(event.confidence), graph)


def membership_quads(membership: Membership) -> Iterator[Quad]:
    graph = GRAPH_ENTITIES
    node = mint(membership.id)
    assert membership.organisation_id is not None
    yield Quad(node, RDF.type, SG.Position, graph)
    yield Quad(node, RDF.type, ORG.Membership, graph)  # stated, so `a org:Membership` needs no TBox
    yield Quad(node, ORG.member, mint(membership.person_id), graph)
    yield Quad(node, ORG.organization, mint(membership.organisation_id), graph)
    yield Quad(node, SCHEMA.roleName, zh(membership.role), graph)
    yield Quad(node, SG.confidence, confidence(membership.confidence), graph)


def publication_quads(publication: Publication, index: _Index) -> Iterator[Quad]:
    graph = GRAPH_ENTITIES
    node = mint(publication.id)
    yield Quad(node, RDF.type, SG.Publication, graph)
    yield Quad(node, RDFS.label, zh(publication.title), graph)
    for publisher in publication.publisher_ids:
        if index.has(publisher, EntityType.ORGANISATION, EntityType.PERSON):
            yield Quad(node, SCHEMA.publisher, mint(publisher), graph)
    if publication.date:
        yield Quad(node, SCHEMA.datePublished, date_literal(publication.date), graph)
    yield Quad(node, SG.confidence, confidence(publication.confidence), graph)


def provenance_quads(
    fact_id: str, evidence: Sequence[str], mention_graphs: dict[str, NamedNode]
) -> Iterator[Quad]:
    """``fact prov:wasDerivedFrom mention``, stated in the graph of the mention's article."""
    node = mint(fact_id)
    for mention_id in evidence:
        graph = mention_graphs.get(mention_id)
        if graph is not None:
            yield Quad(node, PROV.wasDerivedFrom, mention_iri(mention_id), graph)


def source_quads(extraction: Extraction) -> Iterator[Quad]:
    source = extraction.source
    node = source_iri(source.key)
    graph = GRAPH_CORPUS
    yield Quad(node, RDF.type, SG.SourceDocument, graph)
    yield Quad(node, SCHEMA.name, Literal(source.path.rsplit("/", 1)[-1]), graph)
    yield Quad(node, SG.sha256, Literal(source.sha256), graph)


def issue_quads(issue: Issue, extraction: Extraction) -> Iterator[Quad]:
    node = issue_iri(issue.key)
    graph = GRAPH_CORPUS
    yield Quad(node, RDF.type, SG.NewsletterIssue, graph)
    title = issue.title or f"“一带一路”绿色发展国际联盟简报 {issue.key}"
    yield Quad(node, RDFS.label, zh(title), graph)
    if issue.date:
        yield Quad(node, SCHEMA.datePublished, date_literal(issue.date), graph)
    yield Quad(node, SCHEMA.position, count(issue.index), graph)
    yield Quad(node, PROV.wasDerivedFrom, source_iri(extraction.source.key), graph)


def article_quads(article: Article, extraction: Extraction) -> Iterator[Quad]:
    node = article_iri(article.key)
    graph = node
    text = extraction.normalised_text
    yield Quad(node, RDF.type, SG.Article, graph)
    title = article.title.strip() or text[article.body_start : article.body_end][:30]
    yield Quad(node, RDFS.label, zh(title), graph)
    yield Quad(node, SCHEMA.headline, zh(title), graph)
    if article.section:
        yield Quad(node, SCHEMA.articleSection, zh(article.section), graph)
    yield Quad(node, SCHEMA.isPartOf, issue_iri(article.issue_key), graph)
    yield Quad(node, SCHEMA.position, count(article.index), graph)
    if article.date:
        yield Quad(node, SCHEMA.datePublished, date_literal(article.date), graph)
    if article.source_line:
        yield Quad(node, SG.sourceLine, zh(article.source_line), graph)
    yield Quad(node, SCHEMA.text, zh(text[article.start : article.end]), graph)
    start, end = extraction.original_span(article.start, article.end)
    yield Quad(node, SG.originalStart, count(start), graph)
    yield Quad(node, SG.originalEnd, count(end), graph)
    yield Quad(node, PROV.wasDerivedFrom, source_iri(extraction.source.key), graph)


def _part(node: NamedNode, part: str) -> NamedNode:
    """A skolem IRI for a part of an annotation (its target, its selector): never a blank node."""
    return NamedNode(f"{node.value}-{part}")


def target_quads(
    node: NamedNode, source: NamedNode, start: int, end: int, graph: NamedNode
) -> Iterator[Quad]:
    """A Web Annotation target: the source file with a text-position selector into it."""
    target, selector = _part(node, "target"), _part(node, "position")
    yield Quad(node, OA.hasTarget, target, graph)
    yield Quad(target, RDF.type, OA.SpecificResource, graph)
    yield Quad(target, OA.hasSource, source, graph)
    yield Quad(target, OA.hasSelector, selector, graph)
    yield Quad(selector, RDF.type, OA.TextPositionSelector, graph)
    yield Quad(selector, OA.start, count(start), graph)
    yield Quad(selector, OA.end, count(end), graph)


def mention_quads(mention: Mention, extraction: Extraction) -> Iterator[Quad]:
    graph = article_iri(mention.article_key)
    node = mention_iri(mention.id)
    yield Quad(node, RDF.type, SG.Mention, graph)
    yield Quad(node, RDF.type, OA.Annotation, graph)
    yield Quad(node, OA.hasBody, mint(mention.entity_id), graph)
    yield Quad(node, NIF.anchorOf, zh(mention.text), graph)
    yield Quad(node, SG.article, graph, graph)
    yield Quad(node, SG.extractionMethod, Literal(mention.method), graph)
    yield Quad(node, SG.confidence, confidence(mention.confidence), graph)
    source = source_iri(extraction.source.key)
    yield from target_quads(node, source, mention.orig_start, mention.orig_end, graph)


def quote_quads(quote: Quote, extraction: Extraction) -> Iterator[Quad]:
    graph = article_iri(quote.article_key)
    node = quote_iri(quote.id)
    yield Quad(node, RDF.type, SG.Quote, graph)
    yield Quad(node, SCHEMA.text, zh(quote.text), graph)
    yield Quad(node, SCHEMA.creator, mint(quote.speaker_id), graph)
    yield Quad(node, SG.article, graph, graph)
    yield Quad(node, SG.confidence, confidence(quote.confidence), graph)
    start, end = (
        (quote.orig_start, quote.orig_end)
        if quote.orig_start >= 0
        else extraction.original_span(quote.start, quote.end)
    )
    yield from target_quads(node, source_iri(extraction.source.key), start, end, graph)


def corpus_quads(
    gazetteer: Gazetteer, extractions: Sequence[Extraction], stats: MappingStats | None = None
) -> list[Quad]:
    """All quads of a build (ontology excluded), sorted and free of duplicates."""
    stats = stats if stats is not None else MappingStats()
    gazetteer_entities = [entry.entity for entry in gazetteer.entries]
    known_ids = {entity.id for entity in gazetteer_entities}
    mentions_of: dict[str, list[str]] = {}
    for extraction in extractions:
        for mention in extraction.mentions:
            mentions_of.setdefault(mention.entity_id, []).append(mention.id)
    discovered, evidence = _traceable(
        merge_entities(e for x in extractions for e in x.entities if e.id not in known_ids),
        mentions_of,
        known_ids,
        stats,
    )
    events = merge_events(e for x in extractions for e in x.events)
    known = asserted_gazetteer(
        gazetteer_entities, _referenced(extractions, events, discovered, mentions_of)
    )
    publications = merge_publications(p for x in extractions for p in x.publications)
    index = _Index([*known, *discovered], events, publications)

    quads = _entity_descriptions(known, discovered, index, stats)
    mention_graphs: dict[str, NamedNode] = {}
    for extraction in extractions:
        quads += _document_quads(extraction, index, mention_graphs, stats)
    quads += _fact_quads(extractions, events, publications, index, mention_graphs, stats)
    for entity in discovered:
        quads.extend(provenance_quads(entity.id, evidence[entity.id], mention_graphs))
    for entity_id in mentions_of.keys() & index.family.keys():
        family = index.family[entity_id]
        if family is not None and family is not EntityType.EVENT:
            stats.mentioned[family.value] += 1
    return sorted(set(quads), key=str)


#: The coalition's id: every thematic partnership (专题伙伴关系) is one of its bodies.
COALITION_ID = "org/brigc"


def _implied(entity: Entity) -> tuple[str, ...]:
    """What an entity implies exists: its parent (organisation or place), its country, and a
    partnership's convening institutions."""
    return tuple(i for i in (entity.parent_id, entity.country_id, *entity.convenors) if i)


def _referenced(
    extractions: Sequence[Extraction],
    events: Sequence[Event],
    discovered: Sequence[Entity],
    mentions_of: Mapping[str, Sequence[str]],
) -> set[str]:
    """Ids the corpus itself speaks of: mentioned, or named by a fact or a discovered entity."""
    ids = set(mentions_of)
    for event in events:
        ids.update(event.place_ids, event.organiser_ids, event.partnership_ids)
        ids.update(event.participant_ids)
    for extraction in extractions:
        for membership in extraction.memberships:
            ids.update(i for i in (membership.person_id, membership.organisation_id) if i)
        for publication in extraction.publications:
            ids.update(publication.publisher_ids)
        ids.update(quote.speaker_id for quote in extraction.quotes)
    for entity in discovered:
        ids.update(_implied(entity))
    return ids


def asserted_gazetteer(gazetteer: Sequence[Entity], referenced: set[str]) -> list[Entity]:
    """The gazetteer entries a build states: those the corpus speaks of, and what they imply.

    The gazetteer lists several hundred institutions a newsletter in this field *might* name;
    typing all of them into every build would let "how many organisations do the newsletters
    name?" count the whole list. An entry is stated when it is mentioned or named by a fact, or
    when a stated entry implies it (生态环境部对外合作与交流中心 implies 生态环境部 and 中国;
    a partnership implies its convenors), so every structural link has a described target.

    >>> city = Entity("place/cn-110000", "City", "北京市", country_id="place/cn")
    >>> china = Entity("place/cn", "Country", "中国")
    >>> [e.id for e in asserted_gazetteer([city, china, Entity("place/us", "Country", "美国")],
    ...                                   {"place/cn-110000"})]
    ['place/cn-110000', 'place/cn']
    """
    by_id = {entity.id: entity for entity in gazetteer}
    stated: set[str] = set()
    pending = [i for i in referenced if i in by_id]
    while pending:
        entity_id = pending.pop()
        if entity_id not in stated:
            stated.add(entity_id)
            pending.extend(i for i in _implied(by_id[entity_id]) if i in by_id)
    return [entity for entity in gazetteer if entity.id in stated]


def _traceable(
    discovered: Sequence[Entity],
    mentions_of: dict[str, list[str]],
    known_ids: set[str],
    stats: MappingStats,
) -> tuple[list[Entity], dict[str, list[str]]]:
    """Entities found by rule that the graph can trace to text, with the mentions to cite.

    Most are mentioned themselves. Some are only *implied*: the parent of an organisation a longer
    name revealed (武汉大学 of 武汉大学环境学院) — these cite the mentions of what implies them.
    An entity traceable to no text is left out, so unseen input can never produce a node that
    breaks the provenance contract. A partnership found by rule is placed under the coalition.
    """
    by_id = {entity.id: entity for entity in discovered}
    evidence = {e.id: list(mentions_of.get(e.id, [])) for e in discovered}
    changed = True
    while changed:  # pass evidence up parent/country links until nothing new is learnt
        changed = False
        for entity in discovered:
            for target in (entity.parent_id, entity.country_id):
                if target in evidence and not evidence[target] and evidence[entity.id]:
                    evidence[target] = list(evidence[entity.id])
                    changed = True
    kept = []
    for entity in discovered:
        if not evidence[entity.id]:
            stats.dropped["rule-found entity traceable to no mention"] += 1
            continue
        coalition_described = COALITION_ID in known_ids or COALITION_ID in by_id
        if entity.kind == "ThematicPartnership" and not entity.parent_id and coalition_described:
            entity = replace(entity, parent_id=COALITION_ID)
        kept.append(entity)
    return kept, evidence


def _entity_descriptions(
    known: Sequence[Entity], discovered: Sequence[Entity], index: _Index, stats: MappingStats
) -> list[Quad]:
    """Gazetteer entities in their graph, entities found by rule in the entities graph."""
    quads: list[Quad] = []
    for entities, graph in ((known, GRAPH_GAZETTEER), (discovered, GRAPH_ENTITIES)):
        for entity in entities:
            quads.extend(entity_quads(_valid_entity(entity, index), graph))
            stats.entities[family_of(entity.kind).value] += 1
    return quads


def _document_quads(
    extraction: Extraction,
    index: _Index,
    mention_graphs: dict[str, NamedNode],
    stats: MappingStats,
) -> list[Quad]:
    """One source file: its issues, articles, mentions and quotes (records ``mention_graphs``)."""
    quads = list(source_quads(extraction))
    for issue in extraction.issues:
        quads.extend(issue_quads(issue, extraction))
        stats.issues += 1
    for article in extraction.articles:
        quads.extend(article_quads(article, extraction))
        stats.articles += 1
    for mention in extraction.mentions:
        if not index.has(mention.entity_id):
            stats.dropped["mention of an undescribed entity"] += 1
            continue
        quads.extend(mention_quads(mention, extraction))
        mention_graphs[mention.id] = article_iri(mention.article_key)
        stats.mentions += 1
    for quote in extraction.quotes:
        if not index.has(quote.speaker_id, EntityType.PERSON, EntityType.ORGANISATION):
            stats.dropped["quote without a described speaker"] += 1
            continue
        quads.extend(quote_quads(quote, extraction))
        stats.quotes += 1
    return quads


def _fact_quads(
    extractions: Sequence[Extraction],
    events: Sequence[Event],
    publications: Sequence[Publication],
    index: _Index,
    mention_graphs: dict[str, NamedNode],
    stats: MappingStats,
) -> list[Quad]:
    """Events, positions and publications, each once, with provenance to their mentions."""
    quads: list[Quad] = []
    for event in events:
        quads.extend(event_quads(event, index, stats))
        quads.extend(provenance_quads(event.id, event.evidence, mention_graphs))
        stats.events += 1
    for membership in merge_memberships(m for x in extractions for m in x.memberships):
        if not index.has(membership.person_id, EntityType.PERSON):
            stats.dropped["position of an undescribed person"] += 1
        elif not index.has(membership.organisation_id, EntityType.ORGANISATION):
            stats.dropped["position without a described organisation"] += 1
        else:
            quads.extend(membership_quads(membership))
            quads.extend(provenance_quads(membership.id, membership.evidence, mention_graphs))
            stats.memberships += 1
    for publication in publications:
        quads.extend(publication_quads(publication, index))
        quads.extend(provenance_quads(publication.id, publication.evidence, mention_graphs))
        stats.publications += 1
    return quads


def ontology_quads() -> list[Quad]:
    """The TBox from ``ontology/silkgraph.ttl``, in the ontology graph (so subClassOf* works)."""
    text = (files("silkgraph.ontology") / "silkgraph.ttl").read_bytes()
    graph = GRAPH_ONTOLOGY
    return [
        Quad(t.subject, t.predicate, t.object, graph) for t in parse(text, format=RdfFormat.TURTLE)
    ]
