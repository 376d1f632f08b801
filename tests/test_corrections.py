"""Analysts' corrections: applied everywhere, undone, kept across re-extraction, exported as gold.

The extractors here are stand-ins written as rules (phrase → event), so that a "new model" can
be made to number, cut and name its events differently from the old one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.evaluation.files import read_gold
from marsad.model import Actor, Document, Event, Extraction
from marsad.storing.corrections import correct, corrections, reapply, undo
from marsad.storing.edits import CorrectionError
from marsad.storing.gold import write_gold
from marsad.storing.ingest import ingest
from marsad.storing.store import Store

LAVROV, SHOUKRY = Actor("Sergey Lavrov", "RUS", "GOV"), Actor("Sameh Shoukry", "EGY", "GOV")
SAUDI, IRAN, USA = Actor(None, "SAU", "GOV"), Actor(None, "IRN", "GOV"), Actor(None, "USA", "GOV")
ARMY, REBELS = Actor(None, "SYR", "MIL"), Actor(None, "SYR", "REB")
MEETING = "التقى لافروف شكري في موسكو اليوم"
ACCUSATION = "اتهمت السعودية إيران بالتدخل في المنطقة"
CALL = "دعت السعودية إيران إلى الحوار"
SHELLING = "قصف الجيش مواقع المسلحين في إدلب"
WELCOME = "رحب شكري بالاتفاق الجديد"
DOC_A = f"موسكو - وكالات\n{MEETING}. {ACCUSATION}. {CALL}."
DOC_B = f"{SHELLING}. {WELCOME}."

# phrase → (type, cameo, sources, targets): the "old model" and, below, a "new" one.
OLD = {MEETING: ("CONSULT", "040", [LAVROV], [SHOUKRY]), ACCUSATION: ("ACCUSE", "112", [SAUDI], [IRAN]),
       CALL: ("REQUEST", "100", [SAUDI], [IRAN]), SHELLING: ("ASSAULT", "190", [ARMY], [REBELS])}
NEW = {  # reads shorter evidence, spells Lavrov otherwise, finds the welcome, lists events backwards
    "دعت السعودية إيران": ("REQUEST", "100", [SAUDI], [IRAN]),
    "اتهمت السعودية إيران": ("ACCUSE", "111", [SAUDI], [IRAN]),
    "التقى لافروف شكري": ("CONSULT", "040", [Actor("Sergei Lavrov", "RUS", "GOV")], [SHOUKRY]),
    WELCOME: ("SUPPORT", "051", [SHOUKRY], []),
    SHELLING: ("ASSAULT", "190", [ARMY], [REBELS]),
}
SPARSE = {SHELLING: ("ASSAULT", "190", [ARMY], [REBELS])}  # a model that finds next to nothing


def rules(table: dict):
    def extract(document: Document) -> Extraction:
        text = document.text.strip()
        events = []
        for phrase, (kind, cameo, source, target) in table.items():
            start = text.find(phrase)
            if start >= 0:
                events.append(Event(kind, cameo, list(source), list(target), date=document.published,
                                    date_precision="day", evidence=phrase, evidence_span=(start, start + len(phrase)),
                                    confidence=0.6))
        return Extraction(document.doc_id, text, events)
    return extract


def write_inputs(folder: Path, prefix: str = "") -> Path:
    path = folder / "articles.jsonl"
    records = [{"id": "a", "text": prefix + DOC_A, "date": "2019-09-17", "source": "ahram"},
               {"id": "b", "text": DOC_B, "date": "2019-09-18", "source": "okaz"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path) -> Path:
    db = tmp_path / "c.duckdb"
    ingest([write_inputs(tmp_path)], db, extract=rules(OLD))
    return db


def by_type(store: Store, doc_id: str) -> dict[str, dict]:
    events = store.events(doc_id=doc_id, limit=None)
    found = {e["type"]: e for e in events}
    assert len(found) == len(events), "one event per type in these documents"
    return found


def review(store: Store) -> dict[str, dict]:
    """The analyst's work on the old model's events: one of each kind of correction."""
    a, b = by_type(store, "a"), by_type(store, "b")
    welcome = DOC_B.index(WELCOME)
    return {
        "reject": correct(store, "reject", "Huda", event_id=a["REQUEST"]["event_id"], note="a call, not a demand"),
        "edit": correct(store, "edit", "Huda", event_id=a["ACCUSE"]["event_id"],
                        changes={"target": [{"country": "irn", "sector": "GOV"}, {"country": "USA"}],
                                 "date": "2019-09-16"}),
        "confirm": correct(store, "confirm", "Omar", event_id=a["CONSULT"]["event_id"]),
        "add": correct(store, "add", "Omar", doc_id="b", changes={
            "type": "SUPPORT", "source": [{"actor_id": "sameh-shoukry"}], "evidence": WELCOME,
            "evidence_span": [welcome, welcome + len(WELCOME)]}),
        "location": correct(store, "edit", "Huda", event_id=b["ASSAULT"]["event_id"],
                            changes={"location": {"name": "Idlib", "country": "SYR"}}),
    }


def test_corrections_change_the_served_events_and_are_logged_apart(db):
    with Store.open(db) as store:
        done = review(store)
        a, b = by_type(store, "a"), by_type(store, "b")
        assert set(a) == {"CONSULT", "ACCUSE"}  # the rejected REQUEST is gone
        assert [t["country"] for t in a["ACCUSE"]["target"]] == ["IRN", "USA"]
        assert a["ACCUSE"]["date"] == "2019-09-16" and a["ACCUSE"]["confidence"] == 1.0
        assert a["ACCUSE"]["cameo"] == "112"  # the type did not change, nor does its code
        assert b["SUPPORT"]["evidence"] == WELCOME and b["SUPPORT"]["source"][0]["name"] == "Sameh Shoukry"
        assert b["ASSAULT"]["location"] == {"name": "Idlib", "country": "SYR"}
        assert store.document("a")["num_events"] == 2 and store.document("b")["num_events"] == 2
        log = corrections(store)
        assert [(c["action"], c["reviewer"]) for c in log] == [
            ("reject", "Huda"), ("edit", "Huda"), ("confirm", "Omar"), ("add", "Omar"), ("edit", "Huda")]
        reject = done["reject"]
        assert reject["before"]["type"] == "REQUEST" and reject["after"] is None and reject["note"]
        assert done["edit"]["changes"]["target"][1] == {"name": None, "country": "USA", "sector": "UNK"}
        assert done["edit"]["before"]["target"] == [{"name": None, "country": "IRN", "sector": "GOV"}]


def test_a_second_correction_of_an_event_replaces_the_first_and_keeps_its_changes(db):
    with Store.open(db) as store:
        accuse = by_type(store, "a")["ACCUSE"]["event_id"]
        first = correct(store, "edit", "Huda", event_id=accuse, changes={"date": "2019-09-16"})
        second = correct(store, "edit", "Omar", event_id=accuse, changes={"type": "REJECT"})
        assert second["chain_id"] == first["correction_id"]
        assert second["changes"] == {"date": "2019-09-16", "type": "REJECT"}
        rejected = by_type(store, "a")["REJECT"]
        assert rejected["cameo"] == "120" and rejected["date"] == "2019-09-16"
        assert [c["active"] for c in corrections(store, event_id=accuse)] == [False, True]


def test_undo_brings_back_the_extracted_event(db):
    with Store.open(db) as store:
        done = review(store)
        undo(store, done["reject"]["correction_id"], "Huda")
        assert "REQUEST" in by_type(store, "a")
        undo(store, done["edit"]["correction_id"], "Huda")
        accuse = by_type(store, "a")["ACCUSE"]
        assert [t["country"] for t in accuse["target"]] == ["IRN"] and accuse["date"] == "2019-09-17"
        assert accuse["confidence"] == 0.6
        undo(store, done["add"]["correction_id"], "Omar")
        assert set(by_type(store, "b")) == {"ASSAULT"}
        with pytest.raises(CorrectionError) as twice:
            undo(store, done["add"]["correction_id"], "Omar")
        assert twice.value.status == 409
        assert [c["action"] for c in corrections(store, active=True) if c["effect"] == "none"] == ["undo"] * 3


@pytest.mark.parametrize(("action", "target", "changes", "status", "message"), [
    ("edit", "a#0", {"type": "MEET"}, 422, "type: unknown event type 'MEET'"),
    ("edit", "a#0", {"date": "2019-02-30"}, 422, "not a calendar date"),
    ("edit", "a#0", {"date": "17/09/2019"}, 422, "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("edit", "a#0", {"source": [{"actor_id": "nobody"}]}, 422, "no actor 'nobody' in the store"),
    ("edit", "a#0", {"source": [{"sector": "GOV"}]}, 422, "give a name or a country"),
    ("edit", "a#0", {"location": {"country": "Egypt"}}, 422, "is not an ISO-3 country"),
    ("edit", "a#0", {"evidence_span": [0, 4]}, 422, "not an editable field"),
    ("edit", "a#0", {}, 422, "nothing to change"),
    ("confirm", "a#9", None, 404, "no event 'a#9'"),
    ("add", "zzz", {"type": "AID", "evidence": "x"}, 404, "no document 'zzz'"),
    ("add", "b", {"type": "AID", "evidence": "ليس في النص"}, 422, "not in the document's text"),
    ("add", "b", {"evidence": SHELLING}, 422, "needs a type"),
    ("add", "b", {"type": "AID", "evidence_span": [3, 3]}, 422, "select the words"),
])
def test_bad_corrections_are_refused_with_a_reason(db, action, target, changes, status, message):
    with Store.open(db) as store:
        key = {"doc_id": target} if action == "add" else {"event_id": target}
        with pytest.raises(CorrectionError) as refused:
            correct(store, action, "Huda", changes=changes, **key)
        assert refused.value.status == status and message in str(refused.value)
        assert corrections(store) == []
        with pytest.raises(CorrectionError, match="reviewer"):
            correct(store, "confirm", "  ", event_id="a#0")


def test_corrections_survive_re_extraction_by_a_new_model(db, tmp_path):
    with Store.open(db) as store:
        review(store)
    # The new model reads another cleaning of the text too: a line more at the top moves every span.
    counts = ingest([write_inputs(tmp_path, prefix="عاجل\n")], db, reextract=True, extract=rules(NEW))
    assert counts.added == 2 and counts.skipped == 0
    with Store.open(db) as store:
        a, b = by_type(store, "a"), by_type(store, "b")
        assert set(a) == {"CONSULT", "ACCUSE"}  # the new model's REQUEST was the rejected one
        assert [t["country"] for t in a["ACCUSE"]["target"]] == ["IRN", "USA"]
        assert a["ACCUSE"]["evidence"] == "اتهمت السعودية إيران" and a["ACCUSE"]["cameo"] == "111"  # the new model's
        assert a["CONSULT"]["source"][0]["name"] == "Sergei Lavrov"  # anchored despite the new actor id
        assert set(b) == {"ASSAULT", "SUPPORT"}  # the added event is the one the new model now finds: no copy
        assert not b["SUPPORT"]["event_id"].startswith("b#a") and b["SUPPORT"]["confidence"] == 1.0
        assert b["ASSAULT"]["location"] == {"name": "Idlib", "country": "SYR"}
        applied = {c["action"]: c for c in corrections(store, active=True)}
        assert all(c["status"] == "applied" for c in applied.values())
        assert applied["confirm"]["event_id"] == a["CONSULT"]["event_id"]
        assert reapply(store).documents == 0  # nothing changed since


def test_what_a_new_model_misses_is_kept_and_what_it_drops_is_absent(db):
    with Store.open(db) as store:
        review(store)
    ingest([db.parent / "articles.jsonl"], db, reextract=True, extract=rules(SPARSE))
    with Store.open(db) as store:
        a = by_type(store, "a")
        assert set(a) == {"CONSULT", "ACCUSE"}  # vouched for by analysts: kept
        assert a["CONSULT"]["event_id"].startswith("a#a") and a["CONSULT"]["evidence"] == MEETING
        assert a["ACCUSE"]["target"][1]["country"] == "USA"
        status = {c["action"]: c["status"] for c in corrections(store, active=True) if c["doc_id"] == "a"}
        assert status == {"reject": "absent", "edit": "kept", "confirm": "kept"}


def test_corrections_are_applied_in_the_cli_and_exports(db, tmp_path, capsys):
    with Store.open(db) as store:
        review(store)
    assert main(["events", "--db", str(db), "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert sorted(e["type"] for e in events) == ["ACCUSE", "ASSAULT", "CONSULT", "SUPPORT"]
    out = tmp_path / "e.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--output", str(out)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "REQUEST" not in {e["type"] for e in exported}
    assert main(["corrections", "list", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "Huda" in listing and "a call, not a demand" in listing and "location=Idlib" in listing


def test_gold_export_round_trips_through_the_gold_reader(db, tmp_path, capsys):
    with Store.open(db) as store:
        review(store)
        served = {doc: store.events(doc_id=doc, limit=None) for doc in ("a", "b")}
    gold = tmp_path / "gold.jsonl"
    assert main(["corrections", "export", "--db", str(db), "--output", str(gold)]) == 0
    assert "2 reviewed documents with 4 events" in capsys.readouterr().err
    documents = {d.doc_id: d for d in read_gold(gold)}
    assert set(documents) == {"a", "b"} and documents["a"].published == "2019-09-17"
    for doc_id, events in served.items():
        read = sorted(documents[doc_id].events, key=lambda e: e.type)
        stored = sorted(events, key=lambda e: e["type"])
        assert [e.type for e in read] == [e["type"] for e in stored]
        for back, event in zip(read, stored, strict=True):
            assert [a.to_dict() for a in back.source + back.target] == [
                {k: a[k] for k in ("name", "country", "sector")} for a in event["source"] + event["target"]]
            assert (back.date, back.cameo, back.mode) == (event["date"], event["cameo"], event["mode"])
            assert (back.location.to_dict() if back.location else None) == event["location"]
            assert back.evidence == event["evidence"] and back.evidence in documents[doc_id].text
    with Store.open(db, read_only=True) as store:
        only = tmp_path / "only.jsonl"
        assert write_gold(store, only, reviewed_only=True) == (2, 4)
        assert {e.type for d in read_gold(only) for e in d.events} == {"ACCUSE", "CONSULT", "SUPPORT", "ASSAULT"}


def test_a_store_nobody_reviewed_exports_no_gold(db, tmp_path):
    with Store.open(db, read_only=True) as store:
        assert corrections(store) == []
        assert write_gold(store, tmp_path / "g.jsonl") == (0, 0)


def test_the_stored_documents_are_extracted_again_from_their_own_text(db, capsys):
    with Store.open(db) as store:
        review(store)
        before = {d: store.document(d)["text"] for d in ("a", "b")}
    assert main(["ingest", "--reextract", "--db", str(db), "--quiet"]) == 0
    with Store.open(db) as store:
        assert {d: store.document(d)["text"] for d in ("a", "b")} == before  # cleaning them again changed nothing
        events = store.events(doc_id="a", limit=None)  # the real extractor's, corrected
        assert {"CONSULT", "ACCUSE"} <= {e["type"] for e in events}
        assert not [e for e in events if e["type"] == "REQUEST" and CALL in e["evidence"]]  # rejected
        assert {c["status"] for c in corrections(store, active=True)} <= {"applied", "kept", "absent"}
    assert main(["ingest", "--db", str(db)]) == 2
    assert "give the files or folders" in capsys.readouterr().err


def test_a_corrected_event_is_derived_like_an_extracted_one(tmp_path):
    """Quad class and Goldstein follow the analyst's CAMEO code, actors get their knowledge-base ids, and
    the event keeps the version stamps of the extraction it corrects; an added event gets this Marsad's."""
    db = tmp_path / "d.duckdb"
    ingest([write_inputs(tmp_path)], db, extract=rules(OLD), model_version="rules-1")
    with Store.open(db) as store:
        extracted = by_type(store, "a")["ACCUSE"]
        assert (extracted["quad_class"], extracted["goldstein"], extracted["model_version"]) == (3, -2.0, "rules-1")
        correct(store, "edit", "Huda", event_id=extracted["event_id"],
                changes={"type": "THREATEN", "target": [{"name": "Sergei Lavrov", "country": "RUS", "sector": "GOV"}]})
        edited = by_type(store, "a")["THREATEN"]
        assert (edited["cameo"], edited["quad_class"], edited["goldstein"]) == ("130", 3, -4.4)
        assert [a["actor_id"] for a in edited["target"]] == ["sergey-lavrov"]  # the knowledge base's id
        stamps = ("marsad_version", "kb_version", "model_version")
        assert [edited[k] for k in stamps] == [extracted[k] for k in stamps]
        welcome = DOC_B.index(WELCOME)
        correct(store, "add", "Omar", doc_id="b", changes={
            "type": "AID", "source": [{"name": "سامح شكري", "country": "EGY", "sector": "GOV"}],
            "evidence_span": [welcome, welcome + len(WELCOME)]})
        added = by_type(store, "b")["AID"]
        assert (added["quad_class"], added["goldstein"], added["model_version"]) == (2, 7.0, None)
        assert added["source"][0]["actor_id"] == "sameh-shoukry" and added["kb_version"] == extracted["kb_version"]


