"""Stories: the same interaction reported by several documents and outlets (spec §6, country level).

Events of one type whose country-level actor keys match (Jaccard ≥ 0.5: over all actors for
symmetric types, over sources and over targets separately otherwise) and whose dates lie
within one day of the story's first event form one story. Documents count once per
near-duplicate cluster, and outlets once per cluster (the outlet of its first member), so a
re-post inflates neither number.

A story is one canonical event; its events are its mentions. The story's id is the event id
of its representative mention: the one naming the most actors by name (the minister rather
than his country), then the most confident, then the earliest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pyarrow as pa

from marsad.model import SYMMETRIC_TYPES
from marsad.storing.dates import check_dates
from marsad.storing.transaction import transaction

MIN_JACCARD = 0.5
WINDOW = timedelta(days=1)

_EVENTS_SQL = """
SELECT e.event_id, e.type, coalesce(e.date_start, d.published) AS day, d.cluster_id,
       coalesce(first_doc.source, d.source) AS outlet, coalesce(e.confidence, 0),
       (SELECT count(*) FROM event_actors a WHERE a.event_id = e.event_id AND a.name IS NOT NULL)
FROM events e JOIN documents d USING (doc_id)
LEFT JOIN documents first_doc ON first_doc.doc_id = d.cluster_id
WHERE coalesce(e.date_start, d.published) IS NOT NULL
ORDER BY e.type, day, e.event_id
"""
_ACTORS_SQL = """
SELECT a.event_id, a.role, CASE WHEN a.sector = 'IGO' AND a.name IS NOT NULL THEN a.name ELSE a.country END
FROM event_actors a
"""
STORIES = pa.schema([
    ("story_id", pa.string()), ("type", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()),
    ("num_events", pa.int32()), ("num_documents", pa.int32()), ("num_sources", pa.int32()),
    ("actor_key", pa.string()),
])


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(slots=True)
class _Story:
    story_id: str
    type: str
    keys: tuple[frozenset, ...]
    start: date
    end: date
    events: list[str] = field(default_factory=list)
    clusters: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    best: tuple = ()  # (named actors, confidence) of the representative so far

    def add(self, event_id: str, named: int, confidence: float) -> None:
        """A mention; it becomes the representative when it names more actors, or as many more surely."""
        self.events.append(event_id)
        if (named, confidence) > self.best:
            self.best, self.story_id = (named, confidence), event_id

    def matches(self, keys: tuple[frozenset, ...]) -> bool:
        return all(jaccard(mine, theirs) >= MIN_JACCARD for mine, theirs in zip(self.keys, keys, strict=True))

    def actor_key(self) -> str:
        sides = ["+".join(sorted(k)) for k in self.keys]
        return sides[0] if len(sides) == 1 else ">".join(sides)


def event_keys(event_type: str, roles: dict[str, set[str]]) -> tuple[frozenset, ...]:
    """Country-level actor keys: (all,) for symmetric types, (sources, targets) otherwise."""
    if event_type in SYMMETRIC_TYPES:
        return (frozenset(roles["source"] | roles["target"]),)
    return frozenset(roles["source"]), frozenset(roles["target"])


def group_stories(con: duckdb.DuckDBPyConnection) -> list[_Story]:
    """All stories, from the events, actors and near-duplicate clusters in the store."""
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"source": set(), "target": set()})
    for event_id, role, key in con.execute(_ACTORS_SQL).fetchall():
        if key:
            roles[event_id][role].add(key)
    stories: list[_Story] = []
    open_stories: list[_Story] = []
    current_type = None
    for event_id, event_type, day, cluster_id, outlet, confidence, named in con.execute(_EVENTS_SQL).fetchall():
        if event_type != current_type:
            current_type, open_stories = event_type, []
        keys = event_keys(event_type, roles[event_id])
        open_stories = [s for s in open_stories if day - s.start <= WINDOW]
        story = next((s for s in open_stories if s.matches(keys)), None)
        if story is None:
            story = _Story(event_id, event_type, keys, day, day)
            stories.append(story)
            open_stories.append(story)
        story.end = max(story.end, day)
        story.add(event_id, named, confidence)
        story.clusters.add(cluster_id)
        if outlet:
            story.outlets.add(outlet)
    return stories


def rebuild_stories(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute the stories table and events.story_id in one transaction; returns the story count.

    Stories group events by date, so the dates are checked first (storing/dates.py): an ingest
    has checked its own already, events loaded from a Spark output are checked here.
    """
    check_dates(con)
    stories = group_stories(con)
    table = pa.Table.from_pylist([{
        "story_id": s.story_id, "type": s.type, "date_start": s.start,
        "date_end": s.end, "num_events": len(s.events), "num_documents": len(s.clusters),
        "num_sources": len(s.outlets), "actor_key": s.actor_key(),
    } for s in stories], schema=STORIES)
    members = pa.table({
        "event_id": [e for s in stories for e in s.events],
        "story_id": [s.story_id for s in stories for _ in s.events],
    })
    try:
        with transaction(con):
            con.register("_stories", table)
            con.register("_members", members)
            con.execute("DELETE FROM stories")
            con.execute("INSERT INTO stories SELECT * FROM _stories")
            con.execute("UPDATE events SET story_id = NULL WHERE story_id IS NOT NULL")
            con.execute(
                "UPDATE events SET story_id = m.story_id FROM _members m WHERE events.event_id = m.event_id"
            )
    finally:
        con.unregister("_stories")
        con.unregister("_members")
    return len(stories)
