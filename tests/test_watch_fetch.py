"""The watcher's HTTP manners, against a site on 127.0.0.1: identity, robots.txt, pacing, retries, 304s."""

from __future__ import annotations

from itertools import pairwise

import pytest

from marsad.watching.fetch import Fetcher, FetchError
from marsad.watching.sources import DEFAULT_USER_AGENT, Settings
from newsroom import Newsroom, start

QUICK = Settings(delay=0.0, timeout=1.0, retries=2, backoff=0.05)


class Remembered(dict):
    """Validators kept in memory (the watcher keeps them in the store)."""

    def get(self, url):
        return super().get(url)

    def set(self, url, etag, last_modified):
        self[url] = (etag, last_modified)


@pytest.fixture
def site():
    room = Newsroom()
    room.add("lavrov-shoukry")
    server, _ = start(room)
    yield room
    server.shutdown()


def test_a_clear_user_agent_and_conditional_requests(site):
    fetcher = Fetcher(QUICK, Remembered())
    first = fetcher.get(f"{site.url}/feed.xml")
    second = fetcher.get(f"{site.url}/feed.xml")
    assert first.status == 200 and b"<rss" in first.content
    assert second.status == 304 and second.content == b""
    asked = site.asked("/feed.xml")
    assert asked[0].headers["User-Agent"] == DEFAULT_USER_AGENT and DEFAULT_USER_AGENT.startswith("marsad/")
    assert "If-None-Match" not in asked[0].headers and asked[1].headers["If-None-Match"].startswith('"')
    site.add("saudi-iran")  # the feed changes: its ETag too
    assert fetcher.get(f"{site.url}/feed.xml").status == 200


def test_robots_txt_is_honoured_and_read_once(site):
    fetcher = Fetcher(QUICK)
    with pytest.raises(FetchError) as refused:
        fetcher.get(f"{site.url}/private/secret.html")
    assert refused.value.permanent and "robots.txt" in refused.value.reason
    fetcher.get(f"{site.url}/news/lavrov-shoukry.html")
    assert site.asked("/private/secret.html") == []
    assert len(site.asked("/robots.txt")) == 1


def test_an_unreachable_robots_txt_allows_nothing_a_missing_one_everything(site):
    site.fail("/robots.txt", "503")
    with pytest.raises(FetchError) as refused:
        Fetcher(QUICK).get(f"{site.url}/feed.xml")
    assert "robots.txt" in refused.value.reason
    site.heal("/robots.txt")
    site.robots = None  # 404
    assert Fetcher(QUICK).get(f"{site.url}/feed.xml").status == 200


def test_transient_failures_are_retried_with_backoff(site):
    site.fail("/feed.xml", "500", times=2)
    fetched = Fetcher(QUICK).get(f"{site.url}/feed.xml")
    assert fetched.status == 200
    times = [r.at for r in site.asked("/feed.xml")]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.05 and times[2] - times[1] >= 0.1  # 0.05 s, then doubled


def test_a_lasting_failure_is_transient_a_404_permanent(site):
    site.fail("/feed.xml", "500")
    with pytest.raises(FetchError) as failed:
        Fetcher(QUICK).get(f"{site.url}/feed.xml")
    assert not failed.value.permanent and failed.value.reason == "HTTP 500"
    assert len(site.asked("/feed.xml")) == 3  # one try and two retries
    with pytest.raises(FetchError) as missing:
        Fetcher(QUICK).get(f"{site.url}/news/none.html")
    assert missing.value.permanent and missing.value.reason == "HTTP 404"
    assert len(site.asked("/news/none.html")) == 1


def test_a_hanging_server_times_out(site):
    site.hang = 1.0
    site.fail("/feed.xml", "hang")
    with pytest.raises(FetchError) as failed:
        Fetcher(Settings(delay=0.0, timeout=0.2, retries=0)).get(f"{site.url}/feed.xml")
    assert not failed.value.permanent and "timed out" in failed.value.reason


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    fetcher = Fetcher(Settings(delay=0.3, timeout=2.0, retries=0))
    for _ in range(3):
        fetcher.get(f"{site.url}/news/lavrov-shoukry.html")
    times = [r.at for r in site.asked("/news/lavrov-shoukry.html")]
    assert all(later - earlier >= 0.29 for earlier, later in pairwise(times))


def test_crawl_delay_of_robots_txt_is_honoured(site):
    site.robots = "User-agent: marsad\nCrawl-delay: 1\n"
    fetcher = Fetcher(QUICK)
    fetcher.get(f"{site.url}/news/lavrov-shoukry.html")
    fetcher.get(f"{site.url}/news/lavrov-shoukry.html")
    first, second = (r.at for r in site.asked("/news/lavrov-shoukry.html"))
    assert second - first >= 0.99


def test_responses_larger_than_the_limit_are_not_read(site):
    with pytest.raises(FetchError) as failed:
        Fetcher(Settings(delay=0.0, max_bytes=1000)).get(f"{site.url}/news/lavrov-shoukry.html")
    assert failed.value.permanent and "larger than 1,000 bytes" in failed.value.reason
