"""Corrections over the API: who may write, what is checked, what the pages show."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from marsad.serving.app import create_app
from test_serving_api import MEETING, PAYLOAD, build_store, fake_extractor

TOKEN = "s3cret-review-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
NOT_WRITES = {"/api/extract"}  # extracts pasted text, stores nothing


@pytest.fixture
def db(tmp_path):
    return build_store(tmp_path / "review.duckdb")


@pytest.fixture
def reviewing(db):
    with TestClient(create_app(db, extractor=fake_extractor, review_token=TOKEN)) as client:
        yield client


@pytest.fixture
def read_only(db):
    with TestClient(create_app(db, extractor=fake_extractor)) as client:
        yield client


def write_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) of the API that is not a read, from its OpenAPI description."""
    paths = client.app.openapi()["paths"]
    return [(method.upper(), path) for path, methods in paths.items() if path not in NOT_WRITES
            for method in methods if method.upper() in WRITE_METHODS]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_write_endpoint_is_refused_by_a_read_only_server(read_only):
    routes = write_routes(read_only)
    assert ("POST", "/api/corrections") in routes and len(routes) >= 3
    for method, path in routes:
        response = read_only.request(method, concrete(path), json={}, headers=AUTH)
        assert response.status_code == 403, (method, path)
        assert "read-only" in response.json()["detail"]


def test_every_write_endpoint_wants_the_token(reviewing):
    for method, path in write_routes(reviewing):
        assert reviewing.request(method, concrete(path), json={}).status_code == 401, (method, path)
        wrong = {"Authorization": "Bearer not-the-token-at-all"}
        assert reviewing.request(method, concrete(path), json={}, headers=wrong).status_code == 403, (method, path)
    response = reviewing.post("/api/review/check")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert reviewing.post("/api/review/check", headers=AUTH).status_code == 204
    assert reviewing.post("/api/corrections", json={"action": "reject", "reviewer": "x", "event_id": "okaz-3#0"},
                          headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert reviewing.get("/api/events", params={"mentions": "true"}).json()["total"] == 5  # nothing was written


def test_a_reviewer_rejects_edits_adds_and_undoes(reviewing):
    reject = reviewing.post("/api/corrections", headers=AUTH, json={
        "action": "reject", "reviewer": "Huda", "event_id": "okaz-3#0", "note": "opinion, not an accusation"})
    assert reject.status_code == 201 and reject.json()["event"] is None
    assert reviewing.get("/api/events/okaz-3%230").status_code == 404
    edit = reviewing.post("/api/corrections", headers=AUTH, json={
        "action": "edit", "reviewer": "Huda", "event_id": "aawsat-1#0",
        "changes": {"type": "AGREE", "location": {"name": "Moscow", "country": "rus"},
                    "target": [{"actor_id": "sameh-shoukry"},
                               {"name": "Arab League", "country": "ARL", "sector": "IGO"}]}})
    assert edit.status_code == 201
    event = edit.json()["event"]
    assert (event["type"], event["cameo"], event["location"]) == ("AGREE", "030", {"name": "Moscow", "country": "RUS"})
    assert [a["name"] for a in event["target"]] == ["Sameh Shoukry", "Arab League"]
    text = reviewing.get("/api/documents/okaz-3").json()["document"]["text"]
    add = reviewing.post("/api/corrections", headers=AUTH, json={
        "action": "add", "reviewer": "Omar", "doc_id": "okaz-3",
        "changes": {"type": "ACCUSE", "source": [{"country": "SAU", "sector": "GOV"}],
                    "target": [{"country": "IRN", "sector": "GOV"}], "evidence_span": [0, len(text)]}})
    assert add.status_code == 201 and add.json()["event"]["event_id"].startswith("okaz-3#a")
    document = reviewing.get("/api/documents/okaz-3").json()
    assert [e["review"]["state"] for e in document["events"]] == ["added"]
    assert document["rejected"][0]["before"]["type"] == "ACCUSE"
    undone = reviewing.post(f"/api/corrections/{reject.json()['correction']['correction_id']}/undo", headers=AUTH,
                            json={"reviewer": "Huda"})
    assert undone.status_code == 200 and undone.json()["event"]["event_id"] == "okaz-3#0"
    assert reviewing.get("/api/events", params={"source": "okaz"}).json()["total"] == 2
    history = reviewing.get("/api/corrections", params={"doc_id": "okaz-3"}).json()["corrections"]
    assert [(c["action"], c["active"]) for c in history] == [("reject", False), ("add", True), ("undo", True)]
    status = reviewing.get("/api/status").json()
    assert status["review"] and status["writable"] and status["last_correction"].endswith("Z")


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"action": "edit", "reviewer": "H", "event_id": "aawsat-1#0", "changes": {"type": "NOPE"}}, 422, "unknown event"),
    ({"action": "edit", "reviewer": "H", "event_id": "aawsat-1#0", "changes": {"colour": "red"}}, 422, "colour"),
    ({"action": "sing", "reviewer": "H", "event_id": "aawsat-1#0"}, 422, "action"),
    ({"action": "confirm", "reviewer": "", "event_id": "aawsat-1#0"}, 422, "reviewer"),
    ({"action": "confirm", "reviewer": "H", "event_id": "missing#0"}, 404, "no event"),
    ({"action": "add", "reviewer": "H", "doc_id": "okaz-3", "changes": {"type": "AID", "evidence": "غير موجود"}},
     422, "not in the document"),
])
def test_bad_corrections_get_a_clear_answer(reviewing, body, status, words):
    response = reviewing.post("/api/corrections", headers=AUTH, json=body)
    assert response.status_code == status
    answer = response.json()
    assert words in (answer.get("message") or answer.get("detail"))


