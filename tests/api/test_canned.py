"""Canned queries over HTTP, against a live server on the hand-written graph ``pages.trig``.

The data table says, for every query of the catalog, which rows its defaults must return on that
graph (worked out from the graph by hand, not copied from a run). Formats are parsed with
pyoxigraph's and the standard library's own parsers.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from pyoxigraph import (
    QueryResultsFormat,
    QuerySolutions,
    parse_query_results,
)

from silkgraph.api.app import create_app
from silkgraph.api.settings import Settings
from silkgraph.queries.catalog import CatalogError, load_catalog

if TYPE_CHECKING:
    from conftest import Hostile, LiveServer

ID = "https://silkgraph.org/id/"
SPARQL_JSON = "application/sparql-results+json"


@pytest.fixture
def http(pages_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=pages_server.url, timeout=30) as client:
        yield client


FORUM = ID + "event/2019-04-25-green-road-forum"
SEMINAR = ID + "event/2019-11-05-green-finance-seminar"
DIALOGUE = ID + "event/2020-06-biodiversity-dialogue"
WANG = ID + "person/n-%E7%8E%8B%E5%B0%8F%E6%98%8E"

#: name -> (parameters, the columns compared, the rows expected in order).
EXPECTED: dict[str, tuple[dict[str, str], tuple[str, ...], list[tuple[str, ...]]]] = {
    "article-facts": (
        {},
        ("subject", "start", "fact"),
        [
            (FORUM, "1028", FORUM),
            (ID + "place/cn-110000", "1036", ""),
            (ID + "org/brigc", "1047", ""),
            (ID + "org/mee", "1062", ""),
            (ID + "org/mee", "1072", ""),
            (ID + "person/li-ganjie", "1079", ID + "membership/li-ganjie-mee"),
        ],
    ),
    "coalition-cohosts": (
        {},
        ("label", "events"),
        [("世界自然基金会", "1"), ("生态环境部", "1"), ("联合国环境规划署", "1")],
    ),
    "coalition-timeline": (
        {},
        ("start", "event", "organisers"),
        [
            ("2019-04-25", FORUM, "“一带一路”绿色发展国际联盟"),
            ("2019-11-05", SEMINAR, "绿色金融与投资专题伙伴关系"),
            ("2020-06", DIALOGUE, "生物多样性和生态系统管理专题伙伴关系"),
        ],
    ),
    "events-by-kind": ({}, ("event", "placeLabel"), [(FORUM, "北京")]),
    "events-by-partnership": ({}, ("event", "placeLabel"), [(SEMINAR, "内罗毕")]),
    "events-by-place": ({}, ("event", "where"), [(FORUM, "北京")]),
    "events-by-year": (
        {},
        ("event", "kind", "end", "scheduled"),
        [(FORUM, "Forum", "", "false"), (SEMINAR, "Seminar", "2019-11-06", "false")],
    ),
    "events-outside-china": ({}, ("event", "countryLabel"), [(SEMINAR, "肯尼亚")]),
    "most-mentioned-organisations": (
        {},
        ("label", "mentions", "articles"),
        [
            ("生态环境部", "2", "1"),
            ("“一带一路”绿色发展国际联盟", "1", "1"),
            ("生态环境部对外合作与交流中心", "1", "1"),
            ("绿色金融与投资专题伙伴关系", "1", "1"),
            ("联合国环境规划署", "1", "1"),
        ],
    ),
    "most-mentioned-people": (
        {},
        ("label", "mentions"),
        [("李干杰", "1"), ("王小明", "1")],
    ),
    "organisations-together": (
        {},
        ("a", "b", "events"),
        [
            (ID + "org/brigc", ID + "org/mee", "1"),
            (ID + "org/wwf", ID + "partnership/biodiversity", "1"),
            (ID + "org/unep", ID + "partnership/green-finance-and-investment", "1"),
        ],
    ),
    "partnership-convenors": (
        {},
        ("partnership", "convenorLabel", "convenorEnglish"),
        [
            (ID + "partnership/biodiversity", "世界自然基金会", "WWF"),
            (
                ID + "partnership/green-finance-and-investment",
                "联合国环境规划署",
                "United Nations Environment Programme",
            ),
        ],
    ),
    "partnerships-by-year": (
        {},
        ("partnership", "events", "eventNames"),
        [(ID + "partnership/green-finance-and-investment", "1", "绿色金融研讨会")],
    ),
    "positions-at-organisation": (
        {},
        ("person", "role", "unit"),
        [
            (ID + "person/li-ganjie", "部长", "生态环境部"),
            (WANG, "主任", "生态环境部对外合作与交流中心"),
        ],
    ),
}

#: Other parameter values, and what they must find.
WITH_VALUES = [
    ("events-by-year", {"year": "2020"}, ("event", "scheduled"), [(DIALOGUE, "true")]),
    ("events-by-year", {"year": "2018"}, ("event",), []),
    ("events-by-place", {"place": "Beijing"}, ("event",), [(FORUM,)]),
    ("events-by-place", {"place": "中国"}, ("event", "where"), [(FORUM, "北京")]),
    ("events-by-place", {"place": "肯尼亚"}, ("event", "where"), [(SEMINAR, "内罗毕")]),
    ("events-by-kind", {"kind": "seminar"}, ("event",), [(SEMINAR,)]),
    ("events-by-kind", {"kind": "论坛"}, ("event",), [(FORUM,)]),
    ("events-by-partnership", {"partnership": "绿色金融伙伴关系"}, ("event",), [(SEMINAR,)]),
    (
        "positions-at-organisation",
        {"organisation": "生态环境部对外合作与交流中心"},
        ("person", "role"),
        [(WANG, "主任")],
    ),
    (
        "partnerships-by-year",
        {"year": "2020"},
        ("label",),
        [("生物多样性和生态系统管理专题伙伴关系",)],
    ),
    (
        "article-facts",
        {"article": ID + "article/001_137bdf9c89c960ef-i2-a1"},
        ("start",),
        [("5006",), ("5020",), ("5044",), ("5060",)],
    ),
    # hostile text is one literal: it matches no label, and breaks nothing
    ("events-by-place", {"place": '北京") } UNION { ?event ?p ?o'}, ("event",), []),
]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(page: str) -> str:
    """The text a reader sees (entities decoded, tags dropped)."""
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def rows(body: bytes, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    answer = parse_query_results(body, QueryResultsFormat.JSON)
    assert isinstance(answer, QuerySolutions)
    return [tuple(row[c].value if row[c] is not None else "" for c in columns) for row in answer]


def test_the_table_covers_the_whole_catalog() -> None:
    assert set(EXPECTED) == set(load_catalog())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_returns_its_rows_with_its_defaults(http: httpx.Client, name: str) -> None:
    params, columns, expected = EXPECTED[name]
    answer = http.get(f"/queries/{name}", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == SPARQL_JSON
    assert answer.headers["x-silkgraph-truncated"] == "false"
    assert rows(answer.content, columns) == expected


@pytest.mark.parametrize(
    ("name", "params", "columns", "expected"),
    WITH_VALUES,
    ids=[f"{case[0]}-{'-'.join(case[1].values())[:20]}" for case in WITH_VALUES],
)
def test_parameters_change_the_answer(
    http: httpx.Client,
    name: str,
    params: dict[str, str],
    columns: tuple[str, ...],
    expected: list[tuple[str, ...]],
) -> None:
    answer = http.get(f"/queries/{name}", params=params)
    assert answer.status_code == 200, answer.text
    assert rows(answer.content, columns) == expected


def test_csv_and_html_carry_the_same_rows(http: httpx.Client) -> None:
    as_csv = http.get("/queries/positions-at-organisation", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [(r["name"], r["role"]) for r in table] == [("李干杰", "部长"), ("王小明", "主任")]
    as_html = http.get("/queries/positions-at-organisation", headers={"Accept": "text/html"})
    assert as_html.headers["content-type"].startswith("text/html")
    page = as_html.text
    assert "<td>" in page and "李干杰" in page and "王小明" in page and "主任" in page
    # minted IRIs link to their own page on this server
    assert 'href="/id/person/li-ganjie"' in page
    assert 'href="/id/person/n-%E7%8E%8B%E5%B0%8F%E6%98%8E"' in page
    # the form is filled with the value used
    assert 'name="organisation" value="生态环境部"' in page


@pytest.mark.parametrize(
    ("accept", "format_", "media_type"),
    [
        (None, None, SPARQL_JSON),
        ("*/*", None, SPARQL_JSON),
        ("application/json", None, SPARQL_JSON),
        ("text/csv", None, "text/csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, "text/html"),
        ("text/csv;q=0.5, application/sparql-results+json", None, SPARQL_JSON),
        ("text/html", "csv", "text/csv"),
        ("text/csv", "json", SPARQL_JSON),
        ("application/json", "html", "text/html"),
    ],
)
def test_formats_are_negotiated_or_named(
    http: httpx.Client, accept: str | None, format_: str | None, media_type: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    params = {"format": format_} if format_ else {}
    answer = http.get("/queries/events-by-year", headers=headers, params=params)
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in answer.headers["vary"]


@pytest.mark.parametrize(
    ("path", "params", "headers", "status", "words"),
    [
        ("/queries/no-such-query", {}, {}, 404, "no canned query named 'no-such-query'"),
        ("/queries/events-by-year", {"year": "twenty"}, {}, 422, "not a valid xsd:integer"),
        ("/queries/events-by-year", {"yaer": "2019"}, {}, 422, "unknown parameter 'yaer'"),
        ("/queries/article-facts", {"article": "not an iri"}, {}, 422, "not an absolute IRI"),
        ("/queries/events-by-year", {"format": "xml"}, {}, 400, "unknown format 'xml'"),
        ("/queries/events-by-year", {}, {"Accept": "image/png"}, 406, "text/csv"),
        ("/queries", {}, {"Accept": "text/csv"}, 406, "application/json"),
    ],
)
def test_refusals_say_why(
    http: httpx.Client,
    path: str,
    params: dict[str, str],
    headers: dict[str, str],
    status: int,
    words: str,
) -> None:
    answer = http.get(path, params=params, headers=headers)
    assert answer.status_code == status
    assert words in answer.text


def test_a_parameter_given_twice_is_refused(http: httpx.Client) -> None:
    answer = http.get("/queries/events-by-year?year=2019&year=2020")
    assert answer.status_code == 422
    assert "'year' is given more than once" in answer.text


def test_the_listing_describes_every_query(http: httpx.Client) -> None:
    answer = http.get("/queries")
    assert answer.headers["content-type"] == "application/json"
    listing = {q["name"]: q for q in answer.json()["queries"]}
    catalog = load_catalog()
    assert set(listing) == set(catalog)
    year = listing["events-by-year"]
    assert year["title"] == catalog["events-by-year"].title
    assert year["parameters"] == [
        {
            "name": "year",
            "type": "xsd:integer",
            "default": "2019",
            "required": False,
            "description": "calendar year of the start date",
        }
    ]
    assert year["url"] == "/queries/events-by-year"
    assert year["links"]["csv"] == "/queries/events-by-year?format=csv"
    assert year["sparql"] == catalog["events-by-year"].text
    # every link in the listing answers
    for link in year["links"].values():
        assert http.get(link).status_code == 200


def test_the_listing_page_shows_titles_parameters_and_links(http: httpx.Client) -> None:
    page = http.get("/queries", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html")
    for query in load_catalog().values():
        assert query.title in text_of(page.text)
        assert f'href="/queries/{query.name}?format=html"' in page.text
    assert "<code>year</code>" in page.text and "xsd:integer" in page.text


def test_the_html_table_escapes_what_the_data_holds(http: httpx.Client) -> None:
    """A parameter echoed into the page is text, never markup."""
    answer = http.get(
        "/queries/events-by-place", params={"place": "<script>alert(1)</script>", "format": "html"}
    )
    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text


def test_the_listing_json_is_the_catalog_text(http: httpx.Client) -> None:
    """What /queries says a query is, is what runs: the SPARQL endpoint gives the same rows."""
    catalog = load_catalog()
    text = catalog["coalition-cohosts"].runnable_text()
    direct = http.get("/sparql", params={"query": text}, headers={"Accept": SPARQL_JSON})
    canned = http.get("/queries/coalition-cohosts")
    assert json.loads(direct.content)["results"] == json.loads(canned.content)["results"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#+ title: broken\nSELECT ?s WHERE { ?s ?p }", "broken-query.rq: is not valid SPARQL"),
        ("SELECT * WHERE { ?s ?p ?o }", "broken-query.rq: header needs a '#+ title:' line"),
        # an ASK is evaluated as soon as it is parsed: SERVICE is refused before that
        (
            "#+ title: far\nASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
            "broken-query.rq: uses SERVICE",
        ),
        ("#+ title: deep\nASK " + "{" * 300 + "}" * 300, "broken-query.rq: nests brackets"),
    ],
    ids=["syntax", "no-title", "service", "nesting"],
)
def test_a_broken_query_file_stops_the_start_up(
    tmp_path: Path, store_path: Path, text: str, message: str
) -> None:
    """The app's own lifespan (what uvicorn runs at start-up) fails, naming the file."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "broken-query.rq").write_text(text, encoding="utf-8")
    app = create_app(Settings(store=store_path, query_folders=(folder,), workers=1))

    async def start() -> None:
        async with app.router.lifespan_context(app):
            pass

    with pytest.raises(CatalogError) as caught:
        asyncio.run(start())
    assert str(caught.value).startswith(message)


