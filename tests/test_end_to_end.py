"""From a seed file to a SPARQL answer, through the real command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run_cli(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "silkgraph", *args], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def select(store: Path, query: str, *params: str) -> list[dict[str, str]]:
    args = ["query", query, "--store", str(store), "--format", "csv"]
    for param in params:
        args += ["--param", param]
    return list(csv.DictReader(io.StringIO(run_cli(*args))))


def test_partnerships_that_held_events_in_2019(seed_store: Path) -> None:
    rows = select(seed_store, "@queries/partnerships-by-year.rq", "year=2019")
    labels = {row["label"] for row in rows}
    assert labels, "the 2019 issues report partnership events"
    assert all(label.endswith("专题伙伴关系") for label in labels), labels
    assert all(int(row["events"]) >= 1 for row in rows)


def test_no_partnership_events_in_a_year_without_issues(seed_store: Path) -> None:
    assert select(seed_store, "@queries/partnerships-by-year.rq", "year=1990") == []


def test_every_entity_has_one_chinese_label(seed_store: Path) -> None:
    query = """
    SELECT ?e (COUNT(?l) AS ?n) WHERE {
      ?e a/rdfs:subClassOf* ?top ; rdfs:label ?l .
      VALUES ?top { schema:Person schema:Organization schema:Place schema:Event }
      FILTER(LANG(?l) = "zh")
    } GROUP BY ?e HAVING (COUNT(?l) != 1)
    """
    assert select(seed_store, query) == []


def test_mentions_point_at_the_original_text(seed_store: Path) -> None:
    query = """
    SELECT ?file ?start ?end ?text WHERE {
      ?m a sg:Mention ; nif:anchorOf ?text ; oa:hasTarget ?t .
      ?t oa:hasSource/schema:name ?file ; oa:hasSelector ?s .
      ?s oa:start ?start ; oa:end ?end .
    } ORDER BY ?start LIMIT 300
    """
    rows = select(seed_store, query)
    assert len(rows) == 300
    for row in rows:
        original = (SEEDS / row["file"]).read_text(encoding="utf-8")
        stretch = original[int(row["start"]) : int(row["end"])]
        squeezed = "".join(stretch.split()).replace("•", "·").replace("・", "·")
        assert squeezed == row["text"].replace(" ", ""), row


def test_json_output_is_sparql_results_json(seed_store: Path) -> None:
    out = run_cli(
        "query", "ASK { ?e a sg:ThematicPartnership }", "--store", str(seed_store), "-f", "json"
    )
    assert json.loads(out) == {"head": {}, "boolean": True}
