"""`marsad train` and `marsad evaluate --cv`: from coded documents to a model, and honest accuracy.

Training reads the gold documents once, predicts each of them with models that did not see
it (k folds by document) to tune thresholds and the per-type policy, then trains the final
models on everything. Cross-validation repeats all of that inside each outer fold, so the
documents it scores never took part in any decision.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass

from marsad import __version__
from marsad.extracting.decoding import Settings
from marsad.extracting.features import document_features
from marsad.extracting.models import Bundle
from marsad.extracting.predicting import Predictor, score_document
from marsad.extracting.training import Prepared, cross_fit, fit_models, folds, log, prepare, sector_table
from marsad.extracting.tuning import Tuner, as_event, calibration_steps, extract_events

INNER_FOLDS = 5


@dataclass(slots=True)
class RelevanceExample:
    doc_id: str
    text: str
    relevant: bool
    url: str | None = None


def relevance_rows(extractor, examples: list[RelevanceExample], quiet: bool = False) -> list[tuple[list[str], bool]]:
    """(document features, relevant) rows for the relevance model, one per labelled article."""
    rows, started = [], time.monotonic()
    for number, example in enumerate(examples, 1):
        rows.append((document_features(extractor.scan_text(example.text), example.url), example.relevant))
        if not quiet and (number % 1000 == 0 or number == len(examples)):
            log(f"  read {number:,}/{len(examples):,} relevance examples ({time.monotonic() - started:.0f} s)")
    return rows


def train_bundle(prepared: list[Prepared], relevance=(), folds_count: int = INNER_FOLDS, quiet: bool = False) -> Bundle:
    """Tune on held-out folds of `prepared`, then fit the final models on all of it."""
    outputs = cross_fit(prepared, folds_count, relevance, quiet=quiet)
    tuner = Tuner(prepared, outputs)
    settings = tuner.tune(quiet=quiet)
    settings.sectors = sector_table(prepared)
    settings.calibration = calibration_steps(prepared, outputs, settings)
    bundle = fit_models(prepared, relevance, quiet=quiet)
    bundle.settings = settings.to_dict()
    return bundle


def train(extractor, documents, relevance: list[RelevanceExample] = (), sources: list[str] = (),
          folds_count: int = INNER_FOLDS, quiet: bool = False, weights: dict[str, int] | None = None) -> Bundle:
    """A trained model from gold documents (`evaluation.files.GoldDocument`, each counted `weight` times) and
    relevance examples; `weights` (source file → weight) is recorded with the model."""
    started = time.monotonic()
    if not quiet:
        log(f"reading {len(documents):,} coded documents")
    prepared = prepare(extractor, documents, quiet=quiet)
    # a document of weight w is counted w times: by the models, and by the tuning of thresholds on held-out folds
    # (its copies share a fold, as they share a doc_id)
    prepared = [p for p, document in zip(prepared, documents, strict=True) for _ in range(document.weight)]
    rows = relevance_rows(extractor, list(relevance), quiet=quiet) if relevance else []
    if not quiet:
        log(f"cross-fitting {folds_count} folds to tune thresholds")
    bundle = train_bundle(prepared, rows, folds_count, quiet=quiet)
    digest = hashlib.sha256()
    for document in sorted(documents, key=lambda d: d.doc_id):
        digest.update(document.doc_id.encode())
        digest.update(document.text.encode())
        digest.update(repr([e.to_dict() for e in document.events]).encode())
        if document.weight != 1:
            digest.update(f"weight {document.weight}".encode())
    bundle.about = {
        "marsad": __version__,
        "documents": len(documents),
        "events": sum(len(d.events) for d in documents),
        "relevance_examples": len(rows),
        "sources": list(sources),
        "weights": {s: w for s, w in (weights or {}).items() if w != 1},
        "training_data": digest.hexdigest()[:16],
        "knowledge_base": {"people": len(extractor.kb.people), "organisations": len(extractor.kb.organisations),
                           "places": len(extractor.kb.places), "office_terms": len(extractor.kb.offices)},
    }
    if not quiet:
        log(f"trained in {time.monotonic() - started:.0f} s")
    return bundle


def cross_validate(extractor, documents, k: int, relevance: list[RelevanceExample] = (),
                   quiet: bool = False) -> list[tuple[str, list, list]]:
    """(doc_id, gold, system) for every document, each predicted by a model trained and tuned without it."""
    prepared = prepare(extractor, documents, quiet=quiet)
    rows = relevance_rows(extractor, list(relevance), quiet=quiet) if relevance else []
    results = []
    for number, (train_part, held_out) in enumerate(folds(prepared, k, seed=29), 1):
        if not quiet:
            log(f"outer fold {number}/{k}: training on {len(train_part):,} documents")
        bundle = train_bundle(train_part, rows, min(INNER_FOLDS, k), quiet=True)
        settings = Settings.from_dict(bundle.settings)
        predictor = Predictor(bundle)
        floor = min([settings.type_threshold, *settings.type_thresholds.values()])
        for document in held_out:
            scores = score_document(predictor, document.units, floor, url=document.url)
            text = document.units.context.text
            system = [as_event(c, text) for c in extract_events(document, scores, settings)]
            results.append((document.doc_id, document.gold, system))
    return results


def today() -> str:
    return datetime.date.today().isoformat()
