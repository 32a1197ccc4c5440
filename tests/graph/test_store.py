"""The store swap: complete builds replace the store atomically; failed or killed builds do not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from silkgraph.graph.store import builds_dir, open_read_only, sorted_nquads, write_store

G = NamedNode("http://example.org/g")
P = NamedNode("http://example.org/p")


def quads(tag: str, n: int = 3) -> list[Quad]:
    return [Quad(NamedNode(f"http://example.org/{tag}/{i}"), P, Literal(tag), G) for i in range(n)]


def tags_in(store_path: Path) -> set[str]:
    store = open_read_only(store_path)
    return {q.object.value for q in store}


def test_build_swaps_link_to_a_complete_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = write_store(quads("one"), store)
    assert store.is_symlink() and store.resolve() == first.resolve()
    assert tags_in(store) == {"one"}
    second = write_store(quads("two"), store)
    assert store.resolve() == second.resolve()
    assert tags_in(store) == {"two"}
    # the previous build is kept for servers that opened it before the swap
    assert first.exists()


def test_old_builds_are_pruned(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for tag in ("a", "b", "c", "d"):
        write_store(quads(tag), store)
    assert len(list(builds_dir(store).glob("build-*"))) == 2


def test_a_plain_folder_at_the_store_path_is_moved_aside(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    write_store(quads("x"), store)
    assert store.is_symlink() and tags_in(store) == {"x"}


def test_sorted_nquads_is_canonical() -> None:
    forward, backward = quads("q", 5), list(reversed(quads("q", 5)))
    assert sorted_nquads(forward) == sorted_nquads(backward + forward[:2])


KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from collections.abc import Sequence
    from pyoxigraph import Literal, NamedNode, Quad
    from silkgraph.graph.store import write_store

    class SlowQuads(Sequence):
        '''Yields half its quads, says so, then hangs: the build is mid-write when killed.'''
        def __init__(self, n):
            self.items = [Quad(NamedNode(f"http://example.org/new/{i}"),
                               NamedNode("http://example.org/p"), Literal("new"),
                               NamedNode("http://example.org/g")) for i in range(n)]
            self.passes = 0
        def __len__(self):
            return len(self.items)
        def __getitem__(self, i):
            return self.items[i]
        def __iter__(self):
            self.passes += 1
            for i, item in enumerate(self.items):
                if self.passes > 1 and i == len(self.items) // 2:
                    print("writing", flush=True)
                    time.sleep(60)
                yield item

    write_store(SlowQuads(2000), sys.argv[1])
    """
)


def test_killed_build_leaves_previous_store_serving(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write_store(quads("old"), store)
    before = store.resolve()
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(store)], stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "writing"
            unfinished = list(builds_dir(store).glob("tmp-*"))
            assert unfinished, "the build should be writing its own folder"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
    assert store.resolve() == before
    assert tags_in(store) == {"old"}
    # the next build removes the killed build's leftovers
    write_store(quads("next"), store)
    assert not list(builds_dir(store).glob("tmp-*"))
    assert tags_in(store) == {"next"}


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from silkgraph.graph.store import StoreError

    with pytest.raises(StoreError, match="run `silkgraph build` first"):
        open_read_only(tmp_path / "nothing")
