"""Plain-text articles: one `.txt` file is one document, its id a hash of its text."""

from __future__ import annotations

from marsad.model import Document, ReadError
from marsad.reading.records import content_id


def read_text(data: bytes, where: str) -> Document | ReadError:
    """A UTF-8 text file as a document; undecodable or empty files are errors."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"undecodable bytes: {exc.reason} at byte {exc.start}")
    if not text.strip():
        return ReadError(where, "empty text")
    return Document(doc_id=content_id(text), text=text, origin=where)
