"""HTML pages → `Document`s: main text and metadata by trafilatura, reader comments left out."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura

from marsad.model import Document, ReadError
from marsad.reading.records import HtmlPage, content_id, iso_date

# Only dates the page states in its metadata: guesses from the body are often wrong.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_to_document(page: HtmlPage) -> Document | ReadError:
    """The article in `page`, or an error when trafilatura finds no text in it."""
    try:
        result = trafilatura.bare_extraction(
            page.html, url=page.url, include_comments=False, with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        return ReadError(page.origin, f"unparsable HTML: {type(exc).__name__}: {exc}")
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        return ReadError(page.origin, "no article text in the HTML")
    url = page.url or result.url
    return Document(
        doc_id=url or content_id(text),
        text=text,
        published=iso_date(result.date) or page.crawl_date,
        title=result.title,
        url=url,
        source=outlet_of(url) or result.sitename,
        origin=page.origin,
    )


def outlet_of(url: str | None) -> str | None:
    """The outlet of a URL: its host name without "www."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
