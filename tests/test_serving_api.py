"""REST API of `marsad serve` over a small store written through the store's own Batch API.

`build_store` is shared with the page and browser tests: two outlets report one Lavrov–Shoukry
meeting (one story), a Saudi accusation of Iran, a document full of HTML and script payloads,
and a document whose id is a URL (event ids with slashes and '#').
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.model import Actor, Document, Event, Extraction, Location
from marsad.serving.app import create_app
from marsad.storing.batch import Batch
from marsad.storing.store import Store

LAVROV = Actor("Sergey Lavrov", "RUS", "GOV")
SHOUKRY = Actor("Sameh Shoukry", "EGY", "GOV")
SAUDI, IRAN = Actor(None, "SAU", "GOV"), Actor(None, "IRN", "GOV")
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
URL_ID = "http://example.com/news/2015/07/22/a?b=1"
MEETING = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره المصري سامح شكري في موسكو اليوم الثلاثاء."
ARTICLES = [
    ("aawsat-1", "aawsat", "2015-07-21", "لافروف يلتقي شكري",
     f"موسكو - وكالات\n{MEETING}\nوبحث الجانبان الأزمة السورية.", MEETING, "CONSULT", [LAVROV], [SHOUKRY]),
    ("riyadh-7", "alriyadh", "2015-07-21", "مباحثات روسية مصرية",
     f"{MEETING} وتناول اللقاء العلاقات الثنائية.", MEETING, "CONSULT", [SHOUKRY], [LAVROV]),
    ("okaz-3", "okaz", "2015-07-25", "الرياض تتهم طهران",
     "اتهمت المملكة العربية السعودية إيران بالتدخل في شؤون المنطقة.",
     "اتهمت المملكة العربية السعودية إيران بالتدخل في شؤون المنطقة.", "ACCUSE", [SAUDI], [IRAN]),
    ("evil-1", "sabq", "2015-07-26", f"عنوان {PAYLOAD}",
     f"مقدمة {PAYLOAD}\nانتقد لافروف السعودية {PAYLOAD} بشدة.", f"انتقد لافروف السعودية {PAYLOAD} بشدة.",
     "ACCUSE", [LAVROV], [SAUDI]),
    (URL_ID, "alyaum", "2015-08-02", "هجوم", "قصف الجيش مواقع المسلحين في إدلب.",
     "قصف الجيش مواقع المسلحين في إدلب.", "ASSAULT", [Actor(None, "SYR", "MIL")],
     [Actor(None, "SYR", "REB")]),
]
CAMEO = {"CONSULT": "040", "ACCUSE": "112", "ASSAULT": "190"}
PLACES = {"aawsat-1": Location("Moscow", "RUS"), "riyadh-7": Location("Moscow", "RUS"),
          URL_ID: Location("Idlib", "SYR"), "okaz-3": Location(None, "SAU")}


def build_store(path: Path) -> Path:
    """Write ARTICLES to a new store at `path` and group its stories; returns `path`."""
    batch = Batch()
    for seq, (doc_id, outlet, day, title, text, evidence, kind, source, target) in enumerate(ARTICLES, 1):
        start = text.index(evidence)
        event = Event(kind, CAMEO[kind], source, target, date=day, date_precision="day", evidence=evidence,
                      evidence_span=(start, start + len(evidence)), confidence=0.9, contexts=["diplomacy"],
                      location=PLACES.get(doc_id))
        doc = Document(doc_id, text, day, title=title, url=f"https://{outlet}.example/{seq}", source=outlet)
        batch.add_document(doc, text, [event], doc_id, seq)
    with Store.open(path) as store:
        store.write(batch)
        store.rebuild_stories()
    return path


def fake_extractor(text: str, published: str | None) -> Extraction:
    """Stand-in for the extractor: one CONSULT whose evidence is the first line."""
    line = text.strip().splitlines()[0]
    event = Event("CONSULT", "040", [LAVROV], [SHOUKRY], date=published, evidence=line,
                  evidence_span=(0, len(line)))
    return Extraction("pasted", text.strip(), [event])


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("serving") / "test.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, extractor=fake_extractor)) as test_client:
        yield test_client


def bad(client: TestClient, url: str, parameter: str, method: str = "get", **kwargs) -> None:
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == 422, response.text
    body = response.json()
    assert parameter in body["message"]
    assert any(e["loc"][-1] == parameter for e in body["detail"])


def test_events_lists_newest_first_with_total(client):
    assert client.get("/api/events").json()["total"] == 4  # canonical: the two-outlet meeting counts once
    body = client.get("/api/events", params={"mentions": "true"}).json()
    assert body["total"] == 5
    days = [e["date"] for e in body["events"]]
    assert days == sorted(days, reverse=True)
    fields = {"event_id", "type", "source", "target", "evidence_span", "quad_class", "outlet"}
    assert fields <= set(body["events"][0])


@pytest.mark.parametrize(("params", "expected"), [
    ({"actor": "لافروف"}, {"aawsat-1#0", "riyadh-7#0", "evil-1#0"}),
    ({"actor": "Lavrov"}, {"aawsat-1#0", "riyadh-7#0", "evil-1#0"}),
    ({"country": "irn"}, {"okaz-3#0"}),
    ({"type": "ACCUSE,ASSAULT"}, {"okaz-3#0", "evil-1#0", f"{URL_ID}#0"}),
    ({"type": ["accuse", "consult"], "source": "sabq"}, {"evil-1#0"}),
    ({"since": "2015-07-25", "until": "2015-07"}, {"okaz-3#0", "evil-1#0"}),
    ({"since": "2015-08"}, {f"{URL_ID}#0"}),
    ({"text": "إدلب"}, {f"{URL_ID}#0"}),
    ({"text": "ادلب"}, {f"{URL_ID}#0"}),  # letter variants folded
    ({"text": "يلتقي"}, {"aawsat-1#0"}),  # in the title only
    ({"text": "<script>", "type": "ACCUSE"}, {"evil-1#0"}),
    ({"actor": "", "country": "", "text": ""}, {a[0] + "#0" for a in ARTICLES}),  # empty means any
])
def test_events_filters(client, params, expected):
    body = client.get("/api/events", params=params | {"mentions": "true"}).json()
    found = {e["event_id"] for e in body["events"]}
    assert found == expected
    assert body["total"] == len(found)


def test_canonical_events_stand_for_their_stories(client):
    [meeting] = client.get("/api/events", params={"type": "CONSULT"}).json()["events"]
    assert meeting["event_id"] == meeting["story_id"] == "aawsat-1#0"
    assert (meeting["num_mentions"], meeting["num_articles"], meeting["num_sources"]) == (2, 2, 2)
    # a canonical event matches when any of its mentions does: alriyadh reported this meeting too
    [reported] = client.get("/api/events", params={"source": "alriyadh"}).json()["events"]
    assert reported["event_id"] == "aawsat-1#0"


def test_events_story_filter_finds_both_outlets(client):
    story = client.get("/api/events/aawsat-1%230").json()["event"]["story_id"]
    found = client.get("/api/events", params={"story": story}).json()["events"]
    assert {e["outlet"] for e in found} == {"aawsat", "alriyadh"}


def test_events_pagination_and_sort(client):
    first = client.get("/api/events", params={"limit": 2, "sort": "date", "mentions": "true"}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "date", "mentions": 1}).json()
    assert first["total"] == second["total"] == 5
    assert len(first["events"]) == len(second["events"]) == 2
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 4
    assert [e["date"] for e in first["events"]] == ["2015-07-21", "2015-07-21"]
    by_type = [e["type"] for e in client.get("/api/events", params={"sort": "type"}).json()["events"]]
    assert by_type == sorted(by_type)


@pytest.mark.parametrize(("params", "parameter"), [
    ({"limit": 0}, "limit"), ({"limit": 5000}, "limit"), ({"offset": -1}, "offset"),
    ({"limit": "x"}, "limit"),
    ({"since": "yesterday"}, "since"), ({"until": "2015-02-30"}, "until"), ({"since": "2015-13"}, "since"),
    ({"since": "2015-08-01", "until": "2015-07-01"}, "until"), ({"type": "HUG"}, "type"),
    ({"country": "EGYPT"}, "country"), ({"sort": "random"}, "sort"), ({"actor": "x" * 300}, "actor"),
])
def test_events_bad_parameters_name_the_parameter(client, params, parameter):
    bad(client, "/api/events", parameter, params=params)


def test_export_csv_and_json_follow_the_filter(client):
    response = client.get("/api/events/export", params={"format": "csv", "type": "ACCUSE"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("event_id,doc_id,type")
    assert len(lines) == 3  # header + two ACCUSE events, none of them broken over lines
    records = client.get("/api/events/export", params={"format": "json", "type": "ACCUSE"}).json()
    assert {r["event_id"] for r in records} == {"okaz-3#0", "evil-1#0"}
    bad(client, "/api/events/export", "format", params={"format": "xml"})


def test_export_csv_cells_cannot_become_formulas(db):
    from marsad.serving.api import _defuse

    assert _defuse("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _defuse("التقى") == "التقى"


def test_event_detail_has_evidence_document_and_other_sources(client):
    body = client.get("/api/events/aawsat-1%230").json()
    event, document = body["event"], body["document"]
    start, end = event["evidence_span"]
    assert document["text"][start:end] == event["evidence"] == MEETING
    assert document["title"] == "لافروف يلتقي شكري"
    assert body["story"]["num_sources"] == 2
    assert [s["outlet"] for s in body["other_sources"]] == ["alriyadh"]


def test_event_detail_with_url_id(client):
    response = client.get(f"/api/events/{URL_ID.replace('?', '%3F')}%230")
    assert response.status_code == 200
    assert response.json()["event"]["type"] == "ASSAULT"


def test_unknown_event_and_actor_are_404(client):
    assert client.get("/api/events/nothing%230").status_code == 404
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_payloads_come_back_as_data(client):
    body = client.get("/api/events/evil-1%230").json()
    assert PAYLOAD in body["event"]["evidence"]
    assert PAYLOAD in body["document"]["text"]
    assert body["document"]["title"] == f"عنوان {PAYLOAD}"


def test_actors_list_and_search(client):
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0]["actor_id"] == "sergey-lavrov" and actors[0]["num_events"] == 3
    found = client.get("/api/actors", params={"q": "شكري"}).json()["actors"]
    assert [a["actor_id"] for a in found] == ["sameh-shoukry"]
    assert [a["actor_id"] for a in client.get("/api/actors", params={"country": "SYR"}).json()["actors"]] == [
        "SYR:MIL", "SYR:REB"]
    bad(client, "/api/actors", "limit", params={"limit": 0})
    bad(client, "/api/actors", "country", params={"country": "12"})


def test_actor_detail_offices_counterparts_and_types(client):
    body = client.get("/api/actors/sergey-lavrov").json()
    assert body["actor"]["name"] == "Sergey Lavrov"
    assert (body["actor"]["num_events"], body["actor"]["first_date"], body["actor"]["last_date"]) == (
        3, "2015-07-21", "2015-07-26")
    assert any(o["office"] == "foreign_minister" and o["country"] == "RUS" for o in body["offices"])
    assert "لافروف" in body["knowledge"]["arabic"]
    assert {c["actor_id"]: c["events"] for c in body["counterparts"]} == {"sameh-shoukry": 2, "SAU:GOV": 1}
    assert body["types"] == {"CONSULT": 2, "ACCUSE": 1}
    assert body["timeline"]["interval"] == "day"
    assert sum(body["timeline"]["by_type"]["CONSULT"]) == 2
    assert body["latest"][0]["event_id"] == "evil-1#0"
    bad(client, "/api/actors/sergey-lavrov", "counterparts", params={"counterparts": 0})


def test_generic_actor_has_no_offices(client):
    body = client.get("/api/actors/SAU:GOV").json()
    assert body["offices"] == [] and body["knowledge"]["name"] == "Saudi Arabia"  # its state
    assert body["types"] == {"ACCUSE": 2}


def test_stories(client):
    stories = client.get("/api/stories").json()["stories"]
    assert stories[0]["num_sources"] == 2 and stories[0]["type"] == "CONSULT"
    assaults = client.get("/api/stories", params={"type": "assault"}).json()["stories"]
    assert [s["type"] for s in assaults] == ["ASSAULT"]
    bad(client, "/api/stories", "type", params={"type": "NOPE"})


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 5 and stats["events"] == 5
    assert stats["events_by_type"]["ACCUSE"] == 2
    assert stats["first"] == "2015-07-21"


def test_timeline_by_type_and_quad(client):
    canonical = client.get("/api/timeline", params={"since": "2015-07-21", "until": "2015-07-31"}).json()
    assert canonical["by_type"]["CONSULT"][0] == 1  # one meeting, though two outlets reported it
    body = client.get("/api/timeline", params={"since": "2015-07-21", "until": "2015-07-31",
                                               "mentions": "true"}).json()
    assert body["interval"] == "day"
    assert body["periods"][0] == "2015-07-21" and body["periods"][-1] == "2015-07-26"
    assert len(body["periods"]) == 6  # the empty days between are filled in
    assert body["by_type"]["CONSULT"][0] == 2
    assert sum(body["by_quad"]["verbal cooperation"]) == 2 and sum(body["by_quad"]["verbal conflict"]) == 2
    monthly = client.get("/api/timeline", params={"interval": "month", "mentions": "true"}).json()
    assert monthly["periods"] == ["2015-07-01", "2015-08-01"]
    assert monthly["by_quad"]["material conflict"] == [0, 1]
    weekly = client.get("/api/timeline", params={"interval": "week", "mentions": "true"}).json()
    assert weekly["periods"] == ["2015-07-20", "2015-07-27"]  # weeks start on Monday
    assert sum(weekly["by_type"]["CONSULT"]) == 2 and weekly["outside"] == 0
    bad(client, "/api/timeline", "interval", params={"interval": "hour"})


def test_automatic_timeline_spans_the_data_and_leaves_stale_dates_out():
    from datetime import date

    from marsad.serving import queries

    # (day, type, quad, events, first, last, stale): news of July 2015, and an event of 1948 it recalls
    days = [(date(1948, 5, 15), "ASSAULT", 4, 1, None, None, True),
            (date(2015, 7, 21), "CONSULT", 1, 2, None, None, False),
            (date(2015, 7, 26), "ACCUSE", 3, 1, None, None, False)]
    automatic = queries.timeline(days, "auto")
    assert (automatic["interval"], automatic["outside"]) == ("day", 1)
    assert (automatic["periods"][0], automatic["periods"][-1]) == ("2015-07-21", "2015-07-26")
    everything = queries.timeline(days, "year")
    assert (everything["outside"], everything["periods"][0]) == (0, "1948-01-01")
    # "last year" (2014, not stale) lies outside the articles' period: left out of the automatic chart
    days.insert(1, (date(2014, 1, 1), "SUPPORT", 1, 4, None, None, False))
    articles = (date(2015, 7, 21), date(2015, 7, 26))
    assert queries.timeline(days, "auto")["periods"][0] == "2013-12-30"  # its week
    news = queries.timeline(days, "auto", articles)
    assert (news["periods"][0], news["periods"][-1], news["outside"]) == ("2015-07-21", "2015-07-26", 5)


def test_network_edges_are_weighted_pairs(client):
    canonical = {(e["source"], e["target"]): e["weight"] for e in client.get("/api/network").json()["edges"]}
    assert canonical[("sameh-shoukry", "sergey-lavrov")] == 1
    body = client.get("/api/network", params={"mentions": "true"}).json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("sameh-shoukry", "sergey-lavrov")]["weight"] == 2
    assert edges[("sameh-shoukry", "sergey-lavrov")]["cooperation"] == 2
    assert edges[("IRN:GOV", "SAU:GOV")]["cooperation"] == 0
    weights = {n["actor_id"]: n["weight"] for n in body["nodes"]}
    assert weights["sergey-lavrov"] == 3
    only_accuse = client.get("/api/network", params={"type": "ACCUSE"}).json()
    pairs = {(e["source"], e["target"]) for e in only_accuse["edges"]}
    assert ("sameh-shoukry", "sergey-lavrov") not in pairs and ("IRN:GOV", "SAU:GOV") in pairs
    bad(client, "/api/network", "edges", params={"edges": 0})


def test_extract_returns_events_without_storing(client):
    before = client.get("/api/stats").json()["events"]
    pasted = {"text": "التقى لافروف شكري.\nسطر ثان", "published": "2015-07-21"}
    response = client.post("/api/extract", json=pasted)
    assert response.status_code == 200
    body = response.json()
    assert body["events"][0]["type"] == "CONSULT" and body["events"][0]["date"] == "2015-07-21"
    assert body["cleaned_text"].startswith("التقى")
    assert client.get("/api/stats").json()["events"] == before


@pytest.mark.parametrize(("body", "parameter"), [
    ({"text": ""}, "text"), ({}, "text"), ({"text": "نص", "published": "21/07/2015"}, "published"),
    ({"text": "نص", "published": "2015-02-31"}, "published"),
])
def test_extract_bad_body_names_the_field(client, body, parameter):
    bad(client, "/api/extract", parameter, method="post", json=body)


def test_extract_with_the_real_extractor(db):
    with TestClient(create_app(db)) as real:
        response = real.post("/api/extract", json={"text": f"<p>{MEETING}</p>", "published": "2015-07-21"})
    assert response.status_code == 200
    body = response.json()
    assert "لافروف" in body["cleaned_text"]
    assert "CONSULT" in {event["type"] for event in body["events"]}
    for event in body["events"]:
        start, end = event["evidence_span"]
        assert body["cleaned_text"][start:end] == event["evidence"]


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/stories", "/api/stats", "/api/extract", "/api/timeline", "/api/network"):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_database_is_opened_read_only(client):
    store = client.app.state.store
    assert store.read_only
    with pytest.raises(Exception, match="read-only"):
        store.con.cursor().execute("DELETE FROM events")


def test_missing_database_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "absent.duckdb")


def test_map_counts_events_by_place_and_country(client):
    body = client.get("/api/map").json()
    places = {p["name"]: p for p in body["places"]}
    assert set(places) == {"Moscow", "Idlib"} and body["unplaced"] == 1
    assert places["Moscow"]["events"] == 1 and places["Moscow"]["cooperation"] == 1  # canonical: one meeting
    assert 55 < places["Moscow"]["lat"] < 56 and places["Moscow"]["admin1"] == "Moscow"
    assert body["countries"] == {"RUS": 1, "SYR": 1, "SAU": 1}
    every = client.get("/api/map", params={"mentions": "true"}).json()
    assert next(p for p in every["places"] if p["name"] == "Moscow")["events"] == 2
    assert client.get("/api/map", params={"type": "ASSAULT"}).json()["countries"] == {"SYR": 1}
    outline = client.get("/map/world.json").json()["countries"]
    assert {"SAU", "BHR", "PSE", "RUS"} <= set(outline) and outline["BHR"]["path"].startswith("M")


def test_place_filter(client):
    found = client.get("/api/events", params={"place": "Moscow", "mentions": "true"}).json()["events"]
    assert {e["event_id"] for e in found} == {"aawsat-1#0", "riyadh-7#0"}
    assert [e["event_id"] for e in client.get("/api/events", params={"place": "SAU"}).json()["events"]] == [
        "okaz-3#0"]


def test_a_server_stopped_while_it_still_folds_the_texts_closes_its_store(tmp_path, monkeypatch):
    """The texts are folded for search in a thread at start-up; a server stopped during that query once
    failed to close its store (DuckDB refuses to close a busy connection)."""
    from marsad.serving.lookups import Lookups

    def slow_prepare(self, store):
        store.con.execute("SELECT count(*) FROM range(400000000) t(a) WHERE a % 7 = 3").fetchall()

    monkeypatch.setattr(Lookups, "prepare", slow_prepare)
    path = build_store(tmp_path / "busy.duckdb")
    with TestClient(create_app(path, extractor=fake_extractor, review_token="s3cret-review-token-0123")) as client:
        assert client.get("/api/status").status_code == 200
    with Store.open(path) as store:  # closed, so this process may write to it again
        assert store.stats()["documents"] == len(ARTICLES)
