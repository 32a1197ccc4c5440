"""The Python client: the same API over a local store or a running server.

::

    from silkgraph import Client
    client = Client("data/store")              # or Client("http://127.0.0.1:8000")
    client.queries()                           # names, titles, parameters with types and defaults
    client.canned("events-by-year", year=2019) # a typed pandas DataFrame
    client.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

``canned`` and ``sparql`` answer a SELECT with a :func:`~silkgraph.frames.to_frame` DataFrame
(typed columns, dates with their precision), an ASK with a ``bool`` and a CONSTRUCT or DESCRIBE
with an ``rdflib.Graph``. Both sources go through one path: the local store's answer and the
server's SPARQL JSON are read into the same pyoxigraph solutions before they are converted, so
the same query gives the same frame from either. A server that cut a result at its row limit
says so in a header; the client then raises :class:`TruncatedResultError` (or, with
``on_truncated="warn"``, warns with :class:`TruncatedResultWarning`) — a cut result never passes
for a whole one.

The store is read directly, with the dataset semantics of the endpoint (a query without FROM
sees the union of all named graphs). Needs the ``analysis`` extra (pandas, httpx).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from silkgraph.frames import to_frame
from silkgraph.queries.catalog import CannedQuery, Parameter, load_catalog

if TYPE_CHECKING:
    import rdflib

#: The header a server sets on a result it cut at its row limit (``X-Silkgraph-Truncated``).
TRUNCATED_HEADER = "x-silkgraph-truncated"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"

Answer = QuerySolutions | QueryBoolean | list[Triple]


class ClientError(RuntimeError):
    """The query was refused (bad SPARQL, unknown canned query or parameter) or cannot run."""


class TruncatedResultError(ClientError):
    """The server cut the result at its row limit; the rows are not all there."""


class TruncatedResultWarning(UserWarning):
    """The server cut the result at its row limit (``on_truncated="warn"``)."""


@dataclass(frozen=True, slots=True)
class QueryInfo:
    """A canned query as ``client.queries()`` lists it: what to pass to ``client.canned``."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True, slots=True)
class _Answer:
    answer: Answer
    truncated: bool = False


class _Source(Protocol):
    def queries(self) -> list[QueryInfo]: ...
    def canned(self, name: str, values: Mapping[str, str]) -> _Answer: ...
    def sparql(self, text: str) -> _Answer: ...
    def close(self) -> None: ...


def _info(query: CannedQuery) -> QueryInfo:
    return QueryInfo(query.name, query.title, query.description, query.parameters)


class _LocalStore:
    """A store on disk, opened read-only (a build swapped in later is not seen)."""

    def __init__(self, path: Path, query_folders: Sequence[Path]) -> None:
        from silkgraph.graph.store import StoreError, open_read_only

        try:
            self.store = open_read_only(path)
        except (StoreError, OSError) as error:
            raise ClientError(str(error)) from None
        self.catalog = load_catalog(query_folders)

    def queries(self) -> list[QueryInfo]:
        return [_info(query) for query in self.catalog.values()]

    def _run(self, text: str, substitutions: Mapping[Any, Any] | None = None) -> _Answer:
        try:
            result = self.store.query(
                text, use_default_graph_as_union=True, substitutions=dict(substitutions or {})
            )
        except (SyntaxError, RuntimeError) as error:
            raise ClientError(f"the query cannot run: {error}") from None
        if isinstance(result, QuerySolutions | QueryBoolean):
            return _Answer(result)
        return _Answer(list(result))

    def canned(self, name: str, values: Mapping[str, str]) -> _Answer:
        from silkgraph.queries.catalog import ParameterError

        query = self.catalog.get(name)
        if query is None:
            raise ClientError(f"no canned query named {name!r}; see client.queries()")
        try:
            bound = query.bind(values)
        except ParameterError as error:
            raise ClientError(str(error)) from None
        return self._run(bound.text, bound.pyoxigraph_substitutions())

    def sparql(self, text: str) -> _Answer:
        return self._run(text)

    def close(self) -> None:
        del self.store


