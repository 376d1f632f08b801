"""spark-extract on local[2] against single-process extraction, over all of SaudiNewsNet.

    .venv/bin/python benchmarks/spark.py [--corpus ../shared/corpus/saudinewsnet] [--master local[2]] [--limit N]

The zip files are first converted to JSON Lines in a temporary folder (not timed). Then:
single process = read those JSON Lines and run `marsad.extract_document` on each article in
a loop; Spark = `marsad.engines.spark.run`, whose Python tasks also compute each document's
MinHash signature and write the Parquet tables (work the loop does not do). Spark's start-up
(the SparkSession) is timed apart and left out of its docs/s; starting its Python workers,
which import Marsad and load the knowledge base, is not.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from marsad import extract_document
from marsad.model import Document
from marsad.reading import read_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


def to_jsonl(corpus: Path, folder: Path, limit: int | None = None) -> int:
    """One JSON Lines file per zip, with the standard fields, `limit` articles at most; returns how many."""
    total = 0
    for archive in sorted(corpus.glob("*.zip")):
        if limit is not None and total >= limit:
            break
        with (folder / f"{archive.stem}.jsonl").open("w", encoding="utf-8") as out:
            for doc in read_paths([archive]):
                if isinstance(doc, Document) and (limit is None or total < limit):
                    record = {"doc_id": doc.doc_id, "text": doc.text, "published": doc.published,
                              "title": doc.title, "url": doc.url, "source": doc.source}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    total += 1
    return total


def single_process(folder: Path) -> tuple[int, float]:
    started = time.perf_counter()
    documents = events = 0
    for doc in read_paths(sorted(folder.glob("*.jsonl"))):
        if isinstance(doc, Document):
            events += len(extract_document(doc).events)
            documents += 1
    return documents, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int)
    parser.add_argument("--limit", type=int, help="only the first N articles (a quicker, rougher run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-spark-bench-") as tmp:
        folder = Path(tmp) / "jsonl"
        folder.mkdir()
        articles = to_jsonl(args.corpus, folder, args.limit)
        mb = sum(f.stat().st_size for f in folder.glob("*.jsonl")) / 1e6
        print(f"{articles} articles, {mb:.0f} MB of JSON Lines")

        documents, seconds = single_process(folder)
        single = documents / seconds
        print(f"single process: {documents} docs in {seconds:.1f} s = {single:.0f} docs/s")

        from marsad.engines.spark import run, session

        started = time.perf_counter()
        spark = session(args.master, {"spark.ui.enabled": "false"})
        startup = time.perf_counter() - started
        try:
            result = run(spark, [str(folder)], str(Path(tmp) / "out"), partitions=args.partitions)
        finally:
            spark.stop()
        parallel = result.documents / result.seconds
        print(f"Spark {args.master}: {result.documents} docs, {result.events} events, {result.errors} errors "
              f"in {result.seconds:.1f} s = {parallel:.0f} docs/s (start-up {startup:.1f} s, excluded)")
        print(f"ratio {args.master} / single process: {parallel / single:.2f}x (target ≥ 1.6x)")


if __name__ == "__main__":
    main()