def test_user_query_folders_are_served(tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "labels.rq").write_text(
        "#+ title: Labels\n#+ params:\n#+   lang: {type: xsd:string, default: zh}\n"
        "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
        "FILTER(LANG(?label) = $lang) } ORDER BY ?label",
        encoding="utf-8",
    )
    app = create_app(Settings(store=store_path, query_folders=(folder,), workers=1))

    async def labels() -> list[str]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                answer = await client.get("/queries/labels", params={"lang": "en"})
        return [b["label"]["value"] for b in answer.json()["results"]["bindings"]]

    assert asyncio.run(labels()) == ["Ministry of Ecology and Environment"]


LABELS_RQ = """#+ title: Labels of a type
#+ params:
#+   type: {type: iri, default: "https://silkgraph.org/ontology#Organisation"}
SELECT ?thing ?label WHERE { ?thing a $type ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
ORDER BY ?label
"""


def test_the_html_table_escapes_labels_from_the_graph(
    tmp_path: Path, pages_store: Path, hostile: Hostile
) -> None:
    """Labels holding markup come back from the store into a canned table as text."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "labels.rq").write_text(LABELS_RQ, encoding="utf-8")
    app = create_app(Settings(store=pages_store, query_folders=(folder,), workers=1))

    async def table() -> str:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                answer = await client.get("/queries/labels", params={"format": "html"})
        assert answer.status_code == 200
        return answer.text

    page = asyncio.run(table())
    for label in hostile.labels[:2]:
        assert label not in page
        assert label in text_of(page)
    assert "<script>alert" not in page and "<img" not in page


def test_query_folders_come_from_the_environment(
    tmp_path: Path, launch: Callable[..., AbstractContextManager[LiveServer]]
) -> None:
    """SILKGRAPH_QUERY_FOLDERS, a path list like PATH, adds an operator's queries to /queries."""
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder, name in zip(folders, ("labels", "labels-too"), strict=True):
        folder.mkdir()
        (folder / f"{name}.rq").write_text(LABELS_RQ, encoding="utf-8")
    with launch(SILKGRAPH_QUERY_FOLDERS=os.pathsep.join(map(str, folders))) as live:
        listing = httpx.get(live.url + "/queries", timeout=30).json()["queries"]
        assert {"labels", "labels-too"} <= {q["name"] for q in listing}
        answer = httpx.get(live.url + "/queries/labels-too", timeout=30)
    labels = {b["label"]["value"] for b in answer.json()["results"]["bindings"]}
    assert "生态环境部" in labels


