"""The Python client (``from silkgraph import Client``) on the seed graph: a store folder and a
real server over it give the same typed frames; a cut result is never passed off as whole."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import rdflib

from silkgraph import Client
from silkgraph.client import ClientError, TruncatedResultError, TruncatedResultWarning
from silkgraph.queries.catalog import load_catalog

pytestmark = pytest.mark.slow

COUNT_BY_YEAR = """
PREFIX schema: <http://schema.org/>
SELECT ?year (COUNT(DISTINCT ?event) AS ?events) (AVG(?confidence) AS ?meanConfidence)
WHERE { ?event schema:startDate ?start ; <https://silkgraph.org/ontology#confidence> ?confidence
        BIND(YEAR(?start) AS ?year) }
GROUP BY ?year ORDER BY ?year
"""


@pytest.fixture(scope="module")
def clients(seed_store: Path, seed_server) -> Iterator[dict[str, Client]]:  # type: ignore[no-untyped-def]
    with Client(seed_store) as local, Client(seed_server.url) as remote:
        yield {"store": local, "server": remote}


def test_both_sources_list_the_catalog_with_types_and_defaults(clients: dict[str, Client]) -> None:
    catalog = load_catalog()
    for client in clients.values():
        listed = {q.name: q for q in client.queries()}
        assert set(listed) == set(catalog)
        year = listed["events-by-year"].parameters[0]
        assert (year.name, year.type, year.default) == ("year", "xsd:integer", "2019")


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_canned_query_gives_the_same_frame_from_store_and_server(
    clients: dict[str, Client], name: str
) -> None:
    local, remote = clients["store"].canned(name), clients["server"].canned(name)
    assert isinstance(local, pd.DataFrame) and len(local) > 0
    pd.testing.assert_frame_equal(local, remote)


def test_columns_are_typed_and_dates_keep_their_precision(clients: dict[str, Client]) -> None:
    events = clients["server"].canned("events-by-year", year=2019)
    assert len(events) == events["event"].nunique() == 72  # one row per event
    assert str(events["start"].dtype) == "datetime64[ns]"
    assert set(events["start_precision"]) <= {"day", "month", "year"}
    assert events["scheduled"].dtype == "boolean"
    day = events[events["start_precision"] == "day"].iloc[0]
    assert day["start"].year == 2019
    by_year = clients["store"].sparql(COUNT_BY_YEAR)
    assert str(by_year["year"].dtype) == "Int64" and str(by_year["events"].dtype) == "Int64"
    assert by_year["meanConfidence"].dtype == "float64"
    assert by_year["meanConfidence"].between(0, 1).all()
    pd.testing.assert_frame_equal(by_year, clients["server"].sparql(COUNT_BY_YEAR))


def test_ask_is_a_bool_and_construct_a_graph(clients: dict[str, Client]) -> None:
    for client in clients.values():
        assert client.sparql("ASK { ?s ?p ?o }") is True
        graph = client.sparql(
            "CONSTRUCT { ?s a ?t } WHERE { ?s a <https://silkgraph.org/ontology#Forum> ; a ?t }"
        )
        assert isinstance(graph, rdflib.Graph) and len(graph) > 5


def test_errors_say_what_was_wrong(clients: dict[str, Client]) -> None:
    for client in clients.values():
        with pytest.raises(ClientError, match="no canned query named"):
            client.canned("no-such-query")
        with pytest.raises(ClientError, match="xsd:integer"):
            client.canned("events-by-year", year="twenty")
        with pytest.raises(ClientError):
            client.sparql("SELECT WHERE {")


def test_a_cut_result_raises_or_warns(launch_seed) -> None:  # type: ignore[no-untyped-def]
    with launch_seed(SILKGRAPH_MAX_ROWS="10") as live:
        with Client(live.url) as client, pytest.raises(TruncatedResultError):
            client.canned("events-by-year")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with Client(live.url, on_truncated="warn") as client:
                frame = client.canned("events-by-year")
        assert len(frame) == 10
        assert [w.category for w in caught] == [TruncatedResultWarning]


def test_frames_docstring_examples_run() -> None:
    import doctest

    import silkgraph.frames

    assert doctest.testmod(silkgraph.frames).failed == 0


def test_the_core_does_not_import_pandas() -> None:
    """``import silkgraph`` (the CLI, the server) stays lean; the client loads pandas itself."""
    import subprocess
    import sys

    code = "import sys, silkgraph, silkgraph.build; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_store_client_reads_user_query_folders(seed_store: Path, tmp_path: Path) -> None:
    (tmp_path / "forums.rq").write_text(
        "#+ title: Forums\n#+ params:\n#+   kind: {type: iri, default: "
        '"https://silkgraph.org/ontology#Forum"}\nSELECT ?event WHERE { ?event a $kind }',
        encoding="utf-8",
    )
    with Client(seed_store, query_folders=[tmp_path]) as client:
        assert "forums" in {q.name for q in client.queries()}
        assert len(client.canned("forums")) > 5
