"""The notebook path: a store as pandas DataFrames (pandas is an optional extra: `marsad[pandas]`).

    >>> import marsad
    >>> m = marsad.open("marsad.duckdb")
    >>> events = m.events(type="CONSULT")          # one row per canonical event, actors joined
    >>> events.set_index("day").resample("MS").size()
    >>> m.actors(), m.stories(), m.events(mentions=True), m.sql("SELECT …")

Event frames have the columns of the CSV export (storing/export.py) with lists for several
actors, plus `day`: the event's date, else its article's, as a timestamp to group by.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.storing.export import FLAT_COLUMNS, flat_row
from marsad.storing.upgrade import open_read_only


def _pandas():
    try:
        import pandas
    except ImportError:  # the extra is not installed
        raise ImportError("marsad.open needs pandas: pip install 'marsad[pandas]'") from None
    return pandas


class Frames:
    """A store opened read-only, whose tables come back as DataFrames."""

    def __init__(self, path: str | Path) -> None:
        if not Path(path).is_file():
            raise FileNotFoundError(f"no store at {path} (run `marsad ingest` first)")
        self.pd = _pandas()
        self.store = open_read_only(path)

    def events(self, mentions: bool = False, **filters: Any):
        """Events matching the filters of `Store.events` (actor, country, type, since, until, text,
        source, story): one row per canonical event, or per mention with `mentions`."""
        records = self.store.events(**filters, limit=None, canonical=not mentions)
        frame = self.pd.DataFrame([flat_row(r) for r in records], columns=list(FLAT_COLUMNS))
        frame["published"] = self.pd.to_datetime(frame["published"])
        starts = self.pd.to_datetime(frame["date"].map(_first_day), errors="coerce")
        frame["day"] = starts.fillna(frame["published"])
        return frame

    def actors(self, query: str | None = None, country: str | None = None):
        """Actors with their knowledge-base ids, names, offices and event counts, most active first."""
        return self.pd.DataFrame(self.store.actors(query, country=country, limit=None))

    def stories(self):
        """Stories (canonical events) with their counts and their representative event's actors."""
        stories = self.sql("SELECT * FROM stories ORDER BY num_sources DESC, num_documents DESC, story_id")
        events = self.events()[["event_id", "source_names", "source_actor_ids", "target_names",
                                "target_actor_ids", "evidence", "goldstein"]]
        return stories.merge(events, how="left", left_on="story_id", right_on="event_id").drop(columns="event_id")

    def sql(self, query: str, params: list[Any] | None = None):
        """Any SQL over the store's tables (storing/schema.sql), as a DataFrame."""
        cursor = self.store.con.execute(query, params or [])
        names = [d[0] for d in cursor.description]
        return self.pd.DataFrame(cursor.fetchall(), columns=names)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Frames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_day(value: str | None) -> str | None:
    if not value:
        return None
    return {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)


def open_frames(path: str | Path = "marsad.duckdb") -> Frames:
    """The store at `path` as DataFrames: `.events()`, `.actors()`, `.stories()`, `.sql()`."""
    return Frames(path)
