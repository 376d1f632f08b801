"""Property: random Unicode and random Arabic never make the extractor raise, and what it returns is well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import marsad
from marsad import Document
from marsad.model import EVENT_TYPES

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + list("ـًٌٍَُِّْ")
SEPARATORS = list("      \n.،؛؟!:-«»()0123456789٠١٢٣٤٥٦٧٨٩")
# Words that make the extractor work: triggers, titles, nisbas, dates, negation.
NEWS_WORDS = [
    "التقى", "استقبل", "بحث", "اتصالا هاتفيا", "أدان", "طالب", "رفض", "قصف", "وزير الخارجية", "الرئيس",
    "المصري", "الأردني", "الروسي", "نظيره", "الوزيران", "الجانبان", "سيرغي لافروف", "أيمن الصفدي", "مصر",
    "إسرائيل", "اليوم", "أمس", "الأربعاء الماضي", "في 16 سبتمبر 2019", "لم يلتق", "من المقرر أن يلتقي",
    "في موسكو", "على هامش", "اقرأ أيضا", "المصدر:", "|", "وأشاد", "فرضت عقوبات على", "الجيش التركي",
]

random_unicode = st.text(max_size=400)
random_arabic = st.text(alphabet=st.sampled_from(ARABIC_LETTERS + SEPARATORS), max_size=600)
news_like = st.lists(st.sampled_from(NEWS_WORDS + SEPARATORS), max_size=60).map(" ".join)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12))


def check(text: str, date: str | None) -> None:
    result = marsad.extract_document(Document("prop", text, date))
    assert isinstance(result.cleaned_text, str)
    for event in result.events:
        assert event.type in EVENT_TYPES
        assert event.evidence_span is not None
        start, end = event.evidence_span
        assert 0 <= start < end <= len(result.cleaned_text)
        assert result.cleaned_text[start:end] == event.evidence
        assert 0.0 <= event.confidence <= 1.0
        assert event.source, "every event has a source"


@SETTINGS
@given(random_unicode, published)
def test_random_unicode_never_raises(text, date):
    check(text, date)


@SETTINGS
@given(random_arabic, published)
def test_random_arabic_letters_with_spaces_and_punctuation_never_raise(text, date):
    check(text, date)


@SETTINGS
@given(news_like, published)
def test_random_sequences_of_news_words_never_raise_and_give_well_formed_events(text, date):
    check(text, date)
