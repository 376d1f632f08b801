"""Event queries: filters → SQL, and stored rows → spec §3 records (plus document fields)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.cleaning.normalize import normalize
from marsad.storing.geo import gazetteer
from marsad.storing.scales import goldstein

# SQL form of `normalize` for the folds that matter in searching text (hamza seats, ى, ة, marks).
_FOLD_FROM, _FOLD_TO = "أإآٱٲٳىیئةؤ", "اااااايييهو"
_MARKS = "[\u064B-\u065F\u0670\u0640\u0621]"
_ACTORS_WHERE = "SELECT event_id FROM event_actors WHERE"
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A canonical event stands for its story: the story's representative mention (story_id is its
# event_id), or an event in no story. It matches the filters when any of its mentions does.
_CANONICAL = ("e.event_id IN (SELECT coalesce(e.story_id, e.event_id) FROM events e JOIN documents d "
              "USING (doc_id) WHERE {where})")


def fold_sql(column: str) -> str:
    """SQL expression: `column` lower-cased with Arabic letter variants folded, marks dropped."""
    return f"translate(regexp_replace(lower({column}), '{_MARKS}', '', 'g'), '{_FOLD_FROM}', '{_FOLD_TO}')"


def parse_day(value: str | None, end: bool = False) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD → its first day (or last day with `end`); ValueError, with a
    message fit for a user, when it is neither."""
    if not value:
        return None
    if not _DAY.match(value):
        raise ValueError(f"{value!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        return date(year, month, parts[2])
    return date(year, month, calendar.monthrange(year, month)[1] if end else 1)


@dataclass(slots=True)
class EventFilter:
    """Conditions on events; every one left None matches all."""

    actor_ids: list[str] | None = None
    country: str | None = None
    types: list[str] | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    source: str | None = None
    story: str | None = None
    doc_id: str | None = None
    doc_ids: list[str] | None = None  # documents already found by words (the web UI's folded texts)
    place: str | None = None  # where it happened: a place name of the gazetteer, or an ISO-3 code
    canonical: bool = False  # one event per story (when any mention matches); not for a story or document

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause over `events e JOIN documents d` and its parameters."""
        clauses, params = ["TRUE"], []
        if self.actor_ids is not None:
            clauses.append(f"e.event_id IN ({_ACTORS_WHERE} list_contains(?, actor_id))")
            params.append(self.actor_ids)
        if self.country:
            clauses.append(f"e.event_id IN ({_ACTORS_WHERE} country = ?)")
            params.append(self.country.upper())
        if self.types:
            clauses.append("list_contains(?, e.type)")
            params.append([t.upper() for t in self.types])
        if self.since:
            clauses.append("e.date_start >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.date_start <= ?")
            params.append(self.until)
        if self.text:
            folded = normalize(self.text).lower()
            clauses.append(
                f"(contains({fold_sql('e.evidence')}, ?) OR contains({fold_sql('d.title')}, ?)"
                f" OR contains({fold_sql('d.text')}, ?))"
            )
            params += [folded] * 3
        if self.place:
            clauses.append("(e.location_name = ? OR (e.location_country = ? AND length(?) = 3))")
            params += [self.place, self.place.upper(), self.place]
        if self.doc_ids is not None:
            clauses.append("e.doc_id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(self.doc_ids)
        equal = (("d.source", self.source), ("e.story_id", self.story), ("e.doc_id", self.doc_id))
        for column, value in equal:
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = " AND ".join(clauses)
        if self.canonical and not (self.story or self.doc_id):
            return _CANONICAL.format(where=where), params
        return where, params


EVENT_COLUMNS = (
    "e.event_id, e.doc_id, e.type, e.mode, e.cameo, e.quad_class, e.date, e.date_precision, "
    "e.location_name, e.location_country, e.contexts, e.evidence, e.evidence_start, e.evidence_end, "
    "e.confidence, e.story_id, d.source AS outlet, d.url, d.title, d.published, d.cluster_id, "
    "e.date_flag, e.date_original, e.marsad_version, e.kb_version, e.model_version, "
    "(SELECT s.num_events FROM stories s WHERE s.story_id = e.story_id) AS num_mentions, "
    "(SELECT s.num_documents FROM stories s WHERE s.story_id = e.story_id) AS num_articles, "
    "(SELECT s.num_sources FROM stories s WHERE s.story_id = e.story_id) AS num_sources"
)


def event_record(row: dict[str, Any], actors: list[dict[str, Any]]) -> dict[str, Any]:
    """A stored event as the spec §3 record, with `actor_id`s and its document's fields added."""
    location = None
    if row["location_name"] or row["location_country"]:
        location = {"name": row["location_name"], "country": row["location_country"]}
    span = [row["evidence_start"], row["evidence_end"]] if row["evidence_start"] is not None else None
    sides: dict[str, list[dict[str, Any]]] = {"source": [], "target": []}
    for actor in sorted(actors, key=lambda a: a["position"]):
        sides[actor["role"]].append({
            "name": actor["name"], "country": actor["country"], "sector": actor["sector"],
            "actor_id": actor["actor_id"],
        })
    published = row["published"]
    return {
        "event_id": row["event_id"], "doc_id": row["doc_id"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "source": sides["source"], "target": sides["target"], "date": row["date"],
        "date_precision": row["date_precision"], "location": location,
        "contexts": list(row["contexts"] or []), "evidence": row["evidence"], "evidence_span": span,
        "confidence": row["confidence"],
        "quad_class": row["quad_class"], "story_id": row["story_id"], "outlet": row["outlet"],
        "url": row["url"], "title": row["title"], "published": published.isoformat() if published else None,
        "cluster_id": row["cluster_id"],
        "goldstein": goldstein(row["cameo"]),
        **gazetteer().fields(row["location_name"], row["location_country"]),
        "date_flag": row["date_flag"], "date_original": row["date_original"],
        "num_mentions": row["num_mentions"] or 1, "num_articles": row["num_articles"] or 1,
        "num_sources": row["num_sources"] if row["num_sources"] is not None else int(bool(row["outlet"])),
        "marsad_version": row["marsad_version"], "kb_version": row["kb_version"],
        "model_version": row["model_version"],
    }


SPEC_FIELDS = (
    "event_id", "doc_id", "type", "mode", "cameo", "source", "target", "date", "date_precision",
    "location", "contexts", "evidence", "evidence_span", "confidence",
)


def spec_record(record: dict[str, Any]) -> dict[str, Any]:
    """Only the spec §3 fields of an event record, actors without their ids."""
    out = {key: record[key] for key in SPEC_FIELDS}
    for side in ("source", "target"):
        out[side] = [{k: a[k] for k in ("name", "country", "sector")} for a in record[side]]
    return out
