"""WARC and WARC.gz files → the HTML pages of their response records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from marsad.model import ReadError
from marsad.reading.records import HtmlPage, iso_date


def read_warc(stream: BinaryIO, where: str) -> Iterator[HtmlPage | ReadError]:
    """HTML response records, as bytes (trafilatura detects their encoding); a truncated or
    corrupt record becomes an error row, and a corrupt stream ends the file."""
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
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                yield ReadError(origin, f"truncated WARC record: {missing} bytes missing")
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            date = iso_date(record.rec_headers.get_header("WARC-Date") or "")
            yield HtmlPage(payload, origin, url=uri, crawl_date=date)
    except Exception as exc:  # warcio raises assorted errors on corrupt input
        reason = f"truncated or corrupt WARC: {type(exc).__name__}: {exc}"
        yield ReadError(f"{where}:record {number + 1}", reason)
