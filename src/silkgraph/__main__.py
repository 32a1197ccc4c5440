"""``python -m silkgraph`` runs the command line, like the ``silkgraph`` console script."""

from silkgraph.cli import app

app(prog_name="silkgraph")
