"""`marsad extract` and `marsad demo`: events from files, as JSON Lines or a readable table."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from marsad.extracting.pipeline import default_extractor
from marsad.model import Document, Event, ReadError
from marsad.reading import detect_format, read_documents

TEXT_SUFFIXES = (".txt",)
LINE_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED = ("a text, JSON Lines, JSON, HTML, WARC or zip file, or a folder of them (as `marsad ingest` reads them); "
             "JSON records need a text and may carry doc_id and published")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    extract = subparsers.add_parser(
        "extract", help="extract events from articles (JSON Lines out)",
        description=f"Extract PLOVER events from {SUPPORTED}. Writes one event per line (spec §3).",
    )
    extract.add_argument("--input", "-i", required=True, type=Path, help=SUPPORTED)
    extract.add_argument("--output", "-o", type=Path, help="output JSON Lines file (default: standard output)")
    extract.add_argument("--published", help="publication date YYYY-MM-DD of a single text file")
    extract.set_defaults(handler=run_extract)

    demo = subparsers.add_parser("demo", help="extract the bundled sample articles and print a table")
    demo.add_argument("folder", nargs="?", default="examples", type=Path,
                      help="folder holding articles.jsonl (default: examples)")
    demo.set_defaults(handler=run_demo)

    train = subparsers.add_parser(
        "train", help="train a model from coded articles (spec §5 gold files)",
        description="Train the extractor's models on coded articles: gold JSON Lines (spec §5) or Marsad corpus "
        "files in standoff form. Thresholds and, per event type, the choice between the learned models and the "
        "rules are tuned on held-out folds; the same files always give the same model.",
    )
    train.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl", help="coded articles, any number of files")
    train.add_argument("--output", "-o", required=True, type=Path, metavar="MODEL", help="the model file to write")
    train.add_argument("--relevance", action="append", type=Path, default=[], metavar="FILE.jsonl",
                       help="articles labelled only political or not (doc_id, text, relevant), for the relevance model")
    train.add_argument("--corpus", type=Path, default=None,
                       help="where standoff files find their article texts (default ../shared/corpus/saudinewsnet)")
    train.add_argument("--weight", action="append", default=[], metavar="GOLD.jsonl=N",
                       help="count the articles of one of the gold files N times (an integer), e.g. the coding "
                            "most like the news you will extract")
    train.add_argument("--folds", type=int, default=5, help="held-out folds for tuning (default 5)")
    train.add_argument("--quiet", action="store_true", help="no progress")
    train.set_defaults(handler=run_train)


def read_inputs(path: Path, published: str | None = None) -> Iterator[Document | str]:
    """Documents from a file or folder; a string in the stream is an error message for one record.

    Text files are named by their file, JSON Lines records by their doc_id; zips, HTML pages, WARC
    files and JSON arrays are read as `marsad ingest` reads them."""
    if not path.exists():
        yield f"{path}: no such file or folder"
        return
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    readable = [f for f in files if f.suffix in TEXT_SUFFIXES or detect_format(f.name) is not None]
    if path.is_dir() and not readable:
        yield f"{path}: no readable articles in this folder"
    for file in readable:
        if file.suffix in TEXT_SUFFIXES:
            yield from _read_text(file, None if path.is_dir() else published)
        elif file.suffix in LINE_SUFFIXES:
            yield from _read_json_lines(file)
        else:
            for item in read_documents([file], published=published):
                yield f"{item.location}: {item.reason}" if isinstance(item, ReadError) else item


def _read_text(path: Path, published: str | None) -> Iterator[Document | str]:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        yield f"{path}: cannot read ({exc.strerror})"
        return
    yield Document(path.stem, text, published, origin=str(path))


def _read_json_lines(path: Path) -> Iterator[Document | str]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield f"{where}: not a JSON object ({exc})"
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield f"{where}: a record needs a \"text\" string"
                continue
            doc_id = str(record.get("doc_id") or record.get("id") or f"{path.stem}-{number}")
            yield Document(doc_id, record["text"], record.get("published"), record.get("title"), origin=where)


def run_extract(args: argparse.Namespace) -> int:
    extractor = default_extractor()
    output = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    documents = events = errors = 0
    started = time.perf_counter()
    try:
        for item in read_inputs(args.input, args.published):
            if isinstance(item, str):
                errors += 1
                print(f"marsad: skipped {item}", file=sys.stderr)
                continue
            result = extractor.process(item)
            documents += 1
            for warning in result.warnings:
                print(f"marsad: {item.origin or item.doc_id}: {warning}", file=sys.stderr)
            for event in result.events:
                output.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                events += 1
    finally:
        if args.output:
            output.close()
    seconds = time.perf_counter() - started
    print(f"marsad: {documents} documents, {events} events, {errors} skipped records in {seconds:.1f} s",
          file=sys.stderr)
    return 1 if errors and not documents else 0


def run_train(args: argparse.Namespace) -> int:
    from marsad.corpus.files import CorpusError, read_training_files
    from marsad.extracting.learn import train

    if args.folds < 2:
        print("marsad train: --folds must be at least 2", file=sys.stderr)
        return 2
    weights = _weights(args.weight, args.gold)
    if isinstance(weights, str):
        print(f"marsad train: {weights}", file=sys.stderr)
        return 2
    try:
        documents, relevance = read_training_files(args.gold, args.relevance, args.corpus, weights)
    except CorpusError as exc:
        print(f"marsad train: {exc}", file=sys.stderr)
        return 2
    if len(documents) < 2 * args.folds:
        print(f"marsad train: {len(documents)} coded documents are too few for {args.folds} folds", file=sys.stderr)
        return 2
    bundle = train(default_extractor(), documents, relevance, [str(p) for p in args.gold], args.folds, args.quiet,
                   {str(p): w for p, w in weights.items()})
    bundle.save(args.output)
    about = bundle.about
    print(f"marsad: wrote {args.output} (model {bundle.version}: {about['documents']:,} documents, "
          f"{about['events']:,} events, {about['relevance_examples']:,} relevance examples)", file=sys.stderr)
    return 0


def _weights(given: list[str], gold: list[Path]) -> dict[Path, int] | str:
    """`--weight FILE=N` options as {gold file: N}, or what is wrong with one."""
    weights: dict[Path, int] = {}
    for option in given:
        name, _, number = option.rpartition("=")
        path = Path(name)
        if path not in gold:
            return f"--weight {option}: {name or '(no file)'} is not one of the gold files given"
        if not number.isdigit() or int(number) < 1:
            return f"--weight {option}: the weight must be a whole number of at least 1"
        weights[path] = int(number)
    return weights


def _actors(actors) -> str:
    return ", ".join(a.name or f"({a.country} {a.sector})" for a in actors) or "—"


def format_table(rows: list[tuple[str, Event]]) -> str:
    """A plain table for a terminal: one event per line, Arabic evidence underneath."""
    lines = []
    header = f"{'doc':<10} {'type':<10} {'mode':<12} {'date':<10}  source → target"
    lines.append(header)
    lines.append("-" * len(header))
    for doc_id, event in rows:
        mode = event.mode or ""
        lines.append(f"{doc_id:<10} {event.type:<10} {mode:<12} {event.date or '—':<10}  "
                     f"{_actors(event.source)} → {_actors(event.target)}")
        evidence = event.evidence if len(event.evidence) <= 110 else event.evidence[:107] + "…"
        lines.append(f"{'':<10} «{evidence}»")
    return "\n".join(lines)


def run_demo(args: argparse.Namespace) -> int:
    articles = args.folder / "articles.jsonl"
    if not articles.exists():
        print(f"marsad: {articles}: not found (the demo reads the bundled examples)", file=sys.stderr)
        return 2
    extractor = default_extractor()
    rows = []
    documents = 0
    for item in read_inputs(articles):
        if isinstance(item, str):
            print(f"marsad: skipped {item}", file=sys.stderr)
            continue
        documents += 1
        rows += [(item.doc_id, event) for event in extractor.process(item).events]
    print(format_table(rows))
    print(f"\n{len(rows)} events from {documents} articles in {articles}")
    return 0
