"""JSON-LD for the HTTP views: the local-context JSON-LD of :mod:`silkgraph.graph.jsonld`.

The export (``silkgraph export --format jsonld``) and the server share one implementation; this
module is the name the views import it by.
"""

from silkgraph.graph.jsonld import (
    CONTEXT_URL,
    FRAME_URL,
    RemoteDocumentRefused,
    compact,
    context,
    document_loader,
    expand_rdf,
    frame_events,
    local_document,
    to_nquads,
)

__all__ = [
    "CONTEXT_URL",
    "FRAME_URL",
    "RemoteDocumentRefused",
    "compact",
    "context",
    "document_loader",
    "expand_rdf",
    "frame_events",
    "local_document",
    "to_nquads",
]
