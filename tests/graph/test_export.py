"""``silkgraph export --format jsonld``: compacted with the local context, and a lossless round
trip — parsed back by pyld and by pyoxigraph, it holds exactly the quads of the N-Quads export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld as pyld
from pyoxigraph import RdfFormat, Store, parse

from silkgraph.graph.export import export_dataset
from silkgraph.graph.jsonld import context, document_loader
from silkgraph.graph.store import sorted_nquads

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(seed_store: Path) -> tuple[dict, bytes]:
    return json.loads(export_dataset(seed_store, "jsonld")), export_dataset(seed_store, "nquads")


def _canonical(quads: object) -> bytes:
    """The quads as the store keeps them (doubles canonical: pyld writes 0.9 as "9.0E-1")."""
    store = Store()
    store.extend(quads)  # type: ignore[arg-type]
    return sorted_nquads(list(store))


def test_the_export_is_compacted_with_the_embedded_local_context(exported: tuple) -> None:
    document, _ = exported
    assert document["@context"] == context()
    graphs = {graph["@id"]: graph["@graph"] for graph in document["@graph"]}
    entities = {node["@id"]: node for node in graphs["https://silkgraph.org/graph/entities"]}
    event = next(node for node in entities.values() if "location" in node and "organizer" in node)
    assert isinstance(event["location"], list) and isinstance(event["organizer"], list)
    assert isinstance(event["subjectOf"], list)
    assert isinstance(event["confidence"], float) and 0 < event["confidence"] <= 1
    gazetteer = {n["@id"]: n for n in graphs["https://silkgraph.org/graph/gazetteer"]}
    assert gazetteer["id:place/cn"]["label"]["zh"] == "中国"
    beijing = gazetteer["id:place/cn-110000#geo"]
    assert isinstance(beijing["latitude"], float) and isinstance(beijing["longitude"], float)


def test_the_jsonld_export_reads_back_as_the_nquads_export(exported: tuple) -> None:
    document, nquads = exported
    expected = _canonical(parse(nquads, format=RdfFormat.N_QUADS))
    by_pyld = pyld.to_rdf(
        document, {"documentLoader": document_loader, "format": "application/n-quads"}
    )
    assert _canonical(parse(by_pyld.encode("utf-8"), format=RdfFormat.N_QUADS)) == expected
    text = json.dumps(document).encode("utf-8")
    assert _canonical(parse(text, format=RdfFormat.JSON_LD)) == expected
