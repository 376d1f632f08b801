"""Roles resolve to people by date, checked against facts compiled apart from the data files."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from marsad.knowledge import load_knowledge_base

FACTS = Path(__file__).parent / "data" / "office_facts.tsv"


def read_facts() -> list[tuple[str, str, str, str, str | None]]:
    lines = [line for line in FACTS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [
        (row["office"], row["country"], row["date"], row["person"], row["topic"] or None)
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def words(name: str) -> list[str]:
    """A name's words without accents, case or punctuation: "Erdoğan" is "erdogan"."""
    letters = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in letters if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", plain)


def same_person(expected: str, found: str) -> bool:
    """Whether two renderings name one person: one is the other with parts left out
    ("Abdullatif Al Zayani" in "Abdullatif bin Rashid Al Zayani"), the given name first in both."""
    short, long = sorted((words(expected), words(found)), key=len)
    remaining = iter(long)
    return bool(short) and short[0] == long[0] and all(word in remaining for word in short)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def test_the_fact_table_is_large_and_varied():
    facts = read_facts()
    assert len(facts) >= 150
    assert len({country for _, country, *_ in facts}) >= 30
    assert {office for office, *_ in facts} >= {
        "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
        "crown_prince", "secretary_general", "envoy",
    }
    assert {date[:4] for _, _, date, *_ in facts} >= {str(year) for year in range(2010, 2025)}


@pytest.mark.parametrize(("office", "country", "date", "person", "topic"), read_facts())
def test_office_fact(kb, office, country, date, person, topic):
    holder = kb.holder(office, country, date, topic)
    assert holder is not None, f"nobody holds {office} {country} {topic or ''} on {date}"
    assert same_person(person, holder.name), holder.name


@pytest.mark.parametrize(
    ("office", "country", "last_day", "before", "after"),
    [
        ("foreign_minister", "USA", "2013-01-31", "hillary-clinton", "john-kerry"),
        ("head_of_state", "USA", "2017-01-19", "barack-obama", "donald-trump"),
        ("secretary_general", "UNO", "2016-12-31", "ban-ki-moon", "antonio-guterres"),
        ("head_of_state", "SAU", "2015-01-22", "abdullah-of-saudi-arabia", "salman-of-saudi-arabia"),
    ],
)
def test_handover_at_midnight(kb, office, country, last_day, before, after):
    """The outgoing holder's `end` is their last day; the successor holds the office the next day."""
    outgoing = kb.term(office, country, last_day)
    assert outgoing is not None and outgoing.person == before and outgoing.end == last_day
    incoming = [t for t in kb.terms_of(after) if t.office == office and t.country == country]
    assert incoming and incoming[0].start > last_day
    assert kb.holder(office, country, incoming[0].start).id == after


def test_partial_dates_mean_the_first_day(kb):
    assert kb.holder("foreign_minister", "USA", "2013").name == "Hillary Clinton"
    assert kb.holder("foreign_minister", "USA", "2013-02").name == "John Kerry"


def test_envoys_are_kept_apart_by_topic(kb):
    syria = kb.holder("envoy", "UNO", "2019-06-01", "SYR")
    yemen = kb.holder("envoy", "UNO", "2019-06-01", "YEM")
    assert syria is not None and yemen is not None and syria.id != yemen.id


def test_no_holder_before_any_term(kb):
    assert kb.holder("foreign_minister", "USA", "1700-01-01") is None
    assert kb.holder("foreign_minister", "XXX", "2015-01-01") is None


@pytest.mark.parametrize(
    ("expected", "found", "same"),
    [
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", True),
        ("Abdullatif bin Rashid Al Zayani", "Abdullatif Al-Zayani", True),
        ("Tamim bin Hamad Al Thani", "Hamad bin Khalifa Al Thani", False),
        ("Nouri al-Maliki", "Riyad al-Maliki", False),
    ],
)
def test_same_person_tolerates_omitted_parts_only(expected, found, same):
    assert same_person(expected, found) is same
