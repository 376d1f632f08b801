"""Does the coded corpus help on articles like the shared real set? Decided on training folds, not the test set.

    python benchmarks/cv_with_corpus.py [--shared ../shared]

5-fold cross-validation by document on `dev/real/train.jsonl` (the folds of `marsad evaluate --cv 5`),
once with the training folds alone and once with the project's coded SaudiNewsNet corpus and its
relevance labels added to every training fold (never to a held-out one), and once more with the shared
training folds counted twice (`marsad train --weight`), as the bundled model is trained. Takes about 12 minutes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from marsad.corpus.files import read_training_files
from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.extracting.decoding import Settings
from marsad.extracting.learn import INNER_FOLDS, relevance_rows, train_bundle
from marsad.extracting.pipeline import Extractor
from marsad.extracting.predicting import Predictor, score_document
from marsad.extracting.training import folds, prepare
from marsad.extracting.tuning import as_event, extract_events

ROOT = Path(__file__).resolve().parents[1]


def cross_validated(shared: list, extra: list, relevance: list, weight: int = 1) -> tuple[float, float, float]:
    results = []
    for train_part, held_out in folds(shared, 5, seed=29):
        bundle = train_bundle(train_part * weight + extra, relevance, INNER_FOLDS, quiet=True)
        settings, predictor = Settings.from_dict(bundle.settings), Predictor(bundle)
        floor = min([settings.type_threshold, *settings.type_thresholds.values()])
        for document in held_out:
            scores = score_document(predictor, document.units, floor, url=document.url)
            events = [as_event(c, document.units.context.text) for c in extract_events(document, scores, settings)]
            results.append((document.doc_id, document.gold, events))
    result = score(results)
    return result.overall["country"].f1, result.overall["person"].f1, result.attributes["date"].value or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    extractor = Extractor()
    shared = prepare(extractor, read_gold(args.shared / "dev/real/train.jsonl"), quiet=True)
    corpus, labels = read_training_files([ROOT / "corpus/coded.jsonl"], [ROOT / "corpus/relevance.jsonl"],
                                         args.shared / "corpus/saudinewsnet")
    extra, relevance = prepare(extractor, corpus, quiet=True), relevance_rows(extractor, list(labels), quiet=True)
    print("| training folds | country F1 | person F1 | date accuracy |")
    print("|---|---:|---:|---:|")
    for name, added, rows, weight in (("shared training folds alone", [], [], 1),
                                      ("with the coded corpus and relevance labels", extra, relevance, 1),
                                      ("with them, the shared training folds counted twice", extra, relevance, 2)):
        country, person, date = cross_validated(shared, added, rows, weight)
        print(f"| {name} | {country:.3f} | {person:.3f} | {date:.3f} |", flush=True)


if __name__ == "__main__":
    main()
