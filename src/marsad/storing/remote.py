"""The read side of `Store` answered by a running `marsad serve`, for commands run while it holds the file."""

from __future__ import annotations

from typing import Any

import httpx

from marsad.storing.owner import StoreUnavailable

PAGE = 1000  # the API's largest page


class ServerError(StoreUnavailable):
    """The server could not be asked; the message is one line."""


class RemoteStore:
    """`events`, `actors` and `stats` of the store a server at `url` holds, through its REST API."""

    read_only = True

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.client = httpx.Client(base_url=self.url, timeout=timeout, trust_env=False)

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        try:
            response = self.client.get(path, params={k: v for k, v in params.items() if v not in (None, "")})
        except httpx.HTTPError as exc:
            raise ServerError(f"cannot reach the server at {self.url}: {exc}") from None
        if response.status_code != 200:
            try:
                message = response.json().get("message") or response.text
            except ValueError:
                message = response.text
            raise ServerError(f"the server at {self.url} answered {response.status_code}: {message}")
        return response.json()

    def events(
        self, actor: str | None = None, country: str | None = None, type: str | list[str] | None = None,
        since: str | None = None, until: str | None = None, text: str | None = None, source: str | None = None,
        story: str | None = None, limit: int | None = 100, offset: int = 0, canonical: bool = False,
    ) -> list[dict[str, Any]]:
        """As `Store.events`, newest first."""
        params = self._filters(actor, country, type, since, until, text, source, story, canonical)
        found: list[dict[str, Any]] = []
        while limit is None or len(found) < limit:
            size = PAGE if limit is None else min(PAGE, limit - len(found))
            page = self._get("/api/events", params | {"limit": size, "offset": offset + len(found)})["events"]
            found += page
            if len(page) < size:
                break
        return found

    def count_events(
        self, actor: str | None = None, country: str | None = None, type: str | list[str] | None = None,
        since: str | None = None, until: str | None = None, text: str | None = None, source: str | None = None,
        story: str | None = None, canonical: bool = False,
    ) -> int:
        """As `Store.count_events`."""
        params = self._filters(actor, country, type, since, until, text, source, story, canonical)
        return self._get("/api/events", params | {"limit": 1})["total"]

    @staticmethod
    def _filters(actor, country, type, since, until, text, source, story, canonical) -> dict[str, Any]:
        """The API's query parameters for `Store.events`' filters (canonical events unless `mentions`)."""
        types = ",".join(type) if isinstance(type, list) else type
        return {"actor": actor, "country": country, "type": types, "since": since, "until": until, "text": text,
                "source": source, "story": story, "mentions": None if canonical else "true"}

    def actors(
        self, query: str | None = None, country: str | None = None, limit: int | None = 50,
    ) -> list[dict[str, Any]]:
        """As `Store.actors` (limit None or 0: all, page by page)."""
        found: list[dict[str, Any]] = []
        while not limit or len(found) < limit:
            size = min(PAGE, limit - len(found)) if limit else PAGE
            page = self._get("/api/actors", {"q": query, "country": country, "limit": size,
                                             "offset": len(found)})["actors"]
            found += page
            if len(page) < size:
                break
        return found

    def stats(self) -> dict[str, Any]:
        """As `Store.stats`."""
        return self._get("/api/stats", {})
