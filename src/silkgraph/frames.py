"""SPARQL SELECT solutions as a typed pandas DataFrame (the Python client's tables).

Every column gets the type its values share (:mod:`silkgraph.graph.values` says which value a
term is): integers as ``Int64``, decimals and doubles as ``float64``, booleans as ``boolean``,
IRIs and labels as strings. A date column becomes ``datetime64`` *plus* a ``<name>_precision``
column (``day``, ``month``, ``year``): the text says "2019年9月" or "2019年", and a datetime must
hold a day, so the first day of the month or year stands in, and the precision column says so —
nothing is invented that a reader cannot see. A column whose values are of several kinds stays
strings.

pandas is an optional dependency (``pip install 'silkgraph[analysis]'``), imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from silkgraph.graph.values import Term, kind, plain, precision

if TYPE_CHECKING:
    import pandas

#: How much of a date's lexical form each precision reads, and the format it has.
_DATE_FORMS = {"day": (10, "%Y-%m-%d"), "month": (7, "%Y-%m"), "year": (4, "%Y")}
_DTYPES = {"int": "Int64", "float": "float64", "bool": "boolean"}


def require_pandas() -> Any:
    """pandas, or an ImportError that says how to install it."""
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - the test extra installs pandas
        raise ImportError(
            "silkgraph's Python client needs pandas: pip install 'silkgraph[analysis]'"
        ) from error
    return pandas


def _dates(pd: Any, terms: Sequence[Term | None]) -> tuple[Any, Any]:
    precisions = [precision(term) for term in terms]
    stamps = []
    for term, exact in zip(terms, precisions, strict=True):
        if term is None or exact is None:
            stamps.append(pd.NaT)
            continue
        width, form = _DATE_FORMS[exact]
        stamps.append(pd.to_datetime(term.value[:width], format=form))
    return pd.Series(stamps, dtype="datetime64[ns]"), pd.Series(precisions, dtype="object")


def to_frame(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> pandas.DataFrame:
    """A DataFrame of ``rows`` (one term or None per variable), each column typed.

    >>> from pyoxigraph import Literal, NamedNode
    >>> from silkgraph.graph.vocab import XSD
    >>> frame = to_frame(["org", "n", "start"], [
    ...     (NamedNode("https://silkgraph.org/id/org/mee"), Literal("3", datatype=XSD.integer),
    ...      Literal("2019-09", datatype=XSD.gYearMonth)),
    ...     (NamedNode("https://silkgraph.org/id/org/brigc"), None,
    ...      Literal("2019-04-25", datatype=XSD.date))])
    >>> [str(t) for t in frame.dtypes]
    ['object', 'Int64', 'datetime64[ns]', 'object']
    >>> frame["start"].dt.strftime("%Y-%m-%d").tolist(), frame["start_precision"].tolist()
    (['2019-09-01', '2019-04-25'], ['month', 'day'])
    """
    pd = require_pandas()
    rows = list(rows)
    columns: dict[str, Any] = {}
    for at, name in enumerate(variables):
        terms = [row[at] for row in rows]
        kinds = {kind(term) for term in terms} - {None}
        if kinds == {"date"}:
            columns[name], columns[f"{name}_precision"] = _dates(pd, terms)
        elif len(kinds) == 1 and (dtype := _DTYPES.get(next(iter(kinds)))):
            columns[name] = pd.Series([plain(term) for term in terms], dtype=dtype)
        elif kinds == {"int", "float"}:
            columns[name] = pd.Series([plain(term) for term in terms], dtype="float64")
        else:
            columns[name] = pd.Series(
                [None if term is None else term.value for term in terms], dtype="object"
            )
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
