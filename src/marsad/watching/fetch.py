"""Polite HTTP for the watcher: one User-Agent, robots.txt, a delay per host, retries, conditional requests.

Every request goes through `Fetcher.get`, which

- refuses URLs robots.txt disallows for our User-Agent, on every hop of a redirect;
- waits between two requests to one host (`delay`, or the site's Crawl-delay when longer);
- retries timeouts, connection errors, 429 and 5xx answers with exponential backoff
  (honouring Retry-After up to a minute);
- sends If-None-Match / If-Modified-Since when it saw an ETag / Last-Modified for the URL
  before, so an unchanged feed costs the site a 304;
- reads at most `max_bytes` of a response.

Failures raise `FetchError`, `permanent` when trying again cannot help (404, 410, robots).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from marsad.watching.robots import Robots
from marsad.watching.sources import Settings

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60.0


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line."""

    def __init__(self, url: str, reason: str, permanent: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.url, self.reason, self.permanent, self.status = url, reason, permanent, status


class Stopped(Exception):
    """The watcher is shutting down while a request waited."""


class Validators(Protocol):
    """Where ETag and Last-Modified of fetched URLs are kept between runs."""

    def get(self, url: str) -> tuple[str | None, str | None] | None: ...

    def set(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


@dataclass(slots=True)
class Fetched:
    url: str           # after redirects
    status: int        # 200, or 304 (not modified: no content)
    content: bytes
    content_type: str
    location: str | None = None  # where a redirect points


class Fetcher:
    """A shared httpx client with the watcher's manners; use one per watcher."""

    def __init__(
        self, settings: Settings, validators: Validators | None = None, stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.validators = validators
        self.stop = stop or threading.Event()
        self.clock = clock
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Language": "ar, en;q=0.5"},
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False, transport=transport,
        )
        self.robots = Robots(settings.user_agent, self._robots_txt)
        self._next: dict[str, float] = {}  # host → the earliest time of its next request
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, conditional: bool = True) -> Fetched:
        """Fetch `url` (following redirects); FetchError when it cannot be had."""
        for _ in range(MAX_REDIRECTS + 1):
            if self.settings.robots and not self.robots.allowed(url):
                raise FetchError(url, "disallowed by robots.txt", permanent=True)
            response = self._with_retries(url, conditional)
            if response.status in (301, 302, 303, 307, 308):
                url = urljoin(url, response.location or "")
                if urlsplit(url).scheme not in ("http", "https"):
                    raise FetchError(url, "redirected to a non-HTTP address", permanent=True)
                continue
            return response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", permanent=True)

    def _with_retries(self, url: str, conditional: bool) -> Fetched:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return self._once(url, conditional)
            except _Retry as retry:
                if attempt == attempts - 1:
                    raise FetchError(url, retry.reason, status=retry.status) from None
                pause = retry.after if retry.after is not None else self.settings.backoff * 2 ** attempt
                self._sleep(min(pause, MAX_RETRY_AFTER))
        raise AssertionError("unreachable")

    def _once(self, url: str, conditional: bool) -> Fetched:
        headers = {}
        known = self.validators.get(url) if conditional and self.validators else None
        if known:
            etag, modified = known
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        self._pace(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    return Fetched(url, status, b"", "", response.headers["location"])
                if status == 304:
                    return Fetched(str(response.url), 304, b"", "")
                if status in TRANSIENT_STATUS:
                    raise _Retry(f"HTTP {status}", status, _retry_after(response.headers.get("retry-after")))
                if status >= 400 or status < 200:
                    raise FetchError(url, f"HTTP {status}", permanent=True, status=status)
                content = self._read(url, response)
                if self.validators is not None:
                    self.validators.set(url, response.headers.get("etag"), response.headers.get("last-modified"))
                return Fetched(str(response.url), status, content, response.headers.get("content-type", ""))
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.settings.timeout:g} s") from None
        except httpx.TransportError as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from None
        except httpx.HTTPError as exc:  # e.g. a malformed URL: trying again cannot help
            raise FetchError(url, f"{type(exc).__name__}: {exc}", permanent=True) from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise FetchError(url, f"larger than {self.settings.max_bytes:,} bytes", permanent=True)
            chunks.append(chunk)
        return b"".join(chunks)

    def _pace(self, url: str) -> None:
        """Wait until `url`'s host may be asked again, and book its next turn."""
        host = urlsplit(url).netloc
        wait = self._next.get(host, 0.0) - self.clock()
        if wait > 0:
            self._sleep(wait)
        delay = self.settings.delay
        if self.settings.robots and not url.endswith("/robots.txt"):
            delay = max(delay, self.robots.crawl_delay(url) or 0.0)
        self._next[host] = self.clock() + delay
        self.requests += 1

    def _sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise Stopped()

    def _robots_txt(self, url: str) -> tuple[int, str]:
        try:
            fetched = self._with_retries(url, conditional=False)
        except FetchError as exc:
            return exc.status or 0, ""
        if fetched.status in (301, 302, 303, 307, 308):
            return 404, ""  # a moved robots.txt is followed by few crawlers; treat it as none
        return fetched.status, fetched.content.decode("utf-8", "replace")


class _Retry(Exception):
    def __init__(self, reason: str, status: int | None = None, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status, self.after = reason, status, after


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date)."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError, IndexError):
        return None
