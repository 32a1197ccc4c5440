"""The ontology files as data: the TBox, the local JSON-LD context and the events frame.

These tests hold the files to the data contract (README.md (Data model)): every class the contract
names exists, refines a standard vocabulary, and is labelled in Chinese and English; the JSON-LD
context round-trips the graph without loss and never reaches for a remote document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
from pyld import jsonld

from silkgraph.graph.vocab import ID, NIF, OA, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SG, SG_TERMS, SKOS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
STANDARD = (SCHEMA, ORG, PROV, SKOS, OA, NIF)

CONTRACT_CLASSES = {
    SCHEMA.Person: ["Person"],
    SCHEMA.Organization: [
        "Organisation",
        "GovernmentBody",
        "IntergovernmentalOrganisation",
        "NGO",
        "ThinkTank",
        "University",
        "Company",
        "FinancialInstitution",
        "MediaOrganisation",
        "CoalitionBody",
        "ThematicPartnership",
    ],
    SCHEMA.Place: [
        "Place",
        "Country",
        "Region",
        "Province",
        "City",
        "District",
        "Venue",
        "NaturalFeature",
    ],
    SCHEMA.Event: [
        "Event",
        "Meeting",
        "Forum",
        "Summit",
        "Conference",
        "Seminar",
        "RoundTable",
        "SideEvent",
        "Dialogue",
        "Training",
        "Workshop",
        "Launch",
        "Signing",
        "ReportRelease",
        "PressConference",
        "Exhibition",
        "Visit",
    ],
}
FAMILY_OF = [(name, family) for family, names in CONTRACT_CLASSES.items() for name in names]

# The refinements the data contract relies on: (sg term, the standard term it must reach).
REFINES = [
    ("Person", SCHEMA.Person),
    ("Organisation", SCHEMA.Organization),
    ("Organisation", ORG.Organization),
    ("GovernmentBody", SCHEMA.GovernmentOrganization),
    ("NGO", SCHEMA.NGO),
    ("University", SCHEMA.CollegeOrUniversity),
    ("ThematicPartnership", ORG.OrganizationalCollaboration),
    ("Country", SCHEMA.Country),
    ("City", SCHEMA.City),
    ("Province", SCHEMA.State),
    ("Event", SCHEMA.Event),
    ("Position", ORG.Membership),
    ("Article", SCHEMA.NewsArticle),
    ("NewsletterIssue", SCHEMA.PublicationIssue),
    ("Publication", SCHEMA.CreativeWork),
    ("Quote", SCHEMA.Quotation),
    ("Mention", OA.Annotation),
    ("SourceDocument", PROV.Entity),
]
SUBPROPERTY = [
    ("responsiblePartnership", SCHEMA.organizer),
    ("convenedBy", ORG.linkedTo),
    ("venue", SCHEMA.location),
    ("iso3166", SCHEMA.identifier),
    ("adcode", SCHEMA.identifier),
    ("sourceLine", SCHEMA.creditText),
    ("originalStart", NIF.beginIndex),
    ("originalEnd", NIF.endIndex),
    ("article", SCHEMA.isPartOf),
    ("sha256", SCHEMA.identifier),
]
# Properties with no standard parent, and why, are stated in their rdfs:comment.
NO_STANDARD_PARENT = {"confidence", "extractionMethod"}


@pytest.fixture(scope="module")
def tbox() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    text = files("silkgraph.ontology").joinpath("silkgraph.ttl").read_text(encoding="utf-8")
    store.load(text, format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _ask(store: pyoxigraph.Store, query: str, **bindings: pyoxigraph.NamedNode) -> bool:
    prefixes = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    substitutions = {pyoxigraph.Variable(name): value for name, value in bindings.items()}
    result = store.query(prefixes + query, substitutions=substitutions)
    assert isinstance(result, pyoxigraph.QueryBoolean)
    return bool(result)


def _defined(store: pyoxigraph.Store, kind: pyoxigraph.NamedNode) -> set[str]:
    return {
        quad.subject.value.removeprefix(SG.iri)
        for quad in store.quads_for_pattern(None, RDF.type, kind)
        if quad.subject in SG
    }


def _sg_classes(store: pyoxigraph.Store) -> set[str]:
    return _defined(store, OWL.Class)


def _sg_properties(store: pyoxigraph.Store) -> set[str]:
    return _defined(store, OWL.ObjectProperty) | _defined(store, OWL.DatatypeProperty)


@pytest.mark.parametrize("name", ["silkgraph.ttl", "shapes.ttl"])
def test_turtle_files_parse_the_same_in_oxigraph_and_rdflib(name: str) -> None:
    text = files("silkgraph.ontology").joinpath(name).read_text(encoding="utf-8")
    triples = list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 100
    assert len(triples) == len(rdflib.Graph().parse(data=text, format="turtle"))


def test_tbox_defines_exactly_the_terms_vocab_exposes(tbox: pyoxigraph.Store) -> None:
    assert _sg_classes(tbox) | _sg_properties(tbox) == SG_TERMS


def test_tbox_has_a_versioned_ontology_header(tbox: pyoxigraph.Store) -> None:
    header = pyoxigraph.NamedNode("https://silkgraph.org/ontology")
    assert _ask(tbox, "ASK { $o a <http://www.w3.org/2002/07/owl#Ontology> ; "
                "<http://www.w3.org/2002/07/owl#versionInfo> ?v }", o=header)  # fmt: skip


@pytest.mark.parametrize(("name", "family"), FAMILY_OF)
def test_contract_class_belongs_to_its_schema_family(
    tbox: pyoxigraph.Store, name: str, family: pyoxigraph.NamedNode
) -> None:
    assert _ask(tbox, "ASK { $c rdfs:subClassOf* $f }", c=SG[name], f=family)


@pytest.mark.parametrize(("name", "parent"), REFINES)
def test_class_refines_the_standard_term(
    tbox: pyoxigraph.Store, name: str, parent: pyoxigraph.NamedNode
) -> None:
    assert _ask(tbox, "ASK { $c rdfs:subClassOf+ $p }", c=SG[name], p=parent)


@pytest.mark.parametrize(("name", "parent"), SUBPROPERTY)
def test_property_refines_the_standard_term(
    tbox: pyoxigraph.Store, name: str, parent: pyoxigraph.NamedNode
) -> None:
    assert _ask(tbox, "ASK { $c rdfs:subPropertyOf+ $p }", c=SG[name], p=parent)


@pytest.mark.parametrize("name", sorted(term for term in SG_TERMS if term[0].isupper()))
def test_every_class_reaches_a_standard_vocabulary(tbox: pyoxigraph.Store, name: str) -> None:
    ancestors = {
        row["p"]
        for row in tbox.query(
            "SELECT ?c ?p WHERE { $c <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?p }",
            substitutions={pyoxigraph.Variable("c"): SG[name]},
        )
    }
    assert any(parent in ns for parent in ancestors for ns in STANDARD), ancestors


def test_every_property_refines_a_standard_term_unless_none_fits(tbox: pyoxigraph.Store) -> None:
    unrefined = {
        name
        for name in _sg_properties(tbox)
        if not any(
            quad.object in ns
            for quad in tbox.quads_for_pattern(SG[name], RDFS.subPropertyOf, None)
            for ns in STANDARD
        )
    }
    assert unrefined == NO_STANDARD_PARENT


@pytest.mark.parametrize("name", sorted(SG_TERMS))
def test_every_term_has_chinese_and_english_labels_and_a_comment(
    tbox: pyoxigraph.Store, name: str
) -> None:
    labels = [q.object for q in tbox.quads_for_pattern(SG[name], RDFS.label, None)]
    comments = [q.object for q in tbox.quads_for_pattern(SG[name], RDFS.comment, None)]
    assert sorted(label.language for label in labels) == ["en", "zh"]
    assert [comment.language for comment in comments] == ["en"]


def test_every_sg_term_in_the_data_contract_is_defined() -> None:
    contract = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bsg:([A-Za-z][A-Za-z0-9]*)", contract))
    assert used, "the data contract names no sg: terms"
    assert used <= SG_TERMS, used - SG_TERMS


def test_class_table_matches_the_data_contract() -> None:
    """The families table of README.md (Data model) lists exactly the classes tested here."""
    contract = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (person|organisation|place|event) \|(.*)\|$", contract, re.MULTILINE)
    listed = {name for _family, cells in rows for name in re.findall(r"`([A-Za-z]+)`", cells)}
    assert listed == {name for name, _family in FAMILY_OF}


# --- JSON-LD --------------------------------------------------------------------------------


def _refuse_remote(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    raise AssertionError(f"tried to load a remote document: {url}")


def _json(name: str) -> dict[str, Any]:
    return json.loads(files("silkgraph.ontology").joinpath(name).read_text(encoding="utf-8"))


def _contexts(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                yield value
            yield from _contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _contexts(item)


def _valid_quads() -> set[pyoxigraph.Quad]:
    return set(pyoxigraph.parse(path=FIXTURES / "valid.trig"))


def _to_jsonld(quads: set[pyoxigraph.Quad]) -> list[dict[str, Any]]:
    nquads = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS).decode()
    return jsonld.from_rdf(nquads, {"format": "application/n-quads"})


@pytest.mark.parametrize("name", ["context.jsonld", "frame-events.jsonld"])
def test_jsonld_files_reference_no_remote_document(name: str) -> None:
    contexts = list(_contexts(_json(name)))
    assert contexts and all(isinstance(context, dict) for context in contexts)


@pytest.mark.parametrize(
    ("prefix", "namespace"),
    [("sg", SG), ("id", ID), ("schema", SCHEMA), ("org", ORG), ("prov", PROV), ("skos", SKOS),
     ("oa", OA), ("nif", NIF), ("rdfs", RDFS)],
)  # fmt: skip
def test_context_prefixes_match_the_vocabulary(prefix: str, namespace: Any) -> None:
    assert _json("context.jsonld")["@context"][prefix] == namespace.iri


def test_context_compacts_labels_by_language_and_round_trips_the_graph() -> None:
    context = _json("context.jsonld")
    quads = _valid_quads()
    options = {"documentLoader": _refuse_remote}
    compacted = jsonld.compact(_to_jsonld(quads), context, options)
    mee = next(node for graph in compacted["@graph"] for node in graph.get("@graph", [graph])
               if node["@id"] == "id:org/mee")  # fmt: skip
    assert mee["label"] == {"zh": "生态环境部", "en": "Ministry of Ecology and Environment"}
    assert mee["addressCountry"] == "id:place/cn"
    back = jsonld.to_rdf(compacted, {**options, "format": "application/n-quads"})
    # compared as a store holds them: pyld writes a double 1.0e0 as "1.0E0", the store as "1"
    assert _stored(pyoxigraph.parse(back, format=pyoxigraph.RdfFormat.N_QUADS)) == _stored(quads)


def _stored(quads: Any) -> set[pyoxigraph.Quad]:
    store = pyoxigraph.Store()
    store.extend(quads)
    return set(store)


def test_frame_uses_the_shared_context() -> None:
    assert _json("frame-events.jsonld")["@context"] == _json("context.jsonld")["@context"]


def test_frame_selects_every_event_class(tbox: pyoxigraph.Store) -> None:
    events = {
        row["c"].value.removeprefix(SG.iri)
        for row in tbox.query(
            "SELECT ?c ?e WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* $e }",
            substitutions={pyoxigraph.Variable("e"): SG.Event},
        )
    }
    framed_types = {name.removeprefix("sg:") for name in _json("frame-events.jsonld")["@type"]}
    assert framed_types == events


def test_frame_embeds_places_and_organisers_with_their_labels() -> None:
    framed = jsonld.frame(
        _to_jsonld(_valid_quads()),
        _json("frame-events.jsonld"),
        {"documentLoader": _refuse_remote, "omitGraph": False},
    )
    [event] = framed["@graph"]
    assert event["@id"] == "id:event/2019-04-25-forum"
    assert event["location"] == [{
        "@id": "id:place/cn-110000",
        "@type": "sg:Province",
        "label": {"zh": "北京市", "en": "Beijing"},
    }]
    organisers = {org["@id"]: org["label"]["zh"] for org in event["organizer"]}
    assert organisers == {
        "id:org/mee": "生态环境部",
        "id:partnership/green-finance-and-investment": "绿色金融与投资专题伙伴关系",
    }
    # provenance stays a reference: the frame does not drag mentions into the event
    assert event["wasDerivedFrom"] == ["id:mention/s1-i1-a1-m10"]
    assert event["startDate"] == {"@type": "xsd:date", "@value": "2019-04-25"}
    assert event["venue"] == "北京国家会议中心"
