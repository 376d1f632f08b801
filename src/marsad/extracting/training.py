"""Training: gold documents → aligned examples → models → thresholds and policy tuned on held-out folds.

`prepare` reads each gold document once (cleaning, recognition, alignment, feature rows);
`fit` trains the models on prepared documents; `cross_fit` predicts every document with
models that never saw it; `tune` chooses the thresholds and, per event type, whether the
learned models, the rules or both decide, by country-level F1 on those predictions.
Training is deterministic: the same gold files give the same model.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from marsad.extracting.alignment import NONE, SOURCE, TARGET, Alignment, align, candidate_mentions, mention_role
from marsad.extracting.candidates import DocumentUnits
from marsad.extracting.decoding import Candidate, sector_key
from marsad.extracting.features import document_features, sentence_features
from marsad.extracting.models import Bundle, fit, fit_each
from marsad.extracting.predicting import DocumentScores, score_document
from marsad.extracting.role_features import pair_features, role_features
from marsad.model import EVENT_TYPES, SYMMETRIC_TYPES, Event

TYPE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
PAIR_THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
MIN_TYPE_PROBABILITY = min(TYPE_THRESHOLDS)  # below it no sentence is decoded, in tuning or use
SECTOR_MIN_COUNT, SECTOR_MIN_SHARE = 3, 0.6
# Inverse regularisation strength of each model (scikit-learn's C), chosen by cross-validation.
REGULARISATION = {"sentence": 1.0, "pair": 1.0, "relevance": 1.0}


@dataclass(slots=True)
class Prepared:
    """One gold document, read, aligned and turned into feature rows once."""

    doc_id: str
    url: str | None
    gold: list[Event]
    units: DocumentUnits
    alignment: Alignment
    relevance_row: list[str]
    sentence_rows: list[list[str]]
    pair_rows: list[tuple[list[str], bool]]
    sectors: list[tuple[str, str]]  # (sector key, the gold sector) of generic actors matched by country
    rule_candidates: list[Candidate] = field(default_factory=list)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare(extractor, documents, quiet: bool = False) -> list[Prepared]:
    """Gold documents (evaluation.files.GoldDocument) ready for training, with progress on stderr."""
    prepared, started = [], time.monotonic()
    for number, document in enumerate(documents, 1):
        units, rules = extractor.read(document.text, document.published)
        prepared.append(_prepare_one(document, units, rules))
        if not quiet and (number % 200 == 0 or number == len(documents)):
            log(f"  read {number:,}/{len(documents):,} documents ({time.monotonic() - started:.0f} s)")
    return prepared


def _prepare_one(document, units: DocumentUnits, rules: list[Candidate]) -> Prepared:
    alignment = align(units, document.events)
    sentence_rows = [sentence_features(units, unit) for unit in units.units]
    pair_rows, sectors = [], []
    for unit in units.units:
        for event_type, events in alignment.events[unit.index].items():
            candidates = candidate_mentions(unit, event_type)
            roles = [mention_role(m, events) for m, _ in candidates]
            singles = [role_features(units, unit, event_type, m, carried, order)
                       for order, (m, carried) in enumerate(candidates)]
            for i in range(len(candidates)):
                for j in range(len(candidates)):
                    if i == j or (event_type in SYMMETRIC_TYPES and j < i):
                        continue
                    label = pair_label(event_type, roles[i], roles[j], candidates[i][0], candidates[j][0])
                    pair_rows.append((pair_features(units, unit, event_type, candidates, i, j, singles), label))
            sectors += _sector_observations(event_type, candidates, roles, events)
    return Prepared(document.doc_id, getattr(document, "url", None), document.events, units, alignment,
                    document_features(units.context.scan, getattr(document, "url", None)), sentence_rows, pair_rows,
                    sectors, rules)


def pair_label(event_type: str, first: str, second: str, a, b) -> bool:
    if event_type in SYMMETRIC_TYPES:
        return first != NONE and second != NONE and {x.country for x in a.actors} != {x.country for x in b.actors}
    return first == SOURCE and second == TARGET


def _sector_observations(event_type: str, candidates, roles: list[str], events: list[Event]) -> list[tuple[str, str]]:
    """For the generic actors of mentions aligned to a side: the sector the coders gave that side's actor of
    the same country (itself when they agree, so the table learns only clear corrections)."""
    observed = []
    for (mention, _), role in zip(candidates, roles, strict=True):
        if role == NONE:
            continue
        for actor in mention.actors:
            if actor.name is not None or actor.country is None:
                continue
            sectors = {gold.sector for event in events for gold in (event.source if role == SOURCE else event.target)
                       if gold.name is None and gold.country == actor.country}
            if actor.sector in sectors or len(sectors) == 1:
                sector = actor.sector if actor.sector in sectors else next(iter(sectors))
                observed.append((sector_key(event_type, role, mention.kind, actor.sector), sector))
    return observed


def fit_models(documents: list[Prepared], relevance: list[tuple[list[str], bool]] = (), quiet: bool = True) -> Bundle:
    """The models of an extractor, trained on prepared documents (and extra relevance examples)."""
    started = time.monotonic()
    models = {}
    sentence_rows = [row for d in documents for row in d.sentence_rows]
    sentence_types = [types for d in documents for types in d.alignment.types]
    models["sentence"] = fit_each(sentence_rows, sentence_types, list(EVENT_TYPES), REGULARISATION["sentence"])
    pairs = [row for d in documents for row in d.pair_rows]
    if len({label for _, label in pairs}) == 2:
        models["pair"] = fit([r for r, _ in pairs], [label for _, label in pairs], REGULARISATION["pair"])
    documents_relevance = [(d.relevance_row, bool(d.gold)) for d in documents] + list(relevance)
    if len({label for _, label in documents_relevance}) == 2:
        models["relevance"] = fit([r for r, _ in documents_relevance], [label for _, label in documents_relevance],
                                  REGULARISATION["relevance"])
    if not quiet:
        log(f"  fitted {len(models)} models in {time.monotonic() - started:.0f} s")
    return Bundle(models, {"sectors": sector_table(documents)})


def sector_table(documents: list[Prepared]) -> dict[str, str]:
    """The sector coders give generic actors of each (type, side, phrase kind, recognised sector), where clear."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for document in documents:
        for key, sector in document.sectors:
            counts[key][sector] += 1
    table = {}
    for key, sectors in sorted(counts.items()):
        sector, n = sectors.most_common(1)[0]
        if n >= SECTOR_MIN_COUNT and n / sum(sectors.values()) >= SECTOR_MIN_SHARE and not key.endswith(f"|{sector}"):
            table[key] = sector
    return table


def folds(documents: list, k: int, seed: int = 13) -> list[tuple[list, list]]:
    """k splits by document, the same for the same documents."""
    ids = sorted(d.doc_id for d in documents)
    random.Random(seed).shuffle(ids)
    fold_of = {doc_id: n % k for n, doc_id in enumerate(ids)}
    return [([d for d in documents if fold_of[d.doc_id] != j], [d for d in documents if fold_of[d.doc_id] == j])
            for j in range(k)]


def cross_fit(documents: list[Prepared], k: int, relevance=(), quiet: bool = False) -> dict[str, DocumentScores]:
    """Every document's model outputs from models trained without it."""
    outputs = {}
    for number, (train, held_out) in enumerate(folds(documents, k), 1):
        started = time.monotonic()
        bundle = fit_models(train, relevance)
        for document in held_out:
            outputs[document.doc_id] = score_document(bundle, document.units, MIN_TYPE_PROBABILITY, url=document.url)
        if not quiet:
            log(f"  fold {number}/{k}: trained on {len(train):,}, predicted {len(held_out):,} "
                f"({time.monotonic() - started:.0f} s)")
    return outputs
