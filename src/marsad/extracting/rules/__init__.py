"""The hand-written rule engine, kept as a second generator of events beside the learned models.

Training measures, type by type, whether its events help on held-out documents; the
policy stored with the model says where they are used (`combining`).
"""

from __future__ import annotations

from marsad.extracting.decoding import Candidate
from marsad.extracting.lexicon import Lexicon
from marsad.extracting.merge import merge
from marsad.extracting.rules.engine import DocumentExtractor
from marsad.knowledge.loader import KnowledgeBase
from marsad.recognising.scan import Scan


def trigger_readings(kb: KnowledgeBase, lexicon: Lexicon, scan: Scan) -> dict[int, tuple[str, str] | None]:
    """What the rules make of each event word on its own, by its start: (type, CAMEO code), or None when its
    context cancels it (negated, denied, hypothetical, background, the object of another statement …)."""
    engine = DocumentExtractor(kb, lexicon, scan)
    readings: dict[int, tuple[str, str] | None] = {}
    for sentence in scan.sentences:
        previous = None
        for match in sentence.triggers:
            reading = engine.reading(sentence, match, previous)
            if reading == "replace-previous":  # "مطالبة السفيرة بمغادرة البلاد" is the expulsion itself
                readings[previous.start] = None
                reading = (match.trigger.type, match.trigger.cameo)
            readings[match.start] = reading
            if reading is not None:
                previous = match
    return readings


def rule_candidates(kb: KnowledgeBase, lexicon: Lexicon, scan: Scan) -> list[Candidate]:
    """The rule engine's events of a scanned document, merged per spec §4."""
    return merge(DocumentExtractor(kb, lexicon, scan).run())
