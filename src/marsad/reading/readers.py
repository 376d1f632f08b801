"""Paths → a stream of `Document`s, `HtmlPage`s (parsed later, in workers) and `ReadError`s."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.model import Document, ReadError
from marsad.reading.detect import detect_format
from marsad.reading.jsonrecords import read_json, read_json_lines
from marsad.reading.records import FieldMapping, HtmlPage
from marsad.reading.text import read_text
from marsad.reading.warc import read_warc

Item = Document | HtmlPage | ReadError
GUESS = FieldMapping()  # every field guessed from the usual names


def read_paths(paths: Iterable[str | Path], mapping: FieldMapping = GUESS) -> Iterator[Item]:
    """Everything in `paths` (files, or folders searched recursively), in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                if detect_format(file.name):
                    yield from read_file(file, mapping)
        elif path.exists():
            yield from read_file(path, mapping)
        else:
            yield ReadError(str(path), "no such file or folder")


def read_file(path: Path, mapping: FieldMapping = GUESS) -> Iterator[Item]:
    """One input file of any supported format; unreadable files become errors."""
    where = str(path)
    try:
        with path.open("rb") as stream:
            fmt = detect_format(path.name, stream.read(64))
            stream.seek(0)
            if fmt == "warc":
                yield from read_warc(stream, where)
                return
            if fmt == "jsonl":
                yield from read_json_lines(stream, where, mapping)
                return
            data = stream.read()
    except OSError as exc:
        yield ReadError(where, f"cannot read: {exc.strerror or exc}")
        return
    if fmt is None:
        yield ReadError(where, "unknown format (expected txt, json, jsonl, zip, html or warc)")
        return
    yield from read_bytes(data, fmt, where, mapping)


def read_bytes(data: bytes, fmt: str, where: str, mapping: FieldMapping) -> Iterator[Item]:
    """The content of one file (or zip member) in a known format."""
    if fmt == "txt":
        yield read_text(data, where)
    elif fmt == "jsonl":
        yield from read_json_lines(data.splitlines(), where, mapping)
    elif fmt == "json":
        yield from read_json(data, where, mapping)
    elif fmt == "html":
        yield HtmlPage(data, where)
    elif fmt == "warc":
        yield from read_warc(io.BytesIO(data), where)
    elif fmt == "zip":
        yield from read_zip(data, where, mapping)


def read_zip(data: bytes, where: str, mapping: FieldMapping) -> Iterator[Item]:
    """Every supported member of a zip file (SaudiNewsNet: one JSON array per zip)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield ReadError(where, f"corrupt zip: {exc}")
        return
    for member in members:
        name = member.filename
        member_where = f"{where}:{name}"
        fmt = detect_format(name)
        if fmt is None or name.startswith("__MACOSX/") or Path(name).name.startswith("."):
            continue
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
            yield ReadError(member_where, f"corrupt zip member: {exc}")
            continue
        yield from read_bytes(content, fmt, member_where, mapping)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
