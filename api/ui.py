"""The query UI at ``/``: YASGUI, served from the package's own files (no CDN, ever).

YASGUI (``api/static/yasgui``, MIT, see the README there) is configured for this server's
``/sparql`` with the autocompleters that call remote services (``property`` and ``class``, which
ask lov.linkeddata.es) switched off. The canned queries are offered beside it: each opens in a
new editor tab with its parameters bound to their defaults, and links to its HTML table.
A query can be opened from a link: ``/?query=…`` (what the canned-query pages link to).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from silkgraph.api import canned, jsonld
from silkgraph.api.pages import render

#: The package's static folder (a real folder: editable and wheel installs alike).
STATIC = Path(str(files("silkgraph.api") / "static"))

#: The query a new editor tab starts with.
FIRST_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>

# Events, their dates and places
SELECT ?event ?label ?start ?place WHERE {
  ?event a/rdfs:subClassOf* schema:Event ;
         rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  OPTIONAL { ?event schema:startDate ?start }
  OPTIONAL { ?event schema:location/rdfs:label ?place FILTER(LANG(?place) = "zh") }
}
ORDER BY ?start
LIMIT 100
"""

router = APIRouter(tags=["query UI"])
router.mount("/static", StaticFiles(directory=STATIC), name="static")


def yasgui_config(endpoint: str) -> dict[str, Any]:
    """YASGUI's configuration: our endpoint only, nothing remote."""
    return {
        "requestConfig": {"endpoint": endpoint, "method": "POST"},
        "endpointCatalogueOptions": {},
        "copyEndpointOnNewTab": True,
        "corsProxy": None,
        "yasqe": {"value": FIRST_QUERY, "autocompleters": ["prefixes", "variables"]},
    }


@router.get("/", summary="The query UI (YASGUI) with the canned queries as examples")
@router.head("/", include_in_schema=False)
async def index(request: Request) -> Response:
    root = request.scope.get("root_path", "")
    endpoint = str(request.base_url).rstrip("/") + "/sparql"
    examples = [
        {
            "name": query.name,
            "title": query.title,
            "description": query.description,
            "query": query.runnable_text(),
            "table": f"{root}/queries/{query.name}?format=html",
        }
        for query in canned.load(request.app).values()
    ]
    return render(
        request,
        "index.html",
        config=yasgui_config(endpoint),
        examples=examples,
    )


@router.get("/context.jsonld", summary="The JSON-LD context of silkgraph's JSON-LD")
@router.head("/context.jsonld", include_in_schema=False)
async def context_document() -> Response:
    """The local context, for consumers who prefer to reference it rather than embed it."""
    return JSONResponse(jsonld.local_document("context.jsonld"), media_type="application/ld+json")
