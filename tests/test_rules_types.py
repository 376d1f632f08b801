"""One short news sentence per PLOVER type: the extractor codes the type and the countries on each side.

Symmetric types (CONSULT, AGREE, COOPERATE) are checked on the countries of all their actors,
the others on source and target separately, as the scorer does (spec §4, §6).
"""

from __future__ import annotations

import pytest

from marsad.model import EVENT_TYPES, SYMMETRIC_TYPES
from rules_only import rules_extract

PUBLISHED = "2022-04-12"

# (type, sentence, source countries, target countries); for symmetric types the two sides are unioned.
CASES = [
    ("CONSULT", "بحث وزير الخارجية السعودي الأمير فيصل بن فرحان في اتصال هاتفي اليوم مع نظيره الفرنسي "
                "تطورات الأوضاع في لبنان.", {"SAU"}, {"FRA"}),
    ("AGREE", "اتفقت مصر والأردن اليوم على إنشاء منطقة صناعية مشتركة على الحدود.", {"EGY"}, {"JOR"}),
    ("SUPPORT", "أشاد الرئيس الفلسطيني محمود عباس اليوم بموقف الأردن الداعم للقضية الفلسطينية.", {"PSE"}, {"JOR"}),
    ("COOPERATE", "بدأت القوات المصرية والسعودية اليوم تدريبات عسكرية مشتركة في البحر الأحمر.", {"EGY"}, {"SAU"}),
    ("AID", "قدمت المملكة العربية السعودية اليوم مساعدات إنسانية إلى اليمن تشمل أطنانا من المواد الغذائية.",
     {"SAU"}, {"YEM"}),
    ("CONCEDE", "استقال رئيس الوزراء اللبناني حسان دياب اليوم استجابة لمطالب المتظاهرين.", {"LBN"}, {"LBN"}),
    ("RETREAT", "أفرجت السلطات الإيرانية اليوم عن ناقلة نفط بريطانية كانت قد احتجزتها في مضيق هرمز.",
     {"IRN"}, {"GBR"}),
    ("ACCUSE", "أدانت وزارة الخارجية المصرية اليوم الهجوم الإسرائيلي على قطاع غزة.", {"EGY"}, {"ISR"}),
    ("REQUEST", "طالبت مصر اليوم إثيوبيا بوقف ملء سد النهضة.", {"EGY"}, {"ETH"}),
    ("REJECT", "رفضت الحكومة العراقية اليوم طلبا تركيا بإقامة قواعد عسكرية في شمال البلاد.", {"IRQ"}, {"TUR"}),
    ("THREATEN", "هدد الرئيس التركي رجب طيب أردوغان اليوم بشن عملية عسكرية ضد المسلحين الأكراد في شمال سوريا.",
     {"TUR"}, {"SYR"}),
    ("PROTEST", "تظاهر آلاف المواطنين العراقيين اليوم في بغداد احتجاجا على تردي الخدمات.", {"IRQ"}, {"IRQ"}),
    ("MOBILIZE", "رفعت إيران اليوم حالة التأهب القصوى في قواتها المسلحة في الخليج.", {"IRN"}, set()),
    ("SANCTION", "أعلنت البحرين اليوم قطع علاقاتها الدبلوماسية مع قطر.", {"BHR"}, {"QAT"}),
    ("COERCE", "فرضت الولايات المتحدة اليوم عقوبات جديدة على إيران.", {"USA"}, {"IRN"}),
    ("ASSAULT", "قصف الجيش الإسرائيلي اليوم مواقع لحركة حماس في قطاع غزة.", {"ISR"}, {"PSE"}),
]


def describe(events) -> str:
    return "; ".join(
        f"{e.type} {[a.country for a in e.source]}→{[a.country for a in e.target]}" for e in events
    ) or "no event"


def test_every_plover_type_has_a_sentence():
    assert sorted(t for t, *_ in CASES) == sorted(EVENT_TYPES)


@pytest.mark.parametrize(("kind", "sentence", "sources", "targets"), CASES, ids=[c[0] for c in CASES])
def test_the_sentence_is_coded_with_its_type_and_countries(kind, sentence, sources, targets):
    events = rules_extract(sentence, published=PUBLISHED)
    of_kind = [e for e in events if e.type == kind]
    assert of_kind, f"expected {kind}, got {describe(events)}"
    event = of_kind[0]
    source = {a.country for a in event.source}
    target = {a.country for a in event.target}
    if kind in SYMMETRIC_TYPES:
        assert source | target == sources | targets, describe(events)
    else:
        assert (source, target) == (sources, targets), describe(events)


@pytest.mark.parametrize(("kind", "sentence", "sources", "targets"), CASES, ids=[c[0] for c in CASES])
def test_the_event_carries_a_cameo_code_of_its_type_a_date_and_its_evidence(kind, sentence, sources, targets):
    (event, *_) = [e for e in rules_extract(sentence, published=PUBLISHED) if e.type == kind] or [None]
    if event is None:
        pytest.fail(f"no {kind} event")
    assert len(event.cameo) == 3 and event.cameo.isdigit()
    assert event.date == PUBLISHED and event.date_precision == "day"  # every sentence says "اليوم"
    assert event.evidence == sentence
    assert 0.0 <= event.confidence <= 1.0


