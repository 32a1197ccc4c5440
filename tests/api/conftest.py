"""Two tiny on-disk stores and REAL uvicorn servers over them, for the API tests.

A server runs in its own process (``uvicorn --factory silkgraph.api.app:from_environment``)
configured through ``SILKGRAPH_*`` variables, exactly as an operator would, on a free loopback
port. Limits are lowered so the tests can reach them quickly: see :data:`TEST_LIMITS`.

* ``server``: over ``fixtures/store.trig`` plus a bulk graph (protocol, security, limits).
* ``pages_server``: over ``fixtures/pages.trig``, the TBox and a graph of hostile labels
  (canned queries, entity pages, JSON-LD, the browser). One of each per test session.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

FIXTURE = Path(__file__).parent / "fixtures" / "store.trig"
PAGES = Path(__file__).parent / "fixtures" / "pages.trig"
ONTOLOGY_GRAPH = NamedNode("https://silkgraph.org/graph/ontology")
HOSTILE_GRAPH = NamedNode("https://silkgraph.org/graph/test-hostile")
#: An organisation whose labels are markup, and a link to a javascript: IRI (XSS probes).
HOSTILE = "https://silkgraph.org/id/org/test-hostile"
HOSTILE_LABELS = (
    "<script>alert('label')</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(2)</script>",
)
HOSTILE_LINK = "javascript:alert(3)"
G_BULK = "https://silkgraph.org/graph/test-bulk"
#: Triples in G_BULK: enough for a cross-product that never ends, and for the row cap.
BULK_SIZE = 1_200

TEST_LIMITS = {
    "SILKGRAPH_QUERY_TIMEOUT_S": "1.5",
    "SILKGRAPH_MAX_ROWS": "100",
    "SILKGRAPH_MAX_BODY_BYTES": "20000",
    "SILKGRAPH_WORKERS": "2",
}


def _quads() -> list[Quad]:
    quads = list(parse(path=FIXTURE))
    value, bulk = NamedNode("https://silkgraph.org/ontology#value"), NamedNode(G_BULK)
    item = "https://silkgraph.org/id/item/"
    quads += [Quad(NamedNode(f"{item}{i}"), value, Literal(i), bulk) for i in range(BULK_SIZE)]
    return quads


@pytest.fixture(scope="session")
def quads() -> list[Quad]:
    """What the test store holds: tests derive their expectations from it."""
    return _quads()


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, quads: list[Quad]) -> Path:
    """A built store behind a symbolic link, like the graph stage leaves it."""
    root = tmp_path_factory.mktemp("store")
    build = root / "build-1"
    store = Store(str(build))
    store.extend(quads)
    store.flush()
    del store  # release the writer before any reader opens it
    link = root / "store"
    link.symlink_to(build)
    return link


def _hostile_quads() -> list[Quad]:
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    entity = NamedNode(HOSTILE)
    statements = [
        (NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
         NamedNode("https://silkgraph.org/ontology#Organisation")),
        (NamedNode(rdfs + "label"), Literal(HOSTILE_LABELS[0], language="zh")),
        (NamedNode(rdfs + "label"), Literal(HOSTILE_LABELS[1], language="en")),
        (NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
         Literal(HOSTILE_LABELS[2], language="zh")),
        (NamedNode(rdfs + "seeAlso"), NamedNode(HOSTILE_LINK)),
    ]  # fmt: skip
    return [Quad(entity, p, o, HOSTILE_GRAPH) for p, o in statements]


def build_pages_store(folder: Path) -> Path:
    """pages.trig plus the TBox in its graph, as a build would lay them out, and HOSTILE."""
    store = Store(str(folder))
    store.extend(parse(path=PAGES))
    tbox = (files("silkgraph.ontology") / "silkgraph.ttl").read_bytes()
    store.extend(
        Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
        for t in parse(tbox, format=RdfFormat.TURTLE)
    )
    store.extend(_hostile_quads())
    store.flush()
    del store
    return folder


@dataclass(frozen=True)
class Hostile:
    """What the pages store holds to probe escaping: an entity, its labels, a javascript: IRI."""

    iri: str = HOSTILE
    labels: tuple[str, ...] = HOSTILE_LABELS
    link: str = HOSTILE_LINK


@pytest.fixture(scope="session")
def hostile() -> Hostile:
    return Hostile()


@pytest.fixture(scope="session")
def pages_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pages_store(tmp_path_factory.mktemp("pages") / "store")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """Live child processes of ``pid`` that are query workers (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        worker = b"spawn_main" in cmdline and b"resource_tracker" not in cmdline
        if int(fields[1]) == pid and fields[0] != "Z" and worker:
            found.append(int(entry.name))
    return found


@dataclass(frozen=True)
class LiveServer:
    """A running server: its base URL, process, settings and how long it took to be ready."""

    url: str
    process: subprocess.Popen[bytes]
    env: Mapping[str, str]
    log: Path
    #: Seconds from launching the process until it answered ASK (imports, workers included).
    ready_s: float

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def setting(self, name: str) -> float:
        return float(self.env["SILKGRAPH_" + name.upper()])

    def workers(self) -> list[int]:
        return children(self.process.pid)


@contextmanager
def running_server(store: Path, log: Path, **overrides: str) -> Iterator[LiveServer]:
    """Start uvicorn on a free loopback port, wait until ASK is answered, stop it after."""
    port = free_port()
    env = {**os.environ, **TEST_LIMITS, "SILKGRAPH_STORE": str(store), **overrides}
    command = [sys.executable, "-m", "uvicorn", "--factory", "silkgraph.api.app:from_environment"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            ready_s = _wait_ready(url, process, started, log)
            yield LiveServer(url, process, env, log, ready_s)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(url: str, process: subprocess.Popen[bytes], started: float, log: Path) -> float:
    deadline = started + 30
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            answer = httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5)
            if answer.status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"server not ready in 30 s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The shared live server (lowered limits, see TEST_LIMITS)."""
    log = tmp_path_factory.mktemp("server") / "uvicorn.log"
    with running_server(store_path, log) as live:
        yield live


@pytest.fixture(scope="session")
def pages_server(
    pages_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The live server over pages.trig (the shared server's limits, another store)."""
    log = tmp_path_factory.mktemp("pages-server") / "uvicorn.log"
    with running_server(pages_store, log) as live:
        yield live


@pytest.fixture(scope="session")
def launch(
    store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., AbstractContextManager[LiveServer]]:
    """Start a server of one's own (for start-up and shutdown measurements)."""

    def start(**overrides: str) -> AbstractContextManager[LiveServer]:
        log = tmp_path_factory.mktemp("own-server") / "uvicorn.log"
        return running_server(store_path, log, **overrides)

    return start


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def seed_server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live server over the seed store, with the default limits (the seeds fit in them)."""
    log = tmp_path_factory.mktemp("seed-server") / "uvicorn.log"
    limits = {"SILKGRAPH_QUERY_TIMEOUT_S": "20", "SILKGRAPH_MAX_ROWS": "10000"}
    with running_server(seed_store, log, **limits) as live:
        yield live


@pytest.fixture(scope="session")
def launch_seed(
    seed_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., AbstractContextManager[LiveServer]]:
    """Start a server of one's own over the seed store (e.g. with a lower row limit)."""

    def start(**overrides: str) -> AbstractContextManager[LiveServer]:
        log = tmp_path_factory.mktemp("own-seed-server") / "uvicorn.log"
        return running_server(seed_store, log, **overrides)

    return start
