"""Entity pages: every IRI silkgraph mints (``<base>/<local id>``) resolves at ``/id/<local id>``.

A browser gets HTML: labels, types, alternative labels, the entity's own statements, positions
held or at the organisation, events (organised, attended, held there), other entities linking to
it, and its mentions with the article text around each. An article's page shows its text with
the mentions marked. Programs get Turtle, N-Triples or JSON-LD (compacted with the local
context) of the entity's statements, by Accept or ``?format=html|turtle|ntriples|jsonld``.
An IRI with no statement in the graph is a 404.

Every query binds the entity's IRI as a term (a ``VALUES`` block built from the term's own
N-Triples form), never by pasting the request path into the text, and runs through the query
executor with its limits. The text is therefore the server's own, and runs as ``trusted``
(no rdflib screening: see :meth:`silkgraph.api.executor.QueryExecutor.run`).
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from pyoxigraph import Literal, NamedNode

from silkgraph.api import jsonld
from silkgraph.api.errors import SilkgraphError
from silkgraph.api.executor import QueryExecutor
from silkgraph.api.pages import (
    ENTITY,
    HTML,
    TSV,
    Cell,
    Term,
    best_label,
    cell,
    choose_format,
    curie,
    render,
    solutions,
)
from silkgraph.api.snippets import segments, snippet
from silkgraph.api.sparql import TRUNCATED_HEADER
from silkgraph.graph.vocab import sparql_prologue
from silkgraph.queries.catalog import with_values

router = APIRouter(tags=["entities"])

PREFIXES = sparql_prologue()

#: The entity's statements, for the RDF forms.
DESCRIBE = PREFIXES + "CONSTRUCT { $entity ?p ?o } WHERE { $entity ?p ?o }"

#: The entity's statements with the objects' labels, for the page (and the 404 check).
ABOUT = (
    PREFIXES
    + """SELECT DISTINCT ?p ?o ?label WHERE {
  $entity ?p ?o .
  OPTIONAL { ?o rdfs:label ?label }
} LIMIT 2000"""
)

POSITIONS = (
    PREFIXES
    + """SELECT DISTINCT ?position ?person ?personLabel ?organisation ?organisationLabel ?role
WHERE {
  { ?position org:member $entity }
  UNION { ?position org:organization/org:subOrganizationOf* $entity }
  ?position org:member ?person ; org:organization ?organisation .
  OPTIONAL { ?position schema:roleName ?role }
  OPTIONAL { ?person rdfs:label ?personLabel FILTER(LANG(?personLabel) = "zh") }
  OPTIONAL { ?organisation rdfs:label ?organisationLabel FILTER(LANG(?organisationLabel) = "zh") }
}
ORDER BY ?organisationLabel ?personLabel ?role
LIMIT 500"""
)

EVENTS = (
    PREFIXES
    + """SELECT DISTINCT ?event ?label ?start ?relation WHERE {
  { ?event schema:organizer $entity BIND("organised" AS ?relation) }
  UNION { ?event schema:attendee $entity BIND("attended" AS ?relation) }
  UNION { ?event schema:location/schema:containedInPlace* $entity BIND("held here" AS ?relation) }
  OPTIONAL { ?event rdfs:label ?label FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?event schema:startDate ?start }
}
ORDER BY ?start ?label
LIMIT 500"""
)

#: Links to the entity other than those the sections above show.
RELATED = (
    PREFIXES
    + """SELECT DISTINCT ?subject ?p ?label WHERE {
  ?subject ?p $entity .
  FILTER(?p NOT IN (oa:hasBody, sg:article, org:member, org:organization, schema:organizer,
                    schema:attendee, schema:location, sg:responsiblePartnership))
  OPTIONAL { ?subject rdfs:label ?label FILTER(LANG(?label) = "zh") }
}
ORDER BY ?p ?label ?subject
LIMIT 500"""
)

MENTIONS = (
    PREFIXES
    + """SELECT DISTINCT ?mention ?article ?headline ?anchor ?start ?articleStart WHERE {
  ?mention oa:hasBody $entity ;
           sg:article ?article ;
           nif:anchorOf ?anchor .
  OPTIONAL { ?mention oa:hasTarget/oa:hasSelector/oa:start ?start }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article sg:originalStart ?articleStart }
}
ORDER BY ?article ?start
LIMIT 200"""
)

#: The mentions an article contains (``$entity`` is the article here).
ARTICLE_MENTIONS = (
    PREFIXES
    + """SELECT DISTINCT ?mention ?body ?bodyLabel ?anchor ?start ?end ?method ?fact ?factLabel
