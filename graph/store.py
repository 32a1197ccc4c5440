"""The embedded Oxigraph store on disk, and the atomic swap that keeps a server safe from builds.

``--store DIR`` names a symbolic link. A build writes a complete new store in a sibling folder
(``.DIR.builds/``), and only when it is finished does it point the link at it with one
``rename(2)`` — atomic on POSIX. A build that fails or is killed leaves at most an unfinished
``tmp-*`` folder behind (cleaned by the next build); the link, and every server reading through
it, keeps the previous store. The previous build is kept so a server that opened it before the
swap can go on reading it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store, serialize

#: Builds kept in ``.DIR.builds`` besides the current one, for servers still reading them.
KEEP_PREVIOUS = 1


class StoreError(RuntimeError):
    """The store path cannot be used (it is a file, or holds something that is not a store)."""


def builds_dir(store_path: Path) -> Path:
    return store_path.parent / f".{store_path.name}.builds"


def open_read_only(store_path: Path) -> Store:
    """Open the store the link points at *now*; a later swap does not affect this handle."""
    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `silkgraph build` first")
    return Store.read_only(str(store_path.resolve()))


def sorted_nquads(quads: Sequence[Quad]) -> bytes:
    """Canonical bytes of a dataset without blank nodes: N-Quads lines, sorted, deduplicated."""
    lines = serialize(quads, format=RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_builds(builds: Path) -> None:
    """Remove the unfinished folders of builds whose process is gone (killed, crashed)."""
    for leftover in builds.glob("tmp-*"):
        pid = leftover.name.split("-")[1]
        if not pid.isdigit() or not _pid_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _prune(builds: Path, current: Path) -> None:
    """Delete finished builds older than the current one and the KEEP_PREVIOUS before it."""
    older = sorted(
        (p for p in builds.glob("build-*") if p != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for build in older[KEEP_PREVIOUS:]:
        shutil.rmtree(build, ignore_errors=True)


def _swap_link(store_path: Path, target: Path) -> None:
    """Point ``store_path`` at ``target`` atomically (a real folder there is moved aside first)."""
    if store_path.exists() and not store_path.is_symlink():
        if not store_path.is_dir():
            raise StoreError(f"{store_path}: exists and is not a store folder")
        store_path.rename(builds_dir(store_path) / f"build-legacy-{time.time_ns()}")
    link = store_path.parent / f".{store_path.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, store_path.parent))
    os.replace(link, store_path)


def write_store(quads: Sequence[Quad], store_path: Path) -> Path:
    """Write ``quads`` into a new store and swap it in; returns the new build's folder.

    >>> from pyoxigraph import NamedNode, Literal
    >>> q = Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"), NamedNode("http://e/g"))
    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> write_store([q], folder / "store").name.startswith("build-")
    True
    """
    store_path = Path(store_path)
    builds = builds_dir(store_path)
    builds.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(builds)
    digest = hashlib.sha256(sorted_nquads(quads)).hexdigest()[:12]
    unfinished = builds / f"tmp-{os.getpid()}-{time.time_ns()}"
    store = Store(str(unfinished))
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
    del store
    finished = builds / f"build-{time.strftime('%Y%m%dT%H%M%S')}-{digest}-{os.getpid()}"
    unfinished.rename(finished)
    _swap_link(store_path, finished)
    _prune(builds, finished)
    return finished
