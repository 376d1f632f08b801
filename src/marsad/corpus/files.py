"""Training inputs from any mix of gold files (spec §5) and standoff corpus files, and relevance labels."""

from __future__ import annotations

from pathlib import Path

from marsad.corpus.saudinewsnet import DEFAULT_CORPUS, CorpusError, SaudiNewsNet
from marsad.corpus.standoff import is_standoff, materialise_record, read_records, text_of
from marsad.evaluation.files import GoldDocument, parse_event
from marsad.evaluation.jsonl import InputError
from marsad.extracting.learn import RelevanceExample

__all__ = ["CorpusError", "read_training_files"]


def read_training_files(gold: list[Path], relevance: list[Path], corpus: Path | None = None,
                        weights: dict[Path, int] | None = None) -> tuple[list[GoldDocument], list[RelevanceExample]]:
    """Every coded document and relevance example of the files; a doc_id may appear only once. A file's
    documents carry its weight (how many times training counts them), 1 unless `weights` gives another."""
    source = SaudiNewsNet(corpus or DEFAULT_CORPUS)
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    for path in gold:
        weight = (weights or {}).get(path, 1)
        for where, record in read_records(path):
            if is_standoff(record):
                record = materialise_record(record, source, where)
            document = _gold_document(record, where)
            if document.doc_id in seen:
                raise CorpusError(f"{where}: doc_id {document.doc_id!r} appears twice in the training files")
            seen.add(document.doc_id)
            document.weight = weight
            documents.append(document)
    examples = []
    for path in relevance:
        for where, record in read_records(path):
            text = text_of(record, source, where) if is_standoff(record) else record.get("text")
            if not isinstance(text, str) or not isinstance(record.get("relevant"), bool):
                raise CorpusError(f"{where}: a relevance record needs text (or a corpus reference) and relevant")
            examples.append(RelevanceExample(str(record.get("doc_id")), text, record["relevant"], record.get("url")))
    return documents, examples


def _gold_document(record: dict, where: str) -> GoldDocument:
    doc_id, text, events = record.get("doc_id"), record.get("text"), record.get("events")
    if not isinstance(doc_id, str) or not isinstance(text, str) or not isinstance(events, list):
        raise CorpusError(f"{where}: a gold record needs doc_id, text and events (spec §5)")
    try:
        parsed = [parse_event(event, f"{where}: {doc_id} event {n}") for n, event in enumerate(events, 1)]
    except InputError as exc:
        raise CorpusError(str(exc)) from None
    return GoldDocument(doc_id, record.get("published"), text, parsed, record.get("url"))
