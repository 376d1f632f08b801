"""What readers yield besides `Document`s: HTML still to be parsed, and how fields map."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class HtmlPage:
    """An HTML page whose text and metadata trafilatura extracts later, in a worker process."""

    html: str | bytes  # bytes: trafilatura detects the encoding itself
    origin: str
    url: str | None = None
    crawl_date: str | None = None  # used as the publication date when the page states none


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Which field of a JSON record holds what; None means "guess from the usual names"."""

    text: str | None = None
    date: str | None = None
    id: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


# Field names tried in order when the mapping leaves a field unset.
USUAL_FIELDS = {
    "text": ("text", "content", "body", "article", "maintext"),
    "date": ("published", "date", "date_published", "publication_date", "date_extracted"),
    "id": ("doc_id", "id", "url"),
    "source": ("source", "outlet", "site", "sitename"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
}

# SaudiNewsNet: source, url, date_extracted, title, author, content.
SAUDINEWSNET = FieldMapping(
    text="content", date="date_extracted", id="url", source="source", title="title", url="url"
)


def content_id(text: str) -> str:
    """The id of a document without a given one: a hash of its text."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def iso_date(value: object) -> str | None:
    """`YYYY-MM-DD` from the start of a date or timestamp string, else None."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None
