"""RDF terms as plain values: what a JSON row or a DataFrame cell holds for each datatype.

One table for the server's flat JSON (``/queries/{name}?_shape=array``) and the Python client's
typed columns, so a tool and a notebook read the same value from the same term:

- ``xsd:integer`` and the types derived from it → ``int``; ``xsd:decimal``, ``xsd:double``,
  ``xsd:float`` → ``float``; ``xsd:boolean`` → ``bool``;
- dates stay their lexical form (``"2019-04-25"``, ``"2019-09"``, ``"2019"``): which of them it is
  is the *precision* the text gave (:data:`DATE_PRECISION`), and nothing is invented;
- IRIs, labels and everything else → their string.

>>> from pyoxigraph import Literal, NamedNode
>>> plain(Literal("7", datatype=XSD.integer)), plain(Literal("0.9", datatype=XSD.double))
(7, 0.9)
>>> plain(Literal("true", datatype=XSD.boolean)), plain(NamedNode("https://silkgraph.org/id/org/mee"))
(True, 'https://silkgraph.org/id/org/mee')
>>> month = Literal("2019-09", datatype=XSD.gYearMonth)
>>> plain(month), precision(month)
('2019-09', 'month')
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode

from silkgraph.graph.vocab import XSD

#: The datatype of a date by the precision the text gave it, and back.
DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
DATE_PRECISION = {datatype.value: name for name, datatype in DATE_TYPES.items()}

_INTEGERS = frozenset(
    XSD[name].value
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
)  # fmt: skip
_FLOATS = frozenset(XSD[name].value for name in ("decimal", "double", "float"))
_BOOLEAN = XSD.boolean.value

Term = NamedNode | BlankNode | Literal


def kind(term: Term | None) -> str | None:
    """What a term is as a value: ``int``, ``float``, ``bool``, ``date``, ``str``, None unbound."""
    if term is None:
        return None
    if not isinstance(term, Literal):
        return "str"
    datatype = term.datatype.value
    if datatype in _INTEGERS:
        return "int"
    if datatype in _FLOATS:
        return "float"
    if datatype == _BOOLEAN:
        return "bool"
    if datatype in DATE_PRECISION:
        return "date"
    return "str"


def plain(term: Term | None) -> int | float | bool | str | None:
    """The value of a term as JSON and pandas hold it (see the module's table)."""
    what = kind(term)
    if term is None or what is None:
        return None
    text = term.value
    try:
        if what == "int":
            return int(text)
        if what == "float":
            return float(text)
        if what == "bool":
            return text in {"true", "1"}
    except ValueError:  # an ill-typed literal ("x"^^xsd:integer) stays the text it is
        return text
    return text


def precision(term: Term | None) -> str | None:
    """``day``, ``month`` or ``year`` for a date term; None for anything else."""
    if isinstance(term, Literal):
        return DATE_PRECISION.get(term.datatype.value)
    return None
