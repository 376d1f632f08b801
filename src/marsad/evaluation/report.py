"""Rendering scores for people (aligned text) and for programs (JSON-ready dicts)."""

from __future__ import annotations

from typing import Any

from marsad.evaluation.matching import LEVELS
from marsad.evaluation.scorer import Accuracy, Counts, Error, Score
from marsad.model import EVENT_TYPES, Actor, Event

ATTRIBUTE_LABELS = {
    "date": "date",
    "mode": "mode (visit = host)",
    "location": "location (name)",
    "location_country": "location (country)",
}


def counts_dict(counts: Counts) -> dict[str, Any]:
    return {
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
        "gold": counts.gold,
        "system": counts.system,
        "matched": counts.matched,
    }


def accuracy_dict(accuracy: Accuracy) -> dict[str, Any]:
    value = accuracy.value
    return {
        "accuracy": None if value is None else round(value, 4),
        "correct": accuracy.correct,
        "total": accuracy.total,
    }


def score_dict(score: Score, errors: bool = False) -> dict[str, Any]:
    """The whole report as JSON-ready data; misses and spurious events only when asked for."""
    data: dict[str, Any] = {
        "documents": score.documents,
        "overall": {level: counts_dict(score.overall[level]) for level in LEVELS},
        "per_type": {t: {lv: counts_dict(c) for lv, c in score.per_type[t].items()} for t in _types(score)},
        "attributes": {name: accuracy_dict(acc) for name, acc in score.attributes.items()},
        "reliability": [{"confidence": label, "events": events, "right": right}
                        for label, events, right in score.reliability()],
    }
    if errors:
        data["misses"] = [_error_dict(e) for e in score.misses]
        data["spurious"] = [_error_dict(e) for e in score.spurious]
    return data


def score_text(score: Score) -> str:
    """The report a person reads after `marsad evaluate`."""
    country = score.overall["country"]
    lines = [
        f"{score.documents} documents, {country.gold} gold events, {country.system} system events",
        "",
        f"{'level':<10}{'P':>7}{'R':>7}{'F1':>7}   matched/gold/system",
    ]
    for level in LEVELS:
        c = score.overall[level]
        lines.append(
            f"{level:<10}{_num(c.precision)}{_num(c.recall)}{_num(c.f1)}   {c.matched}/{c.gold}/{c.system}"
        )
    lines += [
        "",
        f"{'type':<11}{'country P':>10}{'R':>7}{'F1':>7}{'person P':>11}{'R':>7}{'F1':>7}"
        f"{'gold':>7}{'system':>8}",
    ]
    for event_type in _types(score):
        c, p = score.per_type[event_type]["country"], score.per_type[event_type]["person"]
        lines.append(
            f"{event_type:<11}{_num(c.precision, 10)}{_num(c.recall)}{_num(c.f1)}"
            f"{_num(p.precision, 11)}{_num(p.recall)}{_num(p.f1)}{c.gold:>7}{c.system:>8}"
        )
    lines += ["", "on person-level matches where the gold says:"]
    for name, label in ATTRIBUTE_LABELS.items():
        acc = score.attributes[name]
        value = "n/a" if acc.value is None else f"{acc.value:.3f}"
        lines.append(f"  {label:<22}{value:>6}   ({acc.correct}/{acc.total})")
    lines += ["", "confidence vs. how many were right (country level):"]
    for label, events, right in score.reliability():
        share = f"{right / events:.3f}" if events else "  —  "
        lines.append(f"  {label:<10}{events:>6} events{share:>8} right")
    return "\n".join(lines)


def errors_text(score: Score) -> str:
    """Each miss and spurious event with its document, actors and evidence, for reading failures."""
    lines = [f"misses ({len(score.misses)}): gold events no system event matched"]
    lines += [_error_line(e) for e in score.misses]
    lines += ["", f"spurious ({len(score.spurious)}): system events matching no gold event"]
    lines += [_error_line(e) for e in score.spurious]
    return "\n".join(lines)


def _types(score: Score) -> list[str]:
    return [t for t in EVENT_TYPES if t in score.per_type]


def _num(value: float, width: int = 7) -> str:
    return f"{value:>{width}.3f}"


def _actor(actor: Actor) -> str:
    return f"{actor.name or '—'} ({actor.country or '?'} {actor.sector})"


def describe(event: Event) -> str:
    """One line: type, mode, actors, date."""
    source = ", ".join(map(_actor, event.source)) or "—"
    target = ", ".join(map(_actor, event.target)) or "—"
    mode = f"/{event.mode}" if event.mode else ""
    return f"{event.type}{mode}  {source} → {target}  {event.date or 'no date'}"


def _error_line(error: Error) -> str:
    note = "  [matches at country level]" if error.country_level_match else ""
    return f"  {error.doc_id}  {describe(error.event)}{note}\n      «{error.event.evidence}»"


def _error_dict(error: Error) -> dict[str, Any]:
    event = error.event.to_dict()
    event["doc_id"] = error.doc_id
    event["country_level_match"] = error.country_level_match
    return event
