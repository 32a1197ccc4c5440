"""IRIs of the vocabularies silkgraph writes, as pyoxigraph terms.

The mapping code builds every IRI through these constants so that no module spells a namespace by
hand: a typo in ``SG.confidance`` raises ``AttributeError`` at once instead of producing a graph
that silently misses its own ontology. ``SG`` is closed over the terms of ``ontology/silkgraph.ttl``
(a test keeps the two in step); the standard vocabularies are open.

>>> SG.Forum
<NamedNode value=https://silkgraph.org/ontology#Forum>
>>> ID["org/mee"].value
'https://silkgraph.org/id/org/mee'
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

__all__ = [
    "GRAPH_BASE",
    "GRAPH_CORPUS",
    "GRAPH_ENTITIES",
    "GRAPH_GAZETTEER",
    "GRAPH_ONTOLOGY",
    "ID",
    "ID_BASE",
    "NIF",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SG",
    "SG_TERMS",
    "SKOS",
    "XSD",
    "Namespace",
    "sparql_prologue",
]


class Namespace:
    """An IRI prefix whose attributes (and items) are the `NamedNode`s it names.

    With ``terms`` the namespace is *closed*: asking for any other local name raises
    ``AttributeError`` / ``KeyError``. Items serve local names that are not identifiers
    (``ID["org/mee"]``).

    >>> Namespace("http://schema.org/").startDate.value
    'http://schema.org/startDate'
    """

    __slots__ = ("_cache", "_iri", "_terms")

    def __init__(self, iri: str, terms: Iterable[str] | None = None) -> None:
        self._iri = iri
        self._terms = frozenset(terms) if terms is not None else None
        self._cache: dict[str, NamedNode] = {}

    @property
    def iri(self) -> str:
        """The namespace IRI itself."""
        return self._iri

    @property
    def terms(self) -> frozenset[str] | None:
        """The local names of a closed namespace, ``None`` for an open one."""
        return self._terms

    def term(self, name: str) -> NamedNode:
        """The `NamedNode` for ``name``; raises ``KeyError`` outside a closed namespace's terms."""
        node = self._cache.get(name)
        if node is None:
            if self._terms is not None and name not in self._terms:
                raise KeyError(f"{name!r} is not a term of <{self._iri}>")
            node = self._cache[name] = NamedNode(self._iri + name)
        return node

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.term(name)
        except KeyError as error:
            raise AttributeError(str(error)) from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.term(name)

    def __contains__(self, node: object) -> bool:
        """Whether ``node`` is a `NamedNode` in this namespace (and among its terms, if closed)."""
        if not isinstance(node, NamedNode) or not node.value.startswith(self._iri):
            return False
        return self._terms is None or node.value[len(self._iri) :] in self._terms

    def __repr__(self) -> str:
        return f"Namespace({self._iri!r})"

    def __str__(self) -> str:
        return self._iri


#: Every class and property that ontology/silkgraph.ttl defines.
SG_TERMS = frozenset(
    {
        # classes
        "Person",
        "Organisation",
        "GovernmentBody",
        "IntergovernmentalOrganisation",
        "NGO",
        "ThinkTank",
        "University",
        "Company",
        "FinancialInstitution",
        "MediaOrganisation",
        "CoalitionBody",
        "ThematicPartnership",
        "Place",
        "Country",
        "Region",
        "Province",
        "City",
        "District",
        "Venue",
        "NaturalFeature",
        "Event",
        "Meeting",
        "Forum",
        "Summit",
        "Conference",
        "Seminar",
        "RoundTable",
        "SideEvent",
        "Dialogue",
        "Training",
        "Workshop",
        "Launch",
        "Signing",
        "ReportRelease",
        "PressConference",
        "Exhibition",
        "Visit",
        "SourceDocument",
        "NewsletterIssue",
        "Article",
        "Publication",
        "Quote",
        "Mention",
        "Position",
        # properties
        "confidence",
        "extractionMethod",
        "convenedBy",
        "responsiblePartnership",
        "venue",
        "iso3166",
        "adcode",
        "geonames",
        "sourceLine",
        "originalStart",
        "originalEnd",
        "article",
        "sha256",
    }
)

SG = Namespace("https://silkgraph.org/ontology#", SG_TERMS)
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

#: Everything silkgraph mints lives under this prefix (``id:`` in the data contract).
ID_BASE = "https://silkgraph.org/id/"
ID = Namespace(ID_BASE)

GRAPH_BASE = "https://silkgraph.org/graph/"
GRAPH_ONTOLOGY = NamedNode(GRAPH_BASE + "ontology")
GRAPH_GAZETTEER = NamedNode(GRAPH_BASE + "gazetteer")
GRAPH_ENTITIES = NamedNode(GRAPH_BASE + "entities")
GRAPH_CORPUS = NamedNode(GRAPH_BASE + "corpus")

#: The data contract's prefixes, for compact display, Turtle output and query prologues.
PREFIXES: dict[str, str] = {
    "sg": SG.iri,
    "id": ID_BASE,
    "schema": SCHEMA.iri,
    "org": ORG.iri,
    "prov": PROV.iri,
    "skos": SKOS.iri,
    "oa": OA.iri,
    "nif": NIF.iri,
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "owl": OWL.iri,
    "xsd": XSD.iri,
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every contract prefix, to put in front of a query silkgraph writes."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
