"""Event dates that cannot be wrong silently: checked against the publication date when stored.

An article reports what has happened, so an event dated after its article's publication
is a misreading: it is stored at the publication date, its extracted date kept in
`date_original` and `date_flag` set to "after_publication". An event dated more than a
year before its article (background history read as news) is kept as dated, and flagged
"long_before_publication" so that timelines and first/last dates can leave it out.
"""

from __future__ import annotations

import duckdb

AFTER_PUBLICATION = "after_publication"
LONG_BEFORE_PUBLICATION = "long_before_publication"
STALE_DAYS = 365  # an event whose date ends more than this many days before its article is flagged
FLAGS = (AFTER_PUBLICATION, LONG_BEFORE_PUBLICATION)

# The last day an event's date can mean: a year's 31 December, a month's last day, else the day.
_DATE_END = ("CASE e.date_precision WHEN 'year' THEN make_date(year(e.date_start), 12, 31) "
             "WHEN 'month' THEN last_day(e.date_start) ELSE e.date_start END")
_CLAMP = f"""
UPDATE events e SET date_original = e.date, date = strftime(d.published, '%Y-%m-%d'),
       date_precision = 'day', date_start = d.published, date_flag = '{AFTER_PUBLICATION}'
FROM documents d
WHERE d.doc_id = e.doc_id AND e.date_flag IS NULL AND e.date_start > d.published
"""
_STALE = f"""
UPDATE events e SET date_flag = '{LONG_BEFORE_PUBLICATION}'
FROM documents d
WHERE d.doc_id = e.doc_id AND e.date_flag IS NULL
  AND {_DATE_END} < d.published - INTERVAL {STALE_DAYS} DAY
"""


def check_dates(con: duckdb.DuckDBPyConnection, event_ids: list[str] | None = None) -> None:
    """Clamp and flag the stored events whose dates do not fit their articles (not yet checked ones;
    only `event_ids` when given: the events just written)."""
    if event_ids is None:
        con.execute(_CLAMP)
        con.execute(_STALE)
    elif event_ids:
        only = " AND e.event_id IN (SELECT unnest(?::VARCHAR[]))"
        con.execute(_CLAMP + only, [event_ids])
        con.execute(_STALE + only, [event_ids])
