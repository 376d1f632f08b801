"""Work units: the driver cuts the inputs into small tasks that Python workers read by themselves.

A unit is a plain tuple, so Spark ships a few bytes per task and the JVM never carries text:

    ("jsonl", path, start, end)             lines of a JSON Lines file beginning in [start, end)
                                            (end None: a compressed or HTTP file, read whole)
    ("warc", path)                          one WARC file
    ("parquet", path, row_group, first_row) one row group; first_row numbers its rows in the file

Units come largest first, so that on few cores the last tasks to start are short ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.engines import inputs
from marsad.model import ReadError

Listing = Callable[[str], list[tuple[str, int]] | None]  # path or glob → (file, size), None if nothing
MIN_SPLIT, MAX_SPLIT = 1 << 20, 128 << 20  # bytes of JSON Lines per task: few tasks, bounded memory


def split_size(total: int, partitions: int) -> int:
    """Bytes per JSON Lines range: total / partitions, within [1 MiB, 128 MiB]."""
    return min(MAX_SPLIT, max(MIN_SPLIT, math.ceil(total / max(partitions, 1))))


def byte_ranges(path: str, size: int, split: int) -> list[tuple]:
    """A file cut into ceil(size / split) ranges of near-equal size (at least one, even if empty)."""
    n = max(1, math.ceil(size / split))
    return [("jsonl", path, size * i // n, size * (i + 1) // n) for i in range(n)]


def jsonl_units(files: list[tuple[str, int]], partitions: int) -> list[tuple[int, tuple]]:
    """(weight, unit) of JSON Lines files: byte ranges, or the whole file when it cannot be cut."""
    split = split_size(sum(size for path, size in files if inputs.splittable(path)), partitions)
    weighted = []
    for path, size in files:
        if inputs.splittable(path):
            weighted += [(unit[3] - unit[2], unit) for unit in byte_ranges(path, size, split)]
        else:
            weighted.append((size, ("jsonl", path, 0, None)))
    return weighted


def parquet_units(path: str) -> list[tuple[int, tuple]]:
    """(weight, unit) per row group, from the file's footer."""
    with inputs.open_file(path) as file:
        metadata = pq.ParquetFile(file).metadata
    weighted, first = [], 0
    for group in range(metadata.num_row_groups):
        info = metadata.row_group(group)
        weighted.append((info.total_byte_size, ("parquet", path, group, first)))
        first += info.num_rows
    return weighted


def manifest(path: str, prefix: str | None) -> list[str]:
    """The WARC paths a manifest lists (.paths or .paths.gz), relative ones joined to `prefix`."""
    with inputs.open_stream(path) as raw, inputs.decompressed(path, raw) as stream:
        lines = stream.read().decode("utf-8").splitlines()
    return [inputs.resolve(line, prefix) for line in lines if line.strip()]


def _file_units(file: str, size: int, kind: str, prefix: str | None) -> list[tuple[int, tuple]]:
    """(weight, unit) of a WARC, manifest or Parquet file (a manifest's WARC sizes are unknown)."""
    if kind == "warc":
        return [(size, ("warc", file))]
    if kind == "manifest":
        return [(0, ("warc", warc)) for warc in manifest(file, prefix)]
    return parquet_units(file)


def plan(paths: list[str], listing: Listing, *, partitions: int, fmt: str | None = None,
         prefix: str | None = None) -> tuple[list[tuple], list[ReadError]]:
    """The units of `paths`, largest first, and what could not be read or listed."""
    weighted: list[tuple[int, tuple]] = []
    jsonl: list[tuple[str, int]] = []
    errors: list[ReadError] = []
    for path in paths:
        files = listing(path)
        if files is None:
            errors.append(ReadError(path, "no such file, or an empty folder"))
        for file, size in files or []:
            kind = fmt or inputs.input_format(file)
            if kind == "jsonl":
                jsonl.append((file, size))
            elif kind not in ("warc", "manifest", "parquet"):
                errors.append(ReadError(file, "unknown input format (use --format)"))
            else:
                try:
                    weighted += _file_units(file, size, kind, prefix)
                except (*inputs.UNREADABLE, UnicodeDecodeError, pa.ArrowException) as exc:
                    errors.append(ReadError(file, f"cannot read: {exc}"))
    weighted += jsonl_units(jsonl, partitions)
    weighted.sort(key=lambda item: -item[0])
    return [unit for _, unit in weighted], errors
