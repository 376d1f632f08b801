"""WARC and WARC.gz files → the HTML pages of their response records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from marsad.model import ReadError
from marsad.reading.records import HtmlPage, iso_date


def read_warc(stream: BinaryIO, where: str) -> Iterator[HtmlPage | ReadError]:
    """HTML response records; a truncated or corrupt record ends the file with an error row."""
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response":
                continue
            headers = record.http_headers
            content_type = (headers.get_header("Content-Type") or "") if headers else ""
            if "html" not in content_type.lower():
                continue
            origin = f"{where}:record {number}"
            payload = record.content_stream().read()
            html = _decode(payload, content_type)
            if html is None:
                yield ReadError(origin, "undecodable bytes in HTML response")
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = iso_date(record.rec_headers.get_header("WARC-Date") or "")
            yield HtmlPage(html, origin, url=uri, crawl_date=date)
    except Exception as exc:  # warcio raises assorted errors on truncated or corrupt input
        reason = f"truncated or corrupt WARC: {type(exc).__name__}: {exc}"
        yield ReadError(f"{where}:record {number + 1}", reason)


def _decode(payload: bytes, content_type: str) -> str | None:
    charset = "utf-8"
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"'")
    for encoding in dict.fromkeys((charset, "utf-8", "cp1256")):
        try:
            return payload.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None
