"""Crawl boilerplate is dropped from the cleaned text; the news itself is kept word for word."""

from __future__ import annotations

import pytest

from marsad.cleaning.boilerplate import clean, is_furniture

NEWS = "التقى وزير الخارجية أيمن الصفدي اليوم نظيره المصري سامح شكري في عمّان وبحثا العلاقات الثنائية بين البلدين."
SECOND = "وأكد الوزيران ضرورة تكثيف الجهود الدولية لإنهاء الأزمة السورية."

CRAWLED = f"""الرئيسية | محليات | عربي ودولي | اقتصاد | رياضة | منوعات
الأربعاء، 10 آذار 2021 - 04:12 م

{NEWS}

شارك على فيسبوك تويتر واتساب
اقرأ أيضا:
- الصفدي يلتقي غوتيريش في نيويورك
- الأردن يدين الاعتداء على المسجد الأقصى

{SECOND}
{NEWS}
المصدر: بترا
تصوير: أحمد علي
كتب - محمد حسن
أضف تعليقك
الاسم
البريد الإلكتروني
جميع الحقوق محفوظة © 2021
"""


@pytest.fixture(scope="module")
def cleaned() -> str:
    return clean(CRAWLED)


def test_the_news_sentences_are_kept_verbatim(cleaned):
    assert NEWS in cleaned
    assert SECOND in cleaned


@pytest.mark.parametrize(
    "furniture",
    [
        "الرئيسية | محليات",  # site menu
        "شارك على فيسبوك",  # share bar
        "اقرأ أيضا",  # read-also heading
        "الصفدي يلتقي غوتيريش",  # read-also link
        "الأردن يدين الاعتداء",  # read-also link
        "المصدر:",  # source line
        "تصوير:",  # photo credit
        "كتب - محمد حسن",  # byline
        "أضف تعليقك",  # comment form
        "البريد الإلكتروني",  # comment form field
        "جميع الحقوق محفوظة",  # copyright
    ],
)
def test_furniture_is_dropped(cleaned, furniture):
    assert furniture not in cleaned


def test_a_repeated_paragraph_is_kept_once(cleaned):
    assert cleaned.count(NEWS) == 1


def test_paragraph_breaks_survive_and_no_blank_runs(cleaned):
    assert "\n\n" in cleaned
    assert "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip()


def test_a_clean_article_passes_through_unchanged():
    article = f"{NEWS}\n\n{SECOND}"
    assert clean(article) == article


def test_a_news_line_naming_a_source_in_the_middle_is_not_furniture():
    line = "وقال المصدر: إن المحادثات بين الجانبين ستستأنف الأسبوع المقبل في القاهرة."
    assert not is_furniture(line)
    assert clean(line) == line


def test_windows_line_ends_are_handled():
    assert clean(f"{NEWS}\r\nالمصدر: بترا\r\n{SECOND}") == f"{NEWS}\n{SECOND}"


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "الرئيسية | محليات | اقتصاد | رياضة"])
def test_nothing_left_is_an_empty_string(text):
    assert clean(text) == ""
