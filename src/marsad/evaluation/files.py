"""Reading gold files (spec §5) and system event files into `Event`s, rejecting malformed records early."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.evaluation.jsonl import InputError, read_jsonl
from marsad.model import CONSULT_MODES, EVENT_TYPES, Event

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(slots=True)
class GoldDocument:
    doc_id: str
    published: str | None
    text: str
    events: list[Event]
    url: str | None = None
    weight: int = 1  # how many times training counts it (`marsad train --weight`)


def read_gold(path: str | Path) -> list[GoldDocument]:
    """All documents of a gold file; an InputError names the first bad line."""
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    for where, record in read_jsonl(path):
        doc_id = record.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{where}: missing or non-string doc_id")
        if doc_id in seen:
            raise InputError(f"{where}: doc_id {doc_id!r} appears twice")
        seen.add(doc_id)
        text, events = record.get("text"), record.get("events")
        if not isinstance(text, str):
            raise InputError(f"{where}: {doc_id}: missing or non-string text")
        if not isinstance(events, list):
            raise InputError(f"{where}: {doc_id}: 'events' must be a list")
        parsed = [parse_event(event, f"{where}: {doc_id} event {n}") for n, event in enumerate(events, 1)]
        documents.append(GoldDocument(doc_id, record.get("published"), text, parsed, record.get("url")))
    return documents


def read_system(path: str | Path) -> dict[str, list[Event]]:
    """System events by doc_id, from either one event a line (spec §3) or one document a line."""
    events: dict[str, list[Event]] = {}
    for where, record in read_jsonl(path):
        if isinstance(record.get("events"), list):
            doc_id = record.get("doc_id")
            records = [(f"{where} event {n}", e) for n, e in enumerate(record["events"], 1)]
        else:
            doc_id, records = record.get("doc_id"), [(where, record)]
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError(f"{where}: missing or non-string doc_id")
        bucket = events.setdefault(doc_id, [])
        bucket += [parse_event(event, label) for label, event in records]
    return events


def parse_event(data: Any, where: str) -> Event:
    """One event record checked against the spec; the error says which field is wrong."""
    if not isinstance(data, dict):
        raise InputError(f"{where}: an event must be a JSON object")
    if data.get("type") not in EVENT_TYPES:
        raise InputError(f"{where}: unknown event type {data.get('type')!r}")
    if data.get("mode") not in (None, *CONSULT_MODES):
        raise InputError(f"{where}: unknown mode {data.get('mode')!r}")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.fullmatch(date)):
        raise InputError(f"{where}: date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    for side in ("source", "target"):
        actors = data.get(side) or []
        if not isinstance(actors, list) or not all(isinstance(a, dict) for a in actors):
            raise InputError(f"{where}: {side} must be a list of actor objects")
    location = data.get("location")
    if location is not None and not isinstance(location, dict):
        raise InputError(f"{where}: location must be an object or null")
    return Event.from_dict(data)
