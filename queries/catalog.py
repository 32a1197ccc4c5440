"""Canned queries: one ``.rq`` file each, the query text being the single source of truth.

A canned query is plain SPARQL that runs anywhere, with a grlc-style comment header::

    #+ title: Thematic partnerships that held events in a year
    #+ description: …
    #+ params:
    #+   year: {type: xsd:integer, default: 2019, description: calendar year}

Parameters are written ``$name`` in the query. A value a user gives is parsed into an RDF term of
the declared type and *bound*, never pasted into the text: variables the query projects go
through pyoxigraph's ``substitutions=`` (SEP-0007); the others through a ``VALUES`` block built
from the term's own N-Triples form, placed at the start of the top-level ``WHERE`` group. Which
variables a query projects is asked of pyoxigraph itself when the file is loaded.

>>> query = parse_canned_query("demo", '''#+ title: Demo
... #+ params:
... #+   year: {type: xsd:integer, default: 2019}
... SELECT ?s WHERE { ?s ?p ?o FILTER(?o = $year) }''')
>>> print(query.bind({"year": "2020"}).text.splitlines()[-1].replace(XSD, "xsd:"))
SELECT ?s WHERE { VALUES ($year) { ("2020"^^<xsd:integer>) } ?s ?p ?o FILTER(?o = $year) }
>>> try:
...     query.bind({"year": "twenty"})
... except ParameterError as error:
...     print(error)
parameter 'year': 'twenty' is not a valid xsd:integer
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Store, Variable

XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\+ ?(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_QUESTION_VARIABLE = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: The opening brace of the top-level group: after WHERE, or the first brace of a short form.
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SHORT_FORM = re.compile(r"\b(?:SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE | re.DOTALL)
#: Strings, IRIs and comments, which may hold text that looks like a keyword or a brace.
_OPAQUE = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*\""""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*""",
    re.DOTALL,
)

#: Lexical forms each literal type accepts (checked before the term is made).
_LEXICAL = {
    "xsd:integer": r"[+-]?\d{1,18}",
    "xsd:decimal": r"[+-]?\d{1,18}(\.\d+)?",
    "xsd:date": r"\d{4}-\d{2}-\d{2}",
    "xsd:gYear": r"\d{4}",
}
_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*")
#: A value of each type, to check that a query with a required parameter parses.
_EXAMPLES = {
    "xsd:integer": "0",
    "xsd:decimal": "0.0",
    "xsd:date": "2000-01-01",
    "xsd:gYear": "2000",
    "xsd:string": "",
    "iri": "urn:silkgraph:example",
}
TYPES = frozenset(_EXAMPLES)

#: A check of a query file's text, called before any engine sees it: ``check(name, text)``
#: raises :class:`CatalogError` to refuse the file (the server refuses SERVICE this way).
Check = Callable[[str, str], None]


class CatalogError(ValueError):
    """A canned query file is broken (the message names the file); raised at start-up."""


class ParameterError(ValueError):
    """A parameter value does not fit its declared type (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """One ``$name`` of a canned query, as its header declares it."""

    name: str
    type: str  # one of TYPES: "xsd:integer", "xsd:string", "xsd:date", "xsd:gYear", …, "iri"
    default: str | None
    description: str = ""

    def term(self, raw: str) -> NamedNode | Literal:
        """Parse a user's value into an RDF term of this parameter's type.

        >>> Parameter("day", "xsd:date", None).term("2019-04-25").datatype.value
        'http://www.w3.org/2001/XMLSchema#date'
        """
        value = raw.strip()
        if self.type == "iri":
            if not _IRI.fullmatch(value):
                raise ParameterError(f"parameter {self.name!r}: {raw!r} is not an absolute IRI")
            try:
                return NamedNode(value)
            except ValueError as error:
                raise ParameterError(f"parameter {self.name!r}: {error}") from None
        if self.type == "xsd:string":
            return Literal(value)
        if self.type not in _LEXICAL:
            raise CatalogError(f"parameter {self.name!r}: unknown type {self.type!r}")
        if not re.fullmatch(_LEXICAL[self.type], value):
            raise ParameterError(f"parameter {self.name!r}: {raw!r} is not a valid {self.type}")
        if self.type == "xsd:date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: {raw!r} is not a calendar date"
                ) from None
        return Literal(value, datatype=NamedNode(XSD + self.type.removeprefix("xsd:")))


