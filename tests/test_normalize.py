"""The normalised matching view: folding rules, and spans that map back to the untouched text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.cleaning.boilerplate import clean, clean_view
from marsad.cleaning.normalize import _DROPPED_RE, _FOLD, NormalizedText, normalize


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أحمد", "احمد"),  # hamza on alef
        ("إبراهيم", "ابراهيم"),  # hamza under alef
        ("آل سعود", "ال سعود"),  # madda
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("مدرسة", "مدرسه"),  # taa marbuta
        ("مـــصر", "مصر"),  # tatweel
        ("مُحَمَّدٌ", "محمد"),  # diacritics
        ("الرحمٰن", "الرحمن"),  # dagger alef
        ("٢٠٢٣", "2023"),  # Arabic-Indic digits
        ("۱۴۰۲", "1402"),  # Eastern Arabic-Indic digits
        ("«قال»", '"قال"'),  # guillemets
        ("UN", "un"),  # Latin case
    ],
)
def test_folding_rules(written, folded):
    assert normalize(written) == folded


@pytest.mark.parametrize(
    ("typo", "correct"),
    [
        ("الموءتمر", "المؤتمر"),
        ("إلي", "إلى"),
        ("الي", "إلى"),
        ("الأمم المتحدة", "الامم المتحده"),
        ("الرئيس", "الرئيـس"),
    ],
)
def test_common_typos_meet_the_correct_spelling(typo, correct):
    assert normalize(typo) == normalize(correct)


def test_different_words_stay_different():
    assert normalize("مصر") != normalize("قطر")
    assert normalize("سلام") != normalize("اسلام")


def test_normalize_is_idempotent():
    text = "أعلنت وزارةُ الخارجيّة المصريـة، في ٢٠ يناير، أنّ الموءتمر سيُعقد «قريباً»."
    assert normalize(normalize(text)) == normalize(text)


def test_the_view_keeps_the_original_text_untouched():
    original = "قالَ مُحَمَّدٌ إنَّ المـؤتمر"
    view = NormalizedText.of(original)
    assert view.original == original
    assert view.text == "قال محمد ان الموتمر"


def test_spans_in_the_view_map_back_to_what_the_reader_sees():
    original = "وصل وزيرُ الخارجيّة إلى الموءتمر في جِدّة"
    view = NormalizedText.of(original)
    for word, shown in (("الموتمر", "الموءتمر"), ("جده", "جِدّة"), ("الخارجيه", "الخارجيّة"), ("الي", "إلى")):
        start = view.text.index(word)
        a, b = view.to_original(start, start + len(word))
        assert original[a:b] == shown


def test_an_empty_span_maps_to_an_empty_span():
    view = NormalizedText.of("مُحَمَّد")
    a, b = view.to_original(2, 2)
    assert a == b


def test_empty_text():
    assert normalize("") == ""
    view = NormalizedText.of("")
    assert view.text == ""


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" .،ـ\u200f")))
def test_every_view_character_maps_back_to_an_original_character_that_folds_to_it(original):
    view = NormalizedText.of(original)
    assert len(view.text) <= len(original)
    for i, char in enumerate(view.text):
        a, b = view.to_original(i, i + 1)
        assert b == a + 1
        assert normalize(original[a:b]) == char


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
               | st.sampled_from(" \t\n\r\u00a0.|-ـ\u200f\u064b")))
def test_cleaning_gives_the_same_view_as_normalising_the_cleaned_text(raw):
    view = clean_view(raw)
    assert view.original == clean(raw)
    assert view == NormalizedText.of(view.original)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
               | st.characters(min_codepoint=0x41, max_codepoint=0x7A)
               | st.sampled_from(" \u00a0\u2009\u202f\u3000«»“”„″‘’–—،؛؟٪ۀہھکڪگپچژڤڨ\u200f\ufeff")))
def test_folding_is_the_folding_table_applied_to_every_character(text):
    """However the folding pairs are grouped for speed, the result is the table's, character by character."""
    table = str.maketrans({old: new for old, new in _FOLD.items() if new is not None})
    assert normalize(text) == _DROPPED_RE.sub("", text).translate(table)
