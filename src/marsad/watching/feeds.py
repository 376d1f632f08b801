"""RSS 2.0, RSS 1.0 (RDF), Atom and sitemap XML → the article links they list.

Element names are read without their namespaces, so the dialects of each format parse the
same way. Links are made absolute against the document's URL; only http(s) links are kept.
The standard library's expat parser resolves no external entities and refuses entity
expansion bombs.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from marsad.reading.records import iso_date


class FeedError(ValueError):
    """A response that is not a feed or sitemap; the message is one line."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """An article a feed or sitemap lists."""

    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the feed says


@dataclass(frozen=True, slots=True)
class Listing:
    """What one feed or sitemap document lists: articles, and (sitemap indexes) further sitemaps."""

    items: list[FeedItem]
    sitemaps: list[tuple[str, str | None]]  # (URL, lastmod) of the sitemaps an index lists


def parse_listing(content: bytes, base_url: str) -> Listing:
    """Parse a feed or sitemap (gzipped or not); FeedError when it is neither."""
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError) as exc:
            raise FeedError(f"corrupt gzip: {exc}") from None
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise FeedError(f"not XML: {exc}") from None
    kind = _local(root.tag)
    if kind in ("rss", "RDF"):  # RSS 2.0 and RSS 1.0
        items = [_rss_item(item, base_url) for item in _all(root, "item")]
    elif kind == "feed":
        items = [_atom_entry(entry, base_url) for entry in _all(root, "entry")]
    elif kind == "urlset":
        items = [_sitemap_url(url, base_url) for url in _children(root, "url")]
    elif kind == "sitemapindex":
        sitemaps = [(_absolute(_text(s, "loc"), base_url), _text(s, "lastmod")) for s in _children(root, "sitemap")]
        return Listing([], [(url, lastmod) for url, lastmod in sitemaps if url])
    else:
        raise FeedError(f"neither a feed nor a sitemap (root element <{kind}>)")
    seen: set[str] = set()
    unique = []
    for item in items:
        if item is not None and item.url not in seen:
            seen.add(item.url)
            unique.append(item)
    return Listing(unique, [])


def _rss_item(item: ET.Element, base: str) -> FeedItem | None:
    link = _text(item, "link")
    guid = _child(item, "guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = (guid.text or "").strip()
    url = _absolute(link, base)
    if not url:
        return None
    when = _text(item, "pubDate") or _text(item, "date") or _text(item, "published")
    return FeedItem(url, _text(item, "title"), _day(when))


def _atom_entry(entry: ET.Element, base: str) -> FeedItem | None:
    links = _children(entry, "link")
    chosen = next((link for link in links if link.get("rel", "alternate") == "alternate"), None)
    url = _absolute(chosen.get("href") if chosen is not None else None, base)
    if not url:
        return None
    return FeedItem(url, _text(entry, "title"), _day(_text(entry, "published") or _text(entry, "updated")))


def _sitemap_url(node: ET.Element, base: str) -> FeedItem | None:
    url = _absolute(_text(node, "loc"), base)
    if not url:
        return None
    news = _child(node, "news")
    title = _text(news, "title") if news is not None else None
    published = _text(news, "publication_date") if news is not None else None
    return FeedItem(url, title, _day(published or _text(node, "lastmod")))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in node if _local(child.tag) == name]


def _child(node: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in node if _local(child.tag) == name), None)


def _all(node: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in node.iter() if _local(element.tag) == name]


def _text(node: ET.Element | None, name: str) -> str | None:
    child = _child(node, name) if node is not None else None
    text = (child.text or "").strip() if child is not None else ""
    return " ".join(text.split()) or None


def _absolute(link: str | None, base: str) -> str | None:
    if not link:
        return None
    url = urljoin(base, link.strip())
    parts = urlsplit(url)
    return url.split("#", 1)[0] if parts.scheme in ("http", "https") and parts.hostname else None


def _day(value: str | None) -> str | None:
    """YYYY-MM-DD of an RFC 822 date (RSS) or an ISO 8601 one (Atom, sitemaps, Dublin Core), as the
    publisher wrote it: the local day of the outlet is the day its relative dates count from."""
    if not value:
        return None
    found = iso_date(value)
    if found:
        return found
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.date().isoformat()
