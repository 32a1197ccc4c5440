"""The SPARQL 1.1 Protocol, query side, at ``/sparql`` (https://www.w3.org/TR/sparql11-protocol/).

* ``GET /sparql?query=…``; ``POST`` with ``application/x-www-form-urlencoded`` (``query=…``) or
  with ``application/sparql-query`` (the query is the body). ``default-graph-uri`` and
  ``named-graph-uri`` select graphs *of the store* (never fetched) and override FROM.
* ``GET /sparql`` without parameters: the SPARQL 1.1 Service Description, negotiated (Turtle …).
  ``HEAD`` answers like ``GET``, without the body.
* Relative IRIs in a query resolve against the endpoint's own URL (the protocol's "service-defined
  BASE URI, which MAY be the service endpoint"), so ``CONSTRUCT { <s> <p> 1 } WHERE {}`` runs.
* Refused with 4xx, before anything runs: updates in any form, ``SERVICE``, a missing or
  repeated ``query``, a wrong or missing Content-Type (415), an empty or non-UTF-8 body, a
  syntax error (400 with the parser's message), PUT/DELETE/PATCH (405), a body over the limit
  (413, see :mod:`silkgraph.api.app`).
* Every answer carries ``X-Silkgraph-Truncated: true|false``. When ``max_rows`` cut the result,
  a ``Warning: 199`` header says so in words as well: the SPARQL result formats have no place
  for such a note, and a non-standard key in the JSON would trip strict clients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from pyoxigraph import (
    BlankNode,
    NamedNode,
    QueryResultsFormat,
    QuerySolutions,
    Triple,
    parse_query_results,
)

from silkgraph.api import negotiation
from silkgraph.api.errors import SilkgraphError
from silkgraph.api.executor import QueryExecutor
from silkgraph.api.worker import serialize_triples

router = APIRouter(tags=["SPARQL"])

TRUNCATED_HEADER = "X-Silkgraph-Truncated"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL Update is not accepted: this endpoint is read-only"
#: Form fields beyond this many are refused (parse_qsl raises), whatever the body size.
MAX_FIELDS = 1_000

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class ProtocolQuery:
    """A query operation as the protocol delivers it."""

    query: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()


def parse_form(raw: bytes) -> list[tuple[str, str]]:
    """Decode a query string or form body strictly: bad UTF-8 (raw or %-encoded) is a 400.

    >>> parse_form(b"query=ASK%20%7B%7D&query=x")
    [('query', 'ASK {}'), ('query', 'x')]
    """
    try:
        return parse_qsl(
            raw.decode("utf-8"),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise SilkgraphError(400, "the request is not valid UTF-8") from None
    except ValueError:
        raise SilkgraphError(400, f"more than {MAX_FIELDS} form fields") from None


def protocol_query(params: Sequence[tuple[str, str]]) -> ProtocolQuery:
    """The query operation in ``params``; 400 for an update, a missing or repeated query."""
    names = [name for name, _ in params]
    if "update" in names:
        raise SilkgraphError(400, READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if len(queries) != 1:
        found = "missing" if not queries else f"given {len(queries)} times"
        raise SilkgraphError(400, f"the 'query' parameter must be given exactly once ({found})")
    return _checked(
        queries[0],
        default=tuple(v for n, v in params if n == "default-graph-uri"),
        named=tuple(v for n, v in params if n == "named-graph-uri"),
    )


def _checked(query: str, *, default: tuple[str, ...], named: tuple[str, ...]) -> ProtocolQuery:
    if not query.strip():
        raise SilkgraphError(400, "the query is empty")
    return ProtocolQuery(query, default, named)


def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    """The Content-Type's essence (lower case) and its parameters."""
    essence, *params = request.headers.get("content-type", "").split(";")
    pairs = (param.partition("=") for param in params)
    return essence.strip().lower(), {k.strip().lower(): v.strip().strip('"') for k, _, v in pairs}


