"""The extractor: cleaned text → scan → candidate events → merged events with evidence.

`Extractor` holds the knowledge base and the lexicon (loaded once per process);
`extract_document` never raises on bad text: a document that cannot be read yields no
events and a warning.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from marsad.cleaning.boilerplate import clean_view
from marsad.extracting.events import Candidate, DocumentExtractor
from marsad.extracting.lexicon import Lexicon, load_lexicon
from marsad.extracting.merge import merge
from marsad.knowledge.loader import KnowledgeBase, load_knowledge_base
from marsad.model import Document, Event, Extraction
from marsad.recognising.dates import parse_published
from marsad.recognising.scan import Scan, Scanner

log = logging.getLogger(__name__)
MAX_CHARACTERS = 2_000_000  # longer texts are cut: no news article is this long
_ARABIC = range(0x0600, 0x0700)


def _has_arabic(text: str) -> bool:
    return any(ord(c) in _ARABIC for c in text[:20_000])


class Extractor:
    """Arabic article → events; reuse one instance for many documents."""

    def __init__(self, kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None):
        self.kb = kb or load_knowledge_base()
        self.lexicon = lexicon or load_lexicon()
        self.scanner = Scanner(self.kb, self.lexicon)

    def process(self, document: Document) -> Extraction:
        warnings: list[str] = []
        text = document.text if isinstance(document.text, str) else ""
        if "\x00" in text:
            text = text.replace("\x00", " ")
            warnings.append("the text contains NUL characters (binary data?)")
        if len(text) > MAX_CHARACTERS:
            warnings.append(f"the text has {len(text):,} characters; only the first {MAX_CHARACTERS:,} are read")
            text = text[:MAX_CHARACTERS]
        view = clean_view(text)
        cleaned = view.original
        if not cleaned.strip():
            return Extraction(document.doc_id, cleaned, [], [*warnings, "the document has no text"])
        if not _has_arabic(cleaned):
            return Extraction(document.doc_id, cleaned, [], [*warnings, "the document has no Arabic text"])
        published = parse_published(document.published)
        if document.published and published is None:
            warnings.append(f"unusable publication date {document.published!r}: relative dates stay unresolved")
        scanned = self.scanner.scan(view, published)
        candidates = merge(DocumentExtractor(self.kb, self.lexicon, scanned).run())
        events = [self._event(c, scanned, document.doc_id, n) for n, c in enumerate(candidates)]
        return Extraction(document.doc_id, cleaned, events, warnings)

    @staticmethod
    def _event(candidate: Candidate, scanned: Scan, doc_id: str | None, number: int) -> Event:
        start, end = scanned.view.to_original(*candidate.span)
        return Event(
            type=candidate.type,
            cameo=candidate.cameo,
            source=candidate.source,
            target=candidate.target,
            mode=candidate.mode,
            date=candidate.date,
            date_precision=candidate.precision if candidate.date else None,
            location=candidate.location,
            contexts=candidate.contexts,
            evidence=scanned.view.original[start:end],
            evidence_span=(start, end),
            confidence=candidate.confidence,
            doc_id=doc_id,
            event_id=f"{doc_id}#{number}" if doc_id else None,
        )


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract_document(document: Document) -> Extraction:
    """Clean one document and extract its events; never raises on bad text."""
    return default_extractor().process(document)


def extract(text: str, published: str | None = None, doc_id: str | None = None) -> list[Event]:
    """The events of one Arabic article (spec §3 records as `Event`s)."""
    return extract_document(Document(doc_id or "doc", text, published)).events
