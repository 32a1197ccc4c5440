"""SHACL validation of built datasets: a conforming dataset passes, each broken rule is named.

Each invalid fixture is *added* to valid.trig and breaks exactly one rule of the data contract, so
the expected report is exactly one line: the focus node, the path and the shape's message.
"""

from __future__ import annotations

import doctest
from importlib.resources import files
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad

import silkgraph.graph.geo
import silkgraph.graph.mapping
import silkgraph.graph.validate
import silkgraph.graph.values
import silkgraph.graph.vocab
from silkgraph.graph.validate import ValidationReport, validate_dataset
from silkgraph.graph.vocab import (
    GRAPH_CORPUS,
    GRAPH_ENTITIES,
    GRAPH_GAZETTEER,
    GRAPH_ONTOLOGY,
    ID,
    NIF,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    XSD,
)

FIXTURES = Path(__file__).parent / "fixtures"

INVALID = [
    (
        "invalid-two-zh-labels.trig",
        "id:person/zhao-yingmin rdfs:label: must have exactly one rdfs:label in Chinese (@zh)",
    ),
    (
        "invalid-city-without-label.trig",
        "id:place/no-oslo rdfs:label: must have exactly one rdfs:label in Chinese (@zh)",
    ),
    (
        "invalid-event-date-string.trig",
        "id:event/2019-05-seminar schema:startDate: schema:startDate must be at most one "
        'xsd:date, xsd:gYearMonth or xsd:gYear [value: "2019-05-10"]',
    ),
    (
        "invalid-membership-without-organisation.trig",
        "id:membership/zhao-yingmin-unknown org:organization: a position must have exactly one "
        "org:organization, an sg:Organisation",
    ),
    (
        "invalid-mention-start-after-end.trig",
        "id:mention/s1-i1-a1-m60-position oa:start: oa:start must not be greater than oa:end "
        '[value: "165"^^xsd:integer]',
    ),
    (
        "invalid-confidence-out-of-range.trig",
        "id:person/n-li-ming sg:confidence: sg:confidence must be a single xsd:double between "
        '0 and 1 [value: "1.5"^^xsd:double]',
    ),
    (
        "invalid-location-not-a-place.trig",
        "id:event/2019-04-25-forum schema:location: schema:location must point to an sg:Place "
        "[value: id:org/mee]",
    ),
    (
        "invalid-location-not-most-specific.trig",
        "id:event/2019-04-25-forum schema:location: schema:location must be the most specific "
        "place: this one contains another location of the event [value: id:place/cn]",
    ),
    (
        "invalid-partnership-not-organiser.trig",
        "id:event/2019-06-dialogue sg:responsiblePartnership: a sg:responsiblePartnership must "
        "also be a schema:organizer of the event "
        "[value: id:partnership/green-finance-and-investment]",
    ),
]


def _fixture(name: str) -> list[Quad]:
    return list(pyoxigraph.parse(path=FIXTURES / name))


def test_valid_fixture_conforms() -> None:
    report = validate_dataset(_fixture("valid.trig"))
    assert report == ValidationReport(conforms=True, results=())
    assert str(report) == "conforms"


def test_every_invalid_fixture_is_tested() -> None:
    assert {path.name for path in FIXTURES.glob("invalid-*.trig")} == {name for name, _ in INVALID}


@pytest.mark.parametrize(("fixture", "message"), INVALID)
def test_invalid_fixture_fails_with_its_message(fixture: str, message: str) -> None:
    report = validate_dataset(_fixture("valid.trig") + _fixture(fixture))
    assert not report.conforms
    assert report.results == (message,)
    assert str(report) == f"1 violation(s):\n{message}"


def test_validates_an_nquads_file(tmp_path: Path) -> None:
    path = tmp_path / "build.nq"
    quads = _fixture("valid.trig") + _fixture("invalid-two-zh-labels.trig")
    pyoxigraph.serialize(quads, path, format=pyoxigraph.RdfFormat.N_QUADS)
    assert validate_dataset(path).results == (INVALID[0][1],)
    assert validate_dataset(str(path)).results == (INVALID[0][1],)


# --- a dataset built in a pyoxigraph store, as the build does ----------------------------------


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _count(value: int) -> Literal:
    # What the mapping writes; the store hands it back as xsd:integer (see the test below).
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


def _mention(
    article: NamedNode, start: int, body: NamedNode, source: NamedNode, text: str
) -> list[Quad]:
    mention = ID[f"{article.value.removeprefix(ID.iri).replace('article/', 'mention/')}-m{start}"]
    target = NamedNode(mention.value + "-target")
    selector = NamedNode(mention.value + "-position")
    return [
        Quad(mention, RDF.type, SG.Mention, article),
        Quad(mention, OA.hasBody, body, article),
        Quad(mention, NIF.anchorOf, _zh(text), article),
        Quad(mention, SG.article, article, article),
        Quad(mention, OA.hasTarget, target, article),
        Quad(mention, SG.extractionMethod, Literal("gazetteer"), article),
        Quad(mention, SG.confidence, Literal("1", datatype=XSD.double), article),
        Quad(target, RDF.type, OA.SpecificResource, article),
        Quad(target, OA.hasSource, source, article),
        Quad(target, OA.hasSelector, selector, article),
        Quad(selector, RDF.type, OA.TextPositionSelector, article),
        Quad(selector, OA.start, _count(start), article),
        Quad(selector, OA.end, _count(start + len(text)), article),
    ]