def endpoint_iri(request: Request) -> str:
    """This endpoint's URL as the client addressed it; a Host header that makes no IRI is a 400.

    >>> from starlette.requests import Request
    >>> scope = {"type": "http", "scheme": "http", "server": ("127.0.0.1", 80), "path": "/sparql",
    ...          "query_string": b"query=x", "headers": [(b"host", b"example.org")]}
    >>> endpoint_iri(Request(scope))
    'http://example.org/sparql'
    """
    try:
        url = str(request.url.replace(query="", fragment=""))
        NamedNode(url)
    except ValueError:
        raise SilkgraphError(400, "the Host header does not make a valid URL") from None
    return url


async def _answer(request: Request, operation: ProtocolQuery) -> Response:
    executor: QueryExecutor = request.app.state.executor
    result = await executor.run(
        operation.query,
        accept=request.headers.get("accept", "*/*"),
        default_graph_uris=operation.default_graph_uris,
        named_graph_uris=operation.named_graph_uris,
        base_iri=endpoint_iri(request),
    )
    headers = {"Vary": "Accept", TRUNCATED_HEADER: "true" if result.truncated else "false"}
    if result.truncated:
        noun = "triples" if result.form == "graph" else "rows"
        headers["Warning"] = (
            f'199 - "result truncated to the first {executor.max_rows} {noun} (max_rows)"'
        )
    return Response(result.body, media_type=result.media_type, headers=headers)


_PARAMETERS = [
    {
        "name": "query",
        "in": "query",
        "schema": {"type": "string"},
        "description": "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE). Without any "
        "parameter, the service description is returned.",
        "example": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    },
    *(
        {
            "name": name,
            "in": "query",
            "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
            "style": "form",
            "explode": True,
            "description": "Graph of the store used as the " + role + " (overrides FROM).",
        }
        for name, role in (("default-graph-uri", "default graph"), ("named-graph-uri", "named"))
    ),
]
_RESPONSES = {
    "200": {
        "description": "Results (SELECT/ASK) or RDF (CONSTRUCT/DESCRIBE), negotiated by Accept. "
        "X-Silkgraph-Truncated says whether max_rows cut it.",
        "content": {
            fmt.media_type: {} for fmt in (*negotiation.RESULTS_FORMATS, *negotiation.GRAPH_FORMATS)
        },
    },
    "400": {"description": "Syntax error (parser message), update, SERVICE, bad parameters."},
    "406": {"description": "No acceptable format for this query form."},
    "503": {"description": "Every query worker stayed busy until the time limit."},
    "504": {"description": "The query ran past the time limit and was stopped."},
}


@router.get(
    "/sparql",
    summary="SPARQL query via GET, or the service description",
    openapi_extra={"parameters": _PARAMETERS, "responses": _RESPONSES},
)
@router.head("/sparql", include_in_schema=False)
async def sparql_get(request: Request) -> Response:
    """Answer ``?query=``; with no parameter at all, describe the service."""
    params = parse_form(request.scope.get("query_string", b""))
    if not params:
        return await service_description(request)
    return await _answer(request, protocol_query(params))


