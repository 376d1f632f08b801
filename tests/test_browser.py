"""The pages in headless Debian Chromium, served by uvicorn on a free loopback port.

Each test leaves a screenshot under test-artifacts/. Chromium errors (a script error, or a
resource blocked by the Content-Security-Policy) fail the test that caused them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from live_server import serving
from marsad.serving.app import create_app
from test_serving_api import MEETING, PAYLOAD, build_store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    with serving(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=FLAGS,
            headless=True, viewport={"width": 1280, "height": 900}, locale="ar",
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    opened = browser.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    opened.on("dialog", lambda dialog: errors.append(f"dialog opened: {dialog.message}"))
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    opened.close()
    assert errors == []


def loaded(page) -> None:
    page.wait_for_selector("body[data-loaded=true]", timeout=10_000)


def test_search_applies_a_filter_and_keeps_it_in_downloads(page, base_url):
    page.goto(f"{base_url}/")
    loaded(page)
    assert page.locator("#results tbody tr").count() == 4  # canonical events: the meeting two outlets reported is one
    assert "2" in page.locator("#results .reports").first.inner_text()
    assert page.get_attribute("html", "dir") == "rtl"
    page.check("input[name=mentions]")
    page.click("#apply")
    page.wait_for_url("**/?mentions=true")
    loaded(page)
    assert page.locator("#results tbody tr").count() == 5
    page.uncheck("input[name=mentions]")
    page.select_option("select[name=type]", "ACCUSE")
    page.click("#apply")
    page.wait_for_url("**/?type=ACCUSE")
    loaded(page)
    assert page.locator("#results tbody tr").count() == 2
    assert "type=ACCUSE" in page.get_attribute("#download-csv", "href")
    assert page.locator("#results .type").first.inner_text() == "اتهام"


def test_english_toggle_is_remembered(page, base_url):
    page.goto(f"{base_url}/timeline")
    page.click("#lang-toggle")
    assert page.locator("h1").inner_text() == "Timeline"
    assert page.get_attribute("html", "dir") == "ltr"
    page.reload()
    assert page.locator("h1").inner_text() == "Timeline"
    page.click("#lang-toggle")
    assert page.locator("h1").inner_text() == "الخط الزمني"


def test_timeline_draws_bars_by_type_and_quad_for_the_filter(page, base_url):
    page.goto(f"{base_url}/timeline?until=2015-07-31")
    loaded(page)
    consult = page.locator("#chart-type rect[data-series=CONSULT]")
    assert consult.count() == 1 and consult.get_attribute("data-count") == "1"  # one meeting, two outlets
    assert page.locator("#chart-type rect[data-series=ASSAULT]").count() == 0  # filtered out (August)
    assert page.locator("#chart-quad rect[data-series='verbal conflict']").count() == 2
    assert page.locator("#legend-quad li").count() == 4


def test_network_node_opens_the_actor_page(page, base_url):
    page.goto(f"{base_url}/network")
    loaded(page)
    assert page.locator("#graph .node").count() == 6
    assert page.locator("#graph line.edge").count() == 4
    assert page.locator("#graph .node[data-id='SAU:GOV'] text").text_content() == "السعودية · GOV"
    page.click("#graph .node[data-id=sergey-lavrov] circle")
    page.wait_for_url("**/actors/sergey-lavrov")
    assert "Sergey Lavrov" in page.locator("#actor-name").inner_text()
    assert page.locator("#offices td").first.inner_text() == "foreign minister"
    assert page.locator("#chart-actor rect").count() >= 2


def test_map_draws_places_over_the_bundled_outline(page, base_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base_url}/map")
    loaded(page)
    assert page.locator("#map .land path").count() > 200  # the world's countries
    assert page.locator("#map .place").count() == 2
    assert page.locator("#map .place[data-place=Moscow]").get_attribute("class") == "place coop"
    assert page.locator("#map path[data-code=RUS]").get_attribute("fill") != page.locator(
        "#map path[data-code=BRA]").get_attribute("fill")  # a country with events is shaded
    assert all(url.startswith(base_url) for url in requests)  # nothing from elsewhere
    page.click("#map .place[data-place=Moscow] circle")
    page.wait_for_url("**/?place=Moscow")
    loaded(page)
    assert page.locator("#results tbody tr").count() == 1


def test_event_page_highlights_the_evidence(page, base_url):
    page.goto(f"{base_url}/?type=CONSULT&source=aawsat")
    loaded(page)
    page.click("#results td.evidence a")
    page.wait_for_url("**/events/**")
    assert page.locator("mark#evidence").inner_text() == MEETING
    assert page.locator("#other-sources li").count() == 1
    assert page.evaluate("document.getElementById('evidence').getBoundingClientRect().height") > 0


def test_script_payload_shows_as_text(page, base_url):
    page.goto(f"{base_url}/events/evil-1%230")
    assert PAYLOAD in page.locator("mark#evidence").inner_text()
    assert page.locator("#article script, #article img").count() == 0
    page.goto(f"{base_url}/?source=sabq")
    loaded(page)
    assert PAYLOAD in page.locator("#results td.evidence").inner_text()
    assert page.locator("#results script, #results img").count() == 0


def test_paste_box_extracts_events(page, base_url):
    page.goto(f"{base_url}/paste")
    page.fill("#paste-text", f"موسكو - وكالات\n{MEETING}")
    page.fill("#paste-published", "2015-07-21")
    page.click("#extract")
    loaded(page)
    assert page.locator("#paste-events tbody tr").count() >= 1
    assert page.locator("#paste-events .type").first.get_attribute("data-type") == "CONSULT"
    assert "لافروف" in page.locator("#paste-cleaned mark").first.inner_text()


def test_api_docs_render_offline(page, base_url):
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/extract" in paths