WHERE {
  ?mention sg:article $entity ;
           oa:hasBody ?body ;
           nif:anchorOf ?anchor .
  OPTIONAL { ?mention oa:hasTarget/oa:hasSelector ?selector .
             ?selector oa:start ?start ; oa:end ?end }
  OPTIONAL { ?mention sg:extractionMethod ?method }
  OPTIONAL { ?body rdfs:label ?bodyLabel FILTER(LANG(?bodyLabel) = "zh") }
  OPTIONAL { ?fact prov:wasDerivedFrom ?mention
             OPTIONAL { ?fact rdfs:label ?factLabel FILTER(LANG(?factLabel) = "zh") } }
}
ORDER BY ?start ?mention
LIMIT 2000"""
)


def texts_query(articles: Sequence[NamedNode]) -> str:
    """The text of each of ``articles`` (IRIs from the store, written by their own ``str()``)."""
    values = " ".join(str(article) for article in articles)
    where = f"VALUES ?article {{ {values} }} ?article schema:text ?text"
    return PREFIXES + f"SELECT ?article ?text WHERE {{ {where} }}"


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
SCHEMA_TEXT = "http://schema.org/text"
ARTICLE = "https://silkgraph.org/ontology#Article"
ORIGINAL_START = "https://silkgraph.org/ontology#originalStart"


def entity_iri(base: str, local_id: str) -> NamedNode:
    """The IRI a ``/id/<local id>`` path names; minted ids percent-encode what is unsafe.

    The path arrives decoded, so it is encoded again the way the graph stage mints
    (``silkgraph.graph.iris.mint``). A path that cannot name an IRI is a 404.

    >>> entity_iri("https://silkgraph.org/id/", "person/n-王").value
    'https://silkgraph.org/id/person/n-%E7%8E%8B'
    """
    if not local_id or ".." in local_id.split("/"):
        raise SilkgraphError(404, "no such entity")
    try:
        return NamedNode(base + quote(local_id, safe="/-._~"))
    except ValueError:
        raise SilkgraphError(404, "no such entity") from None


def bind(query: str, entity: NamedNode) -> str:
    """``query`` with ``$entity`` bound to the IRI by a VALUES block."""
    return with_values(query, {"entity": entity})


async def select(
    executor: QueryExecutor, query: str, entity: NamedNode
) -> list[dict[str, Term | None]]:
    """The rows of one of this module's SELECTs about ``entity``."""
    result = await executor.run(bind(query, entity), accept=TSV, trusted=True)
    return solutions(result)[1]


def _int(term: Term | None) -> int | None:
    if isinstance(term, Literal):
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def _value(term: Term | None) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else ""


@dataclass
class Statement:
    """One predicate of the entity with its values, for the page's table."""

    predicate: Cell
    values: list[Cell] = field(default_factory=list)


@dataclass
class About:
    """What the ABOUT query says about the entity, sorted for the page."""

    labels: dict[str, list[str]]
    alt_labels: list[Cell]
    types: list[Cell]
    statements: list[Statement]
    text: str | None
    original_start: int | None

    @property
    def title(self) -> str:
        for lang in ("zh", "en"):
            if self.labels.get(lang):
                return self.labels[lang][0]
        return next((values[0] for values in self.labels.values() if values), "")


def about(rows: Sequence[Mapping[str, Term | None]], base: str, root: str) -> About:
    labels: dict[str, list[str]] = defaultdict(list)
    object_labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        obj, label = row["o"], row["label"]
        if isinstance(obj, NamedNode) and isinstance(label, Literal):
            object_labels[obj.value].setdefault(label.language or "", label.value)
    seen: dict[str, Statement] = {}
    alt_labels, types = [], []
    text, original_start = None, None
    done: set[tuple[str, str]] = set()
    for row in rows:
        predicate, obj = _value(row["p"]), row["o"]
        if obj is None or (predicate, str(obj)) in done:
            continue
        done.add((predicate, str(obj)))
        name = (
            best_label(object_labels.get(_value(obj), {})) if isinstance(obj, NamedNode) else None
        )
        shown = cell(obj, base=base, label=name, root=root)
        assert shown is not None
        if predicate == RDFS_LABEL and isinstance(obj, Literal):
            labels[obj.language or ""].append(obj.value)
        elif predicate == ALT_LABEL:
            alt_labels.append(shown)
        elif predicate == RDF_TYPE:
            types.append(shown)
        elif predicate == SCHEMA_TEXT and isinstance(obj, Literal):
            text = obj.value
        else:
            if predicate == ORIGINAL_START:
                original_start = _int(obj)
            statement = seen.setdefault(predicate, Statement(Cell(curie(predicate), iri=predicate)))
            statement.values.append(shown)
    statements = sorted(seen.values(), key=lambda s: s.predicate.text)
    return About(dict(labels), alt_labels, types, statements, text, original_start)


