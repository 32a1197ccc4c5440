"""What the endpoint must never do, tested against the live server.

* contact another host (SERVICE, LOAD): a real socket listener must see no connection;
* change the data (any update, any form): the store's quad count is the same after;
* let one query hold the server: a runaway query is stopped at the limit while ASK answers;
* accept unbounded input or output: 413 for big bodies, the row cap says when it applied;
* CORS with credentials.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, Store, parse, parse_query_results

if TYPE_CHECKING:
    from conftest import LiveServer

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: A cross-product of the 1,200-triple bulk graph with itself, three times: never finishes.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Listener:
    """A real TCP listener on loopback that records every connection it accepts."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.connections.append(connection.recv(4096))
                except TimeoutError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    trap = Listener()
    yield trap
    trap.close()


def count(client: httpx.Client) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200
    solutions = parse_query_results(response.content, QueryResultsFormat.JSON)
    return int(next(iter(solutions))["n"].value)  # type: ignore[union-attr]


def test_the_listener_would_see_a_service_call(listener: Listener) -> None:
    """The threat is real: pyoxigraph itself does call out on SERVICE."""
    with pytest.raises(OSError):
        list(Store().query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    time.sleep(0.2)
    assert listener.connections and b"POST /sparql" in listener.connections[0]


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "PREFIX far: <{url}#> SELECT * WHERE {{ SERVICE far:x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE # a comment between the keyword and the IRI\n <{url}> {{}} }}",
    "SELECT * WHERE {{ ?s ?p ?o.SERVICE <{url}> {{}} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    # SPARQL 1.2 syntax rdflib's grammar does not read: the lexical scan still sees SERVICE
    "SELECT * WHERE {{ ?s ?p ?o LATERAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    # escapes anywhere in the keyword, in either form and case
    "SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\U00000073ervice <{url}> {{ ?s ?p ?o }} }}",
    # glued to the neighbouring tokens, or split from its IRI by comments and line breaks
    "SELECT * WHERE {{{{}}SERVICE<{url}>{{?s ?p ?o}}}}",
    "SELECT * WHERE {{ SERVICE\t#x\n#y\n<{url}>\n{{ ?s ?p ?o }} }}",
    # deep inside: MINUS, GRAPH, a nested sub-query under FILTER NOT EXISTS, a UNION branch
    "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "ASK {{ OPTIONAL {{ FILTER NOT EXISTS {{ {{ SELECT * {{ {{ SELECT * {{ "
    "SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }} }} }} }}",
    "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    # the endpoint behind a prefix whose IRI is escaped, and a BASE-relative IRI
    "PREFIX far: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE far:sparql {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    # a prefixed name's escaped '#' or quote (PN_LOCAL_ESC) is not a comment or a string: the
    # scan once blanked the rest of the line from there, and SPARQL 1.2 text skipped rdflib's parse
    'VERSION "1.2" PREFIX ex: <http://e/> SELECT ?x WHERE {{ BIND(ex:a\\# AS ?v) '
    "SERVICE <{url}> {{ ?x ?y ?z }} }}",
    "VERSION '1.2' PREFIX ex: <http://e/> SELECT ?x WHERE {{ BIND(ex:a\\' AS ?v) "
    "SERVICE <{url}> {{ ?x ?y ?z }} }}",
    "PREFIX ex: <http://e/> SELECT ?x WHERE {{ BIND(ex:a\\# AS ?v) "
    "SERVICE <{url}> {{ ?x ?y ?z }} }}",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ?o LATERAL {{ BIND(ex:b\\\" AS ?q) "
    "SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    # a triple term (SPARQL 1.2) next to the call
    "PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(<<( ex:a ex:b ex:c )>> AS ?t) "
    "SERVICE <{url}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_service_is_refused_before_it_runs(
    client: httpx.Client, listener: Listener, template: str, method: str
) -> None:
    query = template.format(url=listener.url, port=listener.port)
    if method == "GET":
        response = client.get("/sparql", params={"query": query})
    elif method == "POST-form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query, headers={"content-type": DIRECT})
    assert response.status_code == 400
    assert "SERVICE" in response.text
    time.sleep(0.05)
    assert listener.connections == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { }' } LIMIT 1",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://127.0.0.1:9/> {}",
        "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
        "PREFIX service: <http://e/> SELECT * WHERE { ?s service:x ?o } LIMIT 1",
    ],
)
def test_service_in_strings_comments_and_names_is_not_refused(
    client: httpx.Client, query: str
) -> None:
    assert client.get("/sparql", params={"query": query}).status_code == 200


UPDATES = [
    "INSERT DATA { GRAPH <https://silkgraph.org/graph/x> { <http://e/a> <http://e/b> 1 } }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "CLEAR ALL",
    "DROP GRAPH <https://silkgraph.org/graph/test-orgs>",
    "LOAD <{url}> INTO GRAPH <https://silkgraph.org/graph/x>",
    "PREFIX e: <http://e/> INSERT { ?s e:seen 1 } WHERE { ?s ?p ?o }",
]
#: (method, form field or None for a direct body, Content-Type)
UPDATE_FORMS = [
    ("GET", "query", None),
    ("GET", "update", None),
    ("POST", "query", FORM),
    ("POST", "update", FORM),
    ("POST", None, "application/sparql-update"),
    ("POST", None, DIRECT),
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize(
    ("method", "field", "content_type"), UPDATE_FORMS, ids=lambda v: str(v).split("/")[-1]
)
def test_updates_never_run(
    client: httpx.Client,
    listener: Listener,
    update: str,
    method: str,
    field: str | None,
    content_type: str | None,
) -> None:
    text = update.replace("{url}", listener.url)
    before = count(client)
    if method == "GET":
        response = client.get("/sparql", params={field: text})
    else:
        body = str(httpx.QueryParams({field: text})) if field else text
        response = client.post(
            "/sparql", content=body.encode(), headers={"content-type": content_type}
        )
    assert 400 <= response.status_code < 500
    assert "read-only" in response.text
    assert count(client) == before
    assert listener.connections == []


def test_runaway_query_is_stopped_while_ask_answers(server: LiveServer) -> None:
    limit = server.setting("query_timeout_s")
    workers_before = sorted(server.workers())
    assert len(workers_before) == int(server.setting("workers"))

    def runaway() -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        with httpx.Client(timeout=30) as http:
            answer = http.get(server.sparql, params={"query": RUNAWAY})
        return answer, time.perf_counter() - started

    with ThreadPoolExecutor(1) as pool, httpx.Client(timeout=30) as http:
        slow = pool.submit(runaway)
        time.sleep(0.3)  # the runaway holds a worker now
        started = time.perf_counter()
        ask = http.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"})
        ask_s = time.perf_counter() - started
        response, elapsed = slow.result()
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert ask_s < 2.0
    assert response.status_code == 504
    assert f"{limit:g} s time limit" in response.text
    assert limit <= elapsed < limit + 0.75
    # the killed worker is gone and replaced: as many workers as before, one of them new
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        now = sorted(server.workers())
        if len(now) == len(workers_before) and now != workers_before:
            break
        time.sleep(0.05)
    assert len(now) == len(workers_before) and len(set(now) - set(workers_before)) == 1


def test_two_runaways_in_a_row_are_both_stopped(client: httpx.Client, server: LiveServer) -> None:
    limit = server.setting("query_timeout_s")
    for _ in range(2):
        started = time.perf_counter()
        response = client.post("/sparql", content=RUNAWAY, headers={"content-type": DIRECT})
        assert response.status_code == 504
        assert time.perf_counter() - started < limit + 0.75
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def _chunks(size: int) -> Iterator[bytes]:
    yield b"query="
    for _ in range(size // 1000):
        yield b"+" * 1000


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("declared-length", b"query=" + b"+" * 30_000, 413),
        ("chunked-stream", _chunks, 413),
        ("under-the-limit", b"query=ASK%7B%7D" + b"+" * 10_000, 200),
    ],
)
def test_body_limit(
    client: httpx.Client, server: LiveServer, name: str, content: object, status: int
) -> None:
    assert server.setting("max_body_bytes") == 20_000
    body = content(30_000) if callable(content) else content
    response = client.post("/sparql", content=body, headers={"content-type": FORM})
    assert response.status_code == status
    if status == 413:
        assert "over 20000 bytes" in response.text
        if name == "chunked-stream":
            assert "content-length" not in response.request.headers


def test_cors_preflight_without_credentials(client: httpx.Client) -> None:
    response = client.options(
        "/sparql",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


def test_cors_simple_request_exposes_the_truncation_headers(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "x-silkgraph-truncated" in exposed and "warning" in exposed


BULK = "SELECT ?s ?v WHERE { ?s <https://silkgraph.org/ontology#value> ?v }"
BULK_GRAPH = "CONSTRUCT WHERE { ?s <https://silkgraph.org/ontology#value> ?v }"
BULK_FEW = (
    "CONSTRUCT { ?s <https://silkgraph.org/ontology#value> ?v } "
    "WHERE { ?s <https://silkgraph.org/ontology#value> ?v FILTER(?v < 50) }"
)


@pytest.mark.parametrize(
    ("query", "accept", "rows", "truncated"),
    [
        (BULK, "application/sparql-results+json", 100, True),
        (BULK, "text/tab-separated-values", 100, True),
        (BULK + " LIMIT 100", "application/sparql-results+json", 100, False),
        (BULK + " LIMIT 101", "application/sparql-results+xml", 100, True),
        (BULK + " LIMIT 7", "application/sparql-results+json", 7, False),
        (BULK_GRAPH, "application/n-triples", 100, True),
        (BULK_FEW, "text/turtle", 50, False),
    ],
)
def test_row_cap_says_when_it_applied(
    client: httpx.Client, query: str, accept: str, rows: int, truncated: bool
) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200
    rdf = RdfFormat.from_media_type(accept)
    if rdf is not None:
        found = len(list(parse(response.content, format=rdf)))
    else:
        results = parse_query_results(response.content, QueryResultsFormat.from_media_type(accept))
        found = len(list(results))  # type: ignore[arg-type]
    assert found == rows
    assert response.headers["x-silkgraph-truncated"] == str(truncated).lower()
    if truncated:
        assert "truncated to the first 100" in response.headers["warning"]
    else:
        assert "warning" not in response.headers


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "ASK FROM <{url}> FROM NAMED <{url}#2> {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_from_names_a_graph_of_the_store_and_is_never_fetched(
    client: httpx.Client, listener: Listener, query: str
) -> None:
    """FROM <http://…> picks a graph of the store (none here: no answer); nothing is fetched."""
    response = client.get("/sparql", params={"query": query.format(url=listener.url)})
    assert response.status_code == 200
    for graph in ("default-graph-uri", "named-graph-uri"):
        params = {"query": "ASK { ?s ?p ?o }", graph: listener.url}
        answer = client.get("/sparql", params=params)
        assert answer.status_code == 200 and answer.json()["boolean"] is False
    time.sleep(0.1)
    assert listener.connections == []


DEEP = 5_000
NESTED = [
    "SELECT * WHERE " + "{" * DEEP + "}" * DEEP,
    "ASK { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    "ASK {" + " OPTIONAL {" * 1_000 + "}" * 1_000 + "}",
    "ASK { ?s ?p " + "[ ?q " * 1_000 + "1" + " ]" * 1_000 + " }",
    # brackets inside what a regex takes for an IRI still count
    "ASK { FILTER(?a<" + "(" * DEEP + "1" + ")" * DEEP + ">2) }",
    # and \\u escapes are brackets too
    "SELECT * WHERE " + "\\u007B" * 1_000 + "\\u007D" * 1_000,
]


@pytest.mark.parametrize("query", NESTED, ids=["braces", "parens", "optional", "blank", "iri", "u"])
def test_deep_nesting_is_refused_before_the_parser_recurses(
    client: httpx.Client, server: LiveServer, query: str
) -> None:
    """Oxigraph's parser overflows its stack past ~2,000 levels (SIGSEGV): refused, no crash."""
    before = set(server.workers())
    response = client.post("/sparql", content=query, headers={"content-type": DIRECT})
    assert response.status_code == 400
    assert "levels deep" in response.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert set(server.workers()) == before  # no worker died (and was replaced)


def test_moderate_nesting_still_runs(client: httpx.Client) -> None:
    query = "SELECT * WHERE " + "{" * 150 + "}" * 150
    assert client.post("/sparql", content=query, headers={"content-type": DIRECT}).is_success


def raw_request(url: str, target: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Send ``GET target`` byte for byte (httpx would normalise ``..``); the status and body."""
    parts = httpx.URL(url)
    lines = [f"GET {target} HTTP/1.1", f"Host: {parts.host}:{parts.port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    with socket.create_connection((parts.host, parts.port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head + b"\r\n\r\n" + body


TRAVERSALS = [
    "/static/../settings.py",
    "/static/../../api/settings.py",
    "/static/%2e%2e/settings.py",
    "/static/%2E%2E%2Fsettings.py",
    "/static/..%2f..%2fapi%2fsettings.py",
    "/static/..%5csettings.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/yasgui/../../settings.py",
    "/id/../static/silkgraph.css",
    "/id/%2e%2e/%2e%2e/etc/passwd",
    "/id/org/..%2f..%2f..%2fetc%2fpasswd",
    "/id/%00",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_leaves_its_folder(server: LiveServer, target: str) -> None:
    status, answer = raw_request(server.url, target)
    assert status in (400, 404)
    assert b"BaseSettings" not in answer and b"root:" not in answer


@pytest.mark.parametrize("path", ["/sparql/", "/queries/", "/static", "//evil.example/", "/id/"])
def test_no_redirect_is_built_from_the_host_header(server: LiveServer, path: str) -> None:
    """Starlette's trailing-slash redirect wrote the client's Host into Location: it is off."""
    status, answer = raw_request(server.url, path, {"Host": "evil.example"})
    assert not 300 <= status < 400
    assert b"evil.example" not in answer.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize("target", ["/sparql", "/sparql?query=ASK%20%7B%7D"])
def test_a_host_header_that_makes_no_iri_is_a_client_error(server: LiveServer, target: str) -> None:
    status, answer = raw_request(server.url, target, {"Host": 'evil"<x>'})
    assert status == 400
    assert b"<x>" not in answer


ASK = "/sparql?query=ASK%20%7B%7D"


@pytest.mark.parametrize(
    ("target", "headers", "statuses"),
    [
        # a long but valid Accept is negotiated (8,000 ranges: linear work), never a 5xx
        (ASK, {"Accept": "text/csv;q=0.5," * 8_000}, {200}),
        (ASK, {f"X-Filler-{i}": "y" * 1_000 for i in range(200)}, {400, 431}),
        (ASK + "&x=" + "y" * 1_000_000, {}, {400, 414, 431}),
    ],
    ids=["accept-128kb", "headers-200kb", "url-1mb"],
)
def test_huge_request_heads_get_a_quick_answer(
    server: LiveServer, target: str, headers: dict[str, str], statuses: set[int]
) -> None:
    """The HTTP server's head limit answers (or drops the connection) at once; nothing hangs."""
    started = time.perf_counter()
    try:
        status, _ = raw_request(server.url, target, headers)
    except ConnectionError:  # reset before the whole request was sent: refused too
        status = 400
    assert status in statuses
    assert time.perf_counter() - started < 2
    assert httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=30).status_code == 200


@pytest.mark.parametrize(
    ("name", "headers", "params", "status"),
    [
        ("accept-1200-ranges", {"accept": ",".join(["a/b;q=0.1"] * 1_200)}, [], 406),
        ("1500-parameters", {}, [("x", "1")] * 1_500, 400),
    ],
)
def test_many_ranges_and_parameters_get_a_quick_client_error(
    client: httpx.Client, name: str, headers: dict[str, str], params: list, status: int
) -> None:
    started = time.perf_counter()
    response = client.get("/sparql", params=[("query", "ASK {}"), *params], headers=headers)
    assert response.status_code == status
    assert time.perf_counter() - started < 2


def test_cors_never_allows_credentials_even_with_cookies(client: httpx.Client) -> None:
    headers = {"origin": "https://evil.example", "cookie": "session=1"}
    simple = client.get("/sparql", params={"query": "ASK {}"}, headers=headers)
    preflight = client.options(
        "/sparql",
        headers={
            **headers,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, cookie",
        },
    )
    for response in (simple, preflight):
        assert "access-control-allow-credentials" not in response.headers


def test_many_slow_queries_get_503_or_504_and_never_hang(server: LiveServer) -> None:
    """Eight runaways on two workers: two are stopped (504), the rest wait at most the limit and
    are turned away with Retry-After (503); the server answers ASK after."""
    limit = server.setting("query_timeout_s")

    def runaway() -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        with httpx.Client(timeout=30) as http:
            answer = http.get(server.sparql, params={"query": RUNAWAY})
        return answer, time.perf_counter() - started

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: runaway(), range(8)))
    statuses = sorted(response.status_code for response, _ in answers)
    assert set(statuses) <= {503, 504} and 504 in statuses and 503 in statuses
    for response, elapsed in answers:
        assert elapsed < limit + 1.0
        if response.status_code == 503:
            assert int(response.headers["retry-after"]) >= 1
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        ask = httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=30)
        if ask.status_code == 200:
            break
    assert ask.status_code == 200
