"""Spec §4: an event's actors are the most specific ones the document names."""

from __future__ import annotations

import marsad
from marsad.extracting.decoding import most_specific_named
from marsad.model import Actor

SAIED = Actor("Kais Saied", "TUN", "GOV")
JERANDI = Actor("Othman Jerandi", "TUN", "GOV")
ATTAF = Actor("Ahmed Attaf", "DZA", "GOV")
TUNISIA, ALGERIA = Actor(None, "TUN", "GOV"), Actor(None, "DZA", "GOV")


def by_sector(*actors: Actor) -> dict[tuple, set[Actor]]:
    named: dict[tuple, set[Actor]] = {}
    for actor in actors:
        named.setdefault((actor.country, actor.sector), set()).add(actor)
    return named


def test_a_generic_side_becomes_the_one_official_of_its_country_the_article_names():
    assert most_specific_named([TUNISIA], [ATTAF], by_sector(SAIED, ATTAF)) == [SAIED]


def test_two_officials_of_the_country_leave_the_side_generic():
    assert most_specific_named([TUNISIA], [ATTAF], by_sector(SAIED, JERANDI, ATTAF)) == [TUNISIA]


def test_the_official_already_on_the_other_side_is_not_taken():
    assert most_specific_named([TUNISIA], [SAIED], by_sector(SAIED)) == [TUNISIA]


def test_another_sector_of_the_same_country_is_not_taken():
    army = Actor(None, "TUN", "MIL")
    assert most_specific_named([army], [ALGERIA], by_sector(SAIED)) == [army]


def test_the_named_actor_replaces_the_generic_once():
    assert most_specific_named([TUNISIA, SAIED], [ATTAF], by_sector(SAIED, ATTAF)) == [SAIED]


def test_a_condemnation_by_the_kingdom_is_its_foreign_minister_when_the_article_names_only_him():
    text = ("السعودية تدين هجوم الحوثيين على مطار أبها\n\nأدانت المملكة العربية السعودية بشدة الهجوم الذي شنته "
            "ميليشيا الحوثي على مطار أبها الدولي. وقال وزير الخارجية السعودي الأمير فيصل بن فرحان إن المملكة "
            "ستتخذ كل ما يلزم لحماية أراضيها.")
    events = marsad.extract(text, published="2021-08-31")
    assert [(e.type, [a.name for a in e.source], [a.name for a in e.target]) for e in events] == [
        ("ACCUSE", ["Faisal bin Farhan"], ["Houthis"])]
