"""Running a SPARQL query against the store from the command line (`silkgraph query`).

The HTTP endpoint has its own executor with worker processes and time limits; this is the
local, single-user path, reading the store directly with the same dataset semantics (a query
without FROM sees the union of all named graphs).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Variable,
    serialize,
)

from silkgraph.graph.store import open_read_only
from silkgraph.graph.vocab import PREFIXES


class QueryError(ValueError):
    """The query text is not valid SPARQL (the parser's message says where)."""


def _short(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(variables: list[str], rows: list[list[str]]) -> str:
    """A plain-text table whose columns line up with Chinese (double-width) characters."""
    widths = [max([_width(v), *(_width(r[i]) for r in rows)]) for i, v in enumerate(variables)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(_pad(v, w) for v, w in zip(variables, widths, strict=True)), line]
    out += [" | ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def run_query(
    store_path: Path,
    query: str,
    output: str = "table",
    *,
    substitutions: Mapping[Variable, NamedNode | Literal] | None = None,
) -> str:
    """Run ``query`` and render it as ``table``, ``json`` (SPARQL results) or ``csv``."""
    store = open_read_only(store_path)
    try:
        result = store.query(
            query,
            use_default_graph_as_union=True,
            prefixes=PREFIXES,
            substitutions=dict(substitutions or {}),
        )
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {error}") from None
    except RuntimeError as error:  # e.g. a substitution for a variable the query lacks
        raise QueryError(str(error)) from None
    if isinstance(result, QuerySolutions | QueryBoolean):
        if output == "json":
            return result.serialize(format=QueryResultsFormat.JSON).decode("utf-8") + "\n"
        if output == "csv":
            return result.serialize(format=QueryResultsFormat.CSV).decode("utf-8")
        if isinstance(result, QueryBoolean):
            return f"{bool(result)}\n".lower()
        variables = [v.value for v in result.variables]
        rows = [[_short(solution[v]) for v in variables] for solution in result]
        return format_table(variables, rows)
    triples = list(result)
    fmt = RdfFormat.N_TRIPLES if output in {"json", "csv"} else RdfFormat.TURTLE
    return serialize(
        triples, format=fmt, prefixes=PREFIXES if fmt is RdfFormat.TURTLE else None
    ).decode("utf-8")
