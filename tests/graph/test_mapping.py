"""Records -> quads: the data contract, checked on hand-made records of one tiny article."""

# The CONTRACT table holds one SPARQL pattern per line so each reads as the contract states it.
# ruff: noqa: E501

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from silkgraph.extract.records import EVENT_KINDS, ORGANISATION_KINDS, PLACE_KINDS
from silkgraph.graph.mapping import MappingStats, corpus_quads, ontology_quads
from silkgraph.graph.store import sorted_nquads
from silkgraph.graph.validate import validate_dataset
from silkgraph.graph.vocab import PREFIXES, SG_TERMS, sparql_prologue


def load_tiny() -> ModuleType:
    """The shared tiny records (a plain module beside this file, loaded by path)."""
    path = Path(__file__).with_name("tiny_records.py")
    spec = importlib.util.spec_from_file_location("tiny_records", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("tiny_records", module)
    spec.loader.exec_module(module)
    return module


tiny = load_tiny()


@pytest.fixture(scope="module")
def mapped() -> tuple[list[Quad], MappingStats]:
    stats = MappingStats()
    return corpus_quads(tiny.tiny_gazetteer(), [tiny.tiny_extraction()], stats), stats


@pytest.fixture(scope="module")
def store(mapped: tuple[list[Quad], MappingStats]) -> Store:
    store = Store()
    store.extend(ontology_quads() + mapped[0])
    return store


def ask(store: Store, where: str) -> bool:
    return bool(
        store.query(sparql_prologue() + f"ASK {{ {where} }}", use_default_graph_as_union=True)
    )


def test_golden_nquads(mapped: tuple[list[Quad], MappingStats]) -> None:
    expected = tiny.GOLDEN.read_bytes()
    assert sorted_nquads(mapped[0]) == expected, (
        "mapping output differs from tests/graph/golden/tiny.nq; if the change is intended, run "
        "`.venv/bin/python tests/graph/regen_golden.py` and review the diff"
    )


def test_the_tiny_dataset_satisfies_the_shapes(mapped: tuple[list[Quad], MappingStats]) -> None:
    report = validate_dataset(ontology_quads() + mapped[0])
    assert report.conforms, report.results


CONTRACT = [
    # (what, SPARQL graph pattern that must hold)
    ("typed via subClassOf*", "id:person\\/li-ganjie a/rdfs:subClassOf* schema:Person"),
    ("partnership is an organisation", "id:partnership\\/green-finance a/rdfs:subClassOf* schema:Organization"),
    ("zh label", 'id:org\\/mee rdfs:label "生态环境部"@zh'),
    ("en label", 'id:org\\/mee rdfs:label "Ministry of Ecology and Environment"@en'),
    ("alias", 'id:org\\/mee skos:altLabel "中国生态环境部"@zh'),
    ("convenor", "id:partnership\\/green-finance sg:convenedBy id:org\\/mee"),
    ("partnership under the coalition", "id:partnership\\/green-finance org:subOrganizationOf id:org\\/brigc"),
    ("city in country", "id:place\\/cn-110000 schema:containedInPlace id:place\\/cn"),
    ("position", 'id:membership\\/li-mee a org:Membership ; org:member id:person\\/li-ganjie ; org:organization id:org\\/mee ; schema:roleName "部长"@zh'),
    ("event date typed by precision", 'id:event\\/2019-09-10-tiny schema:startDate "2019-09-10"^^xsd:date'),
    ("event place", "id:event\\/2019-09-10-tiny schema:location id:place\\/cn-110000"),
    ("partnership organised it", "id:event\\/2019-09-10-tiny schema:organizer id:partnership\\/green-finance ; sg:responsiblePartnership id:partnership\\/green-finance"),
    ("held, since one report says so", "FILTER NOT EXISTS { id:event\\/2019-09-10-tiny schema:eventStatus schema:EventScheduled }"),
    ("merged names: one label, others alt", 'id:event\\/2019-09-10-tiny rdfs:label "绿色金融研讨会"@zh ; skos:altLabel "研讨会"@zh'),
    ("provenance to a mention", "id:event\\/2019-09-10-tiny prov:wasDerivedFrom ?m . ?m a sg:Mention"),
    ("mention offsets", "?m oa:hasBody id:person\\/li-ganjie ; oa:hasTarget/oa:hasSelector [ oa:start ?s ; oa:end ?e ] FILTER(?e - ?s = 3)"),
    ("article graph holds the mentions", "GRAPH id:article\\/tiny-i1-a1 { ?m oa:hasBody id:org\\/mee }"),
    ("issue date", 'id:issue\\/tiny-i1 schema:datePublished "2019-09"^^xsd:gYearMonth'),
    ("quote with speaker", "?q a sg:Quote ; schema:creator id:person\\/li-ganjie ; sg:article id:article\\/tiny-i1-a1"),
    ("discovered entity with provenance", "id:person\\/n-wang-xiao-ming sg:extractionMethod ?how ; prov:wasDerivedFrom ?m"),
]


@pytest.mark.parametrize(("what", "pattern"), CONTRACT, ids=[c[0] for c in CONTRACT])
def test_data_contract(store: Store, what: str, pattern: str) -> None:
    assert ask(store, pattern), what


def test_a_position_without_organisation_is_left_out_and_counted(
    store: Store, mapped: tuple[list[Quad], MappingStats]
) -> None:
    assert not ask(store, "id:membership\\/wang ?p ?o")
    assert mapped[1].dropped == {"position without a described organisation": 1}
    assert (mapped[1].events, mapped[1].memberships, mapped[1].quotes) == (1, 1, 1)


def test_no_blank_nodes_and_no_duplicates(mapped: tuple[list[Quad], MappingStats]) -> None:
    quads = mapped[0]
    assert len(quads) == len(set(quads))
    assert all(isinstance(q.subject, NamedNode) for q in quads)
    assert all(isinstance(q.object, NamedNode | Literal) for q in quads)


def test_record_kinds_are_ontology_classes() -> None:
    kinds = EVENT_KINDS | ORGANISATION_KINDS | PLACE_KINDS | {"Person"}
    assert kinds <= SG_TERMS


def test_prefixes_cover_the_contract_namespaces() -> None:
    assert {"sg", "id", "schema", "org", "prov", "skos", "oa", "nif"} <= set(PREFIXES)


def test_implied_entities_cite_what_implies_them_and_untraceable_ones_are_left_out() -> None:
    from silkgraph.extract.records import Entity
    from silkgraph.graph.mapping import _traceable

    university = Entity("org/n-u", "University", "某某大学", known=False)
    school = Entity("org/n-s", "University", "某某大学环境学院", parent_id="org/n-u", known=False)
    orphan = Entity("org/n-o", "NGO", "无据协会", known=False)
    partnership = Entity("org/n-p", "ThematicPartnership", "某专题伙伴关系", known=False)
    stats = MappingStats()
    kept, evidence = _traceable(
        [university, school, orphan, partnership],
        {"org/n-s": ["a-m1-9"], "org/n-p": ["a-m20-27"]},
        {"org/brigc"},
        stats,
    )
    assert [e.id for e in kept] == ["org/n-u", "org/n-s", "org/n-p"]
    assert evidence["org/n-u"] == ["a-m1-9"]
    assert kept[2].parent_id == "org/brigc"
    assert stats.dropped == {"rule-found entity traceable to no mention": 1}


def test_an_event_is_located_at_the_most_specific_place(store: Store) -> None:
    """One report says 中国, the other 北京: the event is in 北京, which is in 中国."""
    rows = store.query(
        sparql_prologue()
        + "SELECT ?place WHERE { ?event a sg:Seminar ; schema:location ?place }",
        use_default_graph_as_union=True,
    )
    assert [r["place"].value for r in rows] == ["https://silkgraph.org/id/place/cn-110000"]
    assert ask(store, "<https://silkgraph.org/id/place/cn-110000> schema:containedInPlace <https://silkgraph.org/id/place/cn>")


def test_only_gazetteer_entities_the_text_speaks_of_are_stated(store: Store) -> None:
    """Mentioned (生态环境部), or implied by what is (中国, the coalition, a convenor); not the rest."""
    for entity in ("org/mee", "place/cn", "org/brigc", "partnership/green-finance"):
        assert ask(store, f"<https://silkgraph.org/id/{entity}> a ?kind")
    for entity in ("org/unep", "place/us"):
        assert not ask(store, f"<https://silkgraph.org/id/{entity}> ?p ?o")


@pytest.mark.parametrize(
    ("places", "containers", "expected"),
    [
        (["place/ke", "place/nairobi"], {"place/nairobi": ["place/ke"]}, ["place/nairobi"]),
        # a district in a city in a country: only the district
        (["place/cn", "place/cn-110000", "place/cn-110105"],
         {"place/cn-110105": ["place/cn-110000"], "place/cn-110000": ["place/cn"]},
         ["place/cn-110105"]),
        # two distinct cities the text names stay two locations
        (["place/oslo", "place/cn-110000"],
         {"place/oslo": ["place/no"], "place/cn-110000": ["place/cn"]},
         ["place/cn-110000", "place/oslo"]),
        (["place/no"], {}, ["place/no"]),
    ],
)
def test_most_specific_places(
    places: list[str], containers: dict[str, list[str]], expected: list[str]
) -> None:
    from silkgraph.graph.mapping import most_specific

    assert most_specific(places, containers) == expected
