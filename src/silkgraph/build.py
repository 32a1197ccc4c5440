"""One build: input files -> records -> quads -> SHACL check -> a new store swapped in.

Everything that can fail on bad input (reading, decoding, extraction, validation) happens before
the store is touched, so a failed build never costs the previous store.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad
from tqdm import tqdm

from silkgraph import DEFAULT_SEEDS, DEFAULT_STORE
from silkgraph.extract.entities.gazetteer import Gazetteer
from silkgraph.extract.records import Extraction
from silkgraph.extract.text.sources import collect_sources, read_source
from silkgraph.graph.mapping import MappingStats, corpus_quads, ontology_quads
from silkgraph.graph.store import write_store
from silkgraph.graph.validate import validate_dataset


class BuildError(RuntimeError):
    """The build produced a graph that breaks the data contract; nothing was written."""


@dataclass
class BuildReport:
    """What a build produced: counts for the closing summary, timings per stage."""

    store: Path
    sources: list[str]
    quads: int
    stats: MappingStats
    seconds: dict[str, float] = field(default_factory=dict)


def extract_all(paths: Sequence[Path], *, progress: bool = False) -> tuple[Extraction, ...]:
    """Read and extract every input; all files are read and checked before any is extracted."""
    from silkgraph.extract.pipeline import extract_documents

    sources = [read_source(path) for path in collect_sources(paths)]
    return extract_documents(tqdm(sources, desc="extract", unit="file", disable=not progress))


def graph_quads(extractions: Sequence[Extraction], stats: MappingStats | None = None) -> list[Quad]:
    """The whole dataset of a build: the ontology plus everything mapped from the records."""
    return ontology_quads() + corpus_quads(Gazetteer.load(), extractions, stats)


def build(
    paths: Sequence[Path] = (DEFAULT_SEEDS,),
    store: Path = DEFAULT_STORE,
    *,
    progress: bool = False,
) -> BuildReport:
    """Build the store at ``store`` from ``paths`` (files or folders of ``.txt`` newsletters)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    extractions = extract_all(paths, progress=progress)
    seconds["extract"] = time.perf_counter() - started

    mark = time.perf_counter()
    stats = MappingStats()
    quads = graph_quads(extractions, stats)
    seconds["map"] = time.perf_counter() - mark

    mark = time.perf_counter()
    report = validate_dataset(quads)
    seconds["validate"] = time.perf_counter() - mark
    if not report.conforms:
        shown = "\n".join(f"  - {line}" for line in report.results[:20])
        more = len(report.results) - 20
        raise BuildError(
            "the graph breaks the data contract (SHACL); the previous store is untouched:\n"
            + shown
            + (f"\n  … and {more} more" if more > 0 else "")
        )

    mark = time.perf_counter()
    write_store(quads, store)
    seconds["store"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return BuildReport(
        store=store,
        sources=[x.source.key for x in extractions],
        quads=len(quads),
        stats=stats,
        seconds=seconds,
    )
