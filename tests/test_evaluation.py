"""The §6 scorer on hand-made gold/system pairs."""

from __future__ import annotations

import pytest

from marsad.evaluation.matching import jaccard, match_events, person_key, person_keys_match, similarity
from marsad.evaluation.scorer import score
from marsad.model import Actor, Event

LAVROV = {"name": "Sergey Lavrov", "country": "RUS", "sector": "GOV"}
SAFADI = {"name": "Ayman Safadi", "country": "JOR", "sector": "GOV"}
SHOUKRY = {"name": "Sameh Shoukry", "country": "EGY", "sector": "GOV"}
LAMAMRA = {"name": "Ramtane Lamamra", "country": "DZA", "sector": "GOV"}
ABOUL_GHEIT = {"name": "Ahmed Aboul Gheit", "country": "ARL", "sector": "IGO"}


def event(type_="CONSULT", source=(LAVROV,), target=(SAFADI,), **fields) -> Event:
    return Event.from_dict({"type": type_, "source": list(source), "target": list(target), **fields})


def generic(country: str, sector: str = "GOV") -> dict:
    return {"name": None, "country": country, "sector": sector}


def run(gold: list[Event], system: list[Event]):
    return score([("doc", gold, system)])


def test_exact_match_scores_one_at_both_levels():
    result = run([event(date="2021-03-10")], [event(date="2021-03-10")])
    for level in ("country", "person"):
        counts = result.overall[level]
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert result.attributes["date"].value == 1.0
    assert result.per_type["CONSULT"]["person"].matched == 1


def test_transliteration_variant_matches_at_person_level():
    sergei = {**LAVROV, "name": "Sergei Lavrov"}
    result = run([event(source=[LAVROV])], [event(source=[sergei])])
    assert result.overall["person"].matched == 1


def test_different_person_of_same_country_matches_only_at_country_level():
    shoigu = {**LAVROV, "name": "Sergey Shoigu"}
    result = run([event(type_="ACCUSE", source=[LAVROV])], [event(type_="ACCUSE", source=[shoigu])])
    assert result.overall["country"].matched == 1
    assert result.overall["person"].matched == 0
    assert result.misses[0].country_level_match and result.spurious[0].country_level_match


def test_jaccard_of_one_half_passes_and_below_fails():
    gold = event(source=[LAVROV], target=[SAFADI])
    half = event(source=[LAVROV], target=[SHOUKRY])  # {RUS, JOR} vs {RUS, EGY}: 1/3
    assert similarity(gold, half, "country") is None
    gold_three = event(source=[LAVROV], target=[SAFADI, SHOUKRY])
    system_two = event(source=[LAVROV], target=[SAFADI, LAMAMRA])  # 2 shared of 4: 0.5
    assert similarity(gold_three, system_two, "country") == 0.5
    system_one = event(source=[LAVROV], target=[LAMAMRA, {**SHOUKRY, "country": "QAT"}])  # 1 of 5
    assert similarity(gold_three, system_one, "country") is None


def test_directed_types_need_both_sides_at_one_half():
    gold = event(type_="ACCUSE", source=[LAVROV], target=[SAFADI, SHOUKRY])
    targets_half = event(type_="ACCUSE", source=[LAVROV], target=[SAFADI])
    assert similarity(gold, targets_half, "person") == pytest.approx(0.75)
    wrong_source = event(type_="ACCUSE", source=[LAMAMRA], target=[SAFADI, SHOUKRY])
    assert similarity(gold, wrong_source, "person") is None


def test_swapped_roles_match_only_for_symmetric_types():
    assert (
        run([event("CONSULT", [LAVROV], [SAFADI])], [event("CONSULT", [SAFADI], [LAVROV])])
        .overall["person"]
        .matched
        == 1
    )
    assert (
        run([event("ACCUSE", [LAVROV], [SAFADI])], [event("ACCUSE", [SAFADI], [LAVROV])])
        .overall["person"]
        .matched
        == 0
    )


def test_empty_target_matches_only_empty_target():
    gold = event(type_="PROTEST", source=[generic("IRQ", "CVL")], target=[])
    assert (
        similarity(gold, event(type_="PROTEST", source=[generic("IRQ", "CVL")], target=[]), "person") == 1.0
    )
    assert (
        similarity(
            gold, event(type_="PROTEST", source=[generic("IRQ", "CVL")], target=[generic("IRQ")]), "person"
        )
        is None
    )


def test_types_must_be_equal():
    assert run([event("CONSULT")], [event("AGREE")]).overall["country"].matched == 0


def test_greedy_matching_is_one_to_one_and_best_first():
    gold = [event(source=[LAVROV], target=[SAFADI]), event(source=[LAVROV], target=[SAFADI, SHOUKRY])]
    system = [event(source=[LAVROV], target=[SAFADI, SHOUKRY])]
    assert match_events(gold, system, "person") == [(1, 0)]
    result = run(gold, system)
    assert (result.overall["person"].matched, len(result.misses), len(result.spurious)) == (1, 1, 0)
    assert result.overall["person"].recall == 0.5 and result.overall["person"].precision == 1.0


