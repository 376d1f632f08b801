"""HTML pages of `marsad serve`: right-to-left Arabic, nothing from outside, crawled text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.serving.app import create_app
from marsad.serving.labels import LABELS
from test_serving_api import MEETING, URL_ID, build_store

SERVING = Path(__file__).resolve().parent.parent / "src" / "marsad" / "serving"
PAGES = ["/", "/timeline", "/network", "/paste", "/actors/sergey-lavrov", "/events/aawsat-1%230"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("pages") / "pages.duckdb")
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_arabic_rtl_and_self_contained(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    local = [a for a in assets if not a.startswith(("https://aawsat", "https://alriyadh", "https://okaz"))]
    assert all(a.startswith(("/", "?")) for a in local), local
    for asset in {a for a in local if a.startswith("/static/")}:
        assert client.get(asset).status_code == 200, asset
    assert "Content-Security-Policy" in response.headers
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_event_page_highlights_the_evidence(client):
    html = client.get("/events/aawsat-1%230").text
    assert f'<mark id="evidence">{MEETING}</mark>' in html
    assert "alriyadh" in html  # the story's other source
    assert 'href="/actors/sergey-lavrov"' in html


def test_event_page_escapes_html_and_script_payloads(client):
    html = client.get("/events/evil-1%230").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    mark = re.search(r'<mark id="evidence">(.*?)</mark>', html, re.S).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in mark


def test_event_page_for_an_id_that_is_a_url(client):
    response = client.get(f"/events/{URL_ID.replace('?', '%3F')}%230")
    assert response.status_code == 200
    assert '<mark id="evidence">قصف الجيش' in response.text


def test_actor_page_shows_offices_counterparts_and_latest(client):
    html = client.get("/actors/sergey-lavrov").text
    assert "foreign minister" in html and "2004-03-09" in html
    assert 'href="/actors/sameh-shoukry"' in html
    assert 'id="actor-timeline"' in html and "evil-1%230" in html


def test_unknown_pages_are_404(client):
    assert client.get("/events/none%230").status_code == 404
    missing = client.get("/actors/%3Cscript%3E")
    assert missing.status_code == 404 and "<script>" not in missing.text.split("</head>")[1]


def test_filters_are_echoed_escaped(client):
    html = client.get("/", params={"actor": '"><script>x()</script>'}).text
    assert '"><script>x()' not in html
    assert "&#34;&gt;&lt;script&gt;x()" in html


def test_scripts_never_parse_text_as_html():
    for script in (SERVING / "static").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_every_label_used_by_templates_exists():
    used = set()
    for template in (SERVING / "templates").glob("*.html"):
        used |= set(re.findall(r'data-i18n="([a-z_]+)"', template.read_text(encoding="utf-8")))
    for script in (SERVING / "static").glob("*.js"):
        used |= set(re.findall(r'L\("([a-z_]+)"\)', script.read_text(encoding="utf-8")))
    assert used, "no labels found"
    assert used <= set(LABELS), used - set(LABELS)
    assert all(ar and en for ar, en in LABELS.values())
