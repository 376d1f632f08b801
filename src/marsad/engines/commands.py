"""Subcommands of the engines stage: `spark-extract` and `load` (pyspark is imported only when run)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SPARK_MISSING = "marsad: spark-extract needs Apache Spark: pip install 'marsad[spark]'"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    extract = subparsers.add_parser(
        "spark-extract", help="extract events on Apache Spark into Parquet store tables",
        description="Read JSON Lines, Parquet, WARC(.gz) or WARC manifests from any Hadoop path, "
        "extract events in parallel and write documents/, events/, event_actors/, signatures/, errors/ as Parquet.",
    )
    add_spark_arguments(extract)
    extract.set_defaults(handler=_spark_extract)

    load = subparsers.add_parser("load", help="import spark-extract output into the DuckDB store")
    load.add_argument("directory", type=Path, metavar="DIR", help="the --output of spark-extract")
    load.add_argument("--db", type=Path, default=Path("marsad.duckdb"), help="store (default marsad.duckdb)")
    load.set_defaults(handler=_load)


def add_spark_arguments(parser: argparse.ArgumentParser) -> None:
    """The job's arguments, shared by `marsad spark-extract` and spark-submit."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, folders or globs on any Hadoop path (file:, hdfs://, s3a://)")
    parser.add_argument("--output", required=True, metavar="DIR", help="where the Parquet tables go")
    parser.add_argument("--master", help="e.g. local[2], yarn (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, metavar="N",
                        help="target number of tasks for JSON Lines, cut into byte ranges (default: 3 per "
                        "core); each WARC file and Parquet row group is a task of its own")
    parser.add_argument("--format", choices=("jsonl", "parquet", "warc", "manifest"),
                        help="input format (default: from the file name)")
    parser.add_argument("--prefix", help="resolves relative manifest paths, e.g. s3a://commoncrawl/")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting, e.g. spark.executor.memory=4g (repeatable)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing output")


def _spark_extract(args: argparse.Namespace) -> int:
    try:
        from marsad.engines import spark
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in ("pyspark", "py4j"):
            print(SPARK_MISSING, file=sys.stderr)
            return 2
        raise
    return spark.run_command(args)


def _load(args: argparse.Namespace) -> int:
    from marsad.engines.load import load

    if not args.directory.is_dir():
        print(f"marsad: {args.directory} is not a folder", file=sys.stderr)
        return 2
    counts = load(args.directory, args.db)
    print(", ".join(f"{n} {table}" for table, n in counts.items()) + f" added to {args.db}")
    return 0