async def _rdf(request: Request, entity: NamedNode, media_type: str, as_jsonld: bool) -> Response:
    executor: QueryExecutor = request.app.state.executor
    accept = "application/n-triples" if as_jsonld else media_type
    result = await executor.run(bind(DESCRIBE, entity), accept=accept, trusted=True)
    if not result.rows:
        raise SilkgraphError(404, "no such entity", detail=f"<{entity.value}> is not in the graph")
    headers = {"Vary": "Accept", TRUNCATED_HEADER: "true" if result.truncated else "false"}
    if not as_jsonld:
        return Response(result.body, media_type=result.media_type, headers=headers)
    document = await asyncio.to_thread(jsonld.compact, result.body)
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(body, media_type="application/ld+json", headers=headers)


@router.get("/id/{local_id:path}", summary="The page of an entity, event, article …")
@router.head("/id/{local_id:path}", include_in_schema=False)
async def entity_page(local_id: str, request: Request) -> Response:
    """HTML, Turtle, N-Triples or JSON-LD of one minted IRI; 404 when it is not in the graph."""
    settings = request.app.state.settings
    entity = entity_iri(settings.base_iri, local_id)
    fmt = choose_format(request, ENTITY)
    if fmt is not HTML:
        return await _rdf(request, entity, fmt.media_type, as_jsonld=fmt.name == "jsonld")
    executor: QueryExecutor = request.app.state.executor
    root = request.scope.get("root_path", "")
    rows = await select(executor, ABOUT, entity)
    if not rows:
        raise SilkgraphError(404, "no such entity", detail=f"<{entity.value}> is not in the graph")
    facts = about(rows, settings.base_iri, root)
    formats = {f.name: f"{root}/id/{quote(local_id, safe='/-._~')}?format={f.name}" for f in ENTITY}
    if any(t.iri == ARTICLE for t in facts.types):
        return await _article_page(request, entity, facts, formats)
    positions, events, related, mentions = await asyncio.gather(
        select(executor, POSITIONS, entity),
        select(executor, EVENTS, entity),
        select(executor, RELATED, entity),
        select(executor, MENTIONS, entity),
    )
    base = settings.base_iri
    texts = await _texts(executor, {_value(m["article"]) for m in mentions})
    return render(
        request,
        "entity.html",
        iri=entity.value,
        about=facts,
        formats=formats,
        positions=[
            {
                "person": cell(r["person"], base=base, label=_value(r["personLabel"]), root=root),
                "organisation": cell(
                    r["organisation"], base=base, label=_value(r["organisationLabel"]), root=root
                ),
                "role": _value(r["role"]),
                "position": cell(r["position"], base=base, root=root),
                "held": _value(r["person"]) == entity.value,
            }
            for r in positions
        ],
        events=[
            {
                "event": cell(r["event"], base=base, label=_value(r["label"]), root=root),
                "start": _value(r["start"]),
                "relation": _value(r["relation"]),
            }
            for r in events
        ],
        related=[
            {
                "subject": cell(r["subject"], base=base, label=_value(r["label"]), root=root),
                "predicate": curie(_value(r["p"])),
            }
            for r in related
        ],
        mentions=[_mention(m, texts, base, root) for m in mentions],
        mentions_capped=len(mentions) >= 200,
    )


def _mention(
    row: Mapping[str, Term | None], texts: Mapping[str, str], base: str, root: str
) -> dict[str, object]:
    article = _value(row["article"])
    start, article_start = _int(row["start"]), _int(row["articleStart"])
    estimate = start - article_start if start is not None and article_start is not None else None
    anchor = _value(row["anchor"])
    return {
        "article": cell(row["article"], base=base, label=_value(row["headline"]), root=root),
        "mention": cell(row["mention"], base=base, root=root),
        "anchor": anchor,
        "snippet": snippet(texts.get(article, ""), anchor, estimate),
    }


