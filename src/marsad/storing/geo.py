"""Where events happened, as analysts map them: coordinates and admin-1 region of a location.

A named place takes its coordinates and admin-1 region from the gazetteer (places.tsv); a
location known only by its country takes the centroid of the country's largest polygon in
the bundled world outline (knowledge/geo/countries.json), as GDELT's country-level points do,
or its capital's coordinates when the outline has no polygon for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.knowledge.loader import KnowledgeBase

PLACE, COUNTRY = "place", "country"  # how precise a point is


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    admin1: str | None
    precision: str  # PLACE or COUNTRY


@cache
def world() -> dict[str, Any]:
    """The bundled world outline: {"source", "countries": {ISO-3: {"name", "centroid": [lon, lat], "path"}}}."""
    text = resources.files("marsad.knowledge").joinpath("geo/countries.json").read_text("utf-8")
    return json.loads(text)


class Gazetteer:
    """Points for (place name, country) locations."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.places = {name: place for name, place in kb.places.items() if place.lat is not None}
        self.centroids = {code: country["centroid"] for code, country in world()["countries"].items()}
        for state in kb.states.values():  # a state too small for the outline (Tuvalu) stands at its capital
            capital = self.places.get(state.capital)
            if state.code not in self.centroids and capital is not None:
                self.centroids[state.code] = [capital.lon, capital.lat]

    def locate(self, name: str | None, country: str | None) -> Point | None:
        place = self.places.get(name or "")
        if place is not None:
            return Point(place.lat, place.lon, place.admin1, PLACE)
        centroid = self.centroids.get(country or "")
        if centroid is not None:
            return Point(centroid[1], centroid[0], None, COUNTRY)
        return None

    def fields(self, name: str | None, country: str | None) -> dict[str, Any]:
        """latitude, longitude, admin1 and geo_precision of a location (all None when unknown)."""
        point = self.locate(name, country)
        if point is None:
            return {"latitude": None, "longitude": None, "admin1": None, "geo_precision": None}
        return {"latitude": point.lat, "longitude": point.lon, "admin1": point.admin1,
                "geo_precision": point.precision}


def gazetteer() -> Gazetteer:
    """The gazetteer of the knowledge base in use (built once for each)."""
    from marsad.storing.actors import knowledge_names

    return _gazetteer_of(knowledge_names().kb)


@cache
def _gazetteer_of(kb: KnowledgeBase) -> Gazetteer:
    return Gazetteer(kb)
