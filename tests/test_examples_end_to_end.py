"""End to end: the extractor on examples/articles.jsonl, scored by marsad's own scorer against expected.jsonl.

A regression guard: the thresholds sit a little below the scores measured when they were set
(country F1 0.66-0.70, person F1 0.50-0.60, 10 types matched, while the extractor was being tuned).
Raise them as the extractor improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import Document
from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.extracting.pipeline import Extractor

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COUNTRY_F1_AT_LEAST = 0.62
PERSON_F1_AT_LEAST = 0.45


@pytest.fixture(scope="module")
def result():
    articles = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    extractor = Extractor()
    system = {
        a["doc_id"]: extractor.process(Document(a["doc_id"], a["text"], a.get("published"))).events for a in articles
    }
    gold = read_gold(EXAMPLES / "expected.jsonl")
    assert [d.doc_id for d in gold] == list(system)
    return score((d.doc_id, d.events, system[d.doc_id]) for d in gold)


def test_country_level_f1_on_the_examples(result):
    country = result.overall["country"]
    assert country.f1 >= COUNTRY_F1_AT_LEAST, f"country P={country.precision:.3f} R={country.recall:.3f}"


def test_person_level_f1_on_the_examples(result):
    person = result.overall["person"]
    assert person.f1 >= PERSON_F1_AT_LEAST, f"person P={person.precision:.3f} R={person.recall:.3f}"


def test_the_extractor_finds_events_of_most_gold_types(result):
    matched_types = {t for t, levels in result.per_type.items() if levels["country"].matched}
    assert len(matched_types) >= 8, sorted(matched_types)
