"""The store API: stories across outlets and re-posts, and every event filter.

The events here come from a stand-in extractor so that the tests pin the store, not the
extractor; tests/test_ingest.py has the same story end to end with the real extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.knowledge.loader import compile_knowledge_base
from marsad.model import Actor, Event, Extraction, Location
from marsad.storing import ingest as ingest_module
from marsad.storing.actors import knowledge_names
from marsad.storing.ingest import ingest
from marsad.storing.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "store"
SISI = Actor("Abdel Fattah el-Sisi", "EGY", "GOV")
LAVROV = Actor("Sergey Lavrov", "RUS", "GOV")


def stand_in_extractor(document) -> Extraction:
    """CONSULT Sisi–Lavrov in the three meeting articles, ACCUSE Yemen → UN in the fourth."""
    text = document.text.strip()
    if "لافروف" in text:
        start = text.index("لافروف")
        hosted = text.startswith("استقبل")
        source, target = ([SISI], [LAVROV]) if hosted else ([LAVROV], [Actor(None, "EGY", "GOV")])
        events = [Event("CONSULT", "043", source, target, date=document.published, date_precision="day",
                        evidence=text[:80], evidence_span=(start, start + 6), confidence=0.8,
                        contexts=["diplomacy"], location=Location("Cairo", "EGY"))]
    else:
        events = [Event("ACCUSE", "111", [Actor(None, "YEM", "GOV")], [Actor("United Nations", "UNO", "IGO")],
                        date=document.published, date_precision="day", evidence=text[:60],
                        evidence_span=(0, 60), location=Location(None, "YEM"))]
    return Extraction(document.doc_id, text, events)


@pytest.fixture
def kb(monkeypatch):
    """A knowledge base with Arabic names for Lavrov and Sisi only."""
    fixture_kb = compile_knowledge_base([FIXTURES / "kb"], use_cache=False)
    monkeypatch.setattr("marsad.storing.actors.compile_knowledge_base", lambda: fixture_kb)
    knowledge_names.cache_clear()
    yield
    knowledge_names.cache_clear()


def ingest_meeting(db: Path, monkeypatch) -> Path:
    monkeypatch.setattr(ingest_module, "extract_document", stand_in_extractor)
    ingest([FIXTURES / "meeting.jsonl"], db)
    return db


@pytest.fixture
def store(tmp_path, monkeypatch, kb):
    db = ingest_meeting(tmp_path / "m.duckdb", monkeypatch)
    with Store.open(db, read_only=True) as opened:
        yield opened


def ids(events) -> set[str]:
    return {e["doc_id"] for e in events}


def test_two_outlets_and_a_repost_make_one_story_with_two_sources(store):
    assert store.document("masrawy-3")["cluster_id"] == "ahram-1"
    assert store.document("rt-7")["cluster_id"] == "rt-7"
    [consult] = store.stories(type="CONSULT")
    assert (consult["num_events"], consult["num_documents"], consult["num_sources"]) == (3, 2, 2)
    assert consult["story_id"] == "ahram-1#0"
    assert str(consult["date_start"]) == "2019-09-16" and str(consult["date_end"]) == "2019-09-17"
    assert consult["actor_key"] == "EGY+RUS"
    [accuse] = store.stories(type="ACCUSE")
    assert accuse["num_sources"] == 1 and accuse["actor_key"] == "YEM>United Nations"


def test_story_filter_and_story_detail(store):
    story = store.story("ahram-1#0")
    assert ids(story["events"]) == {"ahram-1", "rt-7", "masrawy-3"}
    assert ids(store.events(story="ahram-1#0")) == {"ahram-1", "rt-7", "masrawy-3"}


@pytest.mark.parametrize("query", ["lavrov", "Sergei Lavrov", "SERGEY LAVROV", "sergey-lavrov"])
def test_actor_filter_english_spellings(store, query):
    assert ids(store.events(actor=query)) == {"ahram-1", "rt-7", "masrawy-3"}


@pytest.mark.parametrize("query", ["سيرجي لافروف", "لافروف", "سيرغى لافروف", "عبد الفتاح السيسى"])
def test_actor_filter_arabic_spellings(store, query):
    found = ids(store.events(actor=query))
    assert found >= {"ahram-1", "masrawy-3"} and "saba-2" not in found


def test_actor_filter_without_a_match_gives_nothing(store):
    assert store.events(actor="Angela Merkel") == []
    assert store.events(actor="ميركل") == []


def test_country_type_source_and_limit_filters(store):
    assert ids(store.events(country="yem")) == {"saba-2"}
    assert ids(store.events(country="EGY")) == {"ahram-1", "rt-7", "masrawy-3"}
    assert ids(store.events(type="accuse")) == {"saba-2"}
    assert ids(store.events(type=["ACCUSE", "CONSULT"])) == {"ahram-1", "rt-7", "masrawy-3", "saba-2"}
    assert ids(store.events(source="rt")) == {"rt-7"}
    assert len(store.events(limit=2)) == 2
    assert store.count_events(type="CONSULT") == 3


def test_date_filters_are_inclusive(store):
    assert ids(store.events(since="2019-09-17")) == {"rt-7"}
    assert ids(store.events(until="2019-09-16")) == {"ahram-1", "masrawy-3", "saba-2"}
    assert len(store.events(since="2019-09", until="2019-09")) == 4
    assert store.events(since="2019-10-01") == []


def test_text_filter_folds_arabic_letter_variants(store):
    assert ids(store.events(text="الحديدة")) == {"saba-2"}
    assert ids(store.events(text="الحديده")) == {"saba-2"}  # ة written as ه
    assert ids(store.events(text="سوتشي")) == {"rt-7"}  # in the article text only


def test_event_records_follow_the_spec(store):
    [event] = store.events(source="rt")
    assert event["event_id"] == "rt-7#0"
    assert event["source"] == [{"name": "Sergey Lavrov", "country": "RUS", "sector": "GOV",
                                "actor_id": "sergey-lavrov"}]
    assert event["target"][0]["actor_id"] == "EGY:GOV"
    assert event["quad_class"] == 1 and event["outlet"] == "rt" and event["published"] == "2019-09-17"
    assert store.event("rt-7#0")["evidence"] == event["evidence"]


def test_actors_have_arabic_names_and_counts(store):
    lavrov = store.actor("sergey-lavrov")
    assert lavrov["num_events"] == 3 and lavrov["kind"] == "person" and lavrov["kb_id"] == "sergey-lavrov"
    assert "سيرغي لافروف" in lavrov["arabic"]
    assert store.actor("EGY:GOV")["kind"] == "generic"
    assert [a["actor_id"] for a in store.actors(country="RUS")] == ["sergey-lavrov"]
    assert store.actor("nobody") is None


def test_stats_count_everything(store):
    stats = store.stats()
    assert (stats["documents"], stats["clusters"], stats["near_duplicates"]) == (4, 3, 1)
    assert (stats["events"], stats["stories"], stats["errors"]) == (4, 2, 0)
    assert (stats["canonical_events"], stats["multi_outlet_stories"], stats["date_flags"]) == (2, 1, {})
    assert stats["events_by_type"] == {"CONSULT": 3, "ACCUSE": 1}


def test_reingesting_adds_nothing(tmp_path, monkeypatch, kb):
    db = ingest_meeting(tmp_path / "m.duckdb", monkeypatch)
    counts = ingest([FIXTURES / "meeting.jsonl"], db)
    assert (counts.added, counts.skipped) == (0, 4)
    with Store.open(db, read_only=True) as store:
        assert store.stats()["documents"] == 4 and store.stats()["events"] == 4