class _Server:
    """A running silkgraph server, over HTTP."""

    def __init__(self, url: str, timeout: float) -> None:
        try:
            import httpx
        except ImportError as error:  # pragma: no cover - the analysis extra installs httpx
            raise ImportError(
                "reading a server needs httpx: pip install 'silkgraph[analysis]'"
            ) from error

        self.http = httpx.Client(base_url=url.rstrip("/"), timeout=timeout)
        self.errors = (httpx.HTTPError,)

    def close(self) -> None:
        self.http.close()

    def _get(self, path: str, **kwargs: Any) -> Any:
        return self._call("GET", path, **kwargs)

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.http.request(method, path, **kwargs)
        except self.errors as error:
            raise ClientError(f"{self.http.base_url}: {error}") from None
        if response.status_code >= 400:
            try:
                body = response.json()
                message = body.get("detail") or body.get("error") or response.text
            except ValueError:
                message = response.text
            raise ClientError(f"{response.status_code}: {message}")
        return response

    def queries(self) -> list[QueryInfo]:
        listing = self._get("/queries", headers={"Accept": "application/json"}).json()
        return [
            QueryInfo(
                item["name"],
                item["title"],
                item.get("description", ""),
                tuple(
                    Parameter(p["name"], p["type"], p.get("default"), p.get("description", ""))
                    for p in item["parameters"]
                ),
            )
            for item in listing["queries"]
        ]

    def _answer(self, response: Any) -> _Answer:
        truncated = response.headers.get(TRUNCATED_HEADER, "false") == "true"
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        results = QueryResultsFormat.from_media_type(media_type)
        if results is not None:
            return _Answer(parse_query_results(response.content, results), truncated)
        graph = RdfFormat.from_media_type(media_type)
        if graph is None:
            raise ClientError(f"the server answered {media_type!r}, which is not RDF or results")
        return _Answer([q.triple for q in parse(response.content, format=graph)], truncated)

    def canned(self, name: str, values: Mapping[str, str]) -> _Answer:
        if not name or "/" in name:
            raise ClientError(f"no canned query named {name!r}; see client.queries()")
        return self._answer(
            self._get(f"/queries/{name}", params=dict(values), headers={"Accept": _ACCEPT})
        )

    def sparql(self, text: str) -> _Answer:
        return self._answer(
            self._call(
                "POST",
                "/sparql",
                content=text.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query", "Accept": _ACCEPT},
            )
        )


class Client:
    """Canned queries and SPARQL over a store folder or a server URL, answered as DataFrames.

    ``source`` is a folder (``"data/store"``) or an ``http(s)://`` URL of a running server.
    ``on_truncated`` says what a result the server cut at its row limit does: ``"raise"``
    (:class:`TruncatedResultError`, the default) or ``"warn"`` (the rows, and a warning).
    ``query_folders`` adds folders of canned ``.rq`` files to a store's catalog, as
    ``SILKGRAPH_QUERY_FOLDERS`` does for a server.
    """

    def __init__(
        self,
        source: str | os.PathLike[str],
        *,
        on_truncated: Literal["raise", "warn"] = "raise",
        timeout: float = 60.0,
        query_folders: Sequence[str | os.PathLike[str]] = (),
    ) -> None:
        if on_truncated not in ("raise", "warn"):
            raise ValueError("on_truncated is 'raise' or 'warn'")
        text = os.fspath(source)
        self.source = text
        self.on_truncated = on_truncated
        self._source: _Source = (
            _Server(text, timeout)
            if text.startswith(("http://", "https://"))
            else _LocalStore(Path(text), [Path(folder) for folder in query_folders])
        )

    def __repr__(self) -> str:
        return f"Client({self.source!r})"

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool (a server) or the store handle."""
        self._source.close()

    def queries(self) -> list[QueryInfo]:
        """The canned queries: name, title, description, parameters (type, default)."""
        return self._source.queries()

    def canned(self, name: str, **params: object) -> Any:
        """Run the canned query ``name``; parameters not given take their declared defaults."""
        values = {key: str(value) for key, value in params.items()}
        return self._convert(self._source.canned(name, values))

    def sparql(self, text: str) -> Any:
        """Run any read-only SPARQL query (the union of all graphs unless FROM says otherwise)."""
        return self._convert(self._source.sparql(text))

    def _convert(self, result: _Answer) -> Any:
        if result.truncated:
            message = "the server cut this result at its row limit (SILKGRAPH_MAX_ROWS)"
            if self.on_truncated == "raise":
                raise TruncatedResultError(message)
            warnings.warn(message, TruncatedResultWarning, stacklevel=3)
        answer = result.answer
        if isinstance(answer, QueryBoolean):
            return bool(answer)
        if isinstance(answer, QuerySolutions):
            variables = [variable.value for variable in answer.variables]
            return to_frame(variables, [[row[v] for v in variables] for row in answer])
        return _graph(answer)


def _graph(triples: Sequence[Triple]) -> rdflib.Graph:
    import rdflib

    data = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
    return rdflib.Graph().parse(data=data, format="nt")