def test_the_consult_phone_call_has_its_mode_and_code():
    (event,) = rules_extract(CASES[0][1], published=PUBLISHED)
    assert (event.type, event.mode, event.cameo) == ("CONSULT", "phone", "041")


def test_a_sentence_without_an_interaction_yields_no_event():
    assert rules_extract("ارتفعت درجات الحرارة اليوم في معظم مناطق المملكة مع توقعات بهطول أمطار.",
                          published=PUBLISHED) == []


def test_a_definite_event_noun_used_as_a_time_is_not_an_event_and_places_discussed_are_not_venues():
    events = rules_extract(
        "وقع وزير الخارجية المصري سامح شكري ونظيره السوداني في القاهرة اليوم اتفاقية للتعاون التجاري. "
        "وعقد الوزيران قبل التوقيع جلسة مباحثات تناولت الأوضاع في ليبيا.",
        published="2019-02-10",
    )
    assert sorted(e.type for e in events) == ["CONSULT", "SUPPORT"]
    meeting = next(e for e in events if e.type == "CONSULT")
    assert meeting.location is not None and meeting.location.country == "EGY"


def test_a_crowd_of_relatives_is_no_mobilisation_but_massed_troops_are():
    welcome = rules_extract("وعاد الأسرى اليمنيون إلى صنعاء حيث كان في استقبالهم حشد من ذويهم.",
                             published="2023-04-16")
    assert not [e for e in welcome if e.type == "MOBILIZE"]
    troops = rules_extract("وحشد الجيش التركي قوات إضافية على الحدود مع سوريا اليوم.", published="2019-10-08")
    assert [e.type for e in troops] == ["MOBILIZE"]


def test_an_announced_trip_is_an_intent_to_meet_made_by_the_traveller():
    events = rules_extract(
        "استقبل الرئيس الجزائري عبد المجيد تبون اليوم في الجزائر وزير الخارجية الروسي سيرغي لافروف. "
        "ويتوجه لافروف غدا إلى الرياض في إطار جولة في المنطقة.",
        published="2022-05-10",
    )
    trip = [e for e in events if e.type == "AGREE"]
    assert len(trip) == 1
    assert [a.name for a in trip[0].source] == ["Sergey Lavrov"]
    assert {a.country for a in trip[0].target} == {"SAU"}


def test_the_count_and_toll_of_an_attack_already_named_are_no_new_attacks():
    events = rules_extract(
        "شنت الولايات المتحدة اليوم غارات على مواقع لجماعة الحوثي في اليمن. "
        "وقال المتحدث باسم الجماعة يحيى سريع إن الضربات بلغت 40 غارة وأسفرت عن مقتل ثلاثة من عناصرها، "
        "مؤكدا أن العدوان الأمريكي لن يمر دون رد.",
        published="2024-01-12",
    )
    assert sorted(e.type for e in events) == ["ASSAULT", "THREATEN"]
    threat = next(e for e in events if e.type == "THREATEN")
    assert [(a.country, a.sector) for a in threat.source] == [("YEM", "REB")]
    assert [a.country for a in threat.target] == ["USA"]


def test_how_much_aid_and_an_accepted_resignation_are_no_new_events():
    volume = rules_extract("وقال مسؤولون في الأمم المتحدة إن حجم المساعدات التي دخلت اليوم إلى غزة غير كاف.",
                            published="2023-11-24")
    assert not [e for e in volume if e.type == "AID"]
    accepted = rules_extract("وقبل الرئيس الجزائري استقالة رئيس الوزراء أحمد أويحيى اليوم.", published="2019-03-11")
    assert not [e for e in accepted if e.type == "CONCEDE"]


def test_aid_landing_at_an_airport_named_after_a_person_goes_to_that_airports_country():
    events = rules_extract(
        "ووصلت إلى مطار رفيق الحريري الدولي أمس ثلاث طائرات عسكرية فرنسية تحمل مساعدات إنسانية، "
        "وتواصل فرق الإنقاذ الفرنسية عمليات البحث.",
        published="2020-08-06",
    )
    aid = [e for e in events if e.type == "AID"]
    assert [(a.country, a.sector) for e in aid for a in e.target] == [("LBN", "CVL")]
    assert aid[0].location is not None and aid[0].location.name == "Beirut"
    assert "Rafic Hariri" not in {a.name for e in events for a in e.source + e.target}


def test_a_resignation_has_no_object_so_a_visit_named_after_it_is_not_its_target():
    events = rules_extract(
        "أعلن وزير الإعلام اللبناني جورج قرداحي اليوم استقالته بعد أزمة دبلوماسية مع السعودية. "
        "وقال قرداحي إنه فهم أن الفرنسيين يرغبون في أن تسبق استقالته زيارة الرئيس إيمانويل ماكرون إلى السعودية.",
        published="2021-12-03",
    )
    resignations = [e for e in events if e.type == "CONCEDE"]
    assert len(resignations) == 1
    assert [(a.country, a.sector) for a in resignations[0].target] == [("SAU", "GOV")]


def test_the_year_of_the_previous_time_is_not_the_date_of_a_first_visit_since():
    events = rules_extract("أردوغان في جدة في أول زيارة للمملكة منذ 2017", published="2022-04-28")
    assert [e.date for e in events] == ["2022-04-28"]
