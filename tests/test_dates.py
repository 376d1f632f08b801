"""Date expressions: both month-name systems, pairs, Arabic-Indic digits, and relative dates against `published`."""

from __future__ import annotations

from datetime import date

import pytest

import marsad
from marsad.cleaning.normalize import normalize
from marsad.recognising.dates import after_since, find_dates, page_date, parse_published

WEDNESDAY = date(2021, 3, 10)


def dates(text: str, published: date | None = WEDNESDAY) -> list[tuple[str | None, str | None]]:
    return [(d.value, d.precision) for d in find_dates(normalize(text), published)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("التقى الوزيران في 16 سبتمبر 2019", "2019-09-16"),  # Egyptian/Gulf month names
        ("التقى الوزيران في 16 أيلول 2019", "2019-09-16"),  # Levantine month names
        ("في 5 تشرين الأول 2020", "2020-10-05"),  # two-word Levantine month
        ("في 12 كانون الثاني 2021", "2021-01-12"),
        ("يوم 7 جانفي 2021", "2021-01-07"),  # Maghrebi month name
        ("في 3 فبراير/شباط 2021", "2021-02-03"),  # pair of both systems
        ("في ١٥ آذار ٢٠٢٠", "2020-03-15"),  # Arabic-Indic digits
        ("في 2019-09-16", "2019-09-16"),
        ("في 16/9/2019", "2019-09-16"),
        ("في ٢٠١٩/٠٩/١٦", "2019-09-16"),
    ],
)
def test_explicit_gregorian_dates_are_read_to_the_day(text, value):
    assert dates(text) == [(value, "day")]
    assert dates(text, published=None) == [(value, "day")]  # an explicit date needs no publication date


def test_an_explicit_date_is_not_relative():
    (mention,) = find_dates(normalize("في 16 سبتمبر 2019"), WEDNESDAY)
    assert mention.relative is False


def test_month_and_year_precisions():
    assert dates("في فبراير 2021") == [("2021-02", "month")]
    assert dates("خلال عام 2019") == [("2019", "year")]


def test_an_impossible_date_has_no_value():
    assert dates("في 31 فبراير 2021") == [(None, None)]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("اليوم", "2021-03-10", "day"),
        ("اليوم الأربعاء", "2021-03-10", "day"),
        ("أمس", "2021-03-09", "day"),
        ("أول أمس", "2021-03-08", "day"),
        ("غدا", "2021-03-11", "day"),
        ("الأحد", "2021-03-07", "day"),  # the last Sunday before a Wednesday
        ("يوم الاثنين الماضي", "2021-03-08", "day"),
        ("الجمعة الفائت", "2021-03-05", "day"),
        ("يوم الأربعاء الماضي", "2021-03-03", "day"),  # "last Wednesday" said on a Wednesday is a week back
        ("الخميس المقبل", "2021-03-11", "day"),
        ("الشهر الماضي", "2021-02", "month"),
        ("الشهر الفائت", "2021-02", "month"),
        ("مطلع الشهر الجاري", "2021-03", "month"),
        ("العام الماضي", "2020", "year"),
        ("منتصف يناير الماضي", "2021-01", "month"),
        ("في 3 شباط/فبراير الماضي", "2021-02-03", "day"),
        ("في الثامن عشر من فبراير", "2021-02-18", "day"),  # ordinal day words
    ],
)
def test_relative_dates_resolve_against_the_publication_date(text, value, precision):
    found = find_dates(normalize(text), WEDNESDAY)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]
    assert found[0].relative is True


def test_a_day_and_month_later_in_the_year_than_publication_is_last_year():
    assert dates("في الثامن عشر من مارس") == [("2020-03-18", "day")]


@pytest.mark.parametrize("text", ["اليوم", "أمس", "الأحد", "الشهر الماضي", "في 5 مايو"])
def test_relative_dates_stay_unresolved_without_a_publication_date(text):
    assert dates(text, published=None) == [(None, None)]


def test_spans_point_at_the_expression_and_honour_the_offset():
    text = normalize("التقى الوزيران في 16 سبتمبر 2019 في عمان")
    (mention,) = find_dates(text, WEDNESDAY)
    assert text[mention.start:mention.end] == "16 سبتمبر 2019"
    (shifted,) = find_dates(text, WEDNESDAY, offset=100)
    assert (shifted.start, shifted.end) == (mention.start + 100, mention.end + 100)


def test_several_dates_come_out_in_text_order():
    found = dates("بعد لقاء أمس وقبل قمة 20 مارس 2021 المقررة")
    assert found == [("2021-03-09", "day"), ("2021-03-20", "day")]