def test_flat_json_is_a_list_of_typed_objects(http: httpx.Client) -> None:
    """Datasette's _shape: tools get plain values, not SPARQL JSON's nested strings."""
    params = {"_shape": "objects", "year": "2019"}
    objects = http.get("/queries/partnerships-by-year", params=params)
    assert objects.status_code == 200 and objects.headers["content-type"] == "application/json"
    body = objects.json()
    assert body["truncated"] is False and body["rows"]
    row = body["rows"][0]
    assert set(row) == {"partnership", "label", "events", "eventNames"}
    assert isinstance(row["events"], int) and row["partnership"].startswith(ID)
    array = http.get("/queries/partnerships-by-year", params={"_shape": "array", "year": "2019"})
    assert array.json() == body["rows"]
    assert array.headers["x-silkgraph-truncated"] == "false"
    events = http.get("/queries/events-by-year", params={"_shape": "array"}).json()
    assert {type(e["scheduled"]) for e in events} == {bool}
    assert all(isinstance(e["start"], str) for e in events)  # "2019-04-25", "2019-09": as given
    assert http.get("/queries/events-by-year", params={"_shape": "table"}).status_code == 400


def test_flat_json_says_when_the_rows_were_cut(tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "everything.rq").write_text(
        "#+ title: Everything\nSELECT * WHERE { ?s ?p ?o }", encoding="utf-8"
    )
    app = create_app(Settings(store=store_path, query_folders=(folder,), workers=1, max_rows=7))

    async def everything() -> httpx.Response:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.get("/queries/everything", params={"_shape": "objects"})

    body = asyncio.run(everything()).json()
    assert body["truncated"] is True and len(body["rows"]) == 7


