"""Run SPARQL queries in a pool of worker processes, with a time limit that really stops them.

pyoxigraph cannot interrupt a query, and a thread cannot be killed, so each query is handed to
a worker *process* (spawned, each with its own ``Store.read_only`` handle on the same folder).
The event loop never blocks: it waits for a worker's answer in a small dedicated thread pool.
When the time is up the worker is killed (SIGKILL), the client gets 504, and a replacement is
spawned in the background; the other workers go on answering meanwhile.

The store path is resolved once, when the executor is made: a build swapping the ``--store``
link during serving does not change what this server (or a replacement worker) reads. Restart
the server to serve a new build. A build keeps the previous store folder for such servers
(``silkgraph.graph.store.KEEP_PREVIOUS``); if it is deleted anyway, new workers fail to start and
queries get 503 while the error is logged.

Time limit: one deadline per query, waiting for a free worker included. No free worker before
the deadline -> 503 with Retry-After; the query itself overruns -> 504.

>>> import asyncio, tempfile
>>> from pyoxigraph import Store
>>> folder = tempfile.mkdtemp(); Store(folder).flush()
>>> async def ask() -> bytes:
...     async with QueryExecutor(Path(folder), workers=1) as executor:
...         return (await executor.run("ASK {}", accept="text/csv")).body
>>> asyncio.run(ask())
b'true'
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import time
from collections.abc import Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Self

from silkgraph.api import negotiation
from silkgraph.api.errors import SilkgraphError
from silkgraph.api.settings import Settings
from silkgraph.api.worker import Failure, Job, QueryResult, serve

__all__ = ["QueryExecutor", "QueryResult"]

log = logging.getLogger(__name__)

#: How long a new worker may take to open the store before it counts as failed.
START_TIMEOUT_S = 60.0


class _Worker:
    """The server's handle on one worker process (its blocking calls run in threads)."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def exchange(self, job: Job, timeout: float) -> QueryResult | Failure:
        """Send ``job`` and wait up to ``timeout`` seconds; TimeoutError when it is over."""
        self.conn.send(job)
        if not self.conn.poll(max(timeout, 0.0)):
            raise TimeoutError
        return self.conn.recv()

    def stop(self) -> None:
        """Ask politely, then kill; always reaps the process."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(1.0)
        self.kill()

    def kill_process(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def kill(self) -> None:
        self.kill_process()
        self.conn.close()


class QueryExecutor:
    """A pool of query workers over one store folder; :meth:`run` is the one verb."""

    def __init__(
        self,
        store: Path,
        *,
        workers: int = 2,
        timeout_s: float = 10.0,
        max_rows: int = 10_000,
    ) -> None:
        self.store = Path(store).resolve(strict=True)
        self.workers = workers
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self._context = multiprocessing.get_context("spawn")
        self._threads: ThreadPoolExecutor | None = None
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._broken: str | None = None
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        return cls(
            settings.store,
            workers=settings.workers,
            timeout_s=settings.query_timeout_s,
            max_rows=settings.max_rows,
        )

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Begin spawning the workers and return at once (they open the store in the background)."""
        if self._idle is not None:
            return
        self._idle = asyncio.Queue()
        # exchanges (one per worker) + spawns/kills in flight
        self._threads = ThreadPoolExecutor(2 * self.workers + 2, thread_name_prefix="sparql")
        self._background(self._spawn_pool())

    async def _spawn_pool(self) -> None:
        """One worker first, so the first query is answered soon even on a busy machine."""
        await self._spawn()
        await asyncio.gather(*(self._spawn() for _ in range(self.workers - 1)))

    async def close(self) -> None:
        """Stop every worker, busy ones included."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._threads is None:
            return
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(self._threads, worker.stop) for worker in list(self._all))
        )
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

    async def run(
        self,
        query: str,
        *,
        accept: str,
        substitutions: Mapping[str, str] | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
        trusted: bool = False,
    ) -> QueryResult:
        """Run a read-only query and serialise its answer in the format ``accept`` prefers.

        ``substitutions`` binds variables (names without ``?``/``$``) to N-Triples terms
        (``<http://…>``, ``"text"@zh``). ``base_iri`` resolves relative IRIs. Raises
        :class:`SilkgraphError`: 400 (syntax error, update, SERVICE, bad term, nesting),
        406 (no acceptable format), 503 (no worker), 504 (timeout).

        ``trusted=True`` is for the server's own query text only (entity pages; canned queries,
        screened in full at start-up) whose only variable parts are RDF terms written by
        pyoxigraph: it skips rdflib's parse (15-60 ms) and keeps the lexical SERVICE check.
        Never pass it for text that came from a request.
        """
        results_format = negotiation.results_format(accept)
        graph_format = negotiation.graph_format(accept)
        job = Job(
            query=query,
            results_format=results_format.media_type if results_format else None,
            graph_format=graph_format.media_type if graph_format else None,
            max_rows=self.max_rows,
            substitutions=tuple((substitutions or {}).items()),
            default_graph_uris=tuple(default_graph_uris),
            named_graph_uris=tuple(named_graph_uris),
            base_iri=base_iri,
            trusted=trusted,
        )
        reply = await self._submit(job)
        if isinstance(reply, Failure):
            raise SilkgraphError(reply.status, reply.message, detail=reply.detail)
        return reply

    async def _submit(self, job: Job) -> QueryResult | Failure:
        await self.start()
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        if self._broken and self._idle.empty():
            raise SilkgraphError(503, "the query workers cannot start (logged)", detail=None)
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout_s)
        except TimeoutError:
            raise SilkgraphError(
                503,
                f"all {self.workers} query workers stayed busy for {self.timeout_s:g} s",
                headers={"Retry-After": str(max(1, round(self.timeout_s)))},
            ) from None
        exchange = loop.run_in_executor(self._threads, worker.exchange, job, deadline - loop.time())
        try:
            # shielded: if the client goes away, the exchange must finish before its pipe closes
            reply = await asyncio.shield(exchange)
        except TimeoutError:
            self._retire(worker, exchange)
            raise SilkgraphError(
                504, f"the query ran past the {self.timeout_s:g} s time limit and was stopped"
            ) from None
        except (EOFError, OSError) as error:
            log.error("query worker %s died: %r", worker.process.pid, error)
            self._retire(worker, exchange)
            raise SilkgraphError(500, "the query worker stopped unexpectedly (logged)") from None
        except asyncio.CancelledError:  # the client went away while the worker is busy
            self._retire(worker, exchange)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _background(self, coroutine: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _retire(self, worker: _Worker, exchange: asyncio.Future[object]) -> None:
        """Kill ``worker`` and start its replacement, without making the caller wait."""
        self._all.discard(worker)

        async def replace() -> None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._threads, worker.kill_process)
            await asyncio.gather(exchange, return_exceptions=True)  # its thread sees EOF now
            worker.conn.close()
            await self._spawn()

        self._background(replace())

    def _launch(self) -> tuple[BaseProcess, Connection]:
        """Start one worker process (blocking: runs in the thread pool)."""
        ours, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve, args=(theirs, str(self.store)), name="silkgraph-sparql", daemon=True
        )
        process.start()
        theirs.close()
        return process, ours

    async def _spawn(self) -> None:
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        process, conn = await loop.run_in_executor(self._threads, self._launch)
        worker = _Worker(process, conn)
        self._all.add(worker)
        try:
            ready = await loop.run_in_executor(self._threads, conn.poll, START_TIMEOUT_S)
            message = conn.recv() if ready else ("failed", "did not start in time")
        except (EOFError, OSError) as error:
            message = ("failed", f"exited while starting ({error!r})")
        except asyncio.CancelledError:
            self._all.discard(worker)
            await loop.run_in_executor(self._threads, worker.kill)
            raise
        if message[0] != "ready":
            self._broken = str(message[1])
            log.error("query worker failed: %s", self._broken)
            self._all.discard(worker)
            await loop.run_in_executor(self._threads, worker.kill)
            return
        self._broken = None
        log.info("query worker %s ready in %.2f s", process.pid, time.perf_counter() - started)
        assert self._idle is not None
        self._idle.put_nowait(worker)
