"""The example articles and their expected events stay consistent with each other and with spec §5."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.model import ORGANISATION_CODES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLD_FIELDS = {"type", "mode", "cameo", "source", "target", "date", "location", "contexts", "evidence"}


def test_expected_events_are_valid_gold_with_evidence_in_the_text():
    documents = read_gold(EXAMPLES / "expected.jsonl")
    assert len(documents) >= 12
    for line in (EXAMPLES / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for event in record["events"]:
            assert set(event) == GOLD_FIELDS, record["doc_id"]
            assert event["evidence"] and event["evidence"] in record["text"], record["doc_id"]
            for actor in event["source"] + event["target"]:
                assert (actor["sector"] == "IGO") == (actor["country"] in ORGANISATION_CODES), actor


def test_articles_and_expected_describe_the_same_documents():
    articles = [
        json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    expected = {d.doc_id: d for d in read_gold(EXAMPLES / "expected.jsonl")}
    assert [a["doc_id"] for a in articles] == list(expected)
    for article in articles:
        assert set(article) == {"doc_id", "published", "title", "text"}
        assert article["text"] == expected[article["doc_id"]].text


def test_expected_events_score_perfectly_against_themselves():
    documents = read_gold(EXAMPLES / "expected.jsonl")
    result = score((d.doc_id, d.events, d.events) for d in documents)
    assert result.overall["person"].f1 == 1.0
    assert result.attributes["date"].value == 1.0