@dataclass(frozen=True, slots=True)
class BoundQuery:
    """A canned query ready to run: final text plus the substitutions for projected variables."""

    text: str
    substitutions: dict[str, NamedNode | Literal]

    def pyoxigraph_substitutions(self) -> dict[Variable, NamedNode | Literal]:
        """The substitutions as ``Store.query`` takes them."""
        return {Variable(name): term for name, term in self.substitutions.items()}

    def ntriples_substitutions(self) -> dict[str, str]:
        """The substitutions as N-Triples strings, the form the HTTP query executor takes."""
        return {name: str(term) for name, term in self.substitutions.items()}


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """One ``.rq`` file: its header's metadata and its text (with the header)."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    #: Parameters the query projects (bound by substitution); None: ask pyoxigraph when binding.
    projected: frozenset[str] | None = None

    def terms(self, values: Mapping[str, str]) -> dict[str, NamedNode | Literal]:
        """User values (or the declared defaults) as RDF terms; unknown names are errors."""
        unknown = sorted(set(values) - {p.name for p in self.parameters})
        if unknown:
            raise ParameterError(f"unknown parameter {unknown[0]!r} for query {self.name!r}")
        terms: dict[str, NamedNode | Literal] = {}
        for parameter in self.parameters:
            raw = values.get(parameter.name, parameter.default)
            if raw is None:
                raise ParameterError(f"parameter {parameter.name!r} is required")
            terms[parameter.name] = parameter.term(str(raw))
        return terms

    def bind(self, values: Mapping[str, str]) -> BoundQuery:
        """Bind user values (or the declared defaults) as RDF terms; unknown names are errors."""
        terms = self.terms(values)
        projected = self.projected
        if projected is None:
            projected = projected_parameters(self.text, self.parameters)
        substitutions = {n: t for n, t in terms.items() if n in projected}
        inline = {n: t for n, t in terms.items() if n not in projected}
        return BoundQuery(text=with_values(self.text, inline), substitutions=substitutions)

    def runnable_text(self, values: Mapping[str, str] | None = None) -> str:
        """The query with every parameter bound in a ``VALUES`` block, to paste anywhere.

        What the query UI opens: it runs on any endpoint, without substitutions.
        """
        return with_values(self.text, self.terms(values or {}))


def _blank(text: str) -> str:
    """``text`` with strings, IRIs and comments replaced by spaces (offsets are kept)."""
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _where_body(text: str) -> str:
    """The top-level group pattern of ``text`` (blanked), or "" when there is none."""
    blanked = _blank(text)
    match = _WHERE.search(blanked) or _SHORT_FORM.search(blanked)
    if match is None:
        return ""
    depth = 1
    for at in range(match.end(), len(blanked)):
        depth += {"{": 1, "}": -1}.get(blanked[at], 0)
        if depth == 0:
            return blanked[match.end() : at]
    return blanked[match.end() :]


def with_values(text: str, terms: Mapping[str, NamedNode | Literal]) -> str:
    """``text`` with ``VALUES ($a $b) { (t1 t2) }`` opening its top-level group.

    The terms are written by their own ``str()`` (N-Triples), never from user text.

    >>> with_values("ASK { ?s ?p $o }", {"o": Literal("北京", language="zh")})
    'ASK { VALUES ($o) { ("北京"@zh) } ?s ?p $o }'
    """
    if not terms:
        return text
    blanked = _blank(text)
    match = _WHERE.search(blanked) or _SHORT_FORM.search(blanked)
    if match is None:
        raise CatalogError("a query with non-projected parameters needs a WHERE clause")
    names = " ".join(f"${name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    return text[: match.end()] + block + text[match.end() :]


def projected_parameters(text: str, parameters: Iterable[Parameter]) -> frozenset[str]:
    """The parameters pyoxigraph accepts as substitutions: projected SELECT variables, and every
    variable of an ASK, CONSTRUCT or DESCRIBE query. Asked of the engine on an empty store."""
    projected = set()
    for parameter in parameters:
        probe = {Variable(parameter.name): Parameter.term(parameter, _EXAMPLES[parameter.type])}
        try:
            Store().query(text, substitutions=probe)
        except RuntimeError:  # "does not contain variable ?x in its SELECT projection"
            continue
        projected.add(parameter.name)
    return frozenset(projected)


def _parameters(name: str, declared: object) -> tuple[Parameter, ...]:
    if not isinstance(declared, dict):
        raise CatalogError(f"{name}.rq: '#+ params:' must map names to {{type, default}}")
    parameters = []
    for pname, spec in declared.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise CatalogError(f"{name}.rq: parameter {pname!r} needs {{type, default}}")
        kind = str(spec.get("type", "xsd:string"))
        if kind not in TYPES:
            known = ", ".join(sorted(TYPES))
            raise CatalogError(f"{name}.rq: parameter {pname!r} has type {kind!r}; use {known}")
        default = spec.get("default")
        parameter = Parameter(
            name=str(pname),
            type=kind,
            default=None if default is None else str(default),
            description=str(spec.get("description", "")),
        )
        if parameter.default is not None:
            try:
                parameter.term(parameter.default)
            except ParameterError as error:
                raise CatalogError(f"{name}.rq: default of {error}") from None
        parameters.append(parameter)
    return tuple(parameters)


def parse_canned_query(name: str, text: str, check: Check | None = None) -> CannedQuery:
    """Parse one ``.rq`` file's header and check that every ``$var`` is declared and it parses.

    ``check`` sees the text first, before pyoxigraph parses it (or evaluates it: an ASK is
    evaluated at once, even on the empty store used here).
    """
    if check is not None:
        check(name, text)
    header = "\n".join(
        m.group(1) for line in text.splitlines() if (m := _HEADER.match(line.strip()))
    )
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise CatalogError(f"{name}.rq: header is not valid YAML: {error}") from None
    if not isinstance(meta, dict) or not meta.get("title"):
        raise CatalogError(f"{name}.rq: header needs a '#+ title:' line")
    parameters = _parameters(name, meta.get("params") or {})
    used = set(_PARAM.findall(_blank(text)))
    undeclared = sorted(used - {p.name for p in parameters})
    if undeclared:
        raise CatalogError(f"{name}.rq: ${undeclared[0]} is used but not declared in '#+ params:'")
    unused = sorted({p.name for p in parameters} - used)
    if unused:
        raise CatalogError(f"{name}.rq: parameter {unused[0]!r} is declared but never used")
    clashing = sorted(used & set(_QUESTION_VARIABLE.findall(_where_body(text))))
    if clashing:
        raise CatalogError(
            f"{name}.rq: ${clashing[0]} is also written ?{clashing[0]} in the WHERE clause; in "
            "SPARQL they are the same variable, so the parameter's value is bound there too: "
            "rename one (projecting ?name to show the value is fine)"
        )
    try:
        Store().query(text)
    except SyntaxError as error:
        raise CatalogError(f"{name}.rq: is not valid SPARQL: {error}") from None
    query = CannedQuery(
        name=name,
        title=str(meta["title"]).strip(),
        description=str(meta.get("description", "")).strip(),
        parameters=parameters,
        text=text,
        projected=projected_parameters(text, parameters),
    )
    examples = {p.name: p.default or _EXAMPLES[p.type] for p in parameters}
    try:
        bound = query.bind(examples)
        Store().query(bound.text, substitutions=bound.pyoxigraph_substitutions())
    except (SyntaxError, RuntimeError, CatalogError) as error:
        raise CatalogError(f"{name}.rq: does not run with its parameters bound: {error}") from None
    return query


def load_catalog(
    folders: Iterable[Path] = (), *, check: Check | None = None
) -> dict[str, CannedQuery]:
    """Every canned query: the built-ins shipped in ``silkgraph.queries``, then user folders.

    The built-ins go through the same loader a user's folder does; a user query with a built-in's
    name replaces it. ``check`` is applied to every file's text first (see :data:`Check`).

    >>> "partnerships-by-year" in load_catalog()
    True
    """
    sources: list[tuple[str, str]] = []
    builtin = files("silkgraph.queries")
    sources += sorted(
        (entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in builtin.iterdir()
        if entry.name.endswith(".rq")
    )
    for folder in folders:
        if not Path(folder).is_dir():
            raise CatalogError(f"{folder}: not a folder of .rq files")
        sources += sorted(
            (p.stem, p.read_text(encoding="utf-8")) for p in Path(folder).glob("*.rq")
        )
    catalog: dict[str, CannedQuery] = {}
    for name, text in sources:
        if not _NAME.match(name):
            raise CatalogError(f"{name}.rq: query names are lowercase letters, digits and '-'")
        catalog[name] = parse_canned_query(name, text, check)
    return dict(sorted(catalog.items()))
