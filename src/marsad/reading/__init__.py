"""Reading stage: input files of any supported format → `Document`s and `ReadError`s.

    >>> from marsad.reading import read_paths
    >>> for item in read_paths(["archive/"]): ...

Readers never raise on bad input: a broken record becomes a `ReadError` with its location.
HTML (files and WARC responses) comes out as `HtmlPage`; `to_document` turns it into a
`Document` (trafilatura), which is slow, so the ingest runs it in worker processes.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.model import Document, ReadError
from marsad.reading.detect import FORMATS, detect_format
from marsad.reading.html import html_to_document
from marsad.reading.readers import GUESS, Item, read_file, read_paths
from marsad.reading.records import SAUDINEWSNET, FieldMapping, HtmlPage, content_id


def to_document(item: Document | HtmlPage) -> Document | ReadError:
    """A readable document from any read item (HTML is parsed here)."""
    return html_to_document(item) if isinstance(item, HtmlPage) else item


def read_documents(
    paths: Iterable[str | Path], mapping: FieldMapping = GUESS, published: str | None = None,
) -> Iterator[Document | ReadError]:
    """Readable documents (HTML parsed) and errors from any supported input, as `marsad ingest` reads
    them; `published` dates the documents that carry no date (plain text files)."""
    for item in read_paths(paths, mapping):
        document = item if isinstance(item, ReadError) else to_document(item)
        if isinstance(document, Document) and published and not document.published:
            document.published = published
        yield document


__all__ = [
    "FORMATS", "SAUDINEWSNET", "FieldMapping", "HtmlPage", "Item", "content_id", "detect_format",
    "read_documents", "read_file", "read_paths", "to_document",
]
