"""Exporting the whole dataset in the standard RDF formats (`silkgraph export`).

JSON-LD is compacted with the local context (:mod:`silkgraph.graph.jsonld`), which is embedded:
terms instead of IRIs, multi-valued properties always arrays, confidences and coordinates as
numbers, one ``@graph`` entry per named graph. It reads back (pyld, pyoxigraph) as the same
quads as the N-Quads export.
"""

from __future__ import annotations

import json
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from silkgraph.graph.jsonld import compact
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
    the named graphs. JSON-LD is compacted with the local context (see the module docstring).
    """
    store = open_read_only(store_path)
    quads = list(store)
    if format_name == "nquads":
        return sorted_nquads(quads)
    if format_name == "jsonld":
        document = compact(sorted_nquads(quads))
        return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    quads.sort(key=str)
    if format_name == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return serialize(quads, format=FORMATS[format_name], prefixes=PREFIXES)
