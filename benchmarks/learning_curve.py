"""What more coding buys: accuracy on the real test set against the number of coded training documents.

    python benchmarks/learning_curve.py [--shared ../shared] [--fractions 0.25 0.5 1]

Trains on 25 %, 50 % and 100 % of `dev/real/train.jsonl` (the same seeded sample each time),
then again with the project's coded SaudiNewsNet corpus added in the same fractions, and
scores every model on `dev/real/test.jsonl`. Prints a Markdown table; takes 10–20 minutes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from marsad.corpus.files import read_training_files
from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.extracting.learn import train
from marsad.extracting.models import Bundle
from marsad.extracting.pipeline import Extractor
from marsad.model import Document

ROOT = Path(__file__).resolve().parents[1]


def sample(documents: list, fraction: float, seed: int = 11) -> list:
    shuffled = sorted(documents, key=lambda d: d.doc_id)
    random.Random(seed).shuffle(shuffled)
    return shuffled[:round(len(shuffled) * fraction)]


def test_scores(bundle: Bundle, test) -> tuple[float, float, float | None]:
    extractor = Extractor(model=bundle)
    result = score((d.doc_id, d.events, extractor.process(Document(d.doc_id, d.text, d.published, url=d.url)).events)
                   for d in test)
    return result.overall["country"].f1, result.overall["person"].f1, result.attributes["date"].value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    args = parser.parse_args()
    real, relevance = read_training_files([args.shared / "dev/real/train.jsonl"], [ROOT / "corpus/relevance.jsonl"],
                                          args.shared / "corpus/saudinewsnet")
    corpus, _ = read_training_files([ROOT / "corpus/coded.jsonl"], [], args.shared / "corpus/saudinewsnet")
    test = read_gold(args.shared / "dev/real/test.jsonl")
    base = Extractor(model=Bundle({}))
    print("| training data | documents | events | country F1 | person F1 | date accuracy |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, pools in (("dev/real/train", [real]), ("dev/real/train + coded corpus", [real, corpus])):
        for fraction in args.fractions:
            documents = [d for pool in pools for d in sample(pool, fraction)]
            started = time.monotonic()
            bundle = train(base, documents, relevance, quiet=True)
            country, person, date = test_scores(bundle, test)
            print(f"| {label} {fraction:.0%} | {len(documents):,} | {sum(len(d.events) for d in documents):,} | "
                  f"{country:.3f} | {person:.3f} | {date:.3f} |", flush=True)
            print(f"  ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
