"""Standoff records: a coded article stored as its corpus reference, its text's hash and its events
with character offsets (`evidence_span`) instead of evidence text.

`materialise` turns them back into spec §5 gold documents by reading the article from the
corpus at run time; a text whose hash no longer matches is an error naming the article, so
offsets can never silently point at other words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from marsad.corpus.saudinewsnet import Article, CorpusError, SaudiNewsNet, text_hash

EVENT_FIELDS = ("type", "cameo", "mode", "source", "target", "date", "date_precision", "location", "contexts")


def to_standoff(doc_id: str, article: Article, events: list[dict]) -> dict:
    """A coded article as a standoff record; each event's evidence becomes its first span in the text."""
    text = article.text
    stored = []
    for event in events:
        start = text.find(event["evidence"])
        if start < 0:
            raise CorpusError(f"{doc_id}: evidence is not in the article text: {event['evidence'][:40]!r}")
        stored.append({**{k: event.get(k) for k in EVENT_FIELDS},
                       "evidence_span": [start, start + len(event["evidence"])]})
    return {"doc_id": doc_id, "corpus": "saudinewsnet", "zip": article.zip, "url": article.url,
            "published": article.published, "text_sha256": text_hash(text), "events": stored}


def read_records(path: Path) -> Iterator[tuple[str, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: not JSON ({exc.msg})") from None


def is_standoff(record: dict) -> bool:
    return "text_sha256" in record and "text" not in record


def text_of(record: dict, corpus: SaudiNewsNet, where: str) -> str:
    """The article's text from the corpus, checked against the stored hash."""
    try:
        article = corpus.article(record["zip"], record["url"])
    except KeyError as exc:
        raise CorpusError(f"{where}: standoff record without {exc}") from None
    if text_hash(article.text) != record["text_sha256"]:
        raise CorpusError(f"{where}: {record.get('doc_id')}: the text of {record['url']} in {record['zip']} "
                          "no longer matches its stored hash")
    return article.text


def materialise_record(record: dict, corpus: SaudiNewsNet, where: str) -> dict:
    """A standoff record as a spec §5 gold document (evidence text restored from the spans)."""
    text = text_of(record, corpus, where)
    events = []
    for event in record.get("events", []):
        start, end = event["evidence_span"]
        events.append({**{k: event.get(k) for k in EVENT_FIELDS}, "evidence": text[start:end]})
    return {"doc_id": record["doc_id"], "url": record["url"], "published": record.get("published"), "text": text,
            "events": events}
