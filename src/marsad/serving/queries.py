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
INTERVALS = ("day", "week", "month", "year")
MAX_PERIODS = 1500  # more bars than this is no longer a readable chart
OUTLIERS = 0.01  # share of events left off each end of an automatic timeline


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def count_events(store: Store, where: str, params: list[Any]) -> int:
    """How many events match; the documents are joined only when a condition names them (`d.`)."""
    tables = "events e JOIN documents d USING (doc_id)" if "d." in where else "events e"
    return store.con.execute(f"SELECT count(*) FROM {tables} WHERE {where}", params).fetchone()[0]


def search_events(
    store: Store, where: str, params: list[Any], sort: str = "-date", limit: int | None = 50, offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of event records (as `Store.events` gives them) in the order `sort` names.

    The page's ids are chosen first and its columns read after: sorting narrow rows is
    several times faster than sorting rows that carry titles, URLs and evidence.
    """
    paging, page_params = (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
    ids = [row[0] for row in store.con.execute(
        f"SELECT e.event_id FROM events e JOIN documents d USING (doc_id) WHERE {where} "
        f"ORDER BY {SORTS[sort]}{paging}", params + page_params,
    ).fetchall()]
    if not ids:
        return []
    found = {row["event_id"]: row for row in rows(
        store, f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d USING (doc_id) "
        "WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))", [ids],
    )}
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for actor in rows(store, "SELECT * FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]):
        actors[actor["event_id"]].append(actor)
    return [event_record(found[event_id], actors[event_id]) for event_id in ids]


def date_range(store: Store, where: str, params: list[Any], share: float = 0.0) -> tuple[date | None, date | None]:
    """The first and last day of the filtered events (their date, else their article's).

    With `share`, that share of the events is left out at each end: articles date some events
    decades back ("the 1948 war"), and a chart spanning them shows the news as one thin bar.
    """
    return store.con.execute(
        f"SELECT quantile_disc({_DAY}, ?), quantile_disc({_DAY}, ?) FROM events e JOIN documents d USING (doc_id) "
        f"WHERE {where}", [share, 1 - share, *params],
    ).fetchone()


def choose_interval(first: date | None, last: date | None) -> str:
    """The finest interval that keeps a date range to a readable number of bars."""
    span = (last - first).days if first and last else 0
    return "day" if span <= 92 else "week" if span <= 730 else "month" if span <= 365 * 40 else "year"


def timeline(
    store: Store, where: str, params: list[Any], interval: str, first: date | None, last: date | None,
) -> dict[str, Any]:
    """Event counts per period from `first` to `last`, by type and by quad class, empty periods
    filled in; `outside` counts the dated events left out of that range."""
    counts = rows(
        store,
        f"SELECT date_trunc('{interval}', {_DAY})::DATE AS period, e.type, e.quad_class, count(*) AS n "
        f"FROM events e JOIN documents d USING (doc_id) WHERE {where} AND {_DAY} BETWEEN ? AND ? "
        "GROUP BY ALL ORDER BY period, e.type",
        [*params, first, last],
    )
    dated = store.con.execute(
        f"SELECT count({_DAY}) FROM events e JOIN documents d USING (doc_id) WHERE {where}", params
    ).fetchone()[0]
    periods = _periods(counts[0]["period"], counts[-1]["period"], interval) if counts else []
    index = {p: i for i, p in enumerate(periods)}
    by_type: dict[str, list[int]] = {}
    by_quad = {name: [0] * len(periods) for name in QUAD_CLASS_NAMES.values()}
    for row in counts:
        i = index[row["period"]]
        by_type.setdefault(row["type"], [0] * len(periods))[i] += row["n"]
        if row["quad_class"] in QUAD_CLASS_NAMES:
            by_quad[QUAD_CLASS_NAMES[row["quad_class"]]][i] += row["n"]
    return {
        "interval": interval, "periods": [p.isoformat() for p in periods],
        "outside": dated - sum(row["n"] for row in counts),
        "by_type": dict(sorted(by_type.items(), key=lambda kv: -sum(kv[1]))), "by_quad": by_quad,
    }


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
