"""Subcommands of the evaluation stage: `marsad evaluate` (spec §6) and `marsad evaluate-gsr`."""

from __future__ import annotations

import argparse
import json
import sys

from marsad.evaluation.files import read_gold, read_system
from marsad.evaluation.gsr import gsr_dict, gsr_text, measure, read_gsr
from marsad.evaluation.jsonl import InputError
from marsad.evaluation.report import errors_text, score_dict, score_text
from marsad.evaluation.scorer import Score, score


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    evaluate = subparsers.add_parser(
        "evaluate",
        help="score events against a gold file (spec §6)",
        description="Score system events against gold events: P/R/F1 at country and person level, "
        "per type, and date/mode/location accuracy on matched events.",
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl", help="gold documents (spec §5)")
    evaluate.add_argument(
        "--system",
        metavar="EVENTS.jsonl",
        help="system events (one event or one document a line); default: run the extractor on the gold texts",
    )
    evaluate.add_argument("--cv", type=int, metavar="K",
                          help="K-fold cross-validation by document: train and tune on K-1 folds, score the other")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--errors", action="store_true", help="list missed and spurious events")
    for option, what in (
        ("--min-country-f1", "country-level F1"),
        ("--min-person-f1", "person-level F1"),
        ("--min-date-accuracy", "date accuracy"),
    ):
        evaluate.add_argument(
            option, type=_fraction, metavar="X", help=f"exit 1 when {what} is below X (0–1)"
        )
    evaluate.set_defaults(handler=run_evaluate)

    gsr = subparsers.add_parser(
        "evaluate-gsr",
        help="type recall and source country on UniversalPetrarch's Arabic records",
        description="Run the extractor on each coded sentence; report type recall, confusion and "
        "source country accuracy.",
    )
    gsr.add_argument("file", metavar="FILE.jsonl", help="e.g. shared/external/up_arabic_gsr.jsonl")
    gsr.add_argument("--json", action="store_true", help="print the measures as JSON")
    gsr.add_argument("--min-type-recall", type=_fraction, metavar="X", help="exit 1 when type recall is below X (0–1)")
    gsr.set_defaults(handler=run_evaluate_gsr)


def run_evaluate(args: argparse.Namespace) -> int:
    if args.cv is not None and (args.cv < 2 or args.system):
        print("marsad evaluate: --cv needs K ≥ 2 and no --system", file=sys.stderr)
        return 2
    try:
        documents = read_gold(args.gold)
        if args.cv:
            system = _cross_validated(documents, args.cv)
        else:
            system = read_system(args.system) if args.system else _extract_all(documents)
    except InputError as exc:
        print(f"marsad evaluate: {exc}", file=sys.stderr)
        return 2
    unknown = sorted(set(system) - {d.doc_id for d in documents})
    if unknown:
        print(
            f"marsad evaluate: ignoring system events of {len(unknown)} documents not in the gold file "
            f"(first: {unknown[0]})",
            file=sys.stderr,
        )
    result = score((d.doc_id, d.events, system.get(d.doc_id, [])) for d in documents)
    if args.json:
        report = score_dict(result, errors=args.errors)
        if args.cv:
            report["cross_validation"] = {"folds": args.cv, "by": "document"}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if args.cv:
            print(f"{args.cv}-fold cross-validation by document (each fold trained and tuned on the others)")
        print(score_text(result))
        if args.errors:
            print()
            print(errors_text(result))
    failures = _failed_bars(result, args)
    for failure in failures:
        print(f"marsad evaluate: FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


def run_evaluate_gsr(args: argparse.Namespace) -> int:
    from marsad.extracting.pipeline import extract  # the model --model names, else the bundled one

    try:
        sentences = read_gsr(args.file)
    except InputError as exc:
        print(f"marsad evaluate-gsr: {exc}", file=sys.stderr)
        return 2
    result = measure(sentences, extract)
    print(json.dumps(gsr_dict(result), ensure_ascii=False, indent=2) if args.json else gsr_text(result))
    recall = result.recall.value or 0.0
    if args.min_type_recall is not None and recall < args.min_type_recall:
        print(f"marsad evaluate-gsr: FAILED type recall {recall:.3f} is below the bar {args.min_type_recall:g}",
              file=sys.stderr)
        return 1
    return 0


def _extract_all(documents) -> dict[str, list]:
    from marsad.extracting.pipeline import default_extractor
    from marsad.model import Document

    extractor = default_extractor()
    return {d.doc_id: extractor.process(Document(d.doc_id, d.text, d.published, url=d.url)).events for d in documents}


def _cross_validated(documents, folds: int) -> dict[str, list]:
    from marsad.extracting.learn import cross_validate
    from marsad.extracting.pipeline import default_extractor

    return {doc_id: system for doc_id, _, system in cross_validate(default_extractor(), documents, folds)}


def _failed_bars(result: Score, args: argparse.Namespace) -> list[str]:
    """Messages for each --min-* bar not met; an accuracy with nothing to count fails its bar."""
    date = result.attributes["date"].value
    bars = (
        ("country-level F1", args.min_country_f1, result.overall["country"].f1),
        ("person-level F1", args.min_person_f1, result.overall["person"].f1),
        ("date accuracy", args.min_date_accuracy, date),
    )
    failures = []
    for name, bar, value in bars:
        if bar is not None and (value is None or value < bar):
            shown = "n/a (no matched event with a gold date)" if value is None else f"{value:.3f}"
            failures.append(f"{name} {shown} is below the bar {bar:g}")
    return failures


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value
