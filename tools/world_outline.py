"""Build src/marsad/knowledge/geo/countries.json, the world outline the map view draws.

Run once by a maintainer, never at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz    # ISC licence, Natural Earth data
    pip install pycountry                                          # ISO numeric → alpha-3, here only
    python tools/world_outline.py package/countries-110m.json package/countries-50m.json

It decodes the TopoJSON (the 1:110m outline, and from the 1:50m one the small states that
the first leaves out: Bahrain, Malta, Singapore …), simplifies every ring (Douglas-Peucker, 0.2°; islands under 0.05 square degrees dropped), keys countries by
ISO-3 code and writes, per country, an SVG path in degrees (x = longitude, y = -latitude)
and the centroid of its largest polygon, which stands for the country on the map and in
exports of country-level locations.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "knowledge" / "geo" / "countries.json"
TOLERANCE = 0.2
MIN_AREA = 0.05  # square degrees: smaller islands are left out, unless a country has nothing larger
# Natural Earth units without an ISO numeric code, and what Marsad codes them as.
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
LEFT_OUT = {"010"}  # Antarctica


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area_and_centroid(points: list) -> tuple[float, tuple[float, float]]:
    """Area and centroid of a ring; a ring cut at the antimeridian (Russia) is measured east of it."""
    if max(x for x, _ in points) - min(x for x, _ in points) > 300:
        area, (cx, cy) = area_and_centroid([(x + 360 if x < 0 else x, y) for x, y in points])
        return area, (cx - 360 if cx > 180 else cx, cy)
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if abs(area) < 1e-12:
        xs, ys = zip(*points, strict=True)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(area), (cx / (6 * area), cy / (6 * area))


def unwrapped(points: list) -> list[list]:
    """A ring cut at the antimeridian (eastern Russia, Fiji) as two copies, one east of it and one
    west, so that neither draws a line across the map; the view clips the part beyond ±180°."""
    if max(x for x, _ in points) - min(x for x, _ in points) <= 300:
        return [points]
    east = [(x + 360 if x < 0 else x, y) for x, y in points]
    return [east, [(x - 360, y) for x, y in east]]


def path(rings: list[list]) -> str:
    parts = []
    for points in (piece for ring_ in rings for piece in unwrapped(ring_)):
        rounded = [(round(x, 1), round(-y, 1)) for x, y in points]
        unique = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        parts.append("M" + " ".join(f"{x:g} {y:g}" for x, y in unique) + "Z")
    return "".join(parts)


def main(coarse: str, fine: str) -> None:
    countries: dict[str, dict] = {}
    read(coarse, countries)
    read(fine, countries, only_missing=True)
    write(countries)


def read(source: str, countries: dict[str, dict], only_missing: bool = False) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    known = set(countries)
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric, name = geometry.get("id"), geometry["properties"]["name"]
        if numeric in LEFT_OUT:
            continue
        found = pycountry.countries.get(numeric=numeric) if numeric else None
        code = BY_NAME.get(name) or (found.alpha_3 if found else None)
        if code is None:
            print(f"left out: {name} ({numeric})", file=sys.stderr)
            continue
        if only_missing and code in known:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        entry = countries.setdefault(code, {"name": found.name if found else name, "polygons": [], "rings": [],
                                            "largest": (0, None)})
        for polygon in polygons:
            outer = ring(polygon[0], arcs)
            area, centroid = area_and_centroid(outer)
            if area > entry["largest"][0]:
                entry["largest"] = (area, centroid)
            entry["polygons"].append((area, [ring(indices, arcs) for indices in polygon]))
    for entry in countries.values():
        if entry["rings"]:
            continue
        largest = max(area for area, _ in entry["polygons"])
        for area, rings in entry["polygons"]:
            if area >= MIN_AREA or area == largest:
                for points in rings:
                    simple = simplify(points, TOLERANCE)
                    entry["rings"].append(simple if len(simple) >= 4 else points)


def write(countries: dict[str, dict]) -> None:
    out = {
        "source": "world-atlas 2.0.2 countries-110m and -50m (Natural Earth, public domain), ISC licence: see README.md",
        "countries": {
            code: {"name": entry["name"],
                   "centroid": [round(entry["largest"][1][0], 2), round(entry["largest"][1][1], 2)],
                   "path": path(entry["rings"])}
            for code, entry in sorted(countries.items())
        },
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries, {OUT.stat().st_size:,} bytes → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
