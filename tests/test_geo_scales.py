"""Analysts' fields as data: the Goldstein table covers every CAMEO code the extractor emits, and
every state and place of the knowledge base can be put on the map."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.knowledge.loader import load_knowledge_base
from marsad.model import QUAD_CLASS
from marsad.storing.geo import COUNTRY, PLACE, Gazetteer, world
from marsad.storing.scales import goldstein, goldstein_table, quad_class

TRIGGERS = Path(__file__).resolve().parent.parent / "src" / "marsad" / "extracting" / "lexicon" / "triggers.tsv"


def trigger_codes() -> set[tuple[str, str]]:
    with TRIGGERS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if len(r) > 2 and r[1] in QUAD_CLASS]
    return {(r[1], r[2]) for r in rows if r[2]}


def test_every_cameo_code_of_the_lexicon_has_a_weight_and_the_quad_class_of_its_type():
    codes = trigger_codes()
    assert len(codes) > 30
    for event_type, code in codes:
        assert goldstein(code) is not None, code
        assert quad_class(code) == QUAD_CLASS[event_type], (event_type, code)


@pytest.mark.parametrize(("code", "weight", "quad"), [
    ("041", 1.0, 1), ("057", 8.0, 1), ("073", 7.4, 2), ("111", -2.0, 3), ("138", -7.0, 3), ("190", -10.0, 4),
    ("0", None, None), (None, None, None),
])
def test_goldstein_and_quad_class_of_a_code(code, weight, quad):
    assert goldstein(code) == weight and quad_class(code) == quad


def test_the_table_is_on_goldsteins_scale():
    weights = goldstein_table().values()
    assert all(-10 <= w <= 10 for w in weights) and len(goldstein_table()) > 150
    assert quad_class("", "ASSAULT") == 4  # no code: the PLOVER type decides


def test_every_state_and_place_has_a_point():
    kb = load_knowledge_base()
    gazetteer = Gazetteer(kb)
    for state in kb.states.values():
        point = gazetteer.locate(None, state.code)
        assert point is not None and point.precision == COUNTRY, state.code
    for place in kb.places.values():
        point = gazetteer.locate(place.name, place.country)
        assert point.precision == PLACE and (point.lat, point.lon) == (place.lat, place.lon)
    assert gazetteer.locate("Jeddah", "SAU").admin1 == "Makkah Province"


def test_centroids_lie_in_their_countries_part_of_the_world():
    countries = world()["countries"]
    assert 20 < countries["SAU"]["centroid"][1] < 30 and 40 < countries["SAU"]["centroid"][0] < 50
    assert 50 < countries["RUS"]["centroid"][1] < 70  # not pulled across the antimeridian
    assert all(-180 <= c["centroid"][0] <= 180 and -90 <= c["centroid"][1] <= 90 for c in countries.values())