@router.post(
    "/sparql",
    summary="SPARQL query via POST (form or application/sparql-query)",
    openapi_extra={
        "parameters": _PARAMETERS[1:],
        "requestBody": {
            "required": True,
            "content": {
                SPARQL_QUERY: {"schema": {"type": "string"}},
                FORM: {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {p["name"]: p["schema"] for p in _PARAMETERS},
                    }
                },
            },
        },
        "responses": {**_RESPONSES, "413": {"description": "Body over max_body_bytes."}},
    },
)
async def sparql_post(request: Request) -> Response:
    """Answer a form-encoded or a direct POST query."""
    media_type, params = _media_type(request)
    if media_type == SPARQL_UPDATE:
        raise SilkgraphError(415, READ_ONLY)
    if media_type not in (FORM, SPARQL_QUERY):
        given = f"'{media_type}'" if media_type else "no Content-Type"
        raise SilkgraphError(
            415, f"{given}: send {SPARQL_QUERY} or {FORM}", headers={"Accept-Post": FORM}
        )
    if params.get("charset", "utf-8").lower() != "utf-8":
        raise SilkgraphError(415, "only the UTF-8 charset is accepted")
    body = await request.body()  # the app's body limit applies while this reads
    if not body.strip():
        raise SilkgraphError(400, "the request body is empty")
    if media_type == FORM:
        return await _answer(request, protocol_query(parse_form(body)))
    url_params = parse_form(request.scope.get("query_string", b""))
    if any(name in ("query", "update") for name, _ in url_params):
        raise SilkgraphError(400, "with application/sparql-query the query is the body only")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise SilkgraphError(400, "the request body is not valid UTF-8") from None
    operation = _checked(
        text,
        default=tuple(v for n, v in url_params if n == "default-graph-uri"),
        named=tuple(v for n, v in url_params if n == "named-graph-uri"),
    )
    return await _answer(request, operation)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other(request: Request) -> Response:
    """No graph store protocol, no update: 405 naming the two methods there are."""
    raise SilkgraphError(
        405, f"{request.method} is not allowed", headers={"Allow": "GET, HEAD, POST"}
    )


def describe_service(endpoint: str, named_graphs: Sequence[NamedNode]) -> list[Triple]:
    """The SPARQL 1.1 Service Description of this endpoint as triples.

    >>> len(describe_service("http://localhost/sparql", [NamedNode("http://e/g")])) > 10
    True
    """
    sd = {name: NamedNode(SD + name) for name in ("Service", "Dataset", "Graph", "NamedGraph")}
    # labelled blank nodes: the same store gives the same bytes (lengths, caches, diffs)
    service, dataset, default = BlankNode("service"), BlankNode("dataset"), BlankNode("default")
    triples = [
        Triple(service, RDF_TYPE, sd["Service"]),
        Triple(service, NamedNode(SD + "endpoint"), NamedNode(endpoint)),
        Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Query")),
        # a query without FROM sees the union of all named graphs
        Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "UnionDefaultGraph")),
        Triple(service, NamedNode(SD + "defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd["Dataset"]),
        Triple(dataset, NamedNode(SD + "defaultGraph"), default),
        Triple(default, RDF_TYPE, sd["Graph"]),
    ]
    triples += [
        Triple(service, NamedNode(SD + "resultFormat"), NamedNode(fmt.iri))
        for fmt in (*negotiation.RESULTS_FORMATS, *negotiation.GRAPH_FORMATS)
    ]
    for number, name in enumerate(named_graphs):
        graph = BlankNode(f"graph{number}")
        triples += [
            Triple(dataset, NamedNode(SD + "namedGraph"), graph),
            Triple(graph, RDF_TYPE, sd["NamedGraph"]),
            Triple(graph, NamedNode(SD + "name"), name),
        ]
    return triples


async def service_description(request: Request) -> Response:
    """The service description in the RDF format the client accepts (Turtle for ``*/*``)."""
    fmt = negotiation.graph_format(request.headers.get("accept"))
    if fmt is None:
        raise SilkgraphError(406, "the service description is RDF: accept an RDF format")
    executor: QueryExecutor = request.app.state.executor
    endpoint = endpoint_iri(request)
    listing = await executor.run(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g",
        accept=QueryResultsFormat.TSV.media_type,
        trusted=True,
    )
    solutions = parse_query_results(listing.body, QueryResultsFormat.TSV)
    assert isinstance(solutions, QuerySolutions)
    graphs = [row["g"] for row in solutions if isinstance(row["g"], NamedNode)]
    body = serialize_triples(describe_service(endpoint, graphs), fmt, prefixes={"sd": SD})
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})
