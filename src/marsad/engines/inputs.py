"""Input records → `Document`s or `ReadError`s inside Spark tasks, with the ingest's own readers.

Records become documents exactly as `marsad ingest` makes them (field guessing, ids, dates:
marsad.reading). What is Spark-specific is where the bytes come from: JSON Lines lines
arrive from Hadoop splits with their byte offset, Parquet rows from Spark's reader (each
reader takes rows as tuples), and WARC files are opened in the task with pyarrow's file
systems (local, s3://, hdfs://, gs://) or HTTP(S) streaming, since executors have no Hadoop
client in Python.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from datetime import UTC
from typing import Any, BinaryIO

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


def _parsed_lines(path: str, lines: Iterable[tuple[int, str]]) -> Iterator[tuple[str, Any]]:
    for offset, line in lines:
        if not line.strip():
            continue
        location = f"{path}:byte {offset}"
        try:
            yield location, json.loads(line)
        except ValueError as exc:
            yield location, ReadError(location, f"broken JSON: {exc}")


def read_jsonl(path: str, lines: Iterable[tuple[int, str]]) -> Iterator[Document | ReadError]:
    """(byte offset, line) pairs of one JSON Lines file."""
    return _records(_parsed_lines(path, lines))


def read_rows(columns: list[str], rows: Iterable[tuple]) -> Iterator[Document | ReadError]:
    """Rows of Parquet inputs with these `columns`, the last one `_file` (the row's file name)."""
    def pairs() -> Iterator[tuple[str, dict]]:
        for n, row in enumerate(rows):
            record = dict(zip(columns, row, strict=True))
            yield f"{record.pop('_file')}:row {n}", {k: _plain(v) for k, v in record.items()}

    return _records(pairs())


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO strings, the way JSON carries them (UTC ones without an offset)."""
    if getattr(value, "tzinfo", None) is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def open_stream(path: str) -> BinaryIO:
    """A raw (not decompressed) byte stream of a local, Hadoop-style or HTTP(S) path."""
    parsed = urllib.parse.urlparse(path)
    if parsed.scheme in ("http", "https"):
        return urllib.request.urlopen(path, timeout=120)
    if parsed.scheme in ("", "file"):
        return open(os.path.abspath(parsed.path if parsed.scheme else path), "rb")
    from pyarrow import fs

    scheme = _SCHEMES.get(parsed.scheme, parsed.scheme)
    filesystem, inner = fs.FileSystem.from_uri(urllib.parse.urlunparse(parsed._replace(scheme=scheme)))
    return filesystem.open_input_stream(inner, compression=None)


def read_warc(rows: Iterable[tuple[str]]) -> Iterator[Document | ReadError]:
    """The HTML response records of WARC / WARC.gz files (one path a row), as documents."""
    for (path,) in rows:
        try:
            with open_stream(path) as stream:
                for item in read_warc_stream(stream, path):
                    yield item if isinstance(item, ReadError) else parse_html(item)
        except OSError as exc:
            yield ReadError(path, f"cannot read: {exc}")
