"""Hostile input never raises: a 5 MB article, nothing, binary junk, no Arabic, NUL characters.

And on the examples every event's evidence is exactly the cleaned text under its span.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import marsad
from marsad import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILLER = "ارتفعت درجات الحرارة اليوم في معظم مناطق المدينة مع توقعات بهطول أمطار خفيفة في المساء. "


def extraction(text, published=None):
    return marsad.extract_document(Document("robust", text, published))


def test_a_five_megabyte_article_returns_no_event_and_a_warning():
    text = FILLER * (5_000_000 // len(FILLER.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 5_000_000
    result = extraction(text, "2021-03-10")
    assert result.events == []
    assert result.warnings  # the text is cut, and the extractor says so
    assert result.cleaned_text  # the part that was read is kept


def test_a_long_article_still_finds_the_event_at_its_start():
    event = "التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو اليوم.\n"
    result = extraction(event + FILLER * 20_000, "2021-03-10")
    assert [e.type for e in result.events] == ["CONSULT"]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\u200f"], ids=["empty", "space", "blank-lines", "rtl-mark"])
def test_an_empty_article_returns_no_event_and_a_warning(text):
    result = extraction(text)
    assert result.events == []
    assert result.warnings
    assert marsad.extract(text) == []


def test_binary_junk_decoded_with_replacement_returns_no_event_and_a_warning():
    junk = random.Random(20210310).randbytes(200_000).decode("utf-8", errors="replace")
    result = extraction(junk, "2021-03-10")
    assert result.events == []
    assert result.warnings


@pytest.mark.parametrize(
    "text",
    [
        "The Jordanian foreign minister met his Russian counterpart in Moscow today.",
        "Le ministre a rencontré son homologue à Paris.",
        "1234 5678 !!! ???",
        "外交部长今天在莫斯科会见了俄罗斯外长。",
    ],
    ids=["english", "french", "digits", "chinese"],
)
def test_a_text_without_arabic_returns_no_event_and_a_warning(text):
    result = extraction(text, "2021-03-10")
    assert result.events == []
    assert any("Arabic" in w for w in result.warnings)


def test_nul_characters_are_reported_and_do_not_raise():
    text = "\x00\x00" + FILLER + "\x00" * 100
    result = extraction(text, "2021-03-10")
    assert result.events == []
    assert any("NUL" in w for w in result.warnings)
    assert "\x00" not in result.cleaned_text


def test_a_real_event_survives_nul_characters_around_it():
    text = "\x00التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو اليوم.\x00"
    result = extraction(text, "2021-03-10")
    assert [e.type for e in result.events] == ["CONSULT"]
    assert result.warnings


def test_an_unusable_publication_date_is_a_warning_not_an_error():
    result = extraction("التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو.", "yesterday")
    assert any("yesterday" in w for w in result.warnings)
    assert all(e.date is None or len(e.date) in (4, 7, 10) for e in result.events)


def test_a_document_whose_text_is_not_a_string_yields_nothing():
    result = marsad.extract_document(Document("odd", None))  # type: ignore[arg-type]
    assert result.events == []
    assert result.warnings


def _example_documents() -> list[Document]:
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [Document(r["doc_id"], r["text"], r.get("published")) for r in map(json.loads, lines)]


def test_every_example_event_points_at_its_evidence_in_the_cleaned_text():
    checked = 0
    for document in _example_documents():
        result = marsad.extract_document(document)
        for event in result.events:
            start, end = event.evidence_span
            assert 0 <= start < end <= len(result.cleaned_text), event.event_id
            assert result.cleaned_text[start:end] == event.evidence, event.event_id
            assert event.doc_id == document.doc_id
            checked += 1
    assert checked >= 20  # the examples hold dozens of events; a silent extractor would pass vacuously


def test_event_ids_are_unique_within_the_examples():
    ids = [e.event_id for d in _example_documents() for e in marsad.extract_document(d).events]
    assert all(ids)
    assert len(ids) == len(set(ids))
