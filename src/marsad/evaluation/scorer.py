"""Precision, recall and F1 of system events against gold events, and attribute accuracy (spec §6)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from marsad.evaluation.attributes import CHECKS
from marsad.evaluation.matching import LEVELS, match_events
from marsad.model import EVENT_TYPES, Event


@dataclass(slots=True)
class Counts:
    """Gold, system and matched event counts: enough for precision, recall and F1."""

    gold: int = 0
    system: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.gold + self.system
        return 2 * self.matched / total if total else 0.0

    def add(self, gold: int, system: int, matched: int) -> None:
        self.gold += gold
        self.system += system
        self.matched += matched


@dataclass(slots=True)
class Accuracy:
    """Correct out of counted; `value` is None when nothing was counted."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(slots=True)
class Error:
    """A gold event no system event matched (miss) or a system event matching no gold (spurious)."""

    doc_id: str
    event: Event
    country_level_match: bool  # matched when actors are reduced to countries


@dataclass(slots=True)
class Score:
    """Everything `marsad evaluate` reports."""

    documents: int = 0
    overall: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    per_type: dict[str, dict[str, Counts]] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {name: Accuracy() for name in CHECKS})
    misses: list[Error] = field(default_factory=list)
    spurious: list[Error] = field(default_factory=list)
    confidences: list[tuple[float, bool]] = field(default_factory=list)  # each system event: (confidence, matched)

    def reliability(self, edges: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0)) -> list[tuple[str, int, int]]:
        """(confidence range, events, of them matched at country level) per range: is confidence a probability?"""
        rows, low = [], 0.0
        for high in edges:
            inside = [ok for c, ok in self.confidences if low <= c < high or (high == edges[-1] and c == high)]
            rows.append((f"{low:.1f}–{high:.1f}", len(inside), sum(inside)))
            low = high
        return rows


def score(documents: Iterable[tuple[str, list[Event], list[Event]]]) -> Score:
    """Score (doc_id, gold events, system events) triples; attributes are judged on person-level matches."""
    result = Score()
    for doc_id, gold, system in documents:
        result.documents += 1
        pairs = {level: match_events(gold, system, level) for level in LEVELS}
        for level, level_pairs in pairs.items():
            _count(result, level, gold, system, level_pairs)
        for g, s in pairs["person"]:
            for name, check in CHECKS.items():
                verdict = check(gold[g], system[s])
                if verdict is not None:
                    result.attributes[name].total += 1
                    result.attributes[name].correct += verdict
        _collect_errors(result, doc_id, gold, system, pairs)
        matched = {s for _, s in pairs["country"]}
        result.confidences += [(event.confidence, i in matched) for i, event in enumerate(system)]
    return result


def _count(result: Score, level: str, gold: list[Event], system: list[Event], pairs) -> None:
    result.overall[level].add(len(gold), len(system), len(pairs))
    for event_type in EVENT_TYPES:
        gold_n = sum(e.type == event_type for e in gold)
        system_n = sum(e.type == event_type for e in system)
        matched_n = sum(gold[g].type == event_type for g, _ in pairs)
        if gold_n or system_n:
            counts = result.per_type.setdefault(event_type, {lv: Counts() for lv in LEVELS})
            counts[level].add(gold_n, system_n, matched_n)


def _collect_errors(result: Score, doc_id: str, gold: list[Event], system: list[Event], pairs) -> None:
    person_gold = {g for g, _ in pairs["person"]}
    person_system = {s for _, s in pairs["person"]}
    country_gold = {g for g, _ in pairs["country"]}
    country_system = {s for _, s in pairs["country"]}
    result.misses += [Error(doc_id, e, i in country_gold) for i, e in enumerate(gold) if i not in person_gold]
    result.spurious += [
        Error(doc_id, e, i in country_system) for i, e in enumerate(system) if i not in person_system
    ]
