"""Finding entities in Arabic text: spelling variants, clitics, and overlapping names."""

from __future__ import annotations

import pytest

from marsad.knowledge import load_knowledge_base


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def entities(kb, text: str) -> list[tuple[str, str, object]]:
    """(surface, kind, key) of every mention, in text order."""
    return [(m.surface, m.kind, m.key) for m in kb.find(text)]


@pytest.mark.parametrize("spelling", ["سوريا", "سورية", "سوريّا"])
def test_syria_spellings_name_the_state(kb, spelling):
    assert ("state", "SYR") in {(kind, key) for _, kind, key in entities(kb, spelling)}


@pytest.mark.parametrize("spelling", ["سيرغي لافروف", "سيرجي لافروف", "لافروف"])
def test_lavrov_spellings_name_one_person(kb, spelling):
    assert entities(kb, spelling) == [(spelling, "person", "sergey-lavrov")]


@pytest.mark.parametrize("text", ["أمريكا", "امريكا", "أميركا"])
def test_hamza_and_spelling_variants_of_america(kb, text):
    assert ("state", "USA") in {(kind, key) for _, kind, key in entities(kb, text)}


@pytest.mark.parametrize(
    ("word", "surface", "kind", "key"),
    [
        ("وسوريا", "سوريا", "state", "SYR"),
        ("لسوريا", "سوريا", "state", "SYR"),
        ("بالسعودية", "السعودية", "state", "SAU"),
        ("والروسي", "روسي", "nisba", "RUS"),
        ("وبالرياض", "الرياض", "place", "Riyadh"),
        ("ولدمشق", "دمشق", "place", "Damascus"),
    ],
)
def test_proclitics_are_peeled_at_word_start(kb, word, surface, kind, key):
    found = kb.find(f"قال {word} أمس")
    assert [(m.surface, m.kind, m.key) for m in found if m.kind == kind] == [(surface, kind, key)]
    # The span points into the original text, after the clitics.
    assert all(f"قال {word} أمس"[m.start:m.end] == m.surface for m in found)


def test_president_with_lil_clitic_is_an_office_title(kb):
    kinds = {(kind, key[0]) for _, kind, key in entities(kb, "للرئيس") if kind == "office_title"}
    assert ("office_title", "head_of_state") in kinds


def test_a_name_inside_a_longer_word_is_not_found(kb):
    # "مصرف" (bank) starts with "مصر"; "سوريالية" (surrealism) with "سوريا".
    assert entities(kb, "مصرف") == []
    assert [e for e in entities(kb, "السوريالية") if e[2] == "SYR"] == []


def test_mohammed_bin_salman_is_not_king_salman(kb):
    found = entities(kb, "استقبل ولي العهد الأمير محمد بن سلمان ضيفه")
    people = [key for _, kind, key in found if kind == "person"]
    assert people == ["mohammed-bin-salman"]


def test_king_salman_and_crown_prince_in_one_sentence(kb):
    found = entities(kb, "بعث الملك سلمان وولي العهد محمد بن سلمان برقيتين")
    people = [key for _, kind, key in found if kind == "person"]
    assert people == ["salman-of-saudi-arabia", "mohammed-bin-salman"]


def test_bare_salman_names_nobody(kb):
    # A common given name: only qualified forms (الملك سلمان …) name the king.
    assert [e for e in entities(kb, "قال سلمان إن") if e[1] == "person"] == []


def test_lebanese_tripoli_wins_over_libyan_tripoli(kb):
    assert entities(kb, "اشتباكات في طرابلس الشام") == [("طرابلس الشام", "place", "Tripoli, Lebanon")]
    assert entities(kb, "اشتباكات في طرابلس") == [("طرابلس", "place", "Tripoli")]


def test_east_jerusalem_is_one_mention_not_two(kb):
    assert entities(kb, "القدس الشرقية") == [("القدس الشرقية", "place", "East Jerusalem")]


@pytest.mark.parametrize("word", ["صور", "الباب", "الخبر", "العيون", "دوماً", "بحجة"])
def test_place_names_that_are_common_words_need_qualification(kb, word):
    assert [e for e in entities(kb, f"هذه {word} هنا") if e[1] == "place"] == []


def test_sidelines_venue_carries_its_country(kb):
    (mention,) = [m for m in kb.find("على هامش مؤتمر ميونخ للأمن") if m.kind == "place"]
    assert kb.places[mention.key].country == "DEU"
    assert kb.places[mention.key].kind == "venue"


def test_amman_and_oman_need_a_qualifier_because_bare_forms_coincide(kb):
    # Unvowelled عمان is both Oman and Amman; only qualified forms name either.
    assert entities(kb, "عمان") == []
    assert ("state", "OMN") in {(kind, key) for _, kind, key in entities(kb, "سلطنة عمان")}
    assert ("place", "Amman") in {(kind, key) for _, kind, key in entities(kb, "العاصمة الأردنية عمان")}
