"""Content negotiation over pyoxigraph's own formats (RFC 9110 Accept, q-values included).

No media-type table is written here: a concrete media range is looked up with the library's
``QueryResultsFormat.from_media_type`` / ``RdfFormat.from_media_type`` (which also knows the
aliases, e.g. ``application/json``), and the response is labelled with the chosen format's
canonical ``media_type``. The tuples below only say which of the library's formats we offer and
which one a wildcard prefers.

>>> results_format("text/csv;q=0.5, application/sparql-results+xml;q=0.9").name
'SPARQL Results in XML'
>>> graph_format("application/json").name
'JSON-LD'
>>> graph_format("application/sparql-results+json") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pyoxigraph import QueryResultsFormat, RdfFormat

#: Formats for SELECT and ASK, the first being what ``*/*`` gets.
RESULTS_FORMATS: tuple[QueryResultsFormat, ...] = (
    QueryResultsFormat.JSON,
    QueryResultsFormat.XML,
    QueryResultsFormat.CSV,
    QueryResultsFormat.TSV,
)
#: Formats for CONSTRUCT and DESCRIBE (and the service description), Turtle for ``*/*``.
GRAPH_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES,
    RdfFormat.JSON_LD,
    RdfFormat.RDF_XML,
    RdfFormat.N_QUADS,
    RdfFormat.TRIG,
)

F = TypeVar("F", QueryResultsFormat, RdfFormat)


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str, lookup: Callable[[str], object]) -> bool:
        if self.type == "*":
            return True
        offered_type = media_type.split("/", 1)[0]
        if self.subtype == "*":
            return offered_type == self.type
        wanted = lookup(f"{self.type}/{self.subtype}")
        return wanted is not None and wanted == lookup(media_type)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of ``header``; malformed elements are skipped, none means ``*/*``."""
    ranges: list[MediaRange] = []
    for position, element in enumerate((header or "").split(",")):
        essence, *params = (part.strip() for part in element.split(";"))
        if essence == "*":  # seen from old clients, means */*
            essence = "*/*"
        kind, slash, subtype = essence.lower().partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = -1.0
        if q >= 0:
            ranges.append(MediaRange(kind, subtype, q, position))
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def negotiate(
    header: str | None, offered: Sequence[F], lookup: Callable[[str], F | None]
) -> F | None:
    """The offered format the client prefers, or None when every one is excluded (-> 406).

    Each offered format takes the q of the most specific range that matches it; the highest q
    wins, then the range listed first, then the order of ``offered``.
    """
    ranges = parse_accept(header)
    best: tuple[tuple[float, int, int], F] | None = None
    for rank, fmt in enumerate(offered):
        matching = [r for r in ranges if r.matches(fmt.media_type, lookup)]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        rule = min((r for r in matching if r.specificity == top), key=lambda r: r.q)
        if rule.q <= 0:
            continue
        key = (rule.q, -rule.position, -rank)
        if best is None or key > best[0]:
            best = (key, fmt)
    return None if best is None else best[1]


def results_format(header: str | None) -> QueryResultsFormat | None:
    """The SELECT/ASK format for an Accept header."""
    return negotiate(header, RESULTS_FORMATS, QueryResultsFormat.from_media_type)


def graph_format(header: str | None) -> RdfFormat | None:
    """The CONSTRUCT/DESCRIBE format for an Accept header."""
    return negotiate(header, GRAPH_FORMATS, RdfFormat.from_media_type)
