"""Every canned query returns one row per thing it names, on the real seed graph.

A count over a canned query's rows (events per year, events per place) is only right when no
event, partnership or organisation appears on two rows — which an event with two locations, or
a partnership with two labels, would otherwise cause.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from silkgraph.graph.store import open_read_only
from silkgraph.queries.catalog import load_catalog

#: What one row of each query stands for: the columns that identify it.
KEYS = {
    "article-facts": ("mention", "fact"),
    "coalition-cohosts": ("organisation",),
    "coalition-timeline": ("event",),
    "events-by-kind": ("event",),
    "events-by-partnership": ("event",),
    "events-by-place": ("event",),
    "events-by-year": ("event",),
    "events-outside-china": ("event",),
    "most-mentioned-organisations": ("organisation",),
    "most-mentioned-people": ("person",),
    "organisations-together": ("a", "b"),
    "partnership-convenors": ("partnership", "convenor"),
    "partnerships-by-year": ("partnership",),
    "positions-at-organisation": ("person", "role", "unit"),
}
#: Values under which several things are checked, besides the defaults.
MORE = {"events-by-place": [{"place": "中国"}], "events-by-year": [{"year": "2020"}]}


def test_the_table_covers_the_catalog() -> None:
    assert set(KEYS) == set(load_catalog())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(KEYS))
def test_one_row_per_thing(seed_store: Path, name: str) -> None:
    store = open_read_only(seed_store)
    query = load_catalog()[name]
    for values in [{}, *MORE.get(name, [])]:
        bound = query.bind(values)
        result = store.query(
            bound.text,
            substitutions=bound.pyoxigraph_substitutions(),
            use_default_graph_as_union=True,
        )
        assert isinstance(result, QuerySolutions)
        keys = Counter(tuple(str(row[k]) for k in KEYS[name]) for row in result)
        assert keys, f"{name} {values}: no rows on the seeds"
        repeated = {key: n for key, n in keys.items() if n > 1}
        assert not repeated, f"{name} {values}: several rows for {repeated}"
