"""Canned queries over HTTP: ``GET /queries`` lists them, ``GET /queries/{name}`` runs one.

The catalog (:mod:`silkgraph.queries.catalog`: the built-ins, then ``settings.query_folders``)
is loaded and validated when the server starts (this router's lifespan): a broken ``.rq`` file,
or one that uses SERVICE, stops the start-up with a message naming it. A run binds the request's
parameters as RDF terms (422 when a value does not fit its declared type, or a parameter is
unknown) and goes through the same query executor as ``/sparql``, with the same limits. The text
that runs is the checked file plus terms pyoxigraph wrote, so it runs as ``trusted`` (no rdflib
screening per request). Formats: SPARQL results JSON (the default), CSV, or an HTML table; chosen by
``?format=json|csv|html`` or the Accept header. For tools, ``?_shape=objects`` answers flat JSON
(``{"rows": [{…}], "truncated": false}``) and ``?_shape=array`` a bare list of objects (the
truncation then in the ``X-Silkgraph-Truncated`` header), Datasette's convention; values are
typed by :mod:`silkgraph.graph.values` (numbers, booleans; dates keep the lexical form that says
their precision). The OpenAPI schema gets one path per canned query, its parameters typed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pyoxigraph import QueryResultsFormat, QuerySolutions, parse_query_results

from silkgraph.api.errors import SilkgraphError
from silkgraph.api.executor import QueryExecutor, QueryResult
from silkgraph.api.pages import HTML, TSV, PageFormat, cell, choose_format, render, solutions
from silkgraph.api.screening import MAX_NESTING, nesting_depth, scan
from silkgraph.api.settings import Settings
from silkgraph.api.sparql import TRUNCATED_HEADER
from silkgraph.graph.values import plain
from silkgraph.queries.catalog import (
    CannedQuery,
    CatalogError,
    Parameter,
    ParameterError,
    load_catalog,
)

log = logging.getLogger(__name__)

LISTING = (PageFormat("json", "application/json"), HTML)
RESULTS = (
    PageFormat("json", "application/sparql-results+json", ("application/json",)),
    PageFormat("csv", "text/csv"),
    HTML,
)
#: Query-string names that are not parameters of the query.
RESERVED = frozenset({"format", "_shape"})
#: Flat JSON shapes (Datasette's ``_shape``): a bare list, or rows with a ``truncated`` member.
SHAPES = ("array", "objects")
#: JSON Schema of each parameter type, for the OpenAPI document.
_SCHEMAS: dict[str, dict[str, str]] = {
    "xsd:integer": {"type": "integer"},
    "xsd:decimal": {"type": "number"},
    "xsd:date": {"type": "string", "format": "date"},
    "xsd:gYear": {"type": "string", "pattern": "^[0-9]{4}$"},
    "xsd:string": {"type": "string"},
    "iri": {"type": "string", "format": "uri"},
}


def check_text(name: str, text: str) -> None:
    """Refuse a query file the server would not run for a user: SERVICE, deep nesting.

    The lexical scan, which can over-refuse but never misses, is enough for files an operator
    writes, and keeps the start-up fast (rdflib is not loaded in the server process).
    """
    if scan(text).has_service:
        raise CatalogError(f"{name}.rq: uses SERVICE; this server never contacts other hosts")
    if nesting_depth(text) > MAX_NESTING:
        raise CatalogError(f"{name}.rq: nests brackets more than {MAX_NESTING} levels deep")


def load(app: FastAPI) -> dict[str, CannedQuery]:
    """Load the catalog into ``app.state.catalog`` once; a :class:`CatalogError` propagates."""
    catalog: dict[str, CannedQuery] | None = getattr(app.state, "catalog", None)
    if catalog is None:
        settings: Settings = app.state.settings
        try:
            catalog = load_catalog(settings.query_folders, check=check_text)
        except CatalogError as error:
            log.critical("the canned queries cannot be loaded: %s", error)
            raise
        app.state.catalog = catalog
    return catalog


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    document(app, load(app))
    yield


def _default(parameter: Parameter) -> object:
    """The declared default as the JSON value its type has (2019, not "2019")."""
    if parameter.default is None:
        return None
    return plain(parameter.term(parameter.default))


def openapi_paths(catalog: Mapping[str, CannedQuery]) -> dict[str, Any]:
    """One OpenAPI path per canned query: its title, and its parameters with types and defaults."""
    paths: dict[str, Any] = {}
    for query in catalog.values():
        parameters: list[dict[str, Any]] = [
            {
                "name": p.name,
                "in": "query",
                "required": p.default is None,
                "description": f"{p.description} ({p.type})".strip(),
                "schema": {**_SCHEMAS[p.type], **({"default": _default(p)} if p.default else {})},
            }
            for p in query.parameters
        ]
        parameters += [
            {"name": "format", "in": "query", "required": False,
             "schema": {"type": "string", "enum": [f.name for f in RESULTS]}},
            {"name": "_shape", "in": "query", "required": False,
             "description": "flat JSON: a list of objects (array) or rows with truncated (objects)",
             "schema": {"type": "string", "enum": list(SHAPES)}},
        ]  # fmt: skip
        paths[f"/queries/{query.name}"] = {
            "get": {
                "tags": ["canned queries"],
                "summary": query.title,
                "description": query.description,
                "operationId": f"canned_{query.name.replace('-', '_')}",
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "The rows (SPARQL JSON, CSV, HTML, or flat JSON)",
                        "content": {f.media_type: {} for f in RESULTS},
                    },
                    "422": {"description": "A parameter value does not fit its type."},
                },
            }
        }
    return paths


def document(app: FastAPI, catalog: Mapping[str, CannedQuery]) -> None:
    """Add the catalog's paths to the app's OpenAPI schema (built once, on first request)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            schema["paths"] = {**schema["paths"], **openapi_paths(catalog)}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


