"""JSON-LD: the local context and frame, round trips, and a loader that never fetches anything.

The refusals are proven on pyld's own code paths: a document naming a remote context, an
``@import`` or a remote frame reaches our loader, which refuses it, so the error is ours and no
socket is ever opened (a fetch attempt would surface as a different error, or hang).
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld as pyld
from pyoxigraph import NamedNode, RdfFormat, Store, Triple, parse, serialize

from silkgraph.api import jsonld
from silkgraph.api.jsonld import CONTEXT_URL, FRAME_URL, RemoteDocumentRefused

PAGES = Path(__file__).parent / "fixtures" / "pages.trig"
ID = "https://silkgraph.org/id/"


def fixture_store() -> Store:
    store = Store()
    store.extend(parse(path=PAGES))
    return store


def ntriples_about(store: Store, *iris: str) -> bytes:
    """N-Triples of what the fixture states about ``iris`` (as the entity pages ask for it)."""
    found = [
        Triple(q.subject, q.predicate, q.object)
        for iri in iris
        for q in store.quads_for_pattern(NamedNode(iri), None, None, None)
    ]
    return serialize(found, format=RdfFormat.N_TRIPLES)


def triple_set(nquads: str | bytes) -> set[Triple]:
    data = nquads.encode() if isinstance(nquads, str) else nquads
    return {Triple(q.subject, q.predicate, q.object) for q in parse(data, format=RdfFormat.N_QUADS)}


REMOTE = [
    "https://schema.org/",
    "http://example.org/context.jsonld",
    "https://silkgraph.org/ontology/other.jsonld",
    "file:///etc/passwd",
    "ftp://example.org/x",
]


@pytest.mark.parametrize("url", REMOTE)
def test_the_loader_refuses_every_other_url(url: str) -> None:
    with pytest.raises(RemoteDocumentRefused) as caught:
        jsonld.document_loader(url)
    assert caught.value.details == {"url": url}


@pytest.mark.parametrize(
    ("url", "name"), [(CONTEXT_URL, "context.jsonld"), (FRAME_URL, "frame-events.jsonld")]
)
def test_the_loader_serves_the_shipped_files(url: str, name: str) -> None:
    document = jsonld.document_loader(url)
    assert document["documentUrl"] == url
    shipped = json.loads((files("silkgraph.ontology") / name).read_text(encoding="utf-8"))
    assert document["document"] == shipped


REMOTE_REFERENCES: list[tuple[str, dict[str, Any]]] = [
    ("remote-context", {"@context": "https://schema.org/", "@id": "urn:x", "name": "x"}),
    (
        "remote-in-a-list",
        {"@context": [CONTEXT_URL, "http://example.org/c.jsonld"], "@id": "urn:x"},
    ),
    (
        "scoped-remote",
        {"@context": {"p": {"@id": "urn:p", "@context": "http://example.org/c"}}, "p": {"a": 1}},
    ),
    ("import", {"@context": {"@version": 1.1, "@import": "http://example.org/c"}, "@id": "urn:x"}),
]


@pytest.mark.parametrize(
    ("case", "document"), REMOTE_REFERENCES, ids=[c for c, _ in REMOTE_REFERENCES]
)
def test_remote_references_in_input_are_refused_not_fetched(
    case: str, document: dict[str, Any]
) -> None:
    with pytest.raises(pyld.JsonLdError) as caught:
        jsonld.to_nquads(document)
    # pyld wraps the loader's error; somewhere down the chain it is our refusal
    chain: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None and error not in chain:
        chain.append(error)
        error = getattr(error, "cause", None) or error.__cause__ or error.__context__
    assert any(isinstance(e, RemoteDocumentRefused) for e in chain), [repr(e) for e in chain]


def test_the_local_context_url_resolves_without_network() -> None:
    document = {"@context": CONTEXT_URL, "@id": "id:org/mee", "label": {"zh": "生态环境部"}}
    expected = (
        "<https://silkgraph.org/id/org/mee> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"生态环境部"@zh .\n'
    )
    assert triple_set(jsonld.to_nquads(document)) == triple_set(expected)


SUBJECTS = [
    "org/mee",
    "event/2019-04-25-green-road-forum",
    "event/2020-06-biodiversity-dialogue",
    "article/001_137bdf9c89c960ef-i1-a2",
    "mention/001_137bdf9c89c960ef-i1-a2-m1047-position",
    "membership/li-ganjie-mee",
    "person/n-%E7%8E%8B%E5%B0%8F%E6%98%8E",
]


@pytest.mark.parametrize("local_id", SUBJECTS)
def test_compact_round_trips_to_the_same_triples(local_id: str) -> None:
    store = fixture_store()
    data = ntriples_about(store, ID + local_id)
    document = jsonld.compact(data)
    assert document["@context"] == jsonld.context()
    assert document["@id"] == "id:" + local_id
    assert triple_set(jsonld.to_nquads(document)) == triple_set(data)


def test_compaction_uses_the_terms_of_the_context() -> None:
    data = ntriples_about(fixture_store(), ID + "event/2019-04-25-green-road-forum")
    document = jsonld.compact(data)
    assert document["@type"] == "sg:Forum"
    assert document["label"] == {"zh": "绿色之路分论坛", "en": "Green Silk Road Thematic Forum"}
    assert document["startDate"] == {"@type": "xsd:date", "@value": "2019-04-25"}
    assert document["location"] == ["id:place/cn-110000"]  # multi-valued: always an array
    assert document["confidence"] == 0.8  # a number


def test_frame_embeds_places_and_organisers() -> None:
    store = fixture_store()
    event = ID + "event/2019-11-05-green-finance-seminar"
    related = [
        ID + "place/ke-nairobi",
        ID + "org/unep",
        ID + "partnership/green-finance-and-investment",
    ]
    document = jsonld.frame_events(ntriples_about(store, event, *related))
    (framed,) = document["@graph"]
    assert framed["@id"] == "id:event/2019-11-05-green-finance-seminar"
    assert framed["location"][0]["@id"] == "id:place/ke-nairobi"
    assert framed["location"][0]["label"]["en"] == "Nairobi"
    assert {o["@id"] for o in framed["organizer"]} == {
        "id:org/unep",
        "id:partnership/green-finance-and-investment",
    }
    # places and organisers are embedded in events, not listed as nodes of their own
    assert all(node["@id"].startswith("id:event/") for node in document["@graph"])
