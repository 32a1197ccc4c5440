"""The query worker: a separate process that owns one read-only store handle and runs queries.

pyoxigraph cannot cancel a running query, so queries run here, where the server can kill the
whole process when its time is up (see :mod:`silkgraph.api.executor`). This module is imported
by the worker (spawned, so it starts clean) and must stay light: no FastAPI, no Starlette.

The server sends a :class:`Job`; the worker answers with a :class:`QueryResult` or a
:class:`Failure` carrying the HTTP status. Screening (SERVICE, updates) happens here, before
``Store.query`` is called, so rdflib's parsing is also covered by the time limit. A job marked
``trusted`` (the server's own text, never a user's) gets the lexical screening only.

>>> from pyoxigraph import Store, NamedNode, Quad, Literal
>>> store = Store()
>>> store.add(Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"), NamedNode("http://e/g")))
>>> job = Job("ASK { ?s ?p 'o' }", results_format="text/csv", graph_format=None, max_rows=10)
>>> execute(store, job).body
b'true'
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Literal

import pyoxigraph
from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryResult:
    """A serialised answer: ``rows`` counts SELECT rows or graph triples (None for ASK)."""

    form: Literal["select", "ask", "graph"]
    body: bytes
    media_type: str
    truncated: bool
    rows: int | None


@dataclass(frozen=True)
class Failure:
    """A query the worker refused or could not run, with the status the server should send."""

    status: int
    message: str
    detail: str | None = None


@dataclass(frozen=True)
class Job:
    """One query and how to answer it; formats are media types the library maps back."""

    query: str
    results_format: str | None
    graph_format: str | None
    max_rows: int
    substitutions: tuple[tuple[str, str], ...] = ()
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    #: What relative IRIs in the query resolve against (the protocol: "MAY be the endpoint").
    base_iri: str | None = None
    #: The server's own query text (no user text in it but RDF terms pyoxigraph wrote): the
    #: lexical screening suffices, rdflib's parse is skipped.
    trusted: bool = False


class _RowsCapped(Exception):
    """Raised from inside pyoxigraph's serialiser to stop it (and the evaluation) early."""


class _TsvCap(io.RawIOBase):
    """Collects TSV results and stops the writer after ``max_rows`` rows plus one.

    TSV writes one solution per line (newlines in literals are escaped), so lines are rows.
    """

    def __init__(self, max_rows: int) -> None:
        self.buffer = bytearray()
        self.limit = max_rows + 2  # header line, max_rows rows, one more to know we cut
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.buffer += data
        if self.buffer.count(b"\n") >= self.limit:
            self.truncated = True
            raise _RowsCapped
        return len(data)

    def rows(self, max_rows: int) -> bytes:
        """The header and at most ``max_rows`` rows."""
        complete = bytes(self.buffer).split(b"\n")[:-1]  # what follows the last newline is cut
        return b"".join(line + b"\n" for line in complete[: max_rows + 1])


def parse_term(text: str) -> NamedNode | BlankNode | pyoxigraph.Literal | Triple:
    """An N-Triples term (``<iri>``, ``"lit"@zh``, ``"1"^^<…#integer>``) as a pyoxigraph term.

    >>> parse_term('"北京"@zh')
    <Literal value=北京 language=zh>
    """
    quads = list(parse(f"<urn:x:s> <urn:x:p> {text} .", format=RdfFormat.N_TRIPLES))
    if len(quads) != 1:
        raise ValueError("expected exactly one RDF term")
    return quads[0].object


def _dataset(job: Job, use_union: bool) -> dict[str, object]:
    """Store.query keywords: the protocol's dataset overrides FROM; otherwise the union graph."""
    if job.default_graph_uris or job.named_graph_uris:
        return {
            "default_graph": [NamedNode(uri) for uri in job.default_graph_uris],
            "named_graphs": [NamedNode(uri) for uri in job.named_graph_uris],
        }
    return {"use_default_graph_as_union": use_union}


