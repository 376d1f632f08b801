"""Marsad on Apache Spark: Spark schedules small work units; Python tasks read, extract and write Parquet.

    spark-submit [options] marsad/engines/spark.py INPUT... --output DIR
    python -m marsad.engines.spark INPUT... --output DIR --master local[2]

Output: DIR/documents, DIR/events, DIR/event_actors (Parquet with the store's columns,
partitioned by `month`, one part per task and month), DIR/signatures and DIR/errors;
`marsad load DIR --db DB` imports them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from pyspark import SparkConf
from pyspark.sql import SparkSession

from marsad.engines import inputs, partition, parts, units
from marsad.engines.commands import add_spark_arguments

_TASKS_PER_CORE = 3


@dataclass
class Result:
    documents: int
    events: int
    errors: int
    seconds: float


def session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession; local[*] unless a master is given or set by spark-submit."""
    master = master or (None if SparkConf().contains("spark.master") else "local[*]")
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("marsad")
    if master:
        builder = builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _list_files(spark: SparkSession, path: str) -> list[tuple[str, int]] | None:
    """(file, size) under a path or glob via Hadoop's FileSystem; None when nothing matches."""
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    filesystem = hadoop_path.getFileSystem(conf)
    files = []
    for status in filesystem.globStatus(hadoop_path) or []:
        if status.isDirectory():
            listing = filesystem.listFiles(status.getPath(), True)
            while listing.hasNext():
                found = listing.next()
                files.append((found.getPath().toString(), found.getLen()))
        else:
            files.append((status.getPath().toString(), status.getLen()))
    return [f for f in files if not f[0].rsplit("/", 1)[-1].startswith(("_", "."))] or None


def run(spark: SparkSession, paths: list[str], output: str, *, partitions: int | None = None,
        fmt: str | None = None, prefix: str | None = None, overwrite: bool = False) -> Result:
    """Extract events from `paths` and write the store tables under `output`.

    The driver lists the inputs and cuts them into units; each Spark task reads its unit in
    Python, extracts and writes its own Parquet parts, and returns only its counts.
    """
    started = time.perf_counter()
    output = inputs.absolute(output)
    parts.prepare(output, overwrite)
    at = datetime.now(UTC).replace(tzinfo=None)  # one ingested_at: a retried task writes the same files
    sc = spark.sparkContext
    work, unreadable = units.plan(paths, partial(_list_files, spark), fmt=fmt, prefix=prefix,
                                  partitions=partitions or sc.defaultParallelism * _TASKS_PER_CORE)
    counts = [partition.write(unreadable, output, "driver", at)]  # errors/part-driver.parquet
    if work:
        task = partial(partition.run_unit, output, at)
        counts += sc.parallelize(list(enumerate(work)), len(work)).map(task).collect()
    parts.finish(output)
    documents, events, errors = map(sum, zip(*counts, strict=True))
    return Result(documents, events, errors, time.perf_counter() - started)


def run_command(args: argparse.Namespace) -> int:
    """`marsad spark-extract` and spark-submit: run the job and print its counts."""
    conf = dict(item.split("=", 1) for item in args.conf)
    started = time.perf_counter()
    try:
        spark = session(args.master, conf)
    except Exception as exc:
        print(f"marsad: Spark did not start ({exc}); is Java 17+ installed (JAVA_HOME)?", file=sys.stderr)
        return 1
    startup = time.perf_counter() - started
    try:
        result = run(spark, args.inputs, args.output, partitions=args.partitions, fmt=args.format,
                     prefix=args.prefix, overwrite=args.overwrite)
    except FileExistsError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    rate = result.documents / result.seconds if result.seconds else 0.0
    print(f"{result.documents} documents, {result.events} events, {result.errors} errors "
          f"in {result.seconds:.1f} s ({rate:.0f} docs/s; Spark start-up {startup:.1f} s) → {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad.engines.spark", description=__doc__.splitlines()[0])
    add_spark_arguments(parser)
    return run_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
