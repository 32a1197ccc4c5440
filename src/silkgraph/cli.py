"""The `silkgraph` command line: build, export, query, serve, eval.

Every command reports bad input as one clear line on stderr and a non-zero exit status; a
traceback means a bug in silkgraph, never in the user's input.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from silkgraph import DEFAULT_SEEDS, DEFAULT_STORE

app = typer.Typer(
    help="Build and serve the knowledge graph of the BRIGC newsletters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    Path, typer.Option("--store", help="Store folder (a link swapped atomically by builds).")
]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line to stderr and return the Exit to raise."""
    typer.echo(f"silkgraph: error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def build(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Newsletter .txt files or folders [default: seeds/]")
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    progress: Annotated[bool, typer.Option(help="Show progress bars.")] = True,
) -> None:
    """Extract the newsletters and write a new store, swapped in only when complete and valid."""
    from silkgraph.build import BuildError
    from silkgraph.build import build as run_build
    from silkgraph.extract.text.sources import InputError

    try:
        report = run_build(
            paths or [DEFAULT_SEEDS], store, progress=progress and sys.stderr.isatty()
        )
    except (InputError, BuildError) as error:
        raise fail(str(error)) from None
    stats = report.stats
    entities = ", ".join(
        f"{family} {stats.entities[family]} ({stats.mentioned[family]} mentioned)"
        for family in sorted(stats.entities)
    )
    typer.echo(
        f"built {report.store} from {len(report.sources)} file(s): {report.quads} quads; "
        f"{stats.issues} issues, {stats.articles} articles, {stats.mentions} mentions; "
        f"entities: {entities}; {stats.events} events, {stats.memberships} positions, "
        f"{stats.publications} publications, {stats.quotes} quotes "
        f"in {report.seconds['total']:.1f}s"
    )
    for reason, n in sorted(stats.dropped.items()):
        typer.echo(f"  left out: {n} × {reason}", err=True)


class ExportFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"


@app.command()
def export(
    store: StoreOption = DEFAULT_STORE,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.nquads,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File [default: stdout]")
    ] = None,
) -> None:
    """Write the whole dataset; N-Quads come sorted so two builds compare byte for byte."""
    from silkgraph.graph.export import export_dataset
    from silkgraph.graph.store import StoreError

    try:
        data = export_dataset(store, format.value)
    except StoreError as error:
        raise fail(str(error)) from None
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    text: Annotated[str, typer.Argument(metavar="QUERY", help="SPARQL text, or @file.rq")],
    store: StoreOption = DEFAULT_STORE,
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a canned query's $NAME (repeatable)."),
    ] = None,
) -> None:
    """Run a read-only SPARQL query against the store (the union of all graphs by default).

    A query file with a ``#+ params:`` header (the files in queries/) is a canned query: its
    ``$parameters`` take their declared defaults unless given with ``--param``.
    """
    from silkgraph.graph.query import QueryError, run_query
    from silkgraph.graph.store import StoreError
    from silkgraph.queries.catalog import CatalogError, ParameterError, parse_canned_query

    name = "query"
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise fail(f"{path}: cannot read query file ({error})") from None
        name = path.stem
    values = dict(item.partition("=")[::2] for item in param or [])
    try:
        substitutions = None
        if values or "#+ title:" in text:
            bound = parse_canned_query(name, text).bind(values)
            text, substitutions = bound.text, bound.pyoxigraph_substitutions()
        sys.stdout.write(run_query(store, text, format.value, substitutions=substitutions))
    except (StoreError, QueryError, CatalogError, ParameterError) as error:
        raise fail(str(error)) from None


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the SPARQL endpoint, canned queries, entity pages and the query UI."""
    import uvicorn

    from silkgraph.api.app import create_app
    from silkgraph.api.settings import Settings

    if not store.exists():
        raise fail(f"{store}: no store here; run `silkgraph build` first")
    settings = Settings(store=store, host=host, port=port)
    typer.echo(f"serving {store} on http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command(name="eval")
def evaluate(
    devset: Annotated[
        Path | None, typer.Argument(help="Dev-set folder [default: tests/devset]")
    ] = None,
) -> None:
    """Score extraction against the annotated dev set: precision / recall / F1 per type."""
    from silkgraph.evaluation.evaluate import main

    raise typer.Exit(main(devset))


if __name__ == "__main__":  # pragma: no cover
    app()
