"""Check a built dataset against the data contract's SHACL shapes.

The shapes (``ontology/shapes.ttl``) are written for the *union* of all named graphs plus the
TBox (``ontology/silkgraph.ttl``): SHACL follows ``rdfs:subClassOf*`` only inside the data graph,
so an ``sg:GovernmentBody`` is checked as an ``sg:Organisation`` only when the TBox is there.
`validate_dataset` therefore flattens the quads into one rdflib graph, adds the TBox, and runs
pyshacl on it in place (no copy, no inference).

>>> report = validate_dataset([])
>>> report.conforms, report.results
(True, ())
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import chain

import pyoxigraph
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from silkgraph.graph import vocab

__all__ = ["ValidationReport", "load_shapes", "load_tbox", "validate_dataset"]

#: Prefixes used to shorten IRIs in the report's messages, as the data contract writes them.
_PREFIXES = {
    namespace.iri: f"{prefix}:"
    for prefix, namespace in [
        ("sg", vocab.SG),
        ("id", vocab.ID),
        ("schema", vocab.SCHEMA),
        ("org", vocab.ORG),
        ("prov", vocab.PROV),
        ("skos", vocab.SKOS),
        ("oa", vocab.OA),
        ("nif", vocab.NIF),
        ("rdfs", vocab.RDFS),
        ("rdf", vocab.RDF),
        ("xsd", vocab.XSD),
    ]
}


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` and one readable line per violation.

    Each line reads ``<focus node> <path>: <message> [value: <value>]``, sorted, so two runs on
    the same data give the same report.
    """

    conforms: bool
    results: tuple[str, ...]

    def __str__(self) -> str:
        if self.conforms:
            return "conforms"
        return f"{len(self.results)} violation(s):\n" + "\n".join(self.results)


def _ontology_text(name: str) -> str:
    return files("silkgraph.ontology").joinpath(name).read_text(encoding="utf-8")


@cache
def load_shapes() -> Graph:
    """The SHACL shapes graph, parsed once per process (pyshacl does not modify it)."""
    return Graph().parse(data=_ontology_text("shapes.ttl"), format="turtle")


@cache
def _tbox_quads() -> tuple[pyoxigraph.Quad, ...]:
    text = _ontology_text("silkgraph.ttl")
    return tuple(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE))


def load_tbox() -> Graph:
    """A fresh rdflib graph holding the TBox (``ontology/silkgraph.ttl``)."""
    return _union_graph(())


_XSD_STRING = vocab.XSD.string.value


class _TermConverter:
    """pyoxigraph terms to rdflib terms, memoised: IRIs repeat across thousands of triples.

    Building rdflib terms directly is about a third faster than a round trip through N-Triples
    (measured on 100k triples: 2.0 s against 3.0 s).
    """

    def __init__(self) -> None:
        self._cache: dict[object, Node] = {}

    def __call__(self, term: object) -> Node:
        node = self._cache.get(term)
        if node is None:
            node = self._cache[term] = self._convert(term)
        return node

    @staticmethod
    def _convert(term: object) -> Node:
        if isinstance(term, pyoxigraph.NamedNode):
            return URIRef(term.value)
        if isinstance(term, pyoxigraph.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == _XSD_STRING:  # rdflib spells xsd:string literals without a datatype
                return Literal(term.value)
            return Literal(term.value, datatype=URIRef(datatype))
        if isinstance(term, pyoxigraph.BlankNode):
            return BNode(term.value)
        raise TypeError(f"cannot validate RDF-star term {term!r}")


def _as_stored(data: Iterable[pyoxigraph.Quad] | str | os.PathLike[str]) -> pyoxigraph.Store:
    """The data as an Oxigraph store holds it, which is what the shapes are written against.

    The store canonicalises literals: every integer-derived datatype becomes ``xsd:integer``
    (oxigraph issue #1413) and decimals lose trailing zeros. Passing the quads through an
    in-memory store (0.3 s for 100k quads) validates exactly what will be served.
    """
    store = pyoxigraph.Store()
    if isinstance(data, str | os.PathLike):
        store.bulk_load(path=data, format=pyoxigraph.RdfFormat.N_QUADS)
    elif isinstance(data, pyoxigraph.Store):
        return data
    else:
        store.bulk_extend(data)
    return store


def _union_graph(data: Iterable[pyoxigraph.Quad] | str | os.PathLike[str]) -> Graph:
    """Flatten quads (or an N-Quads file) into one rdflib graph together with the TBox.

    Duplicates across named graphs collapse, which is the union the shapes are written for.
    """
    data = _as_stored(data)
    convert = _TermConverter()
    graph = Graph()
    graph.addN(
        (convert(quad.subject), convert(quad.predicate), convert(quad.object), graph)
        for quad in chain(_tbox_quads(), data)
    )
    return graph


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for namespace, prefix in _PREFIXES.items():
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
        return f"<{text}>"
    if isinstance(node, Literal):
        lexical = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return f"{lexical}@{node.language}"
        return f"{lexical}^^{_short(node.datatype)}" if node.datatype else lexical
    return node.n3()


def _messages(results: Graph) -> tuple[str, ...]:
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = _short(results.value(result, SH.focusNode))
        path = _short(results.value(result, SH.resultPath))
        message = results.value(result, SH.resultMessage)
        if message is None:
            message = f"violates {_short(results.value(result, SH.sourceConstraintComponent))}"
        value = results.value(result, SH.value)
        line = f"{focus} {path}: {message}" if path else f"{focus}: {message}"
        if value is not None:
            line += f" [value: {_short(value)}]"
        lines.append(line)
    return tuple(sorted(lines))


def validate_dataset(
    data: Iterable[pyoxigraph.Quad] | str | os.PathLike[str],
) -> ValidationReport:
    """Validate quads, a store, or the path of an N-Quads file against the contract's shapes.

    The union of all named graphs is validated together with the TBox, as the shapes expect, and
    literals are checked in the canonical form the store keeps them in (see `_as_stored`).
    """
    graph = _union_graph(data)
    conforms, results, _text = validate(
        graph,
        shacl_graph=load_shapes(),
        inference="none",
        inplace=True,
        advanced=False,
        allow_warnings=False,
    )
    return ValidationReport(conforms=bool(conforms), results=_messages(results))
