"""A work unit's input → `Document`s or `ReadError`s inside a Spark task, with the ingest's own readers.

Records become documents exactly as `marsad ingest` makes them (field guessing, ids, dates:
marsad.reading). What is Spark-specific is where the bytes come from: each task opens its own
input, since executors have no Hadoop client in Python, with pyarrow's file systems (local,
s3:// — s3a:// is mapped to it — hdfs://, gs://) or HTTP(S) streaming. A unit is a plain tuple
(see marsad.engines.units), so the JVM only ever carries its path and range.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC
from itertools import takewhile
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from marsad.model import Document, ReadError
from marsad.reading import to_document as parse_html
from marsad.reading.jsonrecords import guess_mapping, to_document
from marsad.reading.records import USUAL_FIELDS, FieldMapping
from marsad.reading.warc import read_warc as read_warc_stream

_FORMATS = (
    ("warc", (".warc", ".warc.gz", ".arc", ".arc.gz")),
    ("jsonl", (".jsonl", ".jsonl.gz", ".jsonl.bz2", ".ndjson", ".ndjson.gz")),
    ("parquet", (".parquet",)),
    ("manifest", (".paths", ".paths.gz")),
)
_SCHEMES = {"s3a": "s3", "s3n": "s3", "gcs": "gs"}
_DECOMPRESS = {".gz": lambda raw: gzip.GzipFile(fileobj=raw), ".bz2": bz2.BZ2File}
_BLOCK = 1 << 20  # bytes read at a time from JSON Lines
UNREADABLE = (OSError, EOFError, zlib.error)  # what a missing, cut or corrupt file raises while read
PARQUET_FIELDS = tuple(dict.fromkeys(name for names in USUAL_FIELDS.values() for name in names))


def input_format(path: str) -> str | None:
    """The format a file name says ("warc", "jsonl", "parquet", "manifest"), else None."""
    name = path.rsplit("/", 1)[-1].lower()
    return next((fmt for fmt, endings in _FORMATS if name.endswith(endings)), None)


def resolve(line: str, prefix: str | None) -> str:
    """A manifest line as a path: relative ones are joined to `prefix` (as Common Crawl's)."""
    path = line.strip()
    if not prefix or "://" in path or path.startswith("/"):
        return path
    return prefix.rstrip("/") + "/" + path.lstrip("/")


def splittable(path: str) -> bool:
    """Whether a JSON Lines file can be cut into byte ranges: not compressed, and seekable (not HTTP)."""
    compressed = path.lower().endswith(tuple(_DECOMPRESS))
    return not compressed and urllib.parse.urlparse(path).scheme not in ("http", "https")


def absolute(path: str) -> str:
    """A local path made absolute (tasks may run in another folder); URIs as they are."""
    return path if urllib.parse.urlparse(path).scheme else os.path.abspath(path)


def file_system(path: str) -> tuple[fs.FileSystem, str]:
    """pyarrow's file system for a local, file:, s3(a)://, hdfs:// or gs:// path, and the path within it."""
    parsed = urllib.parse.urlparse(path)
    if parsed.scheme in ("", "file"):
        return fs.LocalFileSystem(), os.path.abspath(parsed.path if parsed.scheme else path)
    scheme = _SCHEMES.get(parsed.scheme, parsed.scheme)
    return fs.FileSystem.from_uri(urllib.parse.urlunparse(parsed._replace(scheme=scheme)))


def open_stream(path: str) -> BinaryIO:
    """A raw (not decompressed) byte stream of a local, Hadoop-style or HTTP(S) path, read from its start."""
    if urllib.parse.urlparse(path).scheme in ("http", "https"):
        return urllib.request.urlopen(path, timeout=120)
    filesystem, inner = file_system(path)
    if isinstance(filesystem, fs.LocalFileSystem):
        return open(inner, "rb")
    return filesystem.open_input_stream(inner, compression=None)


def open_file(path: str) -> Any:
    """A random-access (seekable) file: Python's for local paths, pyarrow's elsewhere; not HTTP."""
    filesystem, inner = file_system(path)
    if isinstance(filesystem, fs.LocalFileSystem):
        return open(inner, "rb")
    return filesystem.open_input_file(inner)


def decompressed(path: str, stream: BinaryIO) -> BinaryIO:
    """`stream` decompressed as the name says (.gz, .bz2), else itself; closing it leaves `stream` open."""
    opener = next((f for end, f in _DECOMPRESS.items() if path.lower().endswith(end)), None)
    return opener(stream) if opener else stream


def split_lines(blocks: Iterable[bytes], position: int = 0) -> Iterator[tuple[int, bytes]]:
    """(offset, line) of the bytes `blocks` make, which start at byte `position`; a line keeps its "\\n"."""
    pending = b""
    for block in blocks:
        start = 0
        while (newline := block.find(b"\n", start)) >= 0:
            line = pending + block[start:newline + 1]
            yield position, line
            position, pending, start = position + len(line), b"", newline + 1
        pending += block[start:]
    if pending:
        yield position, pending


def _blocks(stream: BinaryIO) -> Iterator[bytes]:
    while block := stream.read(_BLOCK):
        yield block


def json_lines(path: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(byte offset, line) of the lines of a JSON Lines file whose first byte lies in [start, end).

    A line that begins before `start` is the previous range's (so the byte before `start` is
    read to find where the first whole line begins); the last line may run past `end`; None is
    the end of the file. Compressed files (.gz, .bz2) are read whole and decompressed: their
    offsets are offsets in the decompressed stream.
    """
    if not splittable(path):
        with open_stream(path) as raw, decompressed(path, raw) as stream:
            yield from split_lines(_blocks(stream))
        return
    with open_file(path) as stream:
        position = max(start - 1, 0)
        stream.seek(position)
        lines = split_lines(_blocks(stream), position)
        if start > 0:
            next(lines, None)  # through the first newline at or after start - 1: not this range's line
        yield from takewhile(lambda item: end is None or item[0] < end, lines)


def _records(pairs: Iterable[tuple[str, Any]]) -> Iterator[Document | ReadError]:
    """(location, parsed JSON or ReadError) → documents, the field mapping guessed once."""
    mapping = FieldMapping()
    guessed = False
    for location, record in pairs:
        if isinstance(record, ReadError):
            yield record
            continue
        if not guessed and isinstance(record, dict):
            mapping, guessed = guess_mapping(record, FieldMapping()), True
        yield to_document(record, mapping, location)


def _parsed_lines(path: str, lines: Iterable[tuple[int, bytes | str]]) -> Iterator[tuple[str, Any]]:
    for offset, line in lines:
        if not line.strip():
            continue
        location = f"{path}:byte {offset}"
        try:
            yield location, json.loads(line)
        except ValueError as exc:  # UnicodeDecodeError included
            yield location, ReadError(location, f"broken JSON: {exc}")


def read_jsonl(path: str, lines: Iterable[tuple[int, bytes | str]]) -> Iterator[Document | ReadError]:
    """(byte offset, line) pairs of one JSON Lines file."""
    return _records(_parsed_lines(path, lines))


def read_json_range(path: str, start: int, end: int | None) -> Iterator[Document | ReadError]:
    """The documents of a JSON Lines unit; an unreadable file ends it with an error."""
    try:
        yield from read_jsonl(path, json_lines(path, start, end))
    except UNREADABLE as exc:
        yield ReadError(f"{path}:byte {start}", f"cannot read: {exc}")


def read_rows(path: str, first: int, records: Iterable[dict[str, Any]]) -> Iterator[Document | ReadError]:
    """Rows of a Parquet file as dicts, the first of them row number `first` of the file."""
    return _records(
        (f"{path}:row {first + n}", {k: _plain(v) for k, v in record.items()}) for n, record in enumerate(records))


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO strings, the way JSON carries them (UTC ones without an offset)."""
    if getattr(value, "tzinfo", None) is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def read_row_group(path: str, group: int, first: int) -> Iterator[Document | ReadError]:
    """The documents of one row group of a Parquet file (only the columns that can make a document)."""
    try:
        with open_file(path) as file:
            parquet = pq.ParquetFile(file)
            columns = [name for name in PARQUET_FIELDS if name in parquet.schema_arrow.names]
            records = parquet.read_row_group(group, columns=columns).to_pylist()
    except (*UNREADABLE, pa.ArrowException) as exc:
        yield ReadError(f"{path}:row group {group}", f"cannot read: {exc}")
        return
    yield from read_rows(path, first, records)


def read_warc(path: str) -> Iterator[Document | ReadError]:
    """The HTML response records of a WARC / WARC.gz file, as documents."""
    try:
        with open_stream(path) as stream:
            for item in read_warc_stream(stream, path):
                yield item if isinstance(item, ReadError) else parse_html(item)
    except OSError as exc:
        yield ReadError(path, f"cannot read: {exc}")


READERS = {"jsonl": read_json_range, "warc": read_warc, "parquet": read_row_group}


def read_unit(unit: tuple) -> Iterator[Document | ReadError]:
    """The documents and read errors of a work unit ("jsonl" | "warc" | "parquet", path, *where)."""
    kind, path, *where = unit
    return READERS[kind](path, *where)
