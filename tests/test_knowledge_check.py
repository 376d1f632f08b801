"""`marsad kb check` on the shipped data and on small files with one mistake each."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.knowledge.check import check
from marsad.knowledge.files import read_knowledge

HEADERS = {
    "states": "code\tname\tarabic\tnisba\tplural\tcapital\tmetonyms\tnote",
    "places": "name\tcountry\tkind\tlat\tlon\tarabic\tnote",
    "organisations": "id\tname\tcountry\tsector\tarabic\tnote\tseat\tcoded_as",
    "people": "id\tname\tcountry\tsector\twikidata\tarabic\tnote",
    "offices": "person\toffice\tcountry\tstart\tend\ttopic\tnote",
    "ambiguous": "form\treading\tbefore\tafter\tcontext\tnote",
}
GOOD = {
    "states": [
        "RUS\tRussia\tروسيا\tروسي\tروس\tMoscow\tالكرملين\t",
        "JOR\tJordan\tالأردن\tأردني\t\tAmman\t\t",
    ],
    "places": ["Moscow\tRUS\tcity\t55.75\t37.62\tموسكو\t", "Amman\tJOR\tcity\t31.95\t35.93\tعمان الأردنية\t"],
    "organisations": ["un\tUnited Nations\tUNO\tIGO\tالأمم المتحدة\t\t\t"],
    "people": [
        "sergey-lavrov\tSergey Lavrov\tRUS\tGOV\tQ80137\tسيرغي لافروف|لافروف\t",
        "ayman-safadi\tAyman Safadi\tJOR\tGOV\t\tأيمن الصفدي|الصفدي\t",
        "nasser-judeh\tNasser Judeh\tJOR\tGOV\t\tناصر جودة\t",
    ],
    "offices": [
        "sergey-lavrov\tforeign_minister\tRUS\t2004-03-09\t\t\t",
        "nasser-judeh\tforeign_minister\tJOR\t2009-02-23\t2017-01-14\t\t",
        "ayman-safadi\tforeign_minister\tJOR\t2017-01-15\t\t\t",
    ],
    "ambiguous": ["عمان\tplace:Amman\t\t\tالأردن\t", "عمان\tnone\t\t\t\t"],
}


def write(folder: Path, rows: dict[str, list[str]]) -> Path:
    for kind, header in HEADERS.items():
        (folder / f"{kind}.tsv").write_text("\n".join([header, *rows.get(kind, [])]) + "\n", encoding="utf-8")
    return folder


def errors_with(tmp_path: Path, kind: str, row: str, replace: int | None = None) -> list[str]:
    """Messages of the errors in GOOD with `row` added to (or replacing row `replace` of) `kind`."""
    rows = {k: list(v) for k, v in GOOD.items()}
    if replace is None:
        rows[kind].append(row)
    else:
        rows[kind][replace] = row
    return [f"{p.origin}: {p.message}" for p in check(read_knowledge([write(tmp_path, rows)])).errors]


def test_good_files_pass_and_are_counted(tmp_path):
    report = check(read_knowledge([write(tmp_path, GOOD)]))
    assert report.errors == []
    assert report.counts["states"] == 2 and report.counts["states with nisba forms"] == 2
    assert report.counts["office terms"] == 3 and report.counts["people"] == 3
    assert report.counts["ambiguous forms"] == 1


JUDEH = "nasser-judeh\tforeign_minister\tJOR"


@pytest.mark.parametrize(
    ("kind", "row", "replace", "expected"),
    [
        ("places", "Sochi\tRUX\tcity\t43.6\t39.7\tسوتشي\t", None, "unknown country 'RUX'"),
        ("places", "Sochi\tRUS\ttown\t43.6\t39.7\tسوتشي\t", None, "unknown kind 'town'"),
        ("places", "Moscow\tRUS\tcity\t55.75\t37.62\tموسكفا\t", None, "duplicate place name 'Moscow'"),
        ("organisations", "hamas\tHamas\tPSX\tREB\tحماس\t", None, "unknown country 'PSX'"),
        ("organisations", "hamas\tHamas\t\tRBL\tحماس\t", None, "unknown sector 'RBL'"),
        ("organisations", "coalition\tCoalition\tSAU\tMIL\tالتحالف\t\t\tstates", None, "coded_as 'states'"),
        ("organisations", "coalition\tCoalition\t\tMIL\tالتحالف\t\t\tstate", None, "coded_as state needs"),
        ("people", "sergey-lavrov\tSergei Lavrov\tRUS\tGOV\t\tلافروف سيرغي\t", None, "duplicate person id"),
        ("people", "x-y\tX Y\tRUS\tGOV\t80137\tاكس واي\t", None, "malformed Wikidata id"),
        ("offices", "nobody\tforeign_minister\tRUS\t2001-01-01\t2002-01-01\t\t", None, "'nobody' is not in"),
        ("offices", "ayman-safadi\tforeign_ministre\tJOR\t2030-01-01", None, "unknown office"),
        ("offices", "ayman-safadi\tsecretary_general\tJOR\t2030-01-01", None, "needs an organisation code"),
        ("offices", "ayman-safadi\tenvoy\tUNO\t2030-01-01\t\t\t", None, "envoy topic None"),
        ("offices", f"{JUDEH}\t2009-02-30\t2017-01-14\t\t", 1, "malformed start date"),
        ("offices", f"{JUDEH}\t2009-02-23\t2008-01-14\t\t", 1, "ends 2008-01-14 before"),
        ("offices", f"{JUDEH}\t2009-02-23\t2017-01-15\t\t", 1, "overlaps nasser-judeh"),
        ("offices", f"{JUDEH}\t2009-02-23\t\t\t", 1, "overlaps nasser-judeh"),
        ("states", "RUS\tRussia\tروسيا\tروسي\t\tMoskva\t\t", 0, "capital 'Moskva' of RUS is not in places"),
        ("states", "RUS\tRussia\tروسيا\tروسي\t\tMoscow\t\t\textra", 0, "9 cells, the header has 8"),
        ("ambiguous", "عمان\tplace:Amman\t\t\tالأردن\t", None, "never tried: 'عمان' has a rule without conditions"),
        ("ambiguous", "عمان\tplace:Amann\t\t\tالأردن\t", 0, "reading place:Amann is not in the place files"),
        ("ambiguous", "عمان\tcity:Amman\t\t\tالأردن\t", 0, "unknown reading kind 'city'"),
        ("ambiguous", "عمان\tAmman\t\t\tالأردن\t", 0, "is not kind:key"),
        ("ambiguous", "الصفدي\tperson:ayman-safadi\tوزير|*\t\t\t", 0, "empty word in before"),
    ],
)
def test_each_mistake_is_reported_with_its_line(tmp_path, kind, row, replace, expected):
    found = errors_with(tmp_path, kind, row, replace)
    assert any(expected in message and message.startswith(f"{kind}.tsv:") for message in found), found


def test_two_people_sharing_a_short_form_collide(tmp_path):
    found = errors_with(tmp_path, "people", "ahmad-safadi\tAhmad Safadi\tJOR\tGOV\t\tأحمد الصفدي|الصفدى\t")
    assert any("person alias 'الصفدي' names 2" in message for message in found), found


def test_a_state_and_its_capital_may_share_a_form(tmp_path):
    # Different kinds: the extractor tells a state from its capital by context.
    assert errors_with(tmp_path, "places", "Moscow Oblast\tRUS\tregion\t55.5\t38.0\tروسيا\t") == []


def test_an_unpaired_overlap_is_not_reported_across_countries(tmp_path):
    row = "ayman-safadi\tforeign_minister\tRUS\t1990-01-01\t1991-01-01"
    assert errors_with(tmp_path, "offices", row) == []


def test_shipped_knowledge_base_passes_with_the_acceptance_counts():
    report = check(read_knowledge())
    assert [str(p) for p in report.errors] == []
    assert report.counts["states with nisba forms"] >= 195
    assert report.counts["places"] >= 300
    assert report.counts["organisations"] >= 60
    assert report.counts["office terms"] >= 1000