def test_words_inside_other_words_are_not_dates():
    assert dates("الاماراتي") == []
    assert dates("سيلتقي الوزيران في الاسبوعين القادمين") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("في 15مايو2019", "2019-05-15"),  # no spaces at all
        ("في 15/مايو 2019", "2019-05-15"),
        ("في الثامن عشرمايو", "2020-05-18"),  # a month right after an ordinal day
        ("في 3 تشرين الاول/اكتوبر 2020", "2020-10-03"),  # a two-word month in a pair
    ],
)
def test_months_without_spaces_or_in_pairs_are_read(text, value):
    assert dates(text) == [(value, "day")]


def test_feminine_qualifier_after_a_weekday():
    assert dates("الجمعة الماضية") == [("2021-03-05", "day")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-03-10", date(2021, 3, 10)), ("2021-03-10T14:05:00", date(2021, 3, 10)), (" 2021-03-10 ", date(2021, 3, 10)),
     (None, None), ("", None), ("yesterday", None), ("2021-13-40", None)],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_a_weekday_after_today_or_yesterday_wins_when_the_paper_came_out_later():
    tuesday = date(2015, 7, 21)
    assert [d.value for d in find_dates(normalize("أعلن مصدر عسكري اليوم الأحد أن القوات"), tuesday)] == ["2015-07-19"]
    assert [d.value for d in find_dates(normalize("قال أمس الأحد إن"), tuesday)] == ["2015-07-19"]
    assert [d.value for d in find_dates(normalize("قال أمس الاثنين إن"), tuesday)] == ["2015-07-20"]
    assert [d.value for d in find_dates(normalize("اليوم الثلاثاء"), tuesday)] == ["2015-07-21"]


@pytest.mark.parametrize(("text", "since"), [
    ("في أول زيارة منذ 2017", True),
    ("ومنذ مايو الماضي تتواصل الاشتباكات", True),
    ("التقى الوزيران في 12 مايو 2017", False),
])
def test_a_date_after_since_is_told_apart(text, since):
    text = normalize(text)
    first = find_dates(text, date(2022, 4, 29))[0]
    assert after_since(text, first.start) is since


@pytest.mark.parametrize(("text", "expected"), [
    ("الرئيسية | أخبار\nتاريخ النشر: 14/03/2021 10:20 ص\n\nالتقى وزير الخارجية أمس نظيره", date(2021, 3, 14)),
    ("عمّان، 9 تشرين الأول 2019 - استقبل الملك اليوم وفدا", date(2019, 10, 9)),
    ("اجتمع الوزيران أمس. " + "وبحثا التعاون الاقتصادي. " * 30 + "نشر بتاريخ 2016-05-02", date(2016, 5, 2)),
    # a date that starts within the reach and ends past it
    ("بحث الوفدان الملف. " * 15 + "السبت 6 كانون الثاني 2024", date(2024, 1, 6)),
    # a header in the English order, and a dateline glued to its story as crawled
    ("العملية العسكرية في الشمال\nتشرين الأول 10, 2019\n\nأعلنت الوزارة أمس", date(2019, 10, 10)),
    ("الخارجية تطالب بالإفراج عن الناشط\n١٠ أبريل ٢٠١٥طالبت الوزارة أمس", date(2015, 4, 10)),
])
def test_an_undated_page_gives_its_own_date(text, expected):
    assert page_date(normalize(text)) == expected


@pytest.mark.parametrize("text", [
    "اجتمع الوزيران أمس وبحثا التعاون",  # no full date anywhere
    "ومنذ 4 نيسان 2019 تشهد المدينة معارك",  # the day a war began, not the page's
    "بحث الوفدان الملف. " * 30 + "وكان الطرفان قد التقيا في 3 أيار 2015",  # far down, unlabelled: history
])
def test_a_page_without_a_date_of_its_own_gets_none(text):
    assert page_date(normalize(text)) is None


def test_relative_dates_of_an_undated_page_count_from_the_date_it_gives():
    text = ("تاريخ النشر: الأحد 14 آذار 2021\n\n"
            "أجرى وزير الخارجية المصري سامح شكري أمس اتصالا هاتفيا مع نظيره الأردني أيمن الصفدي.")
    events = marsad.extract(text)
    assert [(e.type, e.date) for e in events] == [("CONSULT", "2021-03-13")]


@pytest.mark.parametrize(("text", "value"), [
    ("وصل الوفد في 5 مارس 2015م إلى الرياض", "2015-03-05"),  # the era's letter after the year
    ("مارس 10، 2020 وصل الوفد", "2020-03-10"),
])
def test_a_year_may_run_into_a_letter_and_a_month_may_come_first(text, value):
    assert dates(text)[0] == (value, "day")


def test_a_month_before_a_number_without_a_year_is_not_a_day():
    assert dates("قتل في مارس 10 جنود") == [("2021-03", "month")]
