"""Marsad on Apache Spark: read inputs from any Hadoop path, extract in mapInArrow, write store tables.

    spark-submit [options] marsad/engines/spark.py INPUT... --output DIR
    python -m marsad.engines.spark INPUT... --output DIR --master local[2]

Output: DIR/documents, DIR/events, DIR/event_actors (Parquet with the store's columns,
partitioned by `month`) and DIR/errors; `marsad load DIR --db DB` imports them.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial, reduce

from pyspark import SparkConf, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import from_arrow_schema

from marsad.engines import inputs, partition, rows
from marsad.engines.commands import add_spark_arguments

RECORD = from_arrow_schema(partition.RECORD, prefer_timestamp_ntz=True)
LINES = T.StructType([T.StructField("offset", T.LongType()), T.StructField("line", T.StringType())])
_TEXT_INPUT = (
    "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
    "org.apache.hadoop.io.LongWritable",
    "org.apache.hadoop.io.Text",
)
_TASKS_PER_CORE = 3
_BATCH_LINES = "1000"  # lines per Arrow batch into mapInArrow (default 10,000: tens of MB of news a batch)
UNPARTITIONED = ("signatures", "errors")


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
    settings = {
        "spark.sql.session.timeZone": "UTC",
        "spark.files.ignoreCorruptFiles": "true",
        "spark.sql.execution.arrow.maxRecordsPerBatch": _BATCH_LINES,
        **(conf or {}),
    }
    for key, value in settings.items():
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


class Job:
    """One extraction run: inputs grouped by format, each read into RECORD rows (one per input record)."""

    def __init__(self, spark: SparkSession, partitions: int | None, prefix: str | None) -> None:
        self.spark, self.sc = spark, spark.sparkContext
        self.partitions = partitions or self.sc.defaultParallelism * _TASKS_PER_CORE
        self.prefix = prefix
        self.at = datetime.now(UTC).replace(tzinfo=None)
        self.counters = tuple(self.sc.accumulator(0) for _ in range(3))
        self.errors: list[tuple] = []

    def _frame(self, frame: DataFrame, read: partition.Reader) -> DataFrame:
        body = partial(partition.extract_partition, read, self.at, self.counters)
        return frame.mapInArrow(body, RECORD)

    def _jsonl(self, path: str, split_size: int) -> DataFrame:
        conf = {"mapreduce.input.fileinputformat.split.maxsize": str(split_size)}
        lines = self.sc.newAPIHadoopFile(path, *_TEXT_INPUT, conf=conf)
        return self._frame(self.spark.createDataFrame(lines, LINES, verifySchema=False),
                           partial(inputs.read_jsonl, path))

    def _warc(self, paths: list[str]) -> DataFrame:
        rdd = self.sc.parallelize([(path,) for path in paths], min(len(paths), self.partitions))
        return self._frame(self.spark.createDataFrame(rdd, "path string"), inputs.read_warc)

    def _parquet(self, paths: list[str]) -> DataFrame:
        frame = self.spark.read.parquet(*paths)
        columns = [c for c in inputs.PARQUET_FIELDS if c in frame.columns]
        selected = frame.select(*columns, F.input_file_name().alias("_file"))
        return self._frame(selected, partial(inputs.read_rows, [*columns, "_file"]))

    def _manifest(self, path: str) -> list[str]:
        lines = self.sc.textFile(path).collect()
        return [inputs.resolve(line, self.prefix) for line in lines if line.strip()]

    def _error(self, location: str, reason: str) -> None:
        self.errors.append(partition.error(location, reason, "read", self.at))
        self.counters[2].add(1)

    def frames(self, paths: list[str], fmt: str | None) -> list[DataFrame]:
        """RECORD frames: one per JSON Lines file, one for all WARC, one for all Parquet, one of read errors."""
        by_format: dict[str, list[tuple[str, int]]] = {"jsonl": [], "warc": [], "parquet": []}
        for path in paths:
            for file, size in _list_files(self.spark, path) or [(path, -1)]:
                kind = fmt or inputs.input_format(file)
                if size < 0:
                    self._error(path, "no such file, or an empty folder")
                elif kind == "manifest":
                    by_format["warc"].extend((p, 0) for p in self._manifest(file))
                elif kind in by_format:
                    by_format[kind].append((file, size))
                else:
                    self._error(file, "unknown input format (use --format)")
        total = sum(size for _, size in by_format["jsonl"])
        split_size = max(1 << 20, math.ceil(total / self.partitions))
        frames = [self._jsonl(file, split_size) for file, _ in by_format["jsonl"]]
        if by_format["warc"]:
            frames.append(self._warc([file for file, _ in by_format["warc"]]))
        if by_format["parquet"]:
            frames.append(self._parquet([file for file, _ in by_format["parquet"]]))
        frames.append(self.spark.createDataFrame(self.errors, RECORD))
        return frames


def tables(records: DataFrame) -> dict[str, DataFrame]:
    """The store tables as selects over RECORD rows; events and their actors are exploded.

    Events span many months: gathered by month (a small shuffle) they make one file per month
    rather than one per month and task, most of them tiny and slow to write.
    """
    events = records.select(F.explode("events").alias("e")).select("e.*")
    actors = events.select(F.explode("actors").alias("a"), "month").select("a.*", "month")
    return {
        "documents": records.where(F.col("documents").isNotNull()).select("documents.*", "month"),
        "events": events.select(*(name for name, _ in rows.EVENT_COLUMNS), "month").repartition("month"),
        "event_actors": actors.repartition("month"),
        "signatures": records.where(F.col("signature").isNotNull()).select("documents.doc_id", "signature"),
        "errors": records.where(F.col("errors").isNotNull()).select("errors.*"),
    }


def run(spark: SparkSession, paths: list[str], output: str, *, partitions: int | None = None,
        fmt: str | None = None, prefix: str | None = None, overwrite: bool = False) -> Result:
    """Extract events from `paths` and write the store tables under `output`."""
    started = time.perf_counter()
    job = Job(spark, partitions, prefix)
    records = reduce(DataFrame.unionAll, job.frames(paths, fmt)).persist(StorageLevel.MEMORY_AND_DISK)
    mode = "overwrite" if overwrite else "errorifexists"
    try:
        for table, frame in tables(records).items():
            writer = frame.write if table in UNPARTITIONED else frame.write.partitionBy("month")
            writer.mode(mode).parquet(f"{output.rstrip('/')}/{table}")
    finally:
        records.unpersist()
    documents, events, errors = (counter.value for counter in job.counters)
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
