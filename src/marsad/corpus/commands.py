"""`marsad corpus materialise`: the coded corpus as gold files, with the article texts read from SaudiNewsNet."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.corpus.saudinewsnet import DEFAULT_CORPUS, CorpusError, SaudiNewsNet
from marsad.corpus.standoff import materialise_record, read_records, text_of

DEFAULT_STANDOFF = Path("corpus")
FILES = {  # standoff file → what it becomes
    "coded.jsonl": "coded.jsonl",
    "double_coded_a.jsonl": "double/coder_a.jsonl",
    "double_coded_b.jsonl": "double/coder_b.jsonl",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    corpus = subparsers.add_parser("corpus", help="Marsad's coded corpus (standoff form)")
    actions = corpus.add_subparsers(dest="action", metavar="ACTION", required=True)
    materialise = actions.add_parser(
        "materialise", help="rebuild the gold files of the coded corpus from SaudiNewsNet",
        description="Write OUTDIR/coded.jsonl (spec §5 gold), OUTDIR/relevance.jsonl (doc_id, url, text, relevant, "
        "section) and the two independent codings of the double-coded articles (OUTDIR/double/), reading every "
        "article from the corpus and checking its text against the stored hash.",
    )
    materialise.add_argument("outdir", type=Path, metavar="OUTDIR")
    materialise.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                             help=f"the SaudiNewsNet folder (default {DEFAULT_CORPUS})")
    materialise.add_argument("--standoff", type=Path, default=DEFAULT_STANDOFF,
                             help=f"the folder of standoff files (default {DEFAULT_STANDOFF}/)")
    materialise.set_defaults(handler=run_materialise)


def run_materialise(args: argparse.Namespace) -> int:
    source = SaudiNewsNet(args.corpus)
    try:
        counts = {}
        for name, target in FILES.items():
            records = [materialise_record(r, source, where) for where, r in read_records(args.standoff / name)]
            _write(args.outdir / target, records)
            counts[target] = len(records)
        relevance = []
        for where, record in read_records(args.standoff / "relevance.jsonl"):
            relevance.append({"doc_id": record["doc_id"], "url": record["url"],
                              "text": text_of(record, source, where), "relevant": record["relevant"],
                              "section": record["section"]})
        _write(args.outdir / "relevance.jsonl", relevance)
        counts["relevance.jsonl"] = len(relevance)
    except CorpusError as exc:
        print(f"marsad corpus: {exc}", file=sys.stderr)
        return 2
    print("marsad: wrote " + ", ".join(f"{args.outdir / name} ({n:,})" for name, n in counts.items()),
          file=sys.stderr)
    return 0


def _write(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