def test_the_gold_export_is_served(reviewing):
    reviewing.post("/api/corrections", headers=AUTH, json={"action": "confirm", "reviewer": "H",
                                                           "event_id": "riyadh-7#0"})
    response = reviewing.get("/api/corrections/export")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    [line] = response.text.splitlines()
    assert '"doc_id": "riyadh-7"' in line and MEETING in line


def test_the_document_page_marks_every_event_and_escapes_the_article(reviewing):
    page = reviewing.get("/documents/evil-1")
    assert page.status_code == 200
    assert PAYLOAD not in page.text and "&lt;script&gt;alert(" in page.text
    assert page.text.count('<mark class="ev" data-events="0">') == 1
    assert 'id="review-login"' in page.text and 'id="add-event"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert reviewing.get("/documents/none").status_code == 404
    url_document = reviewing.get("/documents/http://example.com/news/2015/07/22/a%3Fb=1")
    assert url_document.status_code == 200 and "إدلب" in url_document.text


def test_a_read_only_server_shows_no_review_controls(read_only):
    page = read_only.get("/events/aawsat-1%230")
    assert page.status_code == 200 and 'id="read-only-note"' in page.text
    assert 'id="review-login"' not in page.text and "do-reject" not in page.text
    assert 'href="/documents/aawsat-1"' in page.text
    assert read_only.get("/api/status").json()["writable"] is False


def test_canonical_events_show_corrections_at_once(reviewing):
    """Two outlets reported the Lavrov–Shoukry meeting: one canonical event. Rejecting the mention that
    stands for it leaves the other standing for it, before the stories are recomputed; an edit shows in
    the canonical listing and its download."""
    before = reviewing.get("/api/events").json()
    [story] = [e for e in before["events"] if e["num_mentions"] == 2]
    other = ({"aawsat-1#0", "riyadh-7#0"} - {story["event_id"]}).pop()
    reject = {"action": "reject", "reviewer": "Huda", "event_id": story["event_id"]}
    assert reviewing.post("/api/corrections", headers=AUTH, json=reject).status_code == 201
    after = reviewing.get("/api/events").json()
    assert after["total"] == before["total"]
    [standing] = [e for e in after["events"] if e["event_id"] == other]
    assert standing["story_id"] == other and standing["num_mentions"] == 1
    edit = {"action": "edit", "reviewer": "Huda", "event_id": other, "changes": {"type": "AGREE"}}
    assert reviewing.post("/api/corrections", headers=AUTH, json=edit).status_code == 201
    listed = {e["event_id"]: e for e in reviewing.get("/api/events").json()["events"]}
    assert (listed[other]["type"], listed[other]["quad_class"], listed[other]["goldstein"]) == ("AGREE", 1, 4.0)
    download = reviewing.get("/api/events/export", params={"format": "json", "type": "AGREE"}).json()
    assert [e["event_id"] for e in download] == [other]
