"""Tuning: the thresholds and per-type policy that code held-out documents best (country-level F1).

The type thresholds trade recall for precision type by type; the policy says, per type,
whether the learned models, the rules or both produce its events. Everything is chosen on
predictions for documents the models did not see (`training.cross_fit`).
"""

from __future__ import annotations

from dataclasses import replace

from marsad.evaluation.matching import match_events
from marsad.extracting.calibration import fit_steps
from marsad.extracting.combining import POLICIES, combine, settle_dates
from marsad.extracting.decoding import Candidate, Settings, decode_document
from marsad.extracting.merge import merge
from marsad.extracting.predicting import DocumentScores
from marsad.extracting.training import PAIR_THRESHOLDS, TYPE_THRESHOLDS, Prepared, log
from marsad.model import EVENT_TYPES, Event

RELEVANCE_THRESHOLDS = (0.05, 0.1, 0.15, 0.2)


def as_event(candidate: Candidate, text: str = "") -> Event:
    """A candidate as a scored event; with the document's normalised text, its sentence as evidence."""
    start, end = candidate.span
    return Event(candidate.type, candidate.cameo, candidate.source, candidate.target, candidate.mode, candidate.date,
                 candidate.precision if candidate.date else None, candidate.location, candidate.contexts,
                 evidence=text[start:end].strip(), confidence=candidate.confidence)


def extract_events(document: Prepared, scores: DocumentScores, settings: Settings) -> list[Candidate]:
    """The events the extractor would output for a prepared document, given its model outputs."""
    if scores.relevance < settings.relevance_threshold:
        return []
    learned = decode_document(document.units, scores, settings)
    rules = [replace(c, source=list(c.source), target=list(c.target)) for c in document.rule_candidates]
    return merge(settle_dates(combine(learned, rules, settings.policy)))


def calibration_steps(documents: list[Prepared], outputs: dict[str, DocumentScores],
                      settings: Settings) -> dict[str, list[tuple[float, float]]]:
    """Per origin, the steps mapping raw confidence onto the share of held-out events that were right."""
    scored: dict[str, list[tuple[float, bool]]] = {"learned": [], "rules": []}
    for document in documents:
        candidates = extract_events(document, outputs[document.doc_id], settings)
        right = {j for _, j in match_events(document.gold, [as_event(c) for c in candidates], "country")}
        for index, candidate in enumerate(candidates):
            scored[candidate.origin].append((candidate.confidence, index in right))
    return {origin: fit_steps(pairs) for origin, pairs in scored.items() if pairs}


class Tuner:
    def __init__(self, documents: list[Prepared], outputs: dict[str, DocumentScores]):
        self.documents = documents
        self.outputs = outputs

    def counts(self, settings: Settings) -> dict[str, tuple[int, int, int]]:
        """Per type: (gold, system, matched) at country level."""
        totals = {t: [0, 0, 0] for t in EVENT_TYPES}
        for document in self.documents:
            system = [as_event(c) for c in extract_events(document, self.outputs[document.doc_id], settings)]
            for gold_index, _ in match_events(document.gold, system, "country"):
                totals[document.gold[gold_index].type][2] += 1
            for event in document.gold:
                totals[event.type][0] += 1
            for event in system:
                totals[event.type][1] += 1
        return {t: tuple(v) for t, v in totals.items()}

    def f1(self, settings: Settings) -> float:
        counts = self.counts(settings).values()
        gold, system, matched = (sum(c[i] for c in counts) for i in range(3))
        return 2 * matched / (gold + system) if gold + system else 0.0

    def tune(self, quiet: bool = False) -> Settings:
        settings = Settings(policy={t: "learned" for t in EVENT_TYPES})
        best = (-1.0, settings)
        for type_threshold in TYPE_THRESHOLDS:
            for pair_threshold in PAIR_THRESHOLDS:
                candidate = replace(settings, type_threshold=type_threshold, pair_threshold=pair_threshold)
                best = max(best, (self.f1(candidate), candidate), key=lambda b: b[0])
        score, settings = best
        if not quiet:
            log(f"  thresholds: type {settings.type_threshold}, pair {settings.pair_threshold}: F1 {score:.3f}")
        for event_type in EVENT_TYPES:
            for policy in POLICIES:
                candidate = replace(settings, policy={**settings.policy, event_type: policy})
                value = self.f1(candidate)
                if value > score + 1e-9:
                    score, settings = value, candidate
            for threshold in TYPE_THRESHOLDS:
                candidate = replace(settings, type_thresholds={**settings.type_thresholds, event_type: threshold})
                value = self.f1(candidate)
                if value > score + 1e-9:
                    score, settings = value, candidate
        for relevance_threshold in RELEVANCE_THRESHOLDS:
            candidate = replace(settings, relevance_threshold=relevance_threshold)
            value = self.f1(candidate)
            if value > score + 1e-9:
                score, settings = value, candidate
        if not quiet:
            chosen = ", ".join(f"{t} {p}" for t, p in settings.policy.items() if p != "learned")
            log(f"  per type: F1 {score:.3f} on held-out folds (rules or both for: {chosen or 'none'})")
        return settings