def _built_quads(articles: int) -> list[Quad]:
    """Quads shaped like a build: gazetteer, corpus, entities and one graph per article."""
    quads: list[Quad] = []
    one = Literal("1", datatype=XSD.double)
    source, issue = ID["source/s"], ID["issue/s-i1"]
    mee, person, beijing = ID["org/mee"], ID["person/zhao-yingmin"], ID["place/cn-110000"]
    quads.extend(
        [
            Quad(source, RDF.type, SG.SourceDocument, GRAPH_CORPUS),
            Quad(source, SCHEMA.name, Literal("s.txt"), GRAPH_CORPUS),
            Quad(source, SG.sha256, Literal("0" * 64), GRAPH_CORPUS),
            Quad(issue, RDF.type, SG.NewsletterIssue, GRAPH_CORPUS),
            Quad(issue, RDFS.label, _zh("简报"), GRAPH_CORPUS),
            Quad(issue, PROV.wasDerivedFrom, source, GRAPH_CORPUS),
        ]
        + [
            quad
            for node, kind, label in [
                (mee, SG.GovernmentBody, "生态环境部"),
                (person, SG.Person, "赵英民"),
                (beijing, SG.Province, "北京市"),
            ]
            for quad in (
                Quad(node, RDF.type, kind, GRAPH_GAZETTEER),
                Quad(node, RDFS.label, _zh(label), GRAPH_GAZETTEER),
                Quad(node, SG.confidence, one, GRAPH_GAZETTEER),
            )
        ]
    )
    for index in range(articles):
        article = ID[f"article/s-i1-a{index}"]
        event, position = ID[f"event/e{index}"], ID[f"membership/m{index}"]
        first = _mention(article, 1000 * index, person, source, "赵英民")
        quads.extend(
            [
                Quad(article, RDF.type, SG.Article, article),
                Quad(article, RDFS.label, _zh(f"文章{index}"), article),
                Quad(article, SCHEMA.headline, _zh(f"文章{index}"), article),
                Quad(article, SCHEMA.isPartOf, issue, article),
                Quad(article, SG.originalStart, _count(1000 * index), article),
                Quad(article, SG.originalEnd, _count(1000 * index + 999), article),
                *first,
                *_mention(article, 1000 * index + 10, mee, source, "生态环境部"),
                Quad(event, RDF.type, SG.Seminar, GRAPH_ENTITIES),
                Quad(event, RDFS.label, _zh(f"研讨会{index}"), GRAPH_ENTITIES),
                Quad(
                    event,
                    SCHEMA.startDate,
                    Literal("2019-05", datatype=XSD.gYearMonth),
                    GRAPH_ENTITIES,
                ),
                Quad(event, SCHEMA.location, beijing, GRAPH_ENTITIES),
                Quad(event, SCHEMA.organizer, mee, GRAPH_ENTITIES),
                Quad(event, SG.confidence, Literal("0.8", datatype=XSD.double), GRAPH_ENTITIES),
                Quad(event, PROV.wasDerivedFrom, first[0].subject, GRAPH_ENTITIES),
                Quad(position, RDF.type, SG.Position, GRAPH_ENTITIES),
                Quad(position, ORG.member, person, GRAPH_ENTITIES),
                Quad(position, ORG.organization, mee, GRAPH_ENTITIES),
                Quad(position, SCHEMA.roleName, _zh("副部长"), GRAPH_ENTITIES),
                Quad(position, SG.confidence, Literal("0.9", datatype=XSD.double), GRAPH_ENTITIES),
                Quad(position, PROV.wasDerivedFrom, first[0].subject, GRAPH_ENTITIES),
            ]
        )
    return quads


def _built_store(articles: int) -> pyoxigraph.Store:
    """The quads in a pyoxigraph store, with the TBox in its own graph as the build does."""
    store = pyoxigraph.Store()
    tbox = files("silkgraph.ontology").joinpath("silkgraph.ttl").read_text(encoding="utf-8")
    store.load(tbox, format=pyoxigraph.RdfFormat.TURTLE, to_graph=GRAPH_ONTOLOGY)
    store.extend(_built_quads(articles))
    return store


def test_a_store_built_with_pyoxigraph_conforms_before_and_after_storing() -> None:
    written = _built_quads(articles=20)
    assert {q.object.datatype for q in written if q.predicate == OA.start} == {
        XSD.nonNegativeInteger
    }
    assert validate_dataset(written).conforms
    store = _built_store(articles=20)
    stored = {
        quad.object.datatype
        for quad in store.quads_for_pattern(None, OA.start, None)
        if isinstance(quad.object, Literal)
    }
    # Oxigraph keeps every integer-derived datatype as xsd:integer; the shapes ask for that, and
    # validate_dataset checks the written quads as the store will hold them.
    assert stored == {XSD.integer}
    assert validate_dataset(store).conforms


def test_a_broken_store_reports_each_broken_node() -> None:
    store = _built_store(articles=3)
    for index in range(3):
        event = ID[f"event/e{index}"]
        store.remove(Quad(event, RDFS.label, _zh(f"研讨会{index}"), GRAPH_ENTITIES))
    report = validate_dataset(store)
    assert report.results == tuple(
        f"id:event/e{index} rdfs:label: must have exactly one rdfs:label in Chinese (@zh)"
        for index in range(3)
    )


@pytest.mark.parametrize(
    "module",
    [
        silkgraph.graph.vocab,
        silkgraph.graph.validate,
        silkgraph.graph.values,
        silkgraph.graph.geo,
        silkgraph.graph.mapping,
    ],
)
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module, raise_on_error=False)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0
