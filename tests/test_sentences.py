"""Sentence spans: ends at . ! ? ؟ and line breaks, but not inside numbers or after one-letter abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.cleaning.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_full_stop_exclamation_and_arabic_question_mark_end_sentences():
    text = "التقى الوزيران في عمّان. وأكدا دعمهما للحل السياسي! هل ستعقد القمة؟ نعم"
    assert sentences(text) == ["التقى الوزيران في عمّان.", "وأكدا دعمهما للحل السياسي!", "هل ستعقد القمة؟", "نعم"]


def test_line_breaks_end_sentences_and_are_not_part_of_them():
    text = "عنوان الخبر\n\nالتقى الوزيران اليوم\nوبحثا الأزمة"
    assert sentences(text) == ["عنوان الخبر", "التقى الوزيران اليوم", "وبحثا الأزمة"]


def test_decimal_numbers_and_numeric_dates_do_not_end_a_sentence():
    text = "بلغ النمو 3.5 في المئة في 11.05.2022 حسب البنك. وأضاف أن الوضع مستقر."
    assert sentences(text) == ["بلغ النمو 3.5 في المئة في 11.05.2022 حسب البنك.", "وأضاف أن الوضع مستقر."]


def test_a_one_letter_abbreviation_does_not_end_a_sentence():
    text = "قال د. محمد العلي إن المحادثات إيجابية. وأضاف أنها ستستمر."
    assert sentences(text) == ["قال د. محمد العلي إن المحادثات إيجابية.", "وأضاف أنها ستستمر."]


def test_spans_are_trimmed_of_surrounding_spaces():
    text = "   الجملة الأولى.    الجملة الثانية.   "
    for a, b in sentence_spans(text):
        assert not text[a].isspace()
        assert not text[b - 1].isspace()
    assert sentences(text) == ["الجملة الأولى.", "الجملة الثانية."]


def test_empty_and_blank_texts_have_no_sentences():
    assert sentence_spans("") == []
    assert sentence_spans("  \n\n  ") == []
    assert sentence_spans("...") != []  # punctuation alone is a (degenerate) sentence, never a crash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (".", ["."]),
        ("د.", ["د."]),  # a one-letter word at the very start
        ("3.", ["3."]),
        (".5", [".5"]),  # a mark before a digit at the very start
        ("!؟", ["!", "؟"]),
        ("أ. ب. ج", ["أ. ب. ج"]),
        ("مرحبا ؟", ["مرحبا ؟"]),
        ("  .  ", ["."]),
        ("قال د\n. محمد", ["قال د", ". محمد"]),  # the line break ends the sentence; the full stop still counts as "د."
    ],
)
def test_marks_at_the_edges_of_the_text(text, expected):
    assert sentences(text) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخ دذرز.!?؟\n 0123456789"))))
def test_spans_are_ordered_disjoint_non_empty_and_inside_the_text(text):
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip()
        previous_end = end