router = APIRouter(tags=["canned queries"], lifespan=_lifespan)


def describe(query: CannedQuery, root: str = "") -> dict[str, Any]:
    """What the listing says about one query (JSON and HTML alike)."""
    url = f"{root}/queries/{query.name}"
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "required": p.default is None,
                "description": p.description,
            }
            for p in query.parameters
        ],
        "url": url,
        "links": {
            **{name: f"{url}?format={name}" for name in ("json", "csv", "html")},
            **{f"json-{shape}": f"{url}?_shape={shape}" for shape in SHAPES},
        },
        "sparql": query.text,
        "runnable": query.runnable_text(),
    }


@router.get("/queries", summary="The canned queries, with their parameters")
@router.head("/queries", include_in_schema=False)
async def list_queries(request: Request) -> Response:
    """JSON by default; HTML for a browser or ``?format=html``."""
    root = request.scope.get("root_path", "")
    queries = [describe(q, root) for q in load(request.app).values()]
    fmt = choose_format(request, LISTING)
    if fmt is HTML:
        return render(request, "queries.html", queries=queries)
    return JSONResponse({"queries": queries}, headers={"Vary": "Accept"})


def _values(request: Request) -> dict[str, str]:
    """The query string's parameters; a name given twice is ambiguous (422)."""
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name in RESERVED:
            continue
        if name in values:
            raise SilkgraphError(422, f"parameter {name!r} is given more than once")
        values[name] = value
    return values


def _headers(result: QueryResult, executor: QueryExecutor) -> dict[str, str]:
    headers = {"Vary": "Accept", TRUNCATED_HEADER: "true" if result.truncated else "false"}
    if result.truncated:
        headers["Warning"] = f'199 - "result truncated to the first {executor.max_rows} rows"'
    return headers


@router.get("/queries/{name}", summary="Run one canned query")
@router.head("/queries/{name}", include_in_schema=False)
async def run_query(name: str, request: Request) -> Response:
    """Bind the parameters (defaults for those not given) and run the query."""
    catalog = load(request.app)
    query = catalog.get(name)
    if query is None:
        raise SilkgraphError(404, f"no canned query named {name!r}", detail="see /queries")
    shape = request.query_params.get("_shape")
    if shape is not None and shape not in SHAPES:
        raise SilkgraphError(400, f"unknown _shape {shape!r}", detail="use array or objects")
    fmt = RESULTS[0] if shape else choose_format(request, RESULTS)
    values = _values(request)
    try:
        bound = query.bind(values)
    except ParameterError as error:
        raise SilkgraphError(422, "invalid parameter", detail=str(error)) from None
    executor: QueryExecutor = request.app.state.executor
    accept = TSV if fmt is HTML else fmt.media_type
    result = await executor.run(
        bound.text, accept=accept, substitutions=bound.ntriples_substitutions(), trusted=True
    )
    headers = _headers(result, executor)
    if shape is not None:
        return _flat(result, shape, headers)
    if fmt is not HTML:
        return Response(result.body, media_type=result.media_type, headers=headers)
    return _table(request, query, values, result, headers)


def _flat(result: QueryResult, shape: str, headers: Mapping[str, str]) -> Response:
    """Rows as JSON objects with typed values: a bare list, or ``{"rows", "truncated"}``."""
    answer = parse_query_results(result.body, QueryResultsFormat.JSON)
    if not isinstance(answer, QuerySolutions):
        raise SilkgraphError(400, "_shape is for queries that return rows (SELECT)")
    names = [variable.value for variable in answer.variables]
    rows = [{name: plain(row[name]) for name in names} for row in answer]
    body: object = rows if shape == "array" else {"rows": rows, "truncated": result.truncated}
    return JSONResponse(body, headers={**headers, "Vary": "Accept"})


def _table(
    request: Request,
    query: CannedQuery,
    values: Mapping[str, str],
    result: QueryResult,
    headers: Mapping[str, str],
) -> Response:
    root = request.scope.get("root_path", "")
    base = request.app.state.settings.base_iri
    variables, rows = solutions(result)
    table = [[cell(row[v], base=base, root=root) for v in variables] for row in rows]
    current = {p.name: values.get(p.name, p.default or "") for p in query.parameters}
    response = render(
        request,
        "query.html",
        query=describe(query, root),
        current=current,
        variables=variables,
        rows=table,
        truncated=result.truncated,
        csv_link=f"{root}/queries/{query.name}?{urlencode({**current, 'format': 'csv'})}",
        json_link=f"{root}/queries/{query.name}?{urlencode({**current, 'format': 'json'})}",
        editor_link=f"{root}/?{urlencode({'query': query.runnable_text(values)})}",
    )
    response.headers.update(headers)
    return response
