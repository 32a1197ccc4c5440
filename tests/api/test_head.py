"""HEAD on every GET route: link checkers and HTTP clients ask it, and it must say what GET says.

Each path is fetched with GET and with HEAD from the live server over pages.trig: the status, the
media type and the length agree, and the HEAD answer has no body.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from conftest import LiveServer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

#: (path, Accept, the status both methods get)
PATHS = [
    ("/sparql", "text/turtle", 200),  # the service description
    ("/sparql?query=ASK%20%7B%7D", "application/sparql-results+json", 200),
    ("/sparql?query=ASK%20%7B", "*/*", 400),
    ("/id/org/mee", BROWSER, 200),
    ("/id/org/mee", "text/turtle", 200),
    ("/id/org/mee?format=jsonld", "*/*", 200),
    ("/id/org/no-such-org", BROWSER, 404),
    ("/queries", "application/json", 200),
    ("/queries?format=html", "*/*", 200),
    ("/queries/events-by-year", "*/*", 200),
    ("/queries/events-by-year?format=html", "*/*", 200),
    ("/queries/no-such-query", "*/*", 404),
    ("/", BROWSER, 200),
    ("/context.jsonld", "*/*", 200),
    ("/events.jsonld", "*/*", 200),
    ("/static/silkgraph.css", "*/*", 200),
    ("/static/no-such-file.js", "*/*", 404),
]


@pytest.fixture
def http(pages_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=pages_server.url, timeout=30) as client:
        yield client


@pytest.mark.parametrize(("path", "accept", "status"), PATHS, ids=[f"{p} {a}" for p, a, _ in PATHS])
def test_head_says_what_get_says(http: httpx.Client, path: str, accept: str, status: int) -> None:
    get = http.get(path, headers={"Accept": accept})
    head = http.head(path, headers={"Accept": accept})
    assert (get.status_code, head.status_code) == (status, status)
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""
    if status == 200:
        assert int(head.headers["content-length"]) == len(get.content) > 0


def test_the_sparql_405_names_every_method(http: httpx.Client) -> None:
    answer = http.delete("/sparql")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, HEAD, POST"


def test_openapi_lists_get_not_head(http: httpx.Client) -> None:
    """HEAD is implied by GET; the API description stays as it was."""
    paths = http.get("/openapi.json").json()["paths"]
    assert all("head" not in operations for operations in paths.values())
    assert {"/sparql", "/queries", "/queries/{name}", "/id/{local_id}", "/"} <= set(paths)
