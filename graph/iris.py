"""Minting IRIs from the stable local ids that extraction hands over.

All IRIs silkgraph mints live under one base so the server can resolve every one of them
(`/id/<local id>`). Ids are restricted to a safe alphabet; anything else is percent-encoded, so a
strange name can never produce an invalid IRI or two ids that collide after encoding.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pyoxigraph import NamedNode

from silkgraph.graph.vocab import ID_BASE

_SAFE_ID = re.compile(r"^[a-z][a-z0-9]*(?:/[A-Za-z0-9._~-]+)+$")


def local_id_of(iri: str) -> str | None:
    """The local id of an IRI silkgraph minted, or None for any other IRI.

    >>> local_id_of("https://silkgraph.org/id/org/mee")
    'org/mee'
    """
    return iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else None


def mint(local_id: str) -> NamedNode:
    """The IRI of an entity, event, position … from its local id (``"org/mee"``).

    >>> mint("org/mee").value
    'https://silkgraph.org/id/org/mee'
    """
    if not local_id or local_id.startswith("/") or ".." in local_id.split("/"):
        raise ValueError(f"not a usable local id: {local_id!r}")
    if _SAFE_ID.match(local_id):
        return NamedNode(ID_BASE + local_id)
    return NamedNode(ID_BASE + quote(local_id, safe="/-._~"))


def source_iri(source_key: str) -> NamedNode:
    return mint(f"source/{source_key}")


def issue_iri(issue_key: str) -> NamedNode:
    return mint(f"issue/{issue_key}")


def article_iri(article_key: str) -> NamedNode:
    """An article's IRI; it is also the name of the article's graph."""
    return mint(f"article/{article_key}")


def quote_iri(quote_id: str) -> NamedNode:
    """A quote's IRI; quote ids are article-scoped (``"<article key>-q<offset>"``) like mentions."""
    return mint(f"quote/{quote_id}")


def mention_iri(mention_id: str) -> NamedNode:
    """A mention's IRI from its id (``"<article key>-m<offset>"``)."""
    return mint(f"mention/{mention_id}")
