"""Canned queries: one ``.rq`` file each, the query text being the single source of truth.

A canned query is plain SPARQL that runs anywhere, with a grlc-style comment header::

    #+ title: Thematic partnerships that held events in a year
    #+ description: …
    #+ params:
    #+   year: {type: xsd:integer, default: 2019, description: calendar year}

Parameters are written ``$name`` in the query. A value a user gives is parsed into an RDF term of
the declared type and *bound*, never pasted into the text: variables the query projects go
through pyoxigraph's ``substitutions=`` (SEP-0007); the others through a ``VALUES`` block built
from the term's own N-Triples form, placed at the start of the top-level ``WHERE`` group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Store, Variable

XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\+ ?(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b(.*?)\bWHERE\b", re.IGNORECASE | re.DOTALL | re.MULTILINE)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class CatalogError(ValueError):
    """A canned query file is broken (the message names the file); raised at start-up."""


class ParameterError(ValueError):
    """A parameter value does not fit its declared type (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str  # "xsd:integer", "xsd:string", "xsd:date", "xsd:gYear", "xsd:decimal", "iri"
    default: str | None
    description: str = ""

    def term(self, raw: str) -> NamedNode | Literal:
        """Parse a user's value into an RDF term of this parameter's type."""
        value = raw.strip()
        if self.type == "iri":
            if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
                raise ParameterError(f"parameter {self.name!r}: {raw!r} is not an absolute IRI")
            return NamedNode(value)
        if self.type == "xsd:string":
            return Literal(value)
        checks = {
            "xsd:integer": r"[+-]?\d{1,18}",
            "xsd:decimal": r"[+-]?\d{1,18}(\.\d+)?",
            "xsd:date": r"\d{4}-\d{2}-\d{2}",
            "xsd:gYear": r"\d{4}",
        }
        if self.type not in checks:
            raise CatalogError(f"parameter {self.name!r}: unknown type {self.type!r}")
        if not re.fullmatch(checks[self.type], value):
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
        return {Variable(name): term for name, term in self.substitutions.items()}


@dataclass(frozen=True, slots=True)
class CannedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def bind(self, values: Mapping[str, str]) -> BoundQuery:
        """Bind user values (or the declared defaults) as RDF terms; unknown names are errors."""
        unknown = sorted(set(values) - {p.name for p in self.parameters})
        if unknown:
            raise ParameterError(f"unknown parameter {unknown[0]!r} for query {self.name!r}")
        terms: dict[str, NamedNode | Literal] = {}
        for parameter in self.parameters:
            raw = values.get(parameter.name, parameter.default)
            if raw is None:
                raise ParameterError(f"parameter {parameter.name!r} is required")
            terms[parameter.name] = parameter.term(str(raw))
        projected = _projected_variables(self.text)
        substitutions = {n: t for n, t in terms.items() if n in projected}
        inline = {n: t for n, t in terms.items() if n not in projected}
        return BoundQuery(text=_with_values(self.text, inline), substitutions=substitutions)


def _projected_variables(text: str) -> set[str]:
    """Variables the SELECT clause projects: plain ``?x``/``$x`` and ``(… AS ?x)`` targets."""
    match = _SELECT.search(_strip_comments(text))
    if not match:
        return set()
    clause = match.group(1)
    targets = set(re.findall(r"\bAS\s+[?$](\w+)", clause, re.IGNORECASE))
    while re.search(r"\([^()]*\)", clause):  # drop expressions, innermost first
        clause = re.sub(r"\([^()]*\)", " ", clause)
    return set(re.findall(r"[?$](\w+)", clause)) | targets


def _strip_comments(text: str) -> str:
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())


def _with_values(text: str, terms: Mapping[str, NamedNode | Literal]) -> str:
    if not terms:
        return text
    body = _strip_comments(text)
    match = _WHERE.search(body)
    if match is None:
        raise CatalogError("a query with non-projected parameters needs a WHERE clause")
    names = " ".join(f"${n}" for n in terms)
    values = " ".join(str(t) for t in terms.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    return body[: match.end()] + block + body[match.end() :]


def parse_canned_query(name: str, text: str) -> CannedQuery:
    """Parse one ``.rq`` file's header and check that every ``$var`` is declared and it parses."""
    header = "\n".join(
        m.group(1) for line in text.splitlines() if (m := _HEADER.match(line.strip()))
    )
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise CatalogError(f"{name}.rq: header is not valid YAML: {error}") from None
    if not isinstance(meta, dict) or not meta.get("title"):
        raise CatalogError(f"{name}.rq: header needs a '#+ title:' line")
    declared = meta.get("params") or {}
    if not isinstance(declared, dict):
        raise CatalogError(f"{name}.rq: '#+ params:' must map names to {{type, default}}")
    parameters = []
    for pname, spec in declared.items():
        spec = spec or {}
        default = spec.get("default")
        parameters.append(
            Parameter(
                name=str(pname),
                type=str(spec.get("type", "xsd:string")),
                default=None if default is None else str(default),
                description=str(spec.get("description", "")),
            )
        )
    used = set(_PARAM.findall(_strip_comments(text)))
    undeclared = sorted(used - {p.name for p in parameters})
    if undeclared:
        raise CatalogError(f"{name}.rq: ${undeclared[0]} is used but not declared in '#+ params:'")
    unused = sorted({p.name for p in parameters} - used)
    if unused:
        raise CatalogError(f"{name}.rq: parameter {unused[0]!r} is declared but never used")
    query = CannedQuery(
        name=name,
        title=str(meta["title"]).strip(),
        description=str(meta.get("description", "")).strip(),
        parameters=tuple(parameters),
        text=text,
    )
    if all(p.default is not None for p in parameters):
        bound = query.bind({})
        try:
            Store().query(bound.text, substitutions=bound.pyoxigraph_substitutions())
        except (SyntaxError, RuntimeError) as error:
            raise CatalogError(f"{name}.rq: does not parse with its defaults: {error}") from None
    return query


def load_catalog(folders: Iterable[Path] = ()) -> dict[str, CannedQuery]:
    """Every canned query: the built-ins shipped in ``silkgraph.queries``, then user folders.

    The built-ins go through the same loader a user's folder does; a user query with a built-in's
    name replaces it.
    """
    sources: list[tuple[str, str]] = []
    builtin = files("silkgraph.queries")
    sources += sorted(
        (entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in builtin.iterdir()
        if entry.name.endswith(".rq")
    )
    for folder in folders:
        found = Path(folder).glob("*.rq")
        sources += sorted((p.stem, p.read_text(encoding="utf-8")) for p in found)
    catalog: dict[str, CannedQuery] = {}
    for name, text in sources:
        if not _NAME.match(name):
            raise CatalogError(f"{name}.rq: query names are lowercase letters, digits and '-'")
        catalog[name] = parse_canned_query(name, text)
    return dict(sorted(catalog.items()))
