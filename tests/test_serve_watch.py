"""`marsad serve --watch` end to end: a real server process watching a news site on 127.0.0.1.

New articles show up in the API within two polling intervals while queries keep being
answered; a feed that fails or hangs is recorded and retried and loses nothing; command-line
reads of the store the server holds go through the server, writes say in one line what to do.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from live_server import free_port
from newsroom import ARTICLES, Newsroom, start

EVERY = 3.0  # seconds between polls of the feed


def marsad(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


class Server:
    """`marsad serve --watch` in its own process."""

    def __init__(self, db: Path, sources: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--watch", str(sources),
             "--port", str(self.port)], stdout=self.log, stderr=self.log)
        self.client = httpx.Client(base_url=self.url, timeout=10, trust_env=False)
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, log.read_text(encoding="utf-8")
            try:
                if self.client.get("/api/status").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)

    def status(self) -> dict:
        return self.client.get("/api/status").json()

    def wait_for(self, condition, what: str, within: float) -> float:
        """Seconds until `condition()` holds; fails after `within` seconds."""
        started = time.monotonic()
        while not condition():
            assert time.monotonic() - started < within, f"{what} did not happen within {within:g} s"
            time.sleep(0.05)
        return time.monotonic() - started

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(30)
        self.client.close()
        self.log.close()


@pytest.fixture
def site():
    room = Newsroom(hang=2.0)
    server, _ = start(room)
    yield room
    server.shutdown()


@pytest.fixture
def sources(tmp_path, site) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f"""delay = 0
timeout = "0.5s"
retries = 0
retry_after = "1s"

[[source]]
name = "Newsroom"
feed = "{site.url}/feed.xml"
every = "{EVERY:g}s"
""", encoding="utf-8")
    return path


class Hammer(threading.Thread):
    """Queries the API without pause and keeps every answer's status."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=url, timeout=10, trust_env=False)
        self.answers: list[tuple[float, int]] = []
        self.halt = threading.Event()

    def run(self) -> None:
        paths = ["/api/events?limit=20", "/api/stats", "/api/timeline", "/", "/api/events?text=الخارجية"]
        n = 0
        while not self.halt.is_set():
            try:
                status = self.client.get(paths[n % len(paths)]).status_code
            except httpx.HTTPError:
                status = 0
            self.answers.append((time.monotonic(), status))
            n += 1

    def finish(self) -> list[tuple[float, int]]:
        self.halt.set()
        self.join(20)
        self.client.close()
        return self.answers


def document_events(server: Server, site: Newsroom, slug: str) -> int:
    response = server.client.get(f"/api/documents/{site.url}{ARTICLES[slug].path}")
    return len(response.json()["events"]) if response.status_code == 200 else 0


