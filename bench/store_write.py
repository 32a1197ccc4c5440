"""How silkgraph writes its store, against the ways it could have.

silkgraph writes quads natively (``Store.bulk_extend``). The alternatives measured in the same run:
``Store.extend`` (transactional), ``Store.bulk_load`` of serialised N-Quads, and rdflib through the
oxrdflib store plugin, triple by triple — the path the brief warns is 3–12× slower. Results are
ratios to the baseline, so they mean the same on any machine.

Run: ``.venv/bin/python -m bench`` (or ``make bench``); ``--quads N`` to change the size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize


def synthetic_quads(n: int) -> list[Quad]:
    """Quads shaped like silkgraph's: many subjects, a few predicates, zh literals, many graphs."""
    predicates = [NamedNode(f"https://silkgraph.org/ontology#p{i}") for i in range(12)]
    quads = []
    for i in range(n):
        subject = NamedNode(f"https://silkgraph.org/id/mention/doc-a{i // 40}-m{i}")
        graph = NamedNode(f"https://silkgraph.org/id/article/doc-a{i // 400}")
        value = Literal(f"第{i}届论坛在北京召开", language="zh")
        quads.append(Quad(subject, predicates[i % len(predicates)], value, graph))
    return quads


def via_bulk_extend(quads: list[Quad], folder: Path) -> None:
    Store(str(folder)).bulk_extend(quads)


def via_extend(quads: list[Quad], folder: Path) -> None:
    Store(str(folder)).extend(quads)


def via_bulk_load(quads: list[Quad], folder: Path) -> None:
    data = serialize(quads, format=RdfFormat.N_QUADS)
    Store(str(folder)).bulk_load(data, format=RdfFormat.N_QUADS)


def via_rdflib_oxrdflib(quads: list[Quad], folder: Path) -> None:
    import rdflib

    dataset = rdflib.Dataset(store="Oxigraph")
    dataset.open(str(folder), create=True)
    for quad in quads:
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))
        graph.add(
            (
                rdflib.URIRef(quad.subject.value),
                rdflib.URIRef(quad.predicate.value),
                rdflib.Literal(quad.object.value, lang=quad.object.language),
            )
        )
    dataset.close()


WAYS: dict[str, Callable[[list[Quad], Path], None]] = {
    "bulk_extend (silkgraph)": via_bulk_extend,
    "extend": via_extend,
    "bulk_load N-Quads": via_bulk_load,
    "rdflib + oxrdflib": via_rdflib_oxrdflib,
}


def measure(n: int, repeats: int) -> dict[str, float]:
    quads = synthetic_quads(n)
    medians = {}
    for name, way in WAYS.items():
        times = []
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                way(quads, Path(folder) / "store")
                times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times)
    return medians


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    medians = measure(args.quads, args.repeats)
    baseline = medians["bulk_extend (silkgraph)"]
    print(f"store write, {args.quads} quads, median of {args.repeats}; ratio to bulk_extend")
    for name, seconds in medians.items():
        print(f"  {name:<26} {seconds / baseline:6.2f}×")
