"""Issue 13's acceptance on real news: ingest SaudiNewsNet zips, then check identity and dates.

    .venv/bin/python benchmarks/acceptance.py                 # the first 4 zips, 2 workers
    .venv/bin/python benchmarks/acceptance.py --all           # every zip: also the README's counts

Checks, and exits 1 when one fails: every named actor of every event has a knowledge-base id;
no event is dated after its document's publication date. Prints the events, canonical events
(stories), the share of canonical events reported by two outlets or more, the date flags and
the time the ingest took.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from marsad.storing.ingest import ingest
from marsad.storing.store import Store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "saudinewsnet"

UNRESOLVED = """
SELECT ea.name, count(*) FROM event_actors ea JOIN actors a USING (actor_id)
WHERE ea.name IS NOT NULL AND a.kb_id IS NULL GROUP BY 1 ORDER BY 2 DESC
"""
AFTER_PUBLICATION = """
SELECT count(*) FROM events e JOIN documents d USING (doc_id) WHERE e.date_start > d.published
"""


def check(db: Path) -> dict:
    """The acceptance figures of the store at `db`."""
    with Store.open(db, read_only=True) as store:
        one = store.con.execute
        stories = one("SELECT count(*), count(*) FILTER (WHERE num_sources >= 2) FROM stories").fetchone()
        return {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
            "canonical_events": one("SELECT count(*) FROM events WHERE story_id IS NULL OR story_id = event_id")
            .fetchone()[0],
            "stories": stories[0],
            "multi_outlet_stories": stories[1],
            "named_actors": one("SELECT count(DISTINCT actor_id) FROM event_actors WHERE name IS NOT NULL")
            .fetchone()[0],
            "unresolved_named_actors": one(UNRESOLVED).fetchall(),
            "dated_after_publication": one(AFTER_PUBLICATION).fetchone()[0],
            "date_flags": dict(one("SELECT date_flag, count(*) FROM events WHERE date_flag IS NOT NULL "
                                   "GROUP BY 1 ORDER BY 1").fetchall()),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zips", nargs="*", type=Path, help="default: the first 4 zips of SaudiNewsNet")
    parser.add_argument("--all", action="store_true", help="every zip of SaudiNewsNet")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="store to write (default: a temporary one)")
    args = parser.parse_args()
    zips = args.zips or sorted(CORPUS.glob("*.zip"))[: None if args.all else 4]
    if not zips:
        print(f"acceptance: no zips (looked in {CORPUS})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "acceptance.duckdb"
        started = time.perf_counter()
        ingest(zips, db, workers=args.workers)
        seconds = time.perf_counter() - started
        found = check(db)
    share = found["multi_outlet_stories"] / found["stories"] if found["stories"] else 0.0
    print(f"{len(zips)} zips, {found['documents']:,} documents in {seconds:.1f} s ({args.workers} workers)")
    print(f"events {found['events']:,}; canonical events {found['canonical_events']:,}; "
          f"reported by 2+ outlets {found['multi_outlet_stories']:,} ({share:.1%})")
    print(f"date flags {found['date_flags']}; dated after publication {found['dated_after_publication']}")
    print(f"named actors {found['named_actors']:,}; without a knowledge-base id "
          f"{len(found['unresolved_named_actors'])} {found['unresolved_named_actors'][:10]}")
    failed = bool(found["unresolved_named_actors"]) or found["dated_after_publication"] > 0
    print("FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
