"""Off-the-shelf SPARQL clients against the live server: SPARQLWrapper and rdflib's SPARQLStore.

They speak the protocol their own way (Accept headers, GET or POST, result formats), so these
tests catch what a table of hand-written requests would not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, N3, POST, POSTDIRECTLY, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

if TYPE_CHECKING:
    from conftest import LiveServer

MEE = URIRef("https://silkgraph.org/id/org/mee")
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
PREFIXES = (
    "PREFIX sg: <https://silkgraph.org/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
LABELS = PREFIXES + "SELECT ?org ?label WHERE { ?org a sg:Organisation ; rdfs:label ?label }"
ASK = PREFIXES + "ASK { ?org rdfs:label '生态环境部'@zh }"
CONSTRUCT = (
    PREFIXES + "CONSTRUCT { ?o rdfs:label ?l } WHERE { ?o a sg:Organisation ; rdfs:label ?l }"
)
EXPECTED_LABELS = {
    (MEE, Literal("生态环境部", lang="zh")),
    (MEE, Literal("Ministry of Ecology and Environment", lang="en")),
    (URIRef("https://silkgraph.org/id/org/unep"), Literal("联合国环境规划署", lang="zh")),
}

#: (method, request encoding) — SPARQLWrapper's three ways of sending a query
WRAPPER_MODES = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]


def _wrapper(server: LiveServer, method: str, encoding: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.sparql)
    client.setMethod(method)
    client.setRequestMethod(encoding)
    return client


@pytest.mark.parametrize(("method", "encoding"), WRAPPER_MODES)
@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_select(server: LiveServer, method: str, encoding: str, fmt: str) -> None:
    client = _wrapper(server, method, encoding)
    client.setQuery(LABELS)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    if fmt == JSON:
        rows = {
            (URIRef(b["org"]["value"]), Literal(b["label"]["value"], lang=b["label"]["xml:lang"]))
            for b in converted["results"]["bindings"]
        }
    else:  # an xml.dom Document
        rows = set()
        for result in converted.getElementsByTagName("result"):
            org, label = (
                result.getElementsByTagName("uri")[0],
                result.getElementsByTagName("literal")[0],
            )
            rows.add(
                (
                    URIRef(org.firstChild.data),
                    Literal(label.firstChild.data, lang=label.getAttribute("xml:lang")),
                )
            )
    assert rows == EXPECTED_LABELS


@pytest.mark.parametrize(("method", "encoding"), WRAPPER_MODES)
def test_sparqlwrapper_ask(server: LiveServer, method: str, encoding: str) -> None:
    client = _wrapper(server, method, encoding)
    client.setQuery(ASK)
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


# SPARQLWrapper 2.0 converts RDF/XML into rdflib's ConjunctiveGraph, deprecated in rdflib 7
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("method", "encoding"), WRAPPER_MODES)
@pytest.mark.parametrize("fmt", [TURTLE, XML, N3])
def test_sparqlwrapper_construct(server: LiveServer, method: str, encoding: str, fmt: str) -> None:
    client = _wrapper(server, method, encoding)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    graph = (
        converted
        if isinstance(converted, Graph)
        else Graph().parse(data=converted, format="turtle")
    )
    assert {(s, o) for s, p, o in graph if p == LABEL} == EXPECTED_LABELS


def test_sparqlwrapper_reports_a_syntax_error(server: LiveServer) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error"):
        client.query()


@pytest.fixture
def remote(server: LiveServer) -> Graph:
    return Graph(store=SPARQLStore(query_endpoint=server.sparql))


def test_sparqlstore_select(remote: Graph) -> None:
    assert {(row.org, row.label) for row in remote.query(LABELS)} == EXPECTED_LABELS


def test_sparqlstore_ask(remote: Graph) -> None:
    assert remote.query(ASK).askAnswer is True


def test_sparqlstore_construct(remote: Graph) -> None:
    graph = remote.query(CONSTRUCT).graph
    assert {(s, o) for s, p, o in graph if p == LABEL} == EXPECTED_LABELS


def test_sparqlstore_triples_pattern(remote: Graph) -> None:
    """rdflib turns a triple pattern into its own SELECT; the union default graph answers it."""
    assert set(remote.objects(MEE, LABEL)) == {
        label for org, label in EXPECTED_LABELS if org == MEE
    }
