"""Negated events yield nothing; an announced future meeting is AGREE 036, not CONSULT (spec §4)."""

from __future__ import annotations

import pytest

import marsad

PUBLISHED = "2021-03-10"
MEETING = "التقى وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو اليوم."


def test_the_affirmative_meeting_is_a_consult():
    # the control for the negated sentences below: the same actors and verb, coded when affirmed
    events = marsad.extract(MEETING, published=PUBLISHED)
    assert [e.type for e in events] == ["CONSULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "لم يلتق وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف خلال زيارته إلى موسكو.",
        "نفى وزير الخارجية الأردني أيمن الصفدي اليوم أن يكون قد التقى نظيره الإسرائيلي.",
        "نفت وزارة الخارجية الأردنية أن يكون الوزير أيمن الصفدي قد التقى نظيره الإسرائيلي في باريس.",
    ],
    ids=["lam-yaltaqi", "nafa-an-yakun", "ministry-denies"],
)
def test_a_negated_or_denied_meeting_yields_nothing(sentence):
    assert marsad.extract(sentence, published=PUBLISHED) == []


def test_a_negated_sentence_does_not_hide_the_real_meeting_beside_it():
    text = MEETING + "\n\nولم يلتق الصفدي خلال الزيارة الرئيس الروسي فلاديمير بوتين."
    events = marsad.extract(text, published=PUBLISHED)
    assert [e.type for e in events] == ["CONSULT"]
    assert "Vladimir Putin" not in {a.name for e in events for a in e.source + e.target}


@pytest.mark.parametrize(
    "sentence",
    [
        "من المقرر أن يلتقي وزير الخارجية الأردني أيمن الصفدي نظيره الروسي سيرغي لافروف في موسكو الأسبوع المقبل.",
        "ومن المقرر أن يلتقي الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي إيمانويل ماكرون في باريس الخميس المقبل.",
    ],
    ids=["safadi-lavrov", "sisi-macron"],
)
def test_an_announced_future_meeting_is_agree_036_not_consult(sentence):
    events = marsad.extract(sentence, published=PUBLISHED)
    assert [(e.type, e.cameo) for e in events] == [("AGREE", "036")]
    assert len({a.country for a in events[0].source + events[0].target}) == 2


def test_an_announced_visit_is_dated_by_its_announcement_not_by_the_weekday_it_names():
    # Published on a Thursday: "الثلاثاء" is the coming Tuesday of the visit, not the past one.
    sentence = ("أعلنت الرئاسة المصرية أن الرئيس عبد الفتاح السيسي سيزور الأردن الثلاثاء في زيارة رسمية "
                "يلتقي خلالها الملك عبد الله الثاني.")
    events = marsad.extract(sentence, published="2023-07-06")
    assert [(e.type, e.cameo, e.date) for e in events] == [("AGREE", "036", "2023-07-06")]
