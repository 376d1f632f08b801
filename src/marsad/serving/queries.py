"""Read queries the web pages need beyond `Store`'s: sorted pages, series, graphs, counterparts.

They run against the tables of storing/schema.sql, take a WHERE clause built by the store's
`EventFilter` (always parameterised) and interpolate nothing but names from fixed tables.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from marsad.model import QUAD_CLASS_NAMES
from marsad.storing.query import EVENT_COLUMNS, event_record
from marsad.storing.store import Store

_DAY = "coalesce(e.date_start, d.published)"
SORTS = {
    "-date": f"{_DAY} DESC NULLS LAST, e.event_id",
    "date": f"{_DAY} ASC NULLS LAST, e.event_id",
    "-confidence": "e.confidence DESC NULLS LAST, e.event_id",
    "confidence": "e.confidence ASC NULLS LAST, e.event_id",
    "type": f"e.type, {_DAY} DESC NULLS LAST, e.event_id",
    "outlet": f"d.source NULLS LAST, {_DAY} DESC NULLS LAST, e.event_id",
}
MAX_PERIODS = 1500  # more bars than this is no longer a readable chart
LEAD = timedelta(days=7)  # an automatic timeline starts this long before the first article ("last week")
_STALE = "e.date_flag IS NOT DISTINCT FROM 'long_before_publication'"


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def search_events(
    store: Store, where: str, params: list[Any], sort: str = "-date", limit: int | None = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """How many events match, and one page of their records (as `Store.events` gives them).

    The page's ids (and the total, as a window count) are chosen first and its columns read
    after: sorting narrow rows is several times faster than sorting rows with titles and URLs.
    """
    paging, page_params = (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
    page = store.con.execute(
        f"SELECT e.event_id, count(*) OVER () FROM events e JOIN documents d USING (doc_id) WHERE {where} "
        f"ORDER BY {SORTS[sort]}{paging}", params + page_params,
    ).fetchall()
    if not page:  # no match, or an offset past the end
        total = store.con.execute(f"SELECT count(*) FROM events e JOIN documents d USING (doc_id) WHERE {where}",
                                  params).fetchone()[0]
        return total, []
    return page[0][1], records(store, [event_id for event_id, _ in page])


def records(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The event records of `ids`, in that order."""
    found = {row["event_id"]: row for row in rows(
        store, f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d USING (doc_id) "
        "WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))", [ids],
    )}
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for actor in rows(store, "SELECT * FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]):
        actors[actor["event_id"]].append(actor)
    return [event_record(found[event_id], actors[event_id]) for event_id in ids if event_id in found]


def day_counts(store: Store, where: str, params: list[Any]) -> list[tuple]:
    """(day, type, quad class, events, first and last event date, stale) of the matching events, by day.

    The day is the event's date, else its article's; events with neither are left out. `stale`
    rows hold events dated long before their article (storing/dates.py).
    """
    return store.con.execute(
        f"SELECT {_DAY} AS day, e.type, e.quad_class, count(*), min(e.date_start), max(e.date_start), "
        f"{_STALE} AS stale FROM events e JOIN documents d USING (doc_id) WHERE {where} AND {_DAY} IS NOT NULL "
        "GROUP BY ALL ORDER BY day", params,
    ).fetchall()


def published_span(store: Store, where: str, params: list[Any]) -> tuple[date | None, date | None]:
    """The first and last publication dates of the articles of the matching events."""
    return store.con.execute(
        f"SELECT min(d.published), max(d.published) FROM events e JOIN documents d USING (doc_id) WHERE {where}",
        params,
    ).fetchone()


def timeline(days: list[tuple], interval: str = "auto",
             published: tuple[date | None, date | None] = (None, None)) -> dict[str, Any]:
    """Event counts per period of `day_counts` rows, by type and by quad class, empty periods filled in.

    `auto` charts the data's real range: the period its articles were published in (from LEAD
    before the first, given `published`), without the events flagged as dated long before
    their article (articles recall events decades back, "the 1948 war", and a chart spanning
    them shows the news as one thin bar), at the finest readable interval; `outside` counts
    those left out. A given interval charts every dated event, or raises ValueError past
    MAX_PERIODS.
    """
    leave_stale = interval == "auto" and any(not row[6] for row in days)
    first, last = _bounds(days, leave_stale)
    if interval == "auto" and first and published[0]:
        news = _bounds(days, leave_stale, (published[0] - LEAD, published[1]))
        if news[0]:  # the news period, where the events are
            first, last = news
    if interval == "auto":
        interval = choose_interval(first, last)
    elif first and period_count(first, last, interval) > MAX_PERIODS:
        raise ValueError(f"too many {interval}s between {first} and {last}; choose a longer interval")
    periods = _periods(_truncate(first, interval), last, interval) if days else []
    index = {p: i for i, p in enumerate(periods)}
    by_type: dict[str, list[int]] = {}
    by_quad = {name: [0] * len(periods) for name in QUAD_CLASS_NAMES.values()}
    outside = 0
    for day, type_, quad, n, _, _, stale in days:
        if not (first <= day <= last) or (stale and leave_stale):
            outside += n
            continue
        i = index[_truncate(day, interval)]
        by_type.setdefault(type_, [0] * len(periods))[i] += n
        if quad in QUAD_CLASS_NAMES:
            by_quad[QUAD_CLASS_NAMES[quad]][i] += n
    return {
        "interval": interval, "periods": [p.isoformat() for p in periods], "outside": outside,
        "by_type": dict(sorted(by_type.items(), key=lambda kv: -sum(kv[1]))), "by_quad": by_quad,
    }


def _bounds(days: list[tuple], leave_stale: bool, window: tuple[date, date] | None = None
            ) -> tuple[date | None, date | None]:
    """First and last day of the rows (not counting stale ones with `leave_stale`, nor any outside `window`)."""
    kept = [row[0] for row in days if not (leave_stale and row[6]) and (not window or window[0] <= row[0] <= window[1])]
    return (min(kept), max(kept)) if kept else (None, None)


def choose_interval(first: date | None, last: date | None) -> str:
    """The finest interval that keeps a date range to a readable number of bars."""
    span = (last - first).days if first and last else 0
    return "day" if span <= 92 else "week" if span <= 730 else "month" if span <= 365 * 40 else "year"


def period_count(first: date, last: date, interval: str) -> int:
    days = (last - first).days
    return {"day": days, "week": days // 7, "month": days // 28, "year": days // 365}[interval] + 1


def _periods(first: date, last: date, interval: str) -> list[date]:
    periods, current = [], first
    while current <= last:
        periods.append(current)
        if interval == "day":
            current += timedelta(days=1)
        elif interval == "week":
            current += timedelta(days=7)
        elif interval == "month":
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        else:
            current = date(current.year + 1, 1, 1)
    return periods


def _truncate(day: date, interval: str) -> date:
    """The first day of the period holding `day` (weeks start on Monday, as in DuckDB)."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return date(day.year, 1, 1)
    return day


def network(store: Store, where: str, params: list[Any], max_edges: int) -> dict[str, Any]:
    """The strongest pairs of actors seen in one event, and the actors they join."""
    edges = rows(
        store,
        "WITH ev AS (SELECT e.event_id, e.quad_class FROM events e JOIN documents d USING (doc_id) "
        f"WHERE {where}) "
        "SELECT a.actor_id AS source, b.actor_id AS target, count(DISTINCT ev.event_id) AS weight, "
        "count(DISTINCT ev.event_id) FILTER (WHERE ev.quad_class <= 2) AS cooperation "
        "FROM ev JOIN event_actors a USING (event_id) "
        "JOIN event_actors b ON b.event_id = a.event_id AND a.actor_id < b.actor_id "
        "GROUP BY ALL ORDER BY weight DESC, source, target LIMIT ?",
        [*params, max_edges],
    )
    strength: dict[str, int] = defaultdict(int)
    for edge in edges:
        strength[edge["source"]] += edge["weight"]
        strength[edge["target"]] += edge["weight"]
    nodes = rows(
        store,
        "SELECT actor_id, name, country, sector, kind, arabic FROM actors WHERE list_contains(?, actor_id)",
        [list(strength)],
    )
    for node in nodes:
        node["weight"] = strength[node["actor_id"]]
    nodes.sort(key=lambda n: (-n["weight"], n["actor_id"]))
    return {"nodes": nodes, "edges": edges}


def counterparts(store: Store, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """The actors `actor_id` shares events with, with how many, most frequent first."""
    return rows(
        store,
        "WITH mine AS (SELECT DISTINCT event_id FROM event_actors WHERE actor_id = ?), "
        "top AS (SELECT o.actor_id, count(DISTINCT o.event_id) AS events FROM event_actors o "
        "JOIN mine USING (event_id) WHERE o.actor_id <> ? GROUP BY o.actor_id ORDER BY events DESC, o.actor_id "
        "LIMIT ?) "
        "SELECT top.actor_id, a.name, a.country, a.sector, a.arabic, top.events FROM top "
        "LEFT JOIN actors a USING (actor_id) ORDER BY top.events DESC, top.actor_id",
        [actor_id, actor_id, limit],
    )


def story_sources(store: Store, story_id: str, doc_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The story's events reported by other documents: the outlet, title and link of each."""
    return rows(
        store,
        "SELECT e.event_id, e.doc_id, d.source AS outlet, d.title, d.url, d.published, e.evidence "
        "FROM events e JOIN documents d USING (doc_id) WHERE e.story_id = ? AND e.doc_id <> ? "
        "ORDER BY d.published NULLS LAST, e.event_id LIMIT ?",
        [story_id, doc_id, limit],
    )