def test_the_listing_publishes_text_that_runs_as_is(http: httpx.Client) -> None:
    """``runnable`` has the defaults bound; ``sparql`` is the template with its $parameters."""
    listing = {q["name"]: q for q in http.get("/queries").json()["queries"]}
    by_year = listing["events-by-year"]
    assert "$year" in by_year["sparql"] and "$year" in by_year["runnable"]  # bound by VALUES
    assert 'VALUES ($year) { ("2019"^^' in by_year["runnable"]
    for name, query in listing.items():
        direct = http.get("/sparql", params={"query": query["runnable"]},
                          headers={"Accept": SPARQL_JSON})  # fmt: skip
        canned = http.get(f"/queries/{name}")
        assert direct.status_code == 200, name
        assert json.loads(direct.content)["results"] == json.loads(canned.content)["results"], name


def test_openapi_lists_each_canned_query_with_typed_parameters(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert set(load_catalog()) == {p.removeprefix("/queries/") for p in paths
                                   if p.startswith("/queries/") and "{" not in p}  # fmt: skip
    year = paths["/queries/events-by-year"]["get"]["parameters"][0]
    assert year["name"] == "year" and year["schema"] == {"type": "integer", "default": 2019}
    article = paths["/queries/article-facts"]["get"]["parameters"][0]
    assert article["schema"]["format"] == "uri" and article["schema"]["default"].startswith(ID)
    shape = next(p for p in paths["/queries/events-by-kind"]["get"]["parameters"]
                 if p["name"] == "_shape")  # fmt: skip
    assert shape["schema"]["enum"] == ["array", "objects"]
