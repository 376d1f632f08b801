"""Dates that cannot be wrong silently: the store checks every event's date against its article's.

The records are built here by hand, as an extractor (any extractor) might hand them over, and
written through the store's own Batch API, and through a raw insert as `marsad load` does.
"""

from __future__ import annotations

import pytest

from marsad.cli import main
from marsad.model import Actor, Document, Event
from marsad.storing.batch import Batch
from marsad.storing.store import Store

PUBLISHED = "2015-08-08"
SAUDI, IRAN = Actor(None, "SAU", "GOV"), Actor(None, "IRN", "GOV")
DATES = {  # event date → (stored date, flag)
    "2016-02-26": (PUBLISHED, "after_publication"),      # after its article: a misreading, clamped
    "2015-08-09": (PUBLISHED, "after_publication"),
    "2016": (PUBLISHED, "after_publication"),
    "1926": ("1926", "long_before_publication"),          # history recalled: kept, flagged
    "2014-05": ("2014-05", "long_before_publication"),
    "2014": ("2014", None),                               # "last year" may end 2014-12-31: plausible
    "2015-08": ("2015-08", None),
    PUBLISHED: (PUBLISHED, None),
}


def event(day: str | None) -> Event:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(day)) if day else None
    return Event("ACCUSE", "112", [SAUDI], [IRAN], date=day, date_precision=precision, evidence="…",
                 evidence_span=(0, 1))


@pytest.fixture
def db(tmp_path):
    batch = Batch()
    events = [event(day) for day in DATES] + [event(None)]
    batch.add_document(Document("doc", "نص", PUBLISHED, source="okaz"), "نص", events, "doc", 1)
    with Store.open(tmp_path / "dates.duckdb") as opened:
        opened.write(batch)
        opened.rebuild_stories()
    return str(tmp_path / "dates.duckdb")


@pytest.fixture
def store(db):
    with Store.open(db) as opened:
        yield opened


def stored(store: Store) -> dict[str, tuple]:
    rows = store.con.execute("SELECT coalesce(date_original, date), date, date_precision, date_flag FROM events "
                             "WHERE date IS NOT NULL").fetchall()
    return {given: (day, precision, flag) for given, day, precision, flag in rows}


def test_no_event_is_stored_after_its_articles_publication(store):
    after = store.con.execute("SELECT count(*) FROM events e JOIN documents d USING (doc_id) "
                              "WHERE e.date_start > d.published").fetchone()[0]
    assert after == 0


def test_each_date_is_clamped_flagged_or_kept(store):
    found = stored(store)
    for given, (day, flag) in DATES.items():
        assert (found[given][0], found[given][2]) == (day, flag), given
    assert found["2016-02-26"][1] == "day"  # clamped to the publication day
    assert store.con.execute("SELECT count(*) FROM events WHERE date IS NULL AND date_flag IS NULL").fetchone()[0] == 1


def test_flags_reach_the_records_and_the_actor_dates(store):
    records = {e["date_original"] or e["date"]: e for e in store.events(limit=None)}
    assert records["2016-02-26"]["date_flag"] == "after_publication"
    assert records["2016-02-26"]["date"] == PUBLISHED and records["1926"]["date"] == "1926"
    saudi = store.actor("SAU:GOV")
    assert str(saudi["first_date"]) == "2014-01-01"  # the flagged 1926 and 2014-05 are left out
    assert saudi["num_events"] == len(DATES) + 1     # but counted: flagged, not hidden


def test_events_written_around_the_batch_are_checked_too(store):
    """`marsad load` inserts Spark's rows itself; the stories' rebuild checks their dates."""
    store.con.execute("INSERT INTO events (event_id, doc_id, type, date, date_precision, date_start) "
                      "VALUES ('doc#99', 'doc', 'ACCUSE', '2020-01-01', 'day', DATE '2020-01-01')")
    store.rebuild_stories()
    row = store.con.execute("SELECT date, date_flag, date_original FROM events WHERE event_id = 'doc#99'").fetchone()
    assert row == (PUBLISHED, "after_publication", "2020-01-01")


@pytest.mark.parametrize(("option", "message"), [
    (["--since", "2015-13"], "--since 2015-13: not a calendar date"),
    (["--until", "yesterday"], "--until yesterday: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--since", "2015-02-30"], "--since 2015-02-30: not a calendar date"),
    (["--since", "2016", "--until", "2015"], "--until 2015 is before --since 2016"),
    (["--type", "MEET,CONSULT"], "unknown --type MEET; one of CONSULT, AGREE"),
    (["--country", "XYZ"], "unknown --country XYZ; one of AFG"),
])
def test_bad_filters_get_one_line_not_a_traceback(db, capsys, option, message):
    assert main(["events", "--db", db, *option]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_events_say_how_many_are_shown(db, capsys):
    assert main(["events", "--db", db, "--limit", "2", "--mentions"]) == 0
    assert "2 of 9 event mentions shown; --limit 0 shows all" in capsys.readouterr().err
    assert main(["events", "--db", db, "--limit", "0", "--mentions", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == 1 + 9 and "9 event mentions" in err
