"""News-style coreference: "الوزيران"/"الجانبان" after a meeting, "نظيره", and a subject carried over."""

from __future__ import annotations

from marsad.recognising.phrases import listed_states
from rules_only import rules_engine, rules_extract

PUBLISHED = "2021-03-10"
SAFADI_LAVROV = "التقى وزير الخارجية الأردني أيمن الصفدي اليوم في عمّان وزير الخارجية الروسي سيرغي لافروف."
SISI_KADHIMI = "استقبل الرئيس المصري عبد الفتاح السيسي اليوم في القاهرة رئيس الوزراء العراقي مصطفى الكاظمي."


def of_type(events, kind):
    return [e for e in events if e.type == kind]


def everyone(event) -> set[str | None]:
    return {a.name for a in event.source + event.target}


def test_the_two_ministers_agree_after_their_meeting():
    text = SAFADI_LAVROV + " واتفق الوزيران على مواصلة التنسيق بشأن الأزمة السورية."
    events = rules_extract(text, published=PUBLISHED)
    (agree,) = of_type(events, "AGREE")
    assert everyone(agree) == {"Ayman Safadi", "Sergey Lavrov"}
    assert agree.evidence.startswith("واتفق الوزيران")
    assert agree.date == PUBLISHED
    assert len(of_type(events, "CONSULT")) == 1


def test_the_two_sides_agree_after_a_hosted_visit_in_the_next_paragraph():
    text = SISI_KADHIMI + "\n\nواتفق الجانبان على مواصلة التنسيق بشأن الأزمة السورية."
    events = rules_extract(text, published=PUBLISHED)
    (agree,) = of_type(events, "AGREE")
    assert {a.country for a in agree.source + agree.target} == {"EGY", "IRQ"}
    assert everyone(agree) == {"Abdel Fattah el-Sisi", "Mustafa Al-Kadhimi"}


def test_the_two_sides_agree_to_set_up_a_joint_committee():
    text = SISI_KADHIMI + "\n\nواتفق الجانبان على إنشاء لجنة اقتصادية مشتركة."
    (agree,) = of_type(rules_extract(text, published=PUBLISHED), "AGREE")
    assert {a.country for a in agree.source + agree.target} == {"EGY", "IRQ"}


def test_the_two_parties_variant_names_the_same_pair():
    text = SAFADI_LAVROV + " واتفق الطرفان على مواصلة التنسيق بشأن الأزمة السورية."
    (agree,) = of_type(rules_extract(text, published=PUBLISHED), "AGREE")
    assert everyone(agree) == {"Ayman Safadi", "Sergey Lavrov"}


def test_a_named_counterpart_after_nazeeruhu_keeps_the_callers_direction():
    text = "تلقى وزير الخارجية الأردني أيمن الصفدي اليوم اتصالا هاتفيا من نظيره التركي مولود جاويش أوغلو."
    (event,) = rules_extract(text, published=PUBLISHED)
    assert (event.type, event.mode) == ("CONSULT", "phone")
    assert [a.name for a in event.source] == ["Mevlüt Çavuşoğlu"]  # the caller is the source
    assert [a.name for a in event.target] == ["Ayman Safadi"]


def test_an_unnamed_counterpart_is_the_same_office_of_the_other_country():
    text = "أجرى وزير الخارجية الروسي سيرغي لافروف اليوم اتصالا هاتفيا مع نظيره الأردني."
    (event,) = rules_extract(text, published=PUBLISHED)
    assert [a.name for a in event.source] == ["Sergey Lavrov"]
    assert [(a.name, a.country) for a in event.target] == [("Ayman Safadi", "JOR")]


def test_the_subject_carries_into_washada_in_the_next_sentence():
    text = ("أعرب وزير الخارجية الأردني أيمن الصفدي اليوم عن تقديره لجهود الكويت في دعم اللاجئين.\n"
            "وأشاد بالموقف السعودي الداعم للقضية الفلسطينية.")
    events = of_type(rules_extract(text, published=PUBLISHED), "SUPPORT")
    carried = [e for e in events if e.evidence.startswith("وأشاد")]
    assert len(carried) == 1
    assert [a.name for a in carried[0].source] == ["Ayman Safadi"]
    assert [a.country for a in carried[0].target] == ["SAU"]


def test_the_host_carries_into_washada_after_a_meeting():
    text = SISI_KADHIMI + "\nوأشاد بالدور العراقي في مكافحة الإرهاب."
    support = of_type(rules_extract(text, published=PUBLISHED), "SUPPORT")
    assert len(support) == 1
    assert [a.name for a in support[0].source] == ["Abdel Fattah el-Sisi"]
    assert [a.country for a in support[0].target] == ["IRQ"]


def test_a_new_subject_in_the_next_sentence_replaces_the_carried_one():
    text = SAFADI_LAVROV + " وأشاد لافروف بالدور الأردني في استضافة اللاجئين."
    (support,) = of_type(rules_extract(text, published=PUBLISHED), "SUPPORT")
    assert [a.name for a in support.source] == ["Sergey Lavrov"]
    assert [a.country for a in support.target] == ["JOR"]


def test_a_family_name_after_an_event_word_is_the_person_named_in_full_before():
    """"محمود عباس" … "التقى عباس": news names a person once in full, then by the family name."""
    events = rules_extract(
        "استقبل الرئيس الفلسطيني محمود عباس اليوم في رام الله وزير الخارجية الأردني أيمن الصفدي. "
        "وكان وزير الخارجية الأمريكي أنتوني بلينكن قد التقى عباس أمس في رام الله.", published="2022-03-28")
    meetings = {(e.date, frozenset(a.name for a in e.source + e.target)) for e in events if e.type == "CONSULT"}
    assert ("2022-03-27", frozenset({"Antony Blinken", "Mahmoud Abbas"})) in meetings



FOUR_STATES = ("اجتمع وزراء خارجية السعودية والإمارات والبحرين ومصر اليوم في القاهرة. "
               "وأدانت الدول الأربع في بيان مشترك الهجوم الذي شنته ميليشيا الحوثي على ناقلة نفط.")


def test_the_four_states_are_those_listed_before():
    (accuse,) = of_type(rules_extract(FOUR_STATES, published=PUBLISHED), "ACCUSE")
    assert [a.country for a in accuse.source] == ["SAU", "ARE", "BHR", "EGY"]


def test_a_list_of_three_or_more_states_is_a_group_and_two_are_not():
    units, _ = rules_engine().read(FOUR_STATES, PUBLISHED)
    listed = listed_states([m.phrase for m in units.units[0].mentions])
    assert [a.country for a in listed] == ["SAU", "ARE", "BHR", "EGY"]
    units, _ = rules_engine().read("اجتمع وزيرا خارجية السعودية والإمارات اليوم.", PUBLISHED)
    assert listed_states([m.phrase for m in units.units[0].mentions]) == []
