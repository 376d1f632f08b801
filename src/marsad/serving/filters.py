"""The event filters of `marsad events` as query parameters, checked before any SQL runs.

A bad value raises `RequestValidationError` with the parameter's name in `loc`, so every
endpoint answers 422 the same way FastAPI does for its own checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError

from marsad.model import EVENT_TYPES
from marsad.serving.lookups import Lookups
from marsad.storing.query import EventFilter, parse_day
from marsad.storing.store import Store

_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def invalid(name: str, message: str, value: Any = None, where: str = "query") -> RequestValidationError:
    """A 422 error naming the parameter, in FastAPI's own error format."""
    error = {"type": "value_error", "loc": (where, name), "msg": message, "input": value}
    return RequestValidationError([error])


def check_day(name: str, value: str | None, end: bool = False, where: str = "query") -> date | None:
    """YYYY[-MM[-DD]] → its first (or last) day; a malformed or impossible date is a 422."""
    if not value:
        return None
    if not _DAY.match(value):
        raise invalid(name, "expected YYYY, YYYY-MM or YYYY-MM-DD", value, where)
    try:
        return parse_day(value, end=end)
    except ValueError as exc:
        raise invalid(name, f"not a calendar date: {exc}", value, where) from None


@dataclass(slots=True)
class Filters:
    """What a user asked for, as given (echoed back to pages and used for download links)."""

    actor: str | None = None
    country: str | None = None
    type: list[str] | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    source: str | None = None
    story: str | None = None
    place: str | None = None
    mentions: bool = False  # every mention rather than one event per story
    lookups: Lookups = field(default_factory=Lookups, repr=False, compare=False)

    def to_sql(self, store: Store) -> tuple[str, list[Any]]:
        """The store's WHERE clause over `events e JOIN documents d`, with its parameters.

        Text is matched against the documents folded once in `Lookups` rather than by the
        store's SQL fold; an event's evidence is part of its document's text.
        """
        where, params = EventFilter(
            actor_ids=self.lookups.find_actors(store, self.actor) if self.actor else None, country=self.country,
            types=self.type, since=parse_day(self.since), until=parse_day(self.until, end=True),
            source=self.source, story=self.story,
            doc_ids=self.lookups.find_documents(store, self.text) if self.text else None, place=self.place,
            canonical=not self.mentions,
        ).where()
        return where, params

    def given(self) -> dict[str, Any]:
        """The filters that were given, by name."""
        given = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "lookups"}
        return {name: value for name, value in given.items() if value}


def event_filters(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200, description="name (English or Arabic) or id")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO-3 code: EGY")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type(s), repeated or comma-joined")] = None,
    since: Annotated[str | None, Query(description="YYYY[-MM[-DD]], inclusive")] = None,
    until: Annotated[str | None, Query(description="YYYY[-MM[-DD]], inclusive")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the title or text")] = None,
    source: Annotated[str | None, Query(max_length=100, description="outlet id, e.g. aawsat")] = None,
    story: Annotated[str | None, Query(max_length=2000, description="story id")] = None,
    place: Annotated[str | None, Query(max_length=200, description="where it happened: place name or ISO-3")]
    = None,
    mentions: Annotated[bool, Query(description="every mention, not one event per story (canonical events)")]
    = False,
) -> Filters:
    """FastAPI dependency: the filters of a request, validated (empty strings mean 'any')."""
    types = [t.strip().upper() for value in type or [] for t in value.split(",") if t.strip()]
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise invalid("type", f"unknown event type(s) {', '.join(unknown)}; one of {', '.join(EVENT_TYPES)}",
                      unknown)
    first, last = check_day("since", since), check_day("until", until, end=True)
    if first and last and first > last:
        raise invalid("until", "until is before since", until)
    return Filters(
        actor=(actor or "").strip() or None, country=country.upper() if country else None, type=types or None,
        since=since or None, until=until or None, text=(text or "").strip() or None, source=source or None,
        story=story or None, place=place or None, mentions=mentions, lookups=request.app.state.lookups,
    )
