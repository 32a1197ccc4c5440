"""The command line as a user meets it: clear errors, non-zero exits, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from silkgraph.graph.store import open_read_only, write_store

ROOT = Path(__file__).resolve().parents[1]


def silkgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "silkgraph", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture
def existing_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    g = NamedNode("http://example.org/g")
    write_store([Quad(g, NamedNode("http://example.org/p"), Literal("before"), g)], store)
    return store


BAD_INPUTS = [
    # (file name, content or None for a missing path, expected message)
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "file is empty"),
    ("gbk.txt", "联盟动态：论坛在北京召开".encode("gb18030"), "not UTF-8"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_fails_clearly_and_keeps_the_previous_store(
    tmp_path: Path, existing_store: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = existing_store.resolve()
    result = silkgraph("build", str(ROOT / "seeds"), str(path), "--store", str(existing_store))
    assert result.returncode == 2
    assert message in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    assert existing_store.resolve() == before
    assert {q.object.value for q in open_read_only(existing_store)} == {"before"}


def test_query_syntax_error_is_reported(existing_store: Path) -> None:
    result = silkgraph("query", "SELECT WHERE {", "--store", str(existing_store))
    assert result.returncode == 2
    assert "invalid SPARQL" in result.stderr


def test_query_against_a_missing_store(tmp_path: Path) -> None:
    result = silkgraph("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert result.returncode == 2
    assert "silkgraph build" in result.stderr


def test_query_table_lines_up(existing_store: Path) -> None:
    result = silkgraph("query", "SELECT ?o WHERE { ?s ?p ?o }", "--store", str(existing_store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["o     ", "--------", "before", "(1 row)"]


def test_canned_query_parameter_errors(existing_store: Path) -> None:
    result = silkgraph(
        "query",
        "@queries/partnerships-by-year.rq",
        "--param",
        "year=twenty",
        "--store",
        str(existing_store),
    )
    assert result.returncode == 2
    assert "not a valid xsd:integer" in result.stderr


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_export_formats_parse(existing_store: Path, tmp_path: Path, fmt: str) -> None:
    from pyoxigraph import RdfFormat, parse

    out = tmp_path / f"out.{fmt}"
    result = silkgraph("export", "--store", str(existing_store), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    formats = {
        "nquads": RdfFormat.N_QUADS,
        "trig": RdfFormat.TRIG,
        "turtle": RdfFormat.TURTLE,
        "jsonld": RdfFormat.JSON_LD,
    }
    parsed = list(parse(out.read_bytes(), format=formats[fmt]))
    assert [q.object.value for q in parsed] == ["before"]
