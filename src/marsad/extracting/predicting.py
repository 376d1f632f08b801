"""The trained models applied to one document: how likely each sentence reports each type of event,
and how likely each pair of its mentions are that event's two sides.

Model names in a bundle: `sentence` (one binary column per type over the sentence's words,
event words and cues), `pair` (source, target), `relevance` (is the document political
news at all). A separate model of event words alone, tried beside the sentence model,
added nothing on held-out folds and was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from marsad.extracting.alignment import candidate_mentions
from marsad.extracting.candidates import DocumentUnits, Unit
from marsad.extracting.features import document_features, sentence_features
from marsad.extracting.mentions import Mention
from marsad.extracting.models import Bundle
from marsad.extracting.role_features import relation_features, role_features
from marsad.model import EVENT_TYPES, SYMMETRIC_TYPES
from marsad.recognising.scan import Scan


@dataclass(slots=True)
class PairScores:
    """For one sentence and type: its candidate mentions and P(i is source, j is target) for i ≠ j."""

    candidates: list[tuple[Mention, bool]]
    pairs: list[tuple[int, int]]
    probabilities: np.ndarray


class Predictor:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        models = bundle.models
        self.sentence_model = models.get("sentence")
        self.pair_model = models.get("pair")
        self.relevance_model = models.get("relevance")

    def relevance(self, scan: Scan, url: str | None = None) -> float:
        if self.relevance_model is None:
            return 1.0
        return self.relevance_model.probability(document_features(scan, url))

    def type_probabilities(self, doc: DocumentUnits) -> dict[str, np.ndarray]:
        """P(type reported in sentence), from the sentence's words, its event words with their cues and the
        rules' reading of them, and who it names."""
        units = doc.units
        result = {t: np.zeros(len(units), dtype=np.float32) for t in EVENT_TYPES}
        # a sentence that names nobody, with at most one actor carried into it, cannot give an event two sides
        able = [u for u in units if u.mentions or len(u.carried) > 1]
        if self.sentence_model is not None and able:
            probabilities = self.sentence_model.probabilities([sentence_features(doc, unit) for unit in able])
            rows = [u.index for u in able]
            for column, event_type in enumerate(self.sentence_model.classes):
                result[event_type][rows] = probabilities[:, column]
        return result

    def pair_scores(self, doc: DocumentUnits, unit: Unit, event_type: str) -> PairScores | None:
        candidates = candidate_mentions(unit, event_type)
        if len(candidates) < 2 or self.pair_model is None:
            return None
        model = self.pair_model
        singles = [role_features(doc, unit, event_type, m, carried, order)
                   for order, (m, carried) in enumerate(candidates)]
        # the same columns `pair_features` names, each mention's looked up once rather than once per pair
        as_source = [model.indices([f"s:{f}" for f in row]) for row in singles]
        as_target = [model.indices([f"t:{f}" for f in row]) for row in singles]
        pairs = [(i, j) for i in range(len(candidates)) for j in range(len(candidates)) if i != j
                 and not (event_type in SYMMETRIC_TYPES and j < i)]
        rows = [as_source[i] | as_target[j] | model.indices(relation_features(doc, unit, event_type, candidates, i, j))
                for i, j in pairs]
        return PairScores(candidates, pairs, model.probabilities_of(rows)[:, 0])


@dataclass(slots=True)
class DocumentScores:
    """A document's model outputs: relevance, P(type) per sentence, and pair scores where a type is likely."""

    relevance: float
    types: dict[str, np.ndarray]
    pairs: dict[tuple[int, str], PairScores]


def score_document(bundle: Bundle | Predictor, doc: DocumentUnits, floor: float,
                   relevance: float | None = None, url: str | None = None) -> DocumentScores:
    """All model outputs of a document (its relevance, when not given, from its scan); sentences and types below
    `floor` get no pair scores."""
    predictor = bundle if isinstance(bundle, Predictor) else Predictor(bundle)
    if relevance is None:
        relevance = predictor.relevance(doc.context.scan, url)
    types = predictor.type_probabilities(doc)
    pairs = {}
    for event_type, probabilities in types.items():
        for index in np.flatnonzero(probabilities >= floor):
            scores = predictor.pair_scores(doc, doc.units[index], event_type)
            if scores is not None:
                pairs[(int(index), event_type)] = scores
    return DocumentScores(relevance, types, pairs)