def _select(solutions: QuerySolutions, fmt: QueryResultsFormat, max_rows: int) -> QueryResult:
    """Serialise at most ``max_rows`` solutions with the library's own writers.

    The solutions stream into a capped TSV buffer (lossless: terms in N-Triples syntax) which is
    parsed back by ``parse_query_results`` and written in the negotiated format.
    """
    cap = _TsvCap(max_rows)
    with contextlib.suppress(_RowsCapped):
        solutions.serialize(cap, format=QueryResultsFormat.TSV)
    tsv = cap.rows(max_rows)
    rows = tsv.count(b"\n") - 1
    if fmt == QueryResultsFormat.TSV:
        body = tsv
    else:
        body = parse_query_results(tsv, QueryResultsFormat.TSV).serialize(format=fmt)
    return QueryResult("select", body, fmt.media_type, cap.truncated, rows)


def serialize_triples(
    triples: list[Triple], fmt: RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """``triples`` in ``fmt``; for N-Quads and TriG they are put in the default graph."""
    if fmt.supports_datasets:
        return serialize([Quad(t.subject, t.predicate, t.object) for t in triples], format=fmt)
    return serialize(triples, format=fmt, prefixes=prefixes)


def _graph(triples: list[Triple], fmt: RdfFormat, truncated: bool) -> QueryResult:
    body = serialize_triples(triples, fmt)
    return QueryResult("graph", body, fmt.media_type, truncated, len(triples))


def _not_acceptable(form: str) -> Failure:
    kinds = "SPARQL results" if form in ("select", "ask") else "RDF"
    return Failure(406, f"none of the accepted media types is a {kinds} format for this query")


def execute(store: Store, job: Job) -> QueryResult | Failure:
    """Screen and run ``job`` on ``store``."""
    # rdflib: heavy, and only workers need it
    from silkgraph.api.screening import MAX_NESTING, nesting_depth, scan, screen

    if nesting_depth(job.query) > MAX_NESTING:
        return Failure(400, f"the query nests brackets more than {MAX_NESTING} levels deep")
    findings = scan(job.query) if job.trusted else screen(job.query)
    if findings.is_update:
        return Failure(400, "SPARQL Update is not accepted: this endpoint is read-only")
    if findings.has_service:
        return Failure(400, "SERVICE (federated query) is not allowed on this endpoint")
    try:
        substitutions = {Variable(name): parse_term(term) for name, term in job.substitutions}
    except (SyntaxError, ValueError) as error:
        return Failure(400, "invalid parameter value", detail=str(error))
    try:
        dataset = _dataset(job, use_union=not findings.has_dataset)
    except ValueError as error:
        return Failure(400, "invalid graph IRI", detail=str(error))
    try:
        answer = store.query(
            job.query, base_iri=job.base_iri, substitutions=substitutions or None, **dataset
        )
    except SyntaxError as error:
        return Failure(400, "SPARQL syntax error", detail=str(error))
    except RuntimeError as error:  # SEP-0007: a SELECT can only bind the variables it projects
        if not substitutions:
            raise
        return Failure(400, "cannot bind the parameters of this query", detail=str(error))
    if isinstance(answer, QueryBoolean):
        if job.results_format is None:
            return _not_acceptable("ask")
        fmt = QueryResultsFormat.from_media_type(job.results_format)
        return QueryResult("ask", answer.serialize(format=fmt), fmt.media_type, False, None)
    if isinstance(answer, QuerySolutions):
        if job.results_format is None:
            return _not_acceptable("select")
        fmt = QueryResultsFormat.from_media_type(job.results_format)
        return _select(answer, fmt, job.max_rows)
    if job.graph_format is None:
        return _not_acceptable("graph")
    triples: list[Triple] = []
    for triple in answer:
        if len(triples) == job.max_rows:
            return _graph(triples, RdfFormat.from_media_type(job.graph_format), truncated=True)
        triples.append(triple)
    return _graph(triples, RdfFormat.from_media_type(job.graph_format), truncated=False)


def serve(conn: Connection, store_path: str) -> None:
    """Worker process entry point: open the store, say "ready", answer jobs until told to stop.

    Ends on ``None`` or when the server's end of the pipe closes (the server died).
    """
    try:
        store = Store.read_only(store_path)
    except OSError as error:
        conn.send(("failed", f"cannot open the store {store_path}: {error}"))
        return
    import rdflib.plugins.sparql.parser  # noqa: F401  (build rdflib's grammar before "ready")

    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply: QueryResult | Failure = execute(store, job)
        except Exception:  # an engine error: logged here, a fixed sentence for the client
            traceback.print_exc()
            reply = Failure(500, "the query failed inside the engine (logged)")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return
