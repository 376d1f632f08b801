"""JSON Lines and JSON arrays of articles → `Document`s, with field mapping."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import Any

from marsad.model import Document, ReadError
from marsad.reading.records import SAUDINEWSNET, USUAL_FIELDS, FieldMapping, content_id, iso_date


def guess_mapping(record: dict[str, Any], given: FieldMapping) -> FieldMapping:
    """The mapping for records shaped like `record`; fields set in `given` win."""
    if "content" in record and "date_extracted" in record:
        base = SAUDINEWSNET
    else:
        found = {
            name: next((f for f in candidates if f in record), None)
            for name, candidates in USUAL_FIELDS.items()
        }
        base = FieldMapping(**found)
    return FieldMapping(**{
        f.name: getattr(given, f.name) or getattr(base, f.name) for f in fields(FieldMapping)
    })


def to_document(record: Any, mapping: FieldMapping, origin: str) -> Document | ReadError:
    """One JSON record as a `Document`, or why it cannot be one."""
    if not isinstance(record, dict):
        return ReadError(origin, f"not a JSON object but {type(record).__name__}")
    text = record.get(mapping.text) if mapping.text else None
    if not isinstance(text, str) or not text.strip():
        return ReadError(origin, f"no text in field {mapping.text!r}")
    given_id = record.get(mapping.id) if mapping.id else None
    doc_id = str(given_id) if given_id not in (None, "") else content_id(text)
    return Document(
        doc_id=doc_id,
        text=text,
        published=iso_date(record.get(mapping.date)) if mapping.date else None,
        title=_string(record, mapping.title),
        url=_string(record, mapping.url),
        source=_string(record, mapping.source),
        origin=origin,
    )


def _string(record: dict[str, Any], field: str | None) -> str | None:
    value = record.get(field) if field else None
    return str(value) if value not in (None, "") else None


def read_json_lines(
    lines: Iterable[bytes], where: str, given: FieldMapping
) -> Iterator[Document | ReadError]:
    """Every line of a JSON Lines file; a broken line is an error, not the end."""
    mapping = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{where}:line {number}"
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield ReadError(origin, f"undecodable bytes: {exc.reason} at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield ReadError(origin, f"broken JSON: {exc.msg} at column {exc.colno}")
            continue
        if mapping is None and isinstance(record, dict):
            mapping = guess_mapping(record, given)
        yield to_document(record, mapping or given, origin)


def read_json_array(data: bytes, where: str, given: FieldMapping) -> Iterator[Document | ReadError]:
    """Every element of a JSON array (a single object counts as an array of one)."""
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield ReadError(where, f"undecodable bytes: {exc.reason} at byte {exc.start}")
        return
    except json.JSONDecodeError as exc:
        yield ReadError(where, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        yield ReadError(where, "JSON is neither an array nor an object")
        return
    first = next((r for r in records if isinstance(r, dict)), None)
    mapping = guess_mapping(first, given) if first is not None else given
    for number, record in enumerate(records):
        yield to_document(record, mapping, f"{where}#{number}")


def read_json(data: bytes, where: str, given: FieldMapping) -> Iterator[Document | ReadError]:
    """A `.json` file: an array or object, or JSON Lines under a .json name."""
    head = data.lstrip()[:1]
    if head == b"[" or (head == b"{" and b"\n{" not in data.strip()):
        return read_json_array(data, where, given)
    return read_json_lines(data.splitlines(), where, given)
