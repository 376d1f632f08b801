"""Ambiguous forms (ambiguous.tsv) read by their neighbours and by the document around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.cleaning.normalize import NormalizedText
from marsad.extracting.lexicon import load_lexicon
from marsad.knowledge import compile_knowledge_base, load_knowledge_base
from marsad.recognising.scan import Scanner


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def readings(kb, text: str, surface: str) -> list[tuple[str, object]]:
    """(kind, key) of the mentions of `text` whose surface ends with `surface`."""
    return [(m.kind, m.key) for m in kb.find(text) if m.surface.endswith(surface)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل وزير الخارجية إلى عمان في زيارة للمملكة الأردنية الهاشمية", [("place", "Amman")]),
        ("وصل وزير الخارجية إلى عمان قادما من مسقط", [("state", "OMN")]),
        ("وأعلنت وزارة الخارجية العمانية أن عمان ترحب بالاتفاق", [("state", "OMN")]),
        ("وصل وزير الخارجية إلى عمان", []),  # nothing tells them apart: neither
    ],
)
def test_bare_oman_or_amman_follows_the_article(kb, text, expected):
    assert readings(kb, text, "عمان") == expected


def test_the_sudanese_adjective_stays_an_adjective_in_an_article_about_sudani(kb):
    text = "استقبل رئيس الوزراء محمد شياع السوداني السفير السوداني. وقال السوداني إن العراق يدعم السودان."
    found = [(m.kind, m.key) for m in kb.find(text) if m.surface.endswith("السوداني")]
    person = ("person", "mohammed-shia-al-sudani")
    assert found == [person, ("nisba", "SDN"), person]


def test_bare_sudani_is_the_nisba_when_the_article_never_names_the_prime_minister(kb):
    assert readings(kb, "وأكد السوداني أن الاتفاق نهائي", "السوداني") == [("nisba", "SDN")]
    assert readings(kb, "أكد للسوداني", "سوداني") == [("nisba", "SDN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شن طيران التحالف غارات على مواقع الحوثيين في صنعاء", [("organisation", "saudi-led-coalition")]),
        ("شن طيران التحالف غارات على مواقع داعش في الرقة", [("organisation", "anti-isis-coalition")]),
        ("فاز التحالف الوطني في انتخابات اليمن", []),
        ("أعلن التحالف أمس", []),
    ],
)
def test_the_coalition_is_the_one_the_article_is_about(kb, text, expected):
    assert [r for r in readings(kb, text, "التحالف") if r[0] == "organisation"] == expected


def test_king_abdullah_is_jordans_in_jordan_and_a_university_is_no_king(kb):
    text = "استقبل الملك عبدالله في عمان وزير الخارجية الأردني بعد زيارة جامعة الملك عبدالله"
    assert readings(kb, text, "الملك عبدالله") == [("person", "abdullah-ii-of-jordan")]


def test_the_extractors_scan_settles_ambiguous_forms_too(kb):
    scanner = Scanner(kb, load_lexicon())
    scan = scanner.scan(NormalizedText.of("وصل الوزير إلى عمان. وبحث مع المسؤولين الأردنيين التعاون."), None)
    terms = [(t.kind, t.key) for sentence in scan.sentences for t in sentence.terms]
    assert ("place", "Amman") in terms
    assert all(kind != "ambiguous" for kind, _ in terms)


HEADERS = {
    "states": "code\tname\tarabic\tnisba\tplural\tcapital\tmetonyms\tnote",
    "places": "name\tcountry\tkind\tlat\tlon\tarabic\tnote",
    "people": "id\tname\tcountry\tsector\twikidata\tarabic\tnote",
    "ambiguous": "form\treading\tbefore\tafter\tcontext\tnote",
}


def knowledge(tmp_path: Path, rules: list[str]):
    rows = {
        "states": ["JOR\tJordan\tالأردن\tأردني\t\tAmman\t\t", "OMN\tOman\tسلطنة عمان\tعماني\t\tMuscat\t\t"],
        "places": ["Amman\tJOR\tcity\t31.95\t35.93\tعمان الأردنية\t", "Muscat\tOMN\tcity\t23.59\t58.38\tمسقط\t"],
        "people": ["ali-nour\tAli Nour\tJOR\tGOV\t\tعلي النور\t"],
        "ambiguous": rules,
    }
    for kind, header in HEADERS.items():
        (tmp_path / f"{kind}.tsv").write_text("\n".join([header, *rows[kind]]) + "\n", encoding="utf-8")
    return compile_knowledge_base([tmp_path], use_cache=False)


def test_the_first_rule_that_holds_wins_and_a_default_closes_the_list(tmp_path):
    kb = knowledge(
        tmp_path,
        [
            "عمان\tnone\tسوق\t\t\t",
            "عمان\tplace:Amman\t\t\tالأردن\t",
            "عمان\tstate:OMN\t\t\t\t",
        ],
    )
    assert readings(kb, "زار عمان ثم الأردن", "عمان") == [("place", "Amman")]
    assert readings(kb, "زار سوق عمان في الأردن", "عمان") == []
    assert readings(kb, "زار عمان", "عمان") == [("state", "OMN")]


def test_neighbour_words_take_wildcards_and_ignore_a_leading_waw(tmp_path):
    kb = knowledge(tmp_path, ["النور\tperson:ali-nour\tوزير|قال*\t\t\t", "النور\tnone\t\tالساطع\t\t"])
    assert readings(kb, "وقالت النور إن", "النور") == [("person", "ali-nour")]
    assert readings(kb, "الوزير النور", "النور") == []
    assert readings(kb, "وزير النور الساطع", "النور") == [("person", "ali-nour")]
    assert readings(kb, "هذا النور الساطع", "النور") == []


def test_context_words_count_after_proclitics_and_as_whole_words_only(tmp_path):
    kb = knowledge(tmp_path, ["عمان\tplace:Amman\t\t\tالأردن|المملكة الهاشمية\t"])
    assert readings(kb, "وصل إلى عمان. وقال للأردن", "عمان") == [("place", "Amman")]
    assert readings(kb, "وصل إلى عمان في المملكة  الهاشمية", "عمان") == [("place", "Amman")]
    assert readings(kb, "وصل إلى عمان قادما من الأردنيات", "عمان") == []


def test_a_neighbour_across_the_end_of_a_sentence_does_not_count(tmp_path):
    kb = knowledge(tmp_path, ["عمان\tplace:Amman\tالأردنية\t\t\t"])
    assert readings(kb, "العاصمة الأردنية، عمان", "عمان") == [("place", "Amman")]
    assert readings(kb, "قالت الأردنية. عمان", "عمان") == []


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("اشتباكات بين حركة “الشباب” الإرهابية وقوات الأمن الصومالية", "الشباب", ("organisation", "al-shabaab")),
        ('مسلحون من تنظيم "الدولة الإسلامية" يهاجمون', "الدولة الإسلامية", ("organisation", "islamic-state")),
        ("قصفت المدفعية مواقع وحدات «حماية الشعب» شرق الفرات", "حماية الشعب", ("organisation", "ypg")),
    ],
)
def test_a_name_split_by_quotation_marks_is_read_by_its_head_noun(kb, text, surface, expected):
    assert readings(kb, text, surface) == [expected]


def test_youth_stays_youth_outside_an_article_about_somalia(kb):
    assert readings(kb, "شارك الشباب في المسيرة وتحدث عناصر الشباب في المنتخب", "الشباب") == []
    assert readings(kb, "وزارة الشباب والرياضة", "الشباب") == []


def test_a_default_sector_reading_keeps_a_shared_name_an_army(kb):
    assert readings(kb, "قوات الدفاع الوطني الإثيوبية", "الوطني") == [("sector_term", "MIL")]
    syrian = "اشتبكت قوات الدفاع الوطني مع مسلحين في ريف حماة السوري"
    assert readings(kb, syrian, "الوطني") == [("organisation", "national-defence-forces")]


def test_a_family_name_alone_is_the_person_the_article_names_in_full(kb):
    text = "التقى عباس ومشعل في القاهرة. ووقع الرئيس محمود عباس ورئيس المكتب السياسي لحماس خالد مشعل الاتفاق."
    assert readings(kb, text, "عباس")[0] == ("person", "mahmoud-abbas")
    assert readings(kb, text, "مشعل")[0] == ("person", "khaled-mashal")
    # Elsewhere the same words are a port, a prince or any Abbas.
    assert readings(kb, "وصل الأمير مشعل إلى بندر عباس ثم التقى محمود عباس", "مشعل") == []
    assert readings(kb, "قال عباس إن", "عباس") == []
