"""The map: where the events matching the filters happened, drawn over the bundled world outline.

Nothing is fetched from elsewhere: the outline is knowledge/geo/countries.json (from world-atlas,
Natural Earth data), served from here; places take their coordinates from the gazetteer.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from marsad.serving.deps import request_store
from marsad.serving.filters import Filters, event_filters
from marsad.serving.pages import _page
from marsad.storing.geo import PLACE, gazetteer, world
from marsad.storing.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(request_store)]
FiltersDep = Annotated[Filters, Depends(event_filters)]


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request) -> HTMLResponse:
    return _page(request, "map.html", page="map")


@router.get("/map/world.json", include_in_schema=False)
def world_outline() -> Response:
    """The world outline the map draws (about 130 kB, cached by the browser for a day)."""
    return Response(_outline(), media_type="application/json", headers={"Cache-Control": "max-age=86400"})


def _outline() -> bytes:
    from importlib import resources

    return resources.files("marsad.knowledge").joinpath("geo/countries.json").read_bytes()


@router.get("/api/map", tags=["api"], summary="Where the events matching the filters happened, for a map")
def event_map(store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    """Named places with coordinates and their event counts, event counts per country of location
    (places included), and how many events have no location."""
    where, params = filters.to_sql(store)
    rows = store.con.execute(
        "SELECT e.location_name, e.location_country, count(*), count(*) FILTER (WHERE e.quad_class <= 2) "
        f"FROM events e JOIN documents d USING (doc_id) WHERE {where} GROUP BY ALL", params,
    ).fetchall()
    places: dict[str, dict[str, Any]] = {}
    countries: dict[str, int] = defaultdict(int)
    unplaced = 0
    known = world()["countries"]
    locate = gazetteer().locate
    for name, country, events, cooperation in rows:
        point = locate(name, country)
        if point is None:
            unplaced += events
            continue
        if country in known:
            countries[country] += events
        if point.precision != PLACE:
            continue
        place = places.setdefault(name, {"name": name, "country": country, "admin1": point.admin1,
                                         "lat": point.lat, "lon": point.lon, "events": 0, "cooperation": 0})
        place["events"] += events
        place["cooperation"] += cooperation
    return {"places": sorted(places.values(), key=lambda p: (-p["events"], p["name"])),
            "countries": dict(sorted(countries.items(), key=lambda kv: -kv[1])), "unplaced": unplaced}
