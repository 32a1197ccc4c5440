"""silkgraph: a knowledge graph of the "一带一路"绿色发展国际联盟 newsletters, served over SPARQL.

The stages import in one direction only: ``extract`` (text -> records) -> ``graph`` (records ->
quads -> store) -> ``api`` (store -> HTTP). This top-level package holds what drives them all:
the build orchestration and the command line.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Where `silkgraph build` reads from and writes to when given no paths (relative to the cwd).
DEFAULT_SEEDS = Path("seeds")
DEFAULT_STORE = Path("data/store")


def __getattr__(name: str) -> object:
    """``from silkgraph import Client`` without importing the client (and pandas) at start-up."""
    if name == "Client":
        from silkgraph.client import Client

        return Client
    raise AttributeError(f"module 'silkgraph' has no attribute {name!r}")
