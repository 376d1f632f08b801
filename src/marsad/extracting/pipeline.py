"""The extractor: cleaned text → recognition → candidates → models → decoding → combined, merged events.

`Extractor` holds the knowledge base, the lexicon and a trained model (loaded once per
process; the default model ships in the package). `extract_document` never raises on bad
text: a document that cannot be read yields no events and a warning.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from marsad.cleaning.boilerplate import clean_view
from marsad.extracting.calibration import calibrated
from marsad.extracting.candidates import DocumentUnits, document_units
from marsad.extracting.combining import combine, settle_dates
from marsad.extracting.decoding import Candidate, Settings, decode_document
from marsad.extracting.lexicon import Lexicon, load_lexicon
from marsad.extracting.merge import merge
from marsad.extracting.models import Bundle, ModelError
from marsad.extracting.predicting import Predictor, score_document
from marsad.extracting.rules import rule_candidates, trigger_readings
from marsad.knowledge.loader import KnowledgeBase, load_knowledge_base
from marsad.model import EVENT_TYPES, Document, Event, Extraction
from marsad.recognising.dates import parse_published
from marsad.recognising.scan import Scanner

log = logging.getLogger(__name__)
# Event words the rules may read as another type: a future CONSULT is AGREE 036, an ambassador of one's own
# summoned (ACCUSE 114) is a recall, a demand that an envoy leave (REQUEST) an expulsion.
RETYPED_FROM = {"AGREE": ("CONSULT",), "SANCTION": ("ACCUSE", "REQUEST")}
MAX_CHARACTERS = 2_000_000  # longer texts are cut: no news article is this long
DEFAULT_MODEL = Path(__file__).parent / "trained" / "default.npz"
MODEL_VARIABLE = "MARSAD_MODEL"  # set by `--model`, so that worker processes use the same model
_ARABIC = range(0x0600, 0x0700)


def _has_arabic(text: str) -> bool:
    return any(ord(c) in _ARABIC for c in text[:20_000])


class Extractor:
    """Arabic article → events; reuse one instance for many documents."""

    def __init__(self, kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None,
                 model: str | Path | Bundle | None = None):
        self.kb = kb or load_knowledge_base()
        self.lexicon = lexicon or load_lexicon()
        self.scanner = Scanner(self.kb, self.lexicon)
        if isinstance(model, Bundle):
            self.bundle = model
        elif model is not None or DEFAULT_MODEL.exists():
            self.bundle = Bundle.load(model or DEFAULT_MODEL)
        else:
            self.bundle = Bundle({})
        self.predictor = Predictor(self.bundle)
        self.settings = Settings.from_dict(self.bundle.settings)
        if not self.bundle.models:  # no trained model: the rules code every type
            self.settings.policy = {t: "rules" for t in EVENT_TYPES}
        rule_types = {t for t, p in self.settings.policy.items() if p != "learned"}
        self.rule_words = frozenset(w for t in rule_types for w in (t, *RETYPED_FROM.get(t, ())))
        self.floor = min([self.settings.type_threshold, *self.settings.type_thresholds.values()])

    def _rules_may_help(self, scan) -> bool:
        """Whether the rule engine could find an event of a type the policy lets it code: each of its events
        starts from an event word of that type, or of one it reads as that type (a future meeting is AGREE,
        a summoned ambassador of one's own a recall)."""
        return any(m.trigger.type in self.rule_words for s in scan.sentences for m in s.triggers)

    @property
    def version(self) -> str:
        return self.bundle.version

    def scan_text(self, text: str, published: str | None = None):
        """A text's recognition alone (what the relevance model reads)."""
        return self.scanner.scan(clean_view(text), parse_published(published))

    def read(self, text: str, published: str | None) -> tuple[DocumentUnits, list[Candidate]]:
        """A cleaned text's candidates, and the rule engine's events (training reads gold texts through this)."""
        view = clean_view(text)
        scan = self.scanner.scan(view, parse_published(published))
        units = document_units(self.kb, self.lexicon, scan, trigger_readings(self.kb, self.lexicon, scan))
        return units, rule_candidates(self.kb, self.lexicon, scan)

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
            warnings.append(f"unusable publication date {document.published!r}: "
                            "relative dates count only from a date the page itself gives")
        scan = self.scanner.scan(view, published)
        relevance = self.predictor.relevance(scan, document.url)
        if relevance < self.settings.relevance_threshold:  # not political news: nothing more to read
            return Extraction(document.doc_id, cleaned, [], warnings, relevance=relevance)
        units = document_units(self.kb, self.lexicon, scan, trigger_readings(self.kb, self.lexicon, scan))
        scores = score_document(self.predictor, units, self.floor, relevance)
        learned = decode_document(units, scores, self.settings)
        rules = rule_candidates(self.kb, self.lexicon, scan) if self._rules_may_help(scan) else []
        candidates = merge(settle_dates(combine(learned, rules, self.settings.policy)))
        for candidate in candidates:
            candidate.confidence = calibrated(self.settings.calibration.get(candidate.origin, []), candidate.confidence)
        events = [self._event(c, view, document.doc_id, n) for n, c in enumerate(candidates)]
        return Extraction(document.doc_id, cleaned, events, warnings, relevance=scores.relevance)

    @staticmethod
    def _event(candidate: Candidate, view, doc_id: str | None, number: int) -> Event:
        start, end = view.to_original(*candidate.span)
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
            evidence=view.original[start:end],
            evidence_span=(start, end),
            confidence=candidate.confidence,
            doc_id=doc_id,
            event_id=f"{doc_id}#{number}" if doc_id else None,
        )


def current_model_version() -> str | None:
    """The version of the model this process extracts with (read from its file's header alone)."""
    path = os.environ.get(MODEL_VARIABLE) or (DEFAULT_MODEL if DEFAULT_MODEL.exists() else None)
    return model_version_of(str(path)) if path else None


@lru_cache(maxsize=8)
def model_version_of(path: str) -> str | None:
    try:
        return Bundle.header(path).get("about", {}).get("version")
    except ModelError:
        return None


@lru_cache(maxsize=4)
def _extractor(model: str | None) -> Extractor:
    return Extractor(model=model)


def default_extractor() -> Extractor:
    """The process's extractor, with the model `--model` (or $MARSAD_MODEL) names, else the bundled one."""
    return _extractor(os.environ.get(MODEL_VARIABLE) or None)


def extract_document(document: Document) -> Extraction:
    """Clean one document and extract its events; never raises on bad text."""
    return default_extractor().process(document)


def extract(text: str, published: str | None = None, doc_id: str | None = None) -> list[Event]:
    """The events of one Arabic article (spec §3 records as `Event`s)."""
    return extract_document(Document(doc_id or "doc", text, published)).events