def test_equal_similarity_pairs_by_date():
    gold = [event(date="2021-03-10"), event(date="2021-03-11")]
    system = [event(date="2021-03-11"), event(date="2021-03-10")]
    assert sorted(match_events(gold, system, "person")) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("gold_date", "system_date", "correct"),
    [
        ("2023-05", "2023-05-28", True),  # finer system date truncated to the gold's month
        ("2023-05", "2023-06-01", False),
        ("2023-05-28", "2023-05", False),  # coarser than gold is wrong
        ("2023-05-28", None, False),
        ("2023", "2023-11-02", True),
        ("2022-11-01", "2022-11-01", True),
    ],
)
def test_date_is_compared_at_gold_precision(gold_date, system_date, correct):
    result = run([event(date=gold_date)], [event(date=system_date)])
    assert result.attributes["date"].correct == int(correct)
    assert result.attributes["date"].total == 1


def test_gold_without_date_is_not_counted():
    result = run([event(date=None)], [event(date="2022-11-01")])
    assert result.attributes["date"].total == 0 and result.attributes["date"].value is None


def test_visit_and_host_count_as_one_mode():
    result = run([event(mode="visit")], [event(mode="host")])
    assert result.attributes["mode"].correct == 1
    wrong = run([event(mode="visit")], [event(mode="phone")])
    assert (wrong.attributes["mode"].correct, wrong.attributes["mode"].total) == (0, 1)


def test_location_name_and_country_are_reported_separately():
    gold = event(location={"name": "New York", "country": "USA"})
    system = event(location={"name": "Washington", "country": "USA"})
    result = run([gold], [system])
    assert result.attributes["location"].correct == 0
    assert result.attributes["location_country"].correct == 1
    folded = run(
        [event(location={"name": "Al-Ula", "country": "SAU"})],
        [event(location={"name": "AlUla", "country": "SAU"})],
    )
    assert folded.attributes["location"].correct == 1


def test_generic_gold_actor_matches_any_actor_of_its_country_and_sector():
    gold = event(type_="SUPPORT", source=[LAVROV], target=[generic("DZA")])
    named = event(type_="SUPPORT", source=[LAVROV], target=[LAMAMRA])
    assert similarity(gold, named, "person") == 1.0
    military = event(type_="SUPPORT", source=[LAVROV], target=[generic("DZA", "MIL")])
    assert similarity(gold, military, "person") is None


def test_named_gold_actor_is_not_matched_by_a_generic_one():
    assert not person_keys_match(
        person_key(Actor.from_dict(LAVROV)), person_key(Actor.from_dict(generic("RUS")))
    )


def test_igo_actor_reduces_to_its_organisation_code():
    gold = event(type_="SUPPORT", source=[ABOUL_GHEIT], target=[generic("DZA")])
    league = event(
        type_="SUPPORT",
        source=[{"name": "Arab League", "country": "ARL", "sector": "IGO"}],
        target=[generic("DZA")],
    )
    egypt = event(
        type_="SUPPORT", source=[{**ABOUL_GHEIT, "country": "EGY", "sector": "GOV"}], target=[generic("DZA")]
    )
    assert similarity(gold, league, "country") == 1.0
    assert similarity(gold, league, "person") is None
    assert similarity(gold, egypt, "country") is None
    assert similarity(gold, egypt, "person") == 1.0  # the name is what counts at person level


def test_fuzzy_jaccard_pairs_each_key_once():
    def keys(*names):
        return [person_key(Actor(name, "IRN", "GOV")) for name in names]

    gold = keys("Hossein Amir-Abdollahian")
    # Two spellings that fold differently but both fuzzily equal the one gold key: only one may pair with it.
    assert jaccard(gold, keys("Hossein Amirabdollahian", "Hosein Amir Abdolahian"), person_keys_match) == 0.5
    # Spellings that fold to the same skeleton are one key.
    assert (
        jaccard(gold, keys("Hossein Amir-Abdollahian", "Hossein Amir Abdollahian"), person_keys_match) == 1.0
    )


def test_per_type_counts_and_micro_average():
    gold = [event("CONSULT"), event("ACCUSE"), event("ACCUSE", [SAFADI], [LAVROV])]
    system = [event("CONSULT"), event("ACCUSE", [SHOUKRY], [LAMAMRA])]
    result = run(gold, system)
    assert result.per_type["CONSULT"]["person"].f1 == 1.0
    assert result.per_type["ACCUSE"]["person"].matched == 0
    assert result.overall["person"].f1 == pytest.approx(2 * 1 / (3 + 2))