def test_serve_watch_ingests_new_articles_while_answering(tmp_path, site, sources):
    site.add("lavrov-shoukry")
    site.add("saudi-iran")
    db = tmp_path / "live.duckdb"
    server = Server(db, sources, tmp_path / "server.log")
    try:
        server.wait_for(lambda: server.status()["documents"] == 2, "the first round", within=60)
        assert server.status()["updated_at"].endswith("Z")
        hammer = Hammer(server.url)
        hammer.start()

        # A new article: its events through the API within two polling intervals.
        site.add("safadi-blinken")
        added = time.monotonic()
        took = server.wait_for(lambda: document_events(server, site, "safadi-blinken") > 0, "the new article",
                               within=2 * EVERY)
        assert took <= 2 * EVERY
        found = server.client.get("/api/events", params={"actor": "Ayman Safadi"}).json()["events"]
        assert found and found[0]["url"] == f"{site.url}{ARTICLES['safadi-blinken'].path}"

        # A page that fails once is recorded, then fetched again.
        site.fail(ARTICLES["zarif-usa"].path, "500", times=1)
        site.add("zarif-usa")
        server.wait_for(lambda: server.client.get("/api/stats").json()["errors"] == 1, "the recorded failure",
                        within=2 * EVERY)
        server.wait_for(lambda: document_events(server, site, "zarif-usa") > 0, "the retry", within=3 * EVERY)
        assert server.client.get("/api/stats").json()["errors"] == 0

        # A feed that answers 500, then one that hangs past the timeout: recorded, nothing lost.
        site.fail("/feed.xml", "500")
        server.wait_for(lambda: server.status()["watching"][0]["last_status"] == "HTTP 500", "the 500",
                        within=2 * EVERY)
        site.fail("/feed.xml", "hang")
        server.wait_for(lambda: "timed out" in (server.status()["watching"][0]["last_status"] or ""),
                        "the timeout", within=3 * EVERY)
        watched = server.status()["watching"][0]
        assert watched["failures"] >= 2 and watched["articles_done"] == 4
        assert server.status()["documents"] == 4
        site.heal("/feed.xml")
        site.add("sisi-faisal")
        server.wait_for(lambda: document_events(server, site, "sisi-faisal") > 0, "recovery", within=3 * EVERY)
        assert server.status()["watching"][0]["failures"] == 0

        answers = hammer.finish()
        assert answers and all(status == 200 for _, status in answers), {s for _, s in answers}
        during = [at for at, _ in answers if added <= at <= added + took]
        assert len(during) >= 5, "the API kept answering while the article was ingested"

        # Command-line reads go through the server; writes say what to do.
        events = marsad("events", "--db", str(db), "--format", "json", "--limit", "100")
        assert events.returncode == 0, events.stderr
        canonical = server.client.get("/api/events", params={"limit": 1}).json()["total"]
        assert len(json.loads(events.stdout)) == canonical and f"{canonical:,} canonical events" in events.stderr
        assert "asking it at" in events.stderr
        mentions = marsad("events", "--db", str(db), "--format", "json", "--mentions", "--limit", "0")
        assert len(json.loads(mentions.stdout)) == server.status()["events"]
        one = marsad("events", "--db", str(db), "--limit", "1")
        assert f"1 of {canonical:,} canonical events (--mentions for every mention) shown" in one.stderr
        actors = marsad("actors", "--db", str(db), "--format", "json", "--limit", "0")
        known = server.client.get("/api/actors", params={"limit": 1000}).json()["actors"]
        assert actors.returncode == 0 and len(json.loads(actors.stdout)) == len(known) > 1
        bad = marsad("events", "--db", str(db), "--since", "2015-13")
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--since 2015-13" in bad.stderr
        stats = marsad("stats", "--db", str(db))
        assert stats.returncode == 0 and "documents" in stats.stdout
        gold = marsad("corrections", "export", "--db", str(db), "--output", str(tmp_path / "gold.jsonl"))
        assert gold.returncode == 0 and "exported 0 reviewed documents" in gold.stderr
        for command in (["ingest", str(sources)], ["export", "--format", "csv", "--output", str(tmp_path / "e.csv")],
                        ["watch", str(sources)]):
            refused = marsad(*command, "--db", str(db))
            assert refused.returncode == 3, refused.stderr
            line = refused.stderr.strip()
            assert "\n" not in line and "Traceback" not in line
            assert f"is in use by `marsad serve` (pid {server.process.pid}) at {server.url}/" in line
    finally:
        server.stop()
    assert not Path(f"{db}.serve.json").exists()

    # A restart fetches nothing it already has.
    fetched = {slug: len(site.asked(ARTICLES[slug].path)) for slug in ("lavrov-shoukry", "safadi-blinken")}
    polls = len(site.asked("/feed.xml"))
    server = Server(db, sources, tmp_path / "server.log")
    try:
        server.wait_for(lambda: len(site.asked("/feed.xml")) > polls, "a poll after the restart", within=2 * EVERY)
        time.sleep(0.5)
        assert server.status()["documents"] == 5
    finally:
        server.stop()
    assert {slug: len(site.asked(ARTICLES[slug].path)) for slug in fetched} == fetched


def test_serve_review_needs_a_long_enough_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_REVIEW_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "marsad.cli", "serve", "--db", str(tmp_path / "x.duckdb"),
                             "--review"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "MARSAD_REVIEW_TOKEN" in result.stderr and "Traceback" not in result.stderr