def future_dates(document: Document) -> Extraction:
    """The old model, misreading every date as a month after the article."""
    found = rules(OLD)(document)
    for event in found.events:
        event.date, event.date_precision = "2019-10", "month"
    return found


def test_a_corrected_event_keeps_its_date_check(tmp_path):
    db = tmp_path / "f.duckdb"
    ingest([write_inputs(tmp_path)], db, extract=future_dates)
    with Store.open(db) as store:
        consult = by_type(store, "a")["CONSULT"]
        assert (consult["date"], consult["date_flag"], consult["date_original"]) == (
            "2019-09-17", "after_publication", "2019-10")
        correct(store, "edit", "Huda", event_id=consult["event_id"], changes={"type": "AGREE"})
        agree = by_type(store, "a")["AGREE"]  # its date untouched: still the clamped one, still flagged
        assert (agree["date"], agree["date_flag"], agree["date_original"]) == ("2019-09-17", "after_publication",
                                                                                "2019-10")
        with pytest.raises(CorrectionError, match=r"date: 2019-12 is after the article's publication \(2019-09-17\)"):
            correct(store, "edit", "Huda", event_id=agree["event_id"], changes={"date": "2019-12"})
        correct(store, "edit", "Huda", event_id=agree["event_id"], changes={"date": "2019-09-10"})
        dated = by_type(store, "a")["AGREE"]
        assert (dated["date"], dated["date_flag"], dated["date_original"]) == ("2019-09-10", None, None)
        with pytest.raises(CorrectionError, match="after the article's publication"):
            correct(store, "add", "Omar", doc_id="b", changes={"type": "AID", "date": "2020", "evidence": WELCOME})


def test_re_extraction_refreshes_the_actors_and_stamps(db):
    with Store.open(db) as store:
        review(store)
        store.con.execute("UPDATE actors SET name = 'stale', arabic = [] WHERE actor_id = 'sameh-shoukry'")
        store.con.execute("INSERT INTO actors (actor_id, name) VALUES ('sameh-shukri', 'Sameh Shukri')")
    ingest([], db, reextract=True, extract=rules(NEW), model_version="rules-2")
    with Store.open(db, read_only=True) as store:
        name, arabic = store.con.execute("SELECT name, arabic FROM actors WHERE actor_id = 'sameh-shoukry'").fetchone()
        assert name == "Sameh Shoukry" and "سامح شكري" in arabic  # the knowledge base's names again
        assert store.actor("sameh-shukri") is None  # no event names it any more
        events = store.events(limit=None)
        assert {e["model_version"] for e in events if "#a" not in e["event_id"]} == {"rules-2"}
        assert by_type(store, "a")["ACCUSE"]["model_version"] == "rules-2"  # corrected, of the new extraction
