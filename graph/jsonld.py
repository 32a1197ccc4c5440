"""JSON-LD with the local context, compacted or framed; nothing is ever fetched from the network.

The context (``ontology/context.jsonld``) and the events frame (``ontology/frame-events.jsonld``)
ship in the package. pyld is given a document loader that serves those two files and refuses
every other URL, so neither silkgraph's output nor an input that names a remote context can make
the server fetch anything. The context is embedded in the output, so consumers need not fetch it
either. Used by ``silkgraph export --format jsonld`` and by the server's views
(:mod:`silkgraph.api.jsonld`).

Compacted output is what a tool can consume without surprises: a property the context declares
``"@container": "@set"`` (organisers, places, aliases, provenance …) is always an array, even of
one; and a value whose term is typed ``xsd:double`` or ``xsd:integer`` (confidences, coordinates,
offsets) is a JSON number, which JSON-LD reads back as the same RDF term.

>>> doc = compact(b'<https://silkgraph.org/id/org/mee> '
...     b'<http://www.w3.org/2000/01/rdf-schema#label> "\\xe7\\x94\\x9f"@zh .\\n'
...     b'<https://silkgraph.org/id/org/mee> <https://silkgraph.org/ontology#confidence> '
...     b'"0.9"^^<http://www.w3.org/2001/XMLSchema#double> .\\n')
>>> doc["@id"], doc["label"], doc["confidence"]
('id:org/mee', {'zh': '生'}, 0.9)
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld
from pyld.jsonld import JsonLdError
from pyoxigraph import RdfFormat, Store, parse

from silkgraph.graph.store import sorted_nquads

#: The URLs under which the local documents are known (and the only ones the loader serves).
CONTEXT_URL = "https://silkgraph.org/ontology/context.jsonld"
FRAME_URL = "https://silkgraph.org/ontology/frame-events.jsonld"
_FILES = {CONTEXT_URL: "context.jsonld", FRAME_URL: "frame-events.jsonld"}


class RemoteDocumentRefused(JsonLdError):
    """A JSON-LD document named a URL that is not one of silkgraph's local documents."""


@cache
def _read(name: str) -> dict[str, Any]:
    resource = files("silkgraph.ontology") / name
    return json.loads(resource.read_text(encoding="utf-8"))


def local_document(name: str) -> dict[str, Any]:
    """A copy of one of the shipped JSON-LD files (``context.jsonld``, ``frame-events.jsonld``)."""
    return copy.deepcopy(_read(name))


def context() -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld``."""
    return local_document("context.jsonld")["@context"]


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: the local documents by their URL; every other URL is refused.

    >>> try:
    ...     document_loader("https://schema.org/")
    ... except RemoteDocumentRefused as error:
    ...     print(error.details)
    {'url': 'https://schema.org/'}
    """
    name = _FILES.get(url)
    if name is None:
        raise RemoteDocumentRefused(
            "refusing to load a remote JSON-LD document",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": local_document(name)}


def _options(**extra: Any) -> dict[str, Any]:
    return {"documentLoader": document_loader, **extra}


def expand_rdf(nquads: bytes) -> list[dict[str, Any]]:
    """Expanded JSON-LD of N-Triples/N-Quads (typed literals kept as strings: lossless)."""
    return jsonld.from_rdf(
        nquads.decode("utf-8"), _options(format="application/n-quads", useNativeTypes=False)
    )


#: Datatypes whose values compact to JSON numbers (JSON-LD reads them back as the same type).
_NUMBERS = {
    "xsd:double": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "xsd:integer": int,
    "http://www.w3.org/2001/XMLSchema#integer": int,
}


def _numeric_terms(ctx: dict[str, Any]) -> dict[str, type]:
    """Terms of the context typed xsd:double or xsd:integer, and the Python type of their values."""
    return {
        term: _NUMBERS[definition["@type"]]
        for term, definition in ctx.items()
        if isinstance(definition, dict) and definition.get("@type") in _NUMBERS
    }


def _as_numbers(node: Any, numeric: dict[str, type]) -> Any:
    """``node`` with the string values of numeric terms turned into JSON numbers."""
    if isinstance(node, list):
        return [_as_numbers(item, numeric) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in numeric and key != "@context":
            convert = numeric[key]
            out[key] = (
                [convert(v) if isinstance(v, str) else v for v in value]
                if isinstance(value, list)
                else convert(value) if isinstance(value, str) else value
            )
        elif key == "@context":
            out[key] = value
        else:
            out[key] = _as_numbers(value, numeric)
    return out


def compact(nquads: bytes) -> dict[str, Any]:
    """The triples (or quads) compacted with the local context (embedded in the result)."""
    ctx = context()
    document = jsonld.compact(expand_rdf(nquads), {"@context": ctx}, _options())
    return _as_numbers(document, _numeric_terms(ctx))


def frame_events(nquads: bytes) -> dict[str, Any]:
    """Events with their places and organisers embedded, by ``ontology/frame-events.jsonld``."""
    frame = local_document("frame-events.jsonld")
    if isinstance(frame.get("@context"), str) or frame.get("@context") is None:
        frame["@context"] = context()
    framed = jsonld.frame(expand_rdf(nquads), frame, _options(omitGraph=False, omitDefault=True))
    return _as_numbers(framed, _numeric_terms(frame["@context"]))


def to_nquads(document: dict[str, Any] | list[Any]) -> str:
    """The RDF of a JSON-LD document as N-Quads, literals in the store's canonical form.

    pyld writes a JSON number typed xsd:double as ``"9.0E-1"``; the store holds and serves the
    same value as ``"0.9"``. Passing the quads through an in-memory store makes the two compare
    equal, as they are (for round-trip checks).
    """
    quads = jsonld.to_rdf(document, _options(format="application/n-quads"))
    store = Store()
    store.extend(parse(quads.encode("utf-8"), format=RdfFormat.N_QUADS))
    return sorted_nquads(list(store)).decode("utf-8")
