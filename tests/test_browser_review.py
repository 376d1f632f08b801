"""The review loop in headless Chromium: an analyst signs in, rejects one event, edits another, adds a
missed one; the corrections survive re-ingesting the same pages and come back as gold.

The pages are crawled HTML with scripts in their head, body and article text: none of it may
run (a dialog or a Content-Security-Policy report fails the test, see test_browser.page).
Screenshots go to test-artifacts/, and also to $MARSAD_SCREENSHOTS when set (the README's
come from `MARSAD_SCREENSHOTS=docs/screenshots`).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

import test_browser
from live_server import serving
from marsad.cli import main
from marsad.evaluation.files import read_gold
from marsad.serving.app import create_app
from marsad.storing.ingest import ingest
from newsroom import ARTICLES, PAYLOAD
from newsroom import page as article_page
from test_browser import ARTIFACTS, CHROMIUM

browser = test_browser.browser  # the fixtures of test_browser: headless Chromium, a page failing on script errors
chromium_page = test_browser.page

TOKEN = "browser-review-token-2024"
SITE = "https://newsroom.example"
SLUGS = ("lavrov-shoukry", "saudi-iran", "zarif-usa")
MISSED = "وقال في تصريحات للصحفيين إن بلاده لن تقبل بأي ضغوط"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
]


def doc_id(slug: str) -> str:
    return f"{SITE}{ARTICLES[slug].path}"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crawl")
    for slug in SLUGS:
        (folder / f"{slug}.html").write_bytes(article_page(ARTICLES[slug]))
    db = folder.parent / "review.duckdb"
    ingest([folder], db)
    return folder, db


def snap(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    if os.environ.get("MARSAD_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["MARSAD_SCREENSHOTS"]) / name), full_page=True)


def loaded(page) -> None:
    page.wait_for_selector("body[data-loaded=true]", timeout=10_000)


def events_of(api: httpx.Client, slug: str) -> list[dict]:
    return api.get(f"/api/documents/{doc_id(slug)}").json()["events"]


def select_words(page, words: str) -> None:
    """Select `words` in the article as a reader would with the mouse."""
    page.evaluate("""(words) => {
        const article = document.getElementById("article");
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
        }
        throw new Error("words not in the article");
    }""", words)


def test_an_analyst_rejects_edits_and_adds_and_the_corrections_survive_re_ingesting(crawl, chromium_page, tmp_path):
    folder, db, page = *crawl, chromium_page
    with serving(create_app(db, review_token=TOKEN)) as base:
        api = httpx.Client(base_url=base, trust_env=False)
        saudi, meeting = events_of(api, "saudi-iran"), events_of(api, "lavrov-shoukry")
        assert saudi and meeting, "the extractor found events in the test pages"
        rejected, edited = saudi[-1], meeting[0]

        # The home page says when the data last changed.
        page.goto(f"{base}/")
        page.wait_for_selector("#updated", state="visible")
        assert page.get_attribute("#updated-at", "datetime") == api.get("/api/status").json()["updated_at"]

        # Sign in on an event page and reject the event.
        page.goto(f"{base}/events/{quote(rejected['event_id'], safe='')}")
        loaded(page)
        assert page.locator("#review-buttons").is_hidden()
        page.fill("#login-reviewer", "Huda")
        page.fill("#login-token", TOKEN)
        page.click("#sign-in")
        page.wait_for_selector("#review-buttons .do-reject", state="visible")
        assert page.locator("#review-name").inner_text() == "Huda"
        snap(page, "review-event.png")
        page.click("#review-buttons .do-reject")
        page.wait_for_url("**/documents/**")
        loaded(page)
        assert page.locator("#rejected li").count() == 1
        assert page.locator(f"#doc-events tr[data-event-id='{rejected['event_id']}']").count() == 0

        # Edit another event on its document page: type, date, place and one actor.
        page.goto(f"{base}/documents/{quote(doc_id('lavrov-shoukry'), safe='/:')}")
        loaded(page)
        page.click(f"#doc-events tr[data-event-id='{edited['event_id']}'] .do-edit")
        page.select_option("#edit-type", "AGREE")
        page.fill("#edit-date", "2019-09-16")
        page.fill("#edit-location-name", "Moscow")
        page.fill("#edit-location-country", "RUS")
        page.locator("#edit-target .chips li .remove").first.click()
        page.fill("#edit-target .actor-name", "Ahmed Aboul Gheit")
        page.fill("#edit-target .actor-country", "ARL")
        page.select_option("#edit-target .actor-sector", "IGO")
        page.click("#edit-target .add-actor")
        page.fill("#edit-note", "an agreement to meet, announced")
        snap(page, "review-edit.png")
        page.click("#edit-save")
        page.wait_for_selector(f"#doc-events tr[data-event-id='{edited['event_id']}'] .state-edited")
        loaded(page)
        row = page.locator(f"#doc-events tr[data-event-id='{edited['event_id']}']")
        assert row.locator(".type").get_attribute("data-type") == "AGREE"
        assert "Ahmed Aboul Gheit" in row.inner_text()

        # Add an event the extractor missed, from words selected in the article.
        page.goto(f"{base}/documents/{quote(doc_id('zarif-usa'), safe='/:')}")
        loaded(page)
        select_words(page, MISSED)
        page.click("#add-event")
        assert page.locator("#edit-evidence").inner_text() == MISSED
        page.select_option("#edit-type", "REJECT")
        page.fill("#edit-source .actor-country", "IRN")
        page.select_option("#edit-source .actor-sector", "GOV")
        page.click("#edit-source .add-actor")
        page.click("#edit-save")
        page.wait_for_selector("#doc-events .state-added")
        loaded(page)

        # The crawled page tried to run script: its words show as text, nothing ran.
        assert PAYLOAD in page.locator("#article").inner_text()
        assert PAYLOAD in page.locator("#document-title").inner_text()
        assert page.locator("main script:not([type='application/json']), main img, main iframe").count() == 0
        snap(page, "review-document.png")

        # Without the token, writing is refused.
        refused = api.post("/api/corrections", json={"action": "reject", "reviewer": "Eve",
                                                     "event_id": edited["event_id"]})
        assert refused.status_code == 401
        assert api.post("/api/corrections", headers={"Authorization": "Bearer guessed-token-123456"},
                        json={"action": "reject", "reviewer": "Eve", "event_id": edited["event_id"]}).status_code == 403
        api.close()

    # Re-ingest the same pages: events are extracted anew, the corrections are applied again.
    counts = ingest([folder], db, reextract=True)
    assert counts.added == len(SLUGS)
    with serving(create_app(db, review_token=TOKEN)) as base:
        api = httpx.Client(base_url=base, trust_env=False)
        saudi = events_of(api, "saudi-iran")
        assert (rejected["type"], rejected["evidence"]) not in {(e["type"], e["evidence"]) for e in saudi}
        [agree] = [e for e in events_of(api, "lavrov-shoukry") if e["type"] == "AGREE"]
        assert agree["date"] == "2019-09-16" and agree["location"] == {"name": "Moscow", "country": "RUS"}
        assert {"name": "Ahmed Aboul Gheit", "country": "ARL", "sector": "IGO"} in [
            {k: a[k] for k in ("name", "country", "sector")} for a in agree["target"]]
        added = [e for e in events_of(api, "zarif-usa") if e["evidence"] == MISSED]
        assert len(added) == 1 and added[0]["type"] == "REJECT"
        active = api.get("/api/corrections", params={"active": "true"}).json()["corrections"]
        assert sorted(c["action"] for c in active) == ["add", "edit", "reject"]
        assert {c["status"] for c in active} == {"applied"}

        served = api.get("/api/corrections/export").text
        api.close()

    # The corrections as gold with `marsad corrections export`, read back with the scorer's own reader.
    gold = tmp_path / "gold.jsonl"
    assert main(["corrections", "export", "--db", str(db), "--output", str(gold)]) == 0
    assert gold.read_text(encoding="utf-8") == served  # the server's download is the same file
    documents = {d.doc_id: d for d in read_gold(gold)}
    assert set(documents) == {doc_id(slug) for slug in SLUGS}
    [agreed] = [e for e in documents[doc_id("lavrov-shoukry")].events if e.type == "AGREE"]
    assert agreed.date == "2019-09-16" and "Ahmed Aboul Gheit" in [a.name for a in agreed.target]
    assert rejected["type"] not in {e.type for e in documents[doc_id("saudi-iran")].events
                                    if e.evidence == rejected["evidence"]}
    assert any(e.evidence == MISSED and e.type == "REJECT" for e in documents[doc_id("zarif-usa")].events)
    for document in documents.values():
        assert all(e.evidence in document.text for e in document.events)
