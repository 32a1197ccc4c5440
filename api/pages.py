"""What the human-facing routes share: format choice, the Jinja2 templates, RDF terms on a page.

* :func:`choose_format`: ``?format=`` wins, else the Accept header through the project's own
  negotiator (:mod:`silkgraph.api.negotiation`, q-values included); nothing acceptable is a 406.
* :data:`TEMPLATES`: autoescaping Jinja2 templates shipped in the package (``api/templates``).
* :func:`cell`: an RDF term as a table cell; IRIs silkgraph mints link to their page (``/id/…``).
* :func:`solutions`: a SELECT answer of the executor as variables and rows of pyoxigraph terms.

>>> fmt = choose_format_for("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", None, ENTITY)
>>> fmt.name
'html'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    QuerySolutions,
    parse_query_results,
)

from silkgraph.api import negotiation
from silkgraph.api.errors import SilkgraphError
from silkgraph.api.executor import QueryResult
from silkgraph.graph.vocab import PREFIXES

#: How a SELECT is fetched for a page: TSV is lossless (terms in N-Triples syntax) and compact.
TSV = QueryResultsFormat.TSV.media_type


Term = NamedNode | BlankNode | Literal


@dataclass(frozen=True)
class PageFormat:
    """A representation a route offers: its ``?format=`` name and media types."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()


HTML = PageFormat("html", "text/html", ("application/xhtml+xml",))
#: Entity pages: HTML for browsers (and ``*/*``), RDF for programs.
ENTITY = (
    HTML,
    PageFormat("turtle", "text/turtle", ("application/x-turtle",)),
    PageFormat("jsonld", "application/ld+json", ("application/json",)),
    PageFormat("ntriples", "application/n-triples", ("text/plain",)),
)


def choose_format_for(
    accept: str | None, requested: str | None, offered: Sequence[PageFormat]
) -> PageFormat:
    """The format named by ``requested`` (``?format=``), else the one ``accept`` prefers."""
    if requested is not None:
        for fmt in offered:
            if fmt.name == requested:
                return fmt
        names = ", ".join(fmt.name for fmt in offered)
        raise SilkgraphError(400, f"unknown format {requested!r}", detail=f"use one of: {names}")

    def lookup(media_type: str) -> PageFormat | None:
        return next(
            (f for f in offered if media_type == f.media_type or media_type in f.aliases), None
        )

    chosen = negotiation.negotiate(accept, offered, lookup)
    if chosen is None:
        types = ", ".join(fmt.media_type for fmt in offered)
        raise SilkgraphError(406, "none of the accepted media types is offered", detail=types)
    return chosen


def choose_format(request: Request, offered: Sequence[PageFormat]) -> PageFormat:
    """:func:`choose_format_for` the request's ``?format=`` and Accept header."""
    requested = request.query_params.get("format")
    return choose_format_for(request.headers.get("accept"), requested, offered)


TEMPLATES = Environment(
    loader=PackageLoader("silkgraph.api", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """An HTML page; every value is escaped by the template engine."""
    root = request.scope.get("root_path", "")
    html = TEMPLATES.get_template(template).render(root=root, **context)
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept"})


def curie(iri: str) -> str:
    """``iri`` with a known prefix, or the IRI itself.

    >>> curie("http://schema.org/startDate")
    'schema:startDate'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def page_of(iri: str, base: str, root: str = "") -> str | None:
    """The path of the page of an IRI silkgraph mints, None for any other IRI.

    >>> page_of("https://silkgraph.org/id/org/mee", "https://silkgraph.org/id/")
    '/id/org/mee'
    """
    if iri.startswith(base) and len(iri) > len(base):
        return f"{root}/id/{iri[len(base) :]}"
    return None


@dataclass(frozen=True)
class Cell:
    """One RDF term as a page shows it."""

    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    iri: str | None = None


def cell(term: Term | None, *, base: str, label: str | None = None, root: str = "") -> Cell | None:
    """A term for display: minted IRIs link to their page (with ``label`` as text if given),
    other http(s) IRIs link out, literals keep their language tag and datatype."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        iri = term.value
        href = page_of(iri, base, root)
        if href is None and iri.startswith(("http://", "https://")):
            href = iri
        return Cell(label or curie(iri), href=href, iri=iri)
    if isinstance(term, Literal):
        datatype = term.datatype.value
        plain = datatype.endswith(("#string", "#langString"))
        return Cell(term.value, lang=term.language, datatype=None if plain else curie(datatype))
    return Cell(str(term))


def solutions(result: QueryResult) -> tuple[list[str], list[dict[str, Term | None]]]:
    """The variables and rows of a SELECT answer (fetched as :data:`TSV`)."""
    answer = parse_query_results(result.body, QueryResultsFormat.from_media_type(result.media_type))
    if not isinstance(answer, QuerySolutions):
        raise TypeError("expected SELECT results")
    variables = [variable.value for variable in answer.variables]
    rows = [{name: row[name] for name in variables} for row in answer]
    return variables, rows


def best_label(labels: Mapping[str, str]) -> str | None:
    """Chinese first (every entity has one), then English, then any."""
    for lang in ("zh", "en", ""):
        if lang in labels:
            return labels[lang]
    return next(iter(labels.values()), None)
