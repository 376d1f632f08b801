"""How the extractor does on UniversalPetrarch's Arabic gold-standard records (shared/external).

The records code one PROTEST or ASSAULT per sentence, with source and target as CAMEO
country and sector codes but no names, so they measure type recall and source country,
not the full §6 match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.evaluation.jsonl import InputError, read_jsonl
from marsad.evaluation.report import accuracy_dict
from marsad.evaluation.scorer import Accuracy
from marsad.model import EVENT_TYPES, Event

# CAMEO actor codes that fill the country slot without naming a country; not scored as countries.
NON_COUNTRY_CODES = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "UAF"})
NOTHING = "nothing"

Extractor = Callable[[str, str | None, str | None], list[Event]]


@dataclass(slots=True)
class GsrSentence:
    doc_id: str
    published: str | None
    text: str
    codings: list[tuple[str, str | None]]  # (type, source country)


@dataclass(slots=True)
class GsrScore:
    sentences: int = 0
    recall: Accuracy = field(default_factory=Accuracy)
    recall_by_type: dict[str, Accuracy] = field(default_factory=dict)
    confusion: dict[str, Counter] = field(default_factory=dict)  # coded type -> what came out instead
    source_country: Accuracy = field(default_factory=Accuracy)


def read_gsr(path: str | Path) -> list[GsrSentence]:
    """The coded sentences; an InputError names the first malformed line."""
    sentences = []
    for where, record in read_jsonl(path):
        text, codings = record.get("text"), record.get("codings")
        if not isinstance(text, str) or not isinstance(codings, list) or not codings:
            raise InputError(f"{where}: needs a string 'text' and a non-empty list 'codings'")
        parsed = []
        for coding in codings:
            if not isinstance(coding, dict) or coding.get("type") not in EVENT_TYPES:
                raise InputError(f"{where}: coding without a known PLOVER type: {coding!r}")
            source = coding.get("source") or {}
            country = source.get("country") if isinstance(source, dict) else None
            parsed.append((coding["type"], country if country not in NON_COUNTRY_CODES else None))
        sentences.append(
            GsrSentence(str(record.get("doc_id") or where), record.get("published"), text, parsed)
        )
    return sentences


def measure(sentences: Iterable[GsrSentence], extract: Extractor) -> GsrScore:
    """Run the extractor on each sentence (with its published date) and tally the three measures."""
    result = GsrScore()
    for sentence in sentences:
        result.sentences += 1
        events = extract(sentence.text, sentence.published, sentence.doc_id)
        output_types = {e.type for e in events}
        for event_type, country in dict.fromkeys(sentence.codings):
            hit = event_type in output_types
            for accuracy in (result.recall, result.recall_by_type.setdefault(event_type, Accuracy())):
                accuracy.total += 1
                accuracy.correct += hit
            if not hit:
                result.confusion.setdefault(event_type, Counter()).update(sorted(output_types) or [NOTHING])
            if country:
                result.source_country.total += 1
                result.source_country.correct += any(
                    e.type == event_type and any(a.country == country for a in e.source) for e in events
                )
    return result


def gsr_dict(score: GsrScore) -> dict[str, Any]:
    acc = accuracy_dict
    return {
        "sentences": score.sentences,
        "type_recall": acc(score.recall),
        "type_recall_by_type": {t: acc(a) for t, a in sorted(score.recall_by_type.items())},
        "confusion": {t: dict(c.most_common()) for t, c in sorted(score.confusion.items())},
        "source_country_accuracy": acc(score.source_country),
    }


def gsr_text(score: GsrScore) -> str:
    def line(label: str, a: Accuracy) -> str:
        value = "n/a" if a.value is None else f"{a.value:.3f}"
        return f"  {label:<24}{value:>6}   ({a.correct}/{a.total})"

    lines = [
        f"{score.sentences} coded sentences",
        "type recall (≥1 event of the coded type):",
        line("overall", score.recall),
    ]
    lines += [line(t, a) for t, a in sorted(score.recall_by_type.items())]
    lines.append("where the coded type is missed, the system output instead:")
    for event_type, counter in sorted(score.confusion.items()):
        shares = ", ".join(f"{name} {n}" for name, n in counter.most_common())
        lines.append(f"  {event_type:<10}{shares}")
    lines += [
        "source country (an event of the coded type has a source actor of that country):",
        line("accuracy", score.source_country),
    ]
    return "\n".join(lines)