async def _texts(executor: QueryExecutor, articles: set[str]) -> dict[str, str]:
    """The text of each article (one query for all of them)."""
    articles.discard("")
    if not articles:
        return {}
    query = texts_query([NamedNode(iri) for iri in sorted(articles)])
    result = await executor.run(query, accept=TSV, trusted=True)
    return {_value(r["article"]): _value(r["text"]) for r in solutions(result)[1]}


@dataclass
class ArticleMention:
    """One mention of an article, with the facts derived from it."""

    mention: Cell | None
    body: Cell | None
    anchor: str
    start: int | None
    end: int | None
    method: str
    facts: list[Cell] = field(default_factory=list)


async def _article_page(
    request: Request, entity: NamedNode, facts: About, formats: Mapping[str, str]
) -> Response:
    executor: QueryExecutor = request.app.state.executor
    base, root = request.app.state.settings.base_iri, request.scope.get("root_path", "")
    rows = await select(executor, ARTICLE_MENTIONS, entity)
    by_mention: dict[str, ArticleMention] = {}
    for row in rows:
        key = _value(row["mention"])
        entry = by_mention.get(key)
        if entry is None:
            entry = by_mention[key] = ArticleMention(
                mention=cell(row["mention"], base=base, root=root),
                body=cell(row["body"], base=base, label=_value(row["bodyLabel"]), root=root),
                anchor=_value(row["anchor"]),
                start=_int(row["start"]),
                end=_int(row["end"]),
                method=_value(row["method"]),
            )
        fact = cell(row["fact"], base=base, label=_value(row["factLabel"]) or None, root=root)
        if fact is not None and fact not in entry.facts:
            entry.facts.append(fact)
    mentions = list(by_mention.values())
    offset = facts.original_start or 0
    marks = [
        (m.start - offset if m.start is not None else 0, m.anchor, m.body)
        for m in mentions
        if m.body is not None
    ]
    return render(
        request,
        "article.html",
        iri=entity.value,
        about=facts,
        formats=formats,
        segments=segments(facts.text or "", marks),
        mentions=mentions,
        facts_link=f"{root}/queries/article-facts?article={quote(entity.value, safe='')}",
    )


#: Every event with its own statements, and the types and labels of its places, organisers and
#: attendees, for the framed JSON-LD (``ontology/frame-events.jsonld`` embeds them). One pattern
#: with an OPTIONAL, not a UNION: Oxigraph would re-run a UNION branch for each event.
EVENTS_GRAPH = (
    PREFIXES
    + """CONSTRUCT { ?event ?p ?o . ?o a ?type ; rdfs:label ?label . } WHERE {
  ?class rdfs:subClassOf* sg:Event .
  ?event a ?class ;
         ?p ?o .
  FILTER(?p != prov:wasDerivedFrom)
  OPTIONAL {
    ?o a ?type ; rdfs:label ?label .
    FILTER(?p IN (schema:location, schema:organizer, schema:attendee))
  }
}"""
)


@dataclass(frozen=True)
class _Document:
    body: bytes
    headers: dict[str, str]


@router.get("/events.jsonld", summary="Every event as framed JSON-LD")
@router.head("/events.jsonld", include_in_schema=False)
async def events_jsonld(request: Request) -> Response:
    """Events with their places and organisers embedded, compacted with the local context.

    Framing is slow in pyld (about a second per thousand triples), and a server's store never
    changes while it runs, so the document is made once per server and kept.
    """
    state = request.app.state
    lock = getattr(state, "events_lock", None)
    if lock is None:  # no await since the check: no other task can have made one
        lock = state.events_lock = asyncio.Lock()
    async with lock:
        document: _Document | None = getattr(state, "events_jsonld", None)
        if document is None:
            document = state.events_jsonld = await _framed_events(state.executor)
    return Response(document.body, media_type="application/ld+json", headers=document.headers)


async def _framed_events(executor: QueryExecutor) -> _Document:
    result = await executor.run(EVENTS_GRAPH, accept="application/n-triples", trusted=True)
    framed = await asyncio.to_thread(jsonld.frame_events, result.body)
    headers = {TRUNCATED_HEADER: "true" if result.truncated else "false"}
    if result.truncated:
        headers["Warning"] = f'199 - "truncated to the first {executor.max_rows} triples"'
    body = json.dumps(framed, ensure_ascii=False, indent=2).encode("utf-8")
    return _Document(body, headers)
