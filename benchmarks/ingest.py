"""Ingest benchmark: all of ../shared/corpus/saudinewsnet/*.zip with 2 workers into a temporary store.

Prints end-to-end docs/s (reading, extraction, dedup, database writes, stories), errors and
the database size, then ingests again and prints how many documents that added (must be 0).

    .venv/bin/python benchmarks/ingest.py [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from marsad.storing.ingest import ingest
from marsad.storing.progress import Progress
from marsad.storing.store import Store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "saudinewsnet"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    zips = sorted(CORPUS.glob("*.zip"))
    if not zips:
        print(f"no zip files in {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        first = ingest(zips, db, workers=args.workers, progress=Progress())
        seconds = time.perf_counter() - started
        with Store.open(db) as store:
            stats = store.stats()
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        print(f"first run : {first.read:,} records in {seconds:.1f} s = {first.read / seconds:,.0f} docs/s "
              f"with {args.workers} workers ({seconds / max(first.read, 1) * 1000:.2f} ms/doc)")
        print(f"            added {first.added:,} documents, {first.events:,} events, "
              f"{first.errors:,} errors, "
              f"{stats['near_duplicates']:,} near-duplicates, {stats['stories']:,} stories")
        print(f"database  : {size / 1e6:.1f} MB")
        started = time.perf_counter()
        second = ingest(zips, db, workers=args.workers, progress=Progress())
        print(f"second run: added {second.added} documents, skipped {second.skipped:,} "
              f"in {time.perf_counter() - started:.1f} s")
    return 0 if second.added == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
