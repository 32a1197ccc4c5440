"""Exporting the whole dataset in the standard RDF formats (`silkgraph export`)."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from silkgraph.graph.store import open_read_only, sorted_nquads
from silkgraph.graph.vocab import PREFIXES

FORMATS = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}


def export_dataset(store_path: Path, format_name: str) -> bytes:
    """The store's contents as bytes. N-Quads are sorted (canonical: builds compare byte for byte).

    Turtle has no graphs, so it carries the union of all graphs as triples; TriG and JSON-LD keep
    the named graphs.
    """
    store = open_read_only(store_path)
    quads = list(store)
    if format_name == "nquads":
        return sorted_nquads(quads)
    quads.sort(key=str)
    if format_name == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return serialize(quads, format=FORMATS[format_name], prefixes=PREFIXES)
