"""robots.txt rules per site (RFC 9309), fetched once a day through the watcher's own client.

A missing robots.txt (any 4xx) allows everything; one that cannot be fetched (5xx, network
error) allows nothing until it is tried again a few minutes later, as the RFC asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

TTL = 24 * 3600.0        # seconds a fetched robots.txt is trusted
UNREACHABLE_TTL = 300.0  # seconds before an unreachable robots.txt is tried again
MAX_DELAY = 60.0         # the longest Crawl-delay honoured


@dataclass(slots=True)
class _Rules:
    parser: RobotFileParser | None  # None: everything allowed
    allow_nothing: bool
    expires: float


class Robots:
    """Whether `agent` may fetch a URL, and how long to wait between requests to its site."""

    def __init__(self, agent: str, fetch: Callable[[str], tuple[int, str]], clock=time.monotonic) -> None:
        """`fetch(url)` returns (HTTP status, text), or (0, "") when the site cannot be reached."""
        self.agent = agent
        self._fetch = fetch
        self._clock = clock
        self._sites: dict[str, _Rules] = {}

    def allowed(self, url: str) -> bool:
        rules = self._rules(url)
        if rules.allow_nothing:
            return False
        return rules.parser is None or rules.parser.can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules(url)
        if rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(self.agent)
        return min(float(delay), MAX_DELAY) if delay else None

    def _rules(self, url: str) -> _Rules:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        now = self._clock()
        rules = self._sites.get(site)
        if rules is None or rules.expires <= now:
            rules = self._sites[site] = self._load(site, now)
        return rules

    def _load(self, site: str, now: float) -> _Rules:
        status, text = self._fetch(f"{site}/robots.txt")
        if 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(text.splitlines())
            parser.modified()  # can_fetch answers False until the parser has a check time
            return _Rules(parser, False, now + TTL)
        if 400 <= status < 500:
            return _Rules(None, False, now + TTL)
        return _Rules(None, True, now + UNREACHABLE_TTL)
