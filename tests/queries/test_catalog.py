"""The canned-query catalog: headers, validation at load time, and binding values as RDF terms.

Binding is checked by running the bound query on a real pyoxigraph store: a value is a term,
never query text, whatever characters it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from silkgraph.queries.catalog import (
    XSD,
    CatalogError,
    Parameter,
    ParameterError,
    load_catalog,
    parse_canned_query,
    with_values,
)

BUILTIN = {
    "article-facts",
    "coalition-cohosts",
    "coalition-timeline",
    "events-by-kind",
    "events-by-partnership",
    "events-by-place",
    "events-by-year",
    "events-outside-china",
    "most-mentioned-organisations",
    "most-mentioned-people",
    "organisations-together",
    "partnership-convenors",
    "partnerships-by-year",
    "positions-at-organisation",
}

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def header(*params: str) -> str:
    lines = ["#+ title: Test", "#+ description: A query written by the test"]
    if params:
        lines.append("#+ params:")
        lines += [f"#+   {p}" for p in params]
    return "\n".join(lines) + "\n"


def test_the_builtin_catalog_loads() -> None:
    catalog = load_catalog()
    assert set(catalog) == BUILTIN
    for name, query in catalog.items():
        assert query.name == name
        assert query.title and query.description, name
        for parameter in query.parameters:
            assert parameter.default is not None, f"{name}: ${parameter.name} has no default"
            assert parameter.description, f"{name}: ${parameter.name} is not described"


# --- parameter values -------------------------------------------------------------------------

TERMS = [
    ("xsd:integer", "2019", Literal("2019", datatype=NamedNode(XSD + "integer"))),
    ("xsd:integer", " -7 ", Literal("-7", datatype=NamedNode(XSD + "integer"))),
    ("xsd:decimal", "0.85", Literal("0.85", datatype=NamedNode(XSD + "decimal"))),
    ("xsd:date", "2020-02-29", Literal("2020-02-29", datatype=NamedNode(XSD + "date"))),
    ("xsd:gYear", "2019", Literal("2019", datatype=NamedNode(XSD + "gYear"))),
    ("xsd:string", "北京", Literal("北京")),
    ("xsd:string", '"> } DROP ALL #', Literal('"> } DROP ALL #')),
    ("iri", "https://silkgraph.org/id/org/mee", NamedNode("https://silkgraph.org/id/org/mee")),
]


@pytest.mark.parametrize(("kind", "raw", "term"), TERMS)
def test_values_become_terms_of_the_declared_type(
    kind: str, raw: str, term: NamedNode | Literal
) -> None:
    assert Parameter("p", kind, None).term(raw) == term


BAD_VALUES = [
    ("xsd:integer", "2019.5", "not a valid xsd:integer"),
    ("xsd:integer", "1e3", "not a valid xsd:integer"),
    ("xsd:integer", "9" * 40, "not a valid xsd:integer"),
    ("xsd:decimal", "abc", "not a valid xsd:decimal"),
    ("xsd:date", "2019-02-30", "not a calendar date"),
    ("xsd:date", "25/04/2019", "not a valid xsd:date"),
    ("xsd:gYear", "19", "not a valid xsd:gYear"),
    ("iri", "not an iri", "not an absolute IRI"),
    ("iri", "https://e.org/a> } ASK {", "not an absolute IRI"),
    ("iri", "", "not an absolute IRI"),
]


@pytest.mark.parametrize(("kind", "raw", "message"), BAD_VALUES)
def test_bad_values_are_parameter_errors(kind: str, raw: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        Parameter("p", kind, None).term(raw)


# --- binding ------------------------------------------------------------------------------------

NOT_PROJECTED = header("year: {type: xsd:integer, default: 2019}") + (
    "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = $year) }"
)
PROJECTED = header("name: {type: xsd:string, default: 北京}") + (
    "SELECT ?s ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
    "FILTER(STR(?l) = $name) }"
)
COUNTING = header("name: {type: xsd:string, default: 北京}") + (
    "SELECT (COUNT(?s) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
    "FILTER(STR(?l) = STR($name)) }"
)


@pytest.mark.parametrize(
    ("text", "substituted", "inline"),
    [
        (NOT_PROJECTED, set(), {"year"}),
        (PROJECTED, {"name"}, set()),
        (COUNTING, set(), {"name"}),
    ],
    ids=["filter-only", "projected", "inside-an-aggregate-query"],
)
def test_projected_parameters_are_substituted_the_others_inlined(
    text: str, substituted: set[str], inline: set[str]
) -> None:
    bound = parse_canned_query("q", text).bind({})
    assert set(bound.substitutions) == substituted
    for name in inline:
        assert f"VALUES (${name})" in bound.text
    for name in substituted:
        assert f"VALUES (${name})" not in bound.text


def labelled_store(*labels: str) -> Store:
    store = Store()
    for i, label in enumerate(labels):
        store.add(Quad(NamedNode(f"http://example.org/{i}"), LABEL, Literal(label)))
    return store


HOSTILE = ["北京", '"北京"', '") } SELECT * WHERE { ?a ?b ?c', "x' || true || '", "a\nb\\"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("text", [PROJECTED, COUNTING], ids=["projected", "inlined"])
def test_a_value_matches_itself_and_nothing_else(text: str, value: str) -> None:
    """Whatever the characters, the value is one literal: it finds exactly its own label."""
    store = labelled_store(*HOSTILE)
    bound = parse_canned_query("q", text).bind({"name": value})
    rows = list(store.query(bound.text, substitutions=bound.pyoxigraph_substitutions()))
    if "COUNT" in text:
        assert [row["n"].value for row in rows] == ["1"]
    else:
        assert [row["s"].value for row in rows] == [f"http://example.org/{HOSTILE.index(value)}"]
        assert rows[0]["name"] == Literal(value)


def test_runnable_text_gives_the_rows_bind_gives() -> None:
    store = labelled_store("北京", "上海")
    query = parse_canned_query("q", PROJECTED)
    bound = query.bind({"name": "上海"})
    via_bind = list(store.query(bound.text, substitutions=bound.pyoxigraph_substitutions()))
    via_text = list(store.query(query.runnable_text({"name": "上海"})))
    assert (
        [r["s"] for r in via_bind]
        == [r["s"] for r in via_text]
        == [NamedNode("http://example.org/1")]
    )
    assert query.runnable_text().startswith("#+ title: Test")  # the header stays for readers


def test_ntriples_substitutions_are_what_the_executor_takes() -> None:
    bound = parse_canned_query("q", PROJECTED).bind({"name": 'say "hi"'})
    assert bound.ntriples_substitutions() == {"name": '"say \\"hi\\""'}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"year": "abc"}, "not a valid xsd:integer"),
        ({"yaer": "2019"}, "unknown parameter 'yaer'"),
    ],
)
def test_bind_refuses_bad_values(values: dict[str, str], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        parse_canned_query("q", NOT_PROJECTED).bind(values)


def test_a_parameter_without_default_is_required() -> None:
    query = parse_canned_query("q", NOT_PROJECTED.replace(", default: 2019", ""))
    with pytest.raises(ParameterError, match="'year' is required"):
        query.bind({})
    assert "2020" in query.bind({"year": "2020"}).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASK { ?s ?p $o }", 'ASK { VALUES ($o) { ("x") } ?s ?p $o }'),
        ("SELECT * { ?s ?p $o }", 'SELECT * { VALUES ($o) { ("x") } ?s ?p $o }'),
        (
            '# a WHERE { in a comment\nSELECT ?s WHERE { ?s ?p "WHERE {" FILTER(?s = $o) }',
            '# a WHERE { in a comment\nSELECT ?s WHERE { VALUES ($o) { ("x") } ?s ?p "WHERE {"'
            " FILTER(?s = $o) }",
        ),
    ],
    ids=["ask-short-form", "select-without-where", "where-in-comment-and-string"],
)
def test_values_open_the_top_level_group(text: str, expected: str) -> None:
    assert with_values(text, {"o": Literal("x")}) == expected


# --- validation at load time --------------------------------------------------------------------

BROKEN = [
    ("no-title", "#+ description: x\nASK {}", "needs a '#\\+ title:' line"),
    ("bad-yaml", "#+ title: [unclosed\nASK {}", "not valid YAML"),
    ("undeclared", header() + "ASK { ?s ?p $x }", r"\$x is used but not declared"),
    ("unused", header("x: {type: xsd:string, default: a}") + "ASK {}", "declared but never used"),
    (
        "clash",
        header("place: {type: xsd:string, default: 北京}")
        + "SELECT ?place WHERE { ?place ?p ?o FILTER(STR(?o) = $place) }",
        r"\$place is also written \?place",
    ),
    ("unknown-type", header("x: {type: xsd:foo, default: a}") + "ASK { ?s ?p $x }", "xsd:foo"),
    ("bad-default", header("x: {type: xsd:integer, default: abc}") + "ASK {?s ?p $x}", "default"),
    ("syntax", header() + "SELECT ?s WHERE { ?s ?p }", "not valid SPARQL"),
    ("params-not-a-map", "#+ title: t\n#+ params: [a, b]\nASK {}", "must map names"),
]


@pytest.mark.parametrize(("name", "text", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_are_refused_with_their_name(name: str, text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message) as caught:
        parse_canned_query(name, text)
    assert str(caught.value).startswith(f"{name}.rq: ")


def test_a_required_parameter_is_still_parse_checked() -> None:
    text = header("x: {type: iri}") + "SELECT ?s WHERE { GRAPH $x { ?s ?p } }"
    with pytest.raises(CatalogError, match="not valid SPARQL"):
        parse_canned_query("required", text)


def test_a_user_folder_adds_and_replaces_queries(tmp_path: Path) -> None:
    (tmp_path / "my-query.rq").write_text(header() + "ASK {}", encoding="utf-8")
    (tmp_path / "events-by-year.rq").write_text(
        "#+ title: Mine\n" + "SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8"
    )
    catalog = load_catalog([tmp_path])
    assert set(catalog) == BUILTIN | {"my-query"}
    assert catalog["events-by-year"].title == "Mine"


@pytest.mark.parametrize("filename", ["Upper.rq", "with space.rq", "_private.rq"])
def test_user_query_names_are_checked(tmp_path: Path, filename: str) -> None:
    (tmp_path / filename).write_text(header() + "ASK {}", encoding="utf-8")
    with pytest.raises(CatalogError, match="lowercase letters"):
        load_catalog([tmp_path])


def test_a_missing_user_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not a folder"):
        load_catalog([tmp_path / "absent"])
