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


def rule_candidates(kb: KnowledgeBase, lexicon: Lexicon, scan: Scan) -> list[Candidate]:
    """The rule engine's events of a scanned document, merged per spec §4."""
    return [Candidate(c.type, c.cameo, c.mode, c.source, c.target, c.date, c.precision, c.location, c.contexts,
                      c.span, c.confidence) for c in merge(DocumentExtractor(kb, lexicon, scan).run())]
