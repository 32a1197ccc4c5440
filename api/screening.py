"""What a query asks for, found before it runs: its form, SERVICE calls, a dataset, an update.

pyoxigraph evaluates ``SERVICE`` by making real HTTP requests, and it does not expose its parsed
query, so the screening reads the query twice, independently, and refuses on either finding:

1. rdflib's SPARQL grammar (``parseQuery``), walked for a ``ServiceGraphPattern`` anywhere
   (sub-queries, ``FILTER EXISTS``, ``OPTIONAL`` …). This is the precise check.
2. A lexical scan that drops comments, strings and IRIs and looks for the keyword. It can only
   over-refuse (``ex:a.SERVICE`` is a prefixed name it counts).

A query rdflib's grammar cannot read (SPARQL 1.2 additions such as ``VERSION``, ``LATERAL``,
triple terms) gets no benefit of the doubt: the lexical scan's idea of where comments and strings
begin can be fooled (``ex:a\\#`` is a prefixed name with an escaped ``#``, not a comment), so such a
query is refused if the word ``service`` appears *anywhere* in it, in any case, inside strings and
comments included: the screen fails closed.

Both expand ``\\u``/``\\U`` escapes first, as Oxigraph does to the whole query text, so
``\\u0053ERVICE`` is seen for what Oxigraph will read.

The server's own queries (entity pages, canned queries checked at start-up) are *trusted*: they
skip rdflib's parse (15-60 ms each) and get :func:`scan`, the lexical check alone. Every query,
trusted or not, first has its bracket nesting measured (:func:`nesting_depth`): Oxigraph's
recursive parser overflows the worker's stack (SIGSEGV) somewhere past 2,000 levels.

>>> screen("SELECT * { ?s ?p 'SERVICE <http://x> {}' } # SERVICE").has_service
False
>>> screen("SELECT * { OPTIONAL { service <http://x> { ?s ?p ?o } } }").has_service
True
>>> screen("INSERT DATA { <http://a> <http://b> <http://c> }").is_update
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # rdflib is imported when screen() first runs: the lexical checks stay light
    from rdflib.plugins.sparql.parserutils import CompValue


Form = Literal["select", "ask", "graph"]

_FORMS: dict[str, Form] = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "graph",
    "DescribeQuery": "graph",
}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Leftmost-first: a prefixed name's escaped character (PN_LOCAL_ESC: ``ex:a\#``, ``ex:a\'``) is
# neither a comment nor a string; long strings before short ones; an IRI cannot hold spaces, '<',
# '>' or '{'.
_OPAQUE = re.compile(
    r"""\\[_~.\-!$&'()*+,;=/?#@%]|"""
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*\""""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*""",
    re.DOTALL,
)


def _keyword(word: str) -> re.Pattern[str]:
    # Not part of a variable, prefixed name or blank node label: those glue on with : ? $ - \ %
    return re.compile(rf"(?<![\w:?$\-\\%]){word}(?![\w:\-])", re.IGNORECASE)


_SERVICE = _keyword("SERVICE")
#: The fail-closed check for queries the precise parser cannot read: the word in any position.
_ANY_SERVICE = re.compile("service", re.IGNORECASE)
_FROM = _keyword("FROM")
_BRACKETS = re.compile(r"[{}()\[\]]")
_OPENING = frozenset("{([")
#: Deepest bracket nesting accepted; hand-written and generated queries stay far below it.
MAX_NESTING = 200


@dataclass(frozen=True)
class Screening:
    """The findings; ``form`` is None when rdflib's grammar could not read the query."""

    form: Form | None
    has_service: bool
    has_dataset: bool
    is_update: bool


def expand_escapes(text: str) -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` by their characters, everywhere (SPARQL 19.2)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def _bare(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked out."""
    return _OPAQUE.sub(" ", text)


def _brackets_of_iris(match: re.Match[str]) -> str:
    text = match.group(0)
    return " ".join(_BRACKETS.findall(text)) if text.startswith("<") else " "


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``{}``, ``()`` and ``[]`` outside strings, IRIs and comments.

    >>> nesting_depth("SELECT * { ?s ?p '{{{' FILTER((?o > 1)) } # {{{")
    3
    """
    depth = deepest = 0
    # strings and comments drop out; what looks like an IRI keeps its brackets, for
    # ``?a<(((1)))>`` is an IRI to the regex but a comparison to Oxigraph
    kept = _OPAQUE.sub(_brackets_of_iris, expand_escapes(query))
    for bracket in _BRACKETS.findall(kept):
        depth += 1 if bracket in _OPENING else -1
        deepest = max(deepest, depth)
    return deepest


def scan(query: str) -> Screening:
    """The lexical check alone, for the server's own (trusted) query text: SERVICE and FROM.

    It can over-refuse, never miss; an update is left to Oxigraph, which refuses to run one as
    a query.

    >>> scan("SELECT * FROM <http://e/g> { ?s ?p ?o }").has_dataset
    True
    """
    bare = _bare(expand_escapes(query))
    return Screening(
        form=None,
        has_service=_SERVICE.search(bare) is not None,
        has_dataset=_FROM.search(bare) is not None,
        is_update=False,
    )


def _walk(node: object) -> Iterator[CompValue]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in dict.values(node):
            yield from _walk(value)
    elif isinstance(node, list | tuple | ParseResults):
        for item in node:
            yield from _walk(item)


def screen(query: str) -> Screening:
    """Screen ``query`` without running it (rdflib's parse and the lexical scan)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    bare = _bare(expand_escapes(query))
    lexical_service = _SERVICE.search(bare) is not None
    try:
        tree = parseQuery(query)
    except Exception:  # rdflib cannot read it: fail closed on the word itself, anywhere
        try:
            parseUpdate(query)
        except Exception:
            is_update = False
        else:
            is_update = True
        return Screening(
            form=None,
            has_service=_ANY_SERVICE.search(expand_escapes(query)) is not None,
            has_dataset=_FROM.search(bare) is not None,
            is_update=is_update,
        )
    body = tree[1]
    service = any(node.name == "ServiceGraphPattern" for node in _walk(tree))
    return Screening(
        form=_FORMS.get(body.name),
        has_service=service or lexical_service,
        has_dataset="datasetClause" in body,
        is_update=False,
    )
