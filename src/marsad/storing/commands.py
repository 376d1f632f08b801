"""Subcommands of the storing stage: ingest, events, actors, stats, export."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any

from marsad.reading import FieldMapping
from marsad.storing.export import FLAT_COLUMNS, FORMATS, csv_row, export
from marsad.storing.ingest import ingest
from marsad.storing.owner import StoreBusy
from marsad.storing.progress import Progress
from marsad.storing.render import table
from marsad.storing.store import Store

DEFAULT_DB = "marsad.duckdb"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    p = subparsers.add_parser("ingest", help="read articles (txt, json, jsonl, zip, html, warc) into a store")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (searched recursively)")
    _db(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1: in this one)")
    for name in ("text", "date", "id", "source", "title", "url"):
        p.add_argument(f"--{name}-field", metavar="FIELD", help=f"JSON field of the {name} (guessed)")
    p.add_argument("--quiet", action="store_true", help="no progress and no summary line")
    p.add_argument("--reextract", action="store_true",
                   help="extract documents already stored again and replace their events, corrections re-applied "
                        "(without PATH: every stored document, from its stored text)")
    p.set_defaults(handler=run_ingest)

    p = subparsers.add_parser("events", help="query the events of a store")
    _db(p)
    p.add_argument("--actor", help="actor name in English or Arabic (any spelling) or actor id")
    p.add_argument("--country", help="ISO-3 code of an actor's country, e.g. EGY")
    p.add_argument("--type", help="PLOVER type(s), comma-separated, e.g. CONSULT,AGREE")
    p.add_argument("--since", help="YYYY[-MM[-DD]], inclusive")
    p.add_argument("--until", help="YYYY[-MM[-DD]], inclusive")
    p.add_argument("--text", help="words in the evidence, title or article text")
    p.add_argument("--source", help="outlet id, e.g. aawsat")
    p.add_argument("--story", help="story id")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run_events)

    p = subparsers.add_parser("actors", help="list the actors of a store, most active first")
    _db(p)
    p.add_argument("query", nargs="?", help="name (English or Arabic) or id to look for")
    p.add_argument("--country", help="ISO-3 code")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_actors)

    p = subparsers.add_parser("stats", help="counts of documents, events, stories and errors")
    _db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_stats)

    p = subparsers.add_parser("export", help="write all events as jsonl, csv, parquet, plover or gdelt")
    _db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", "-o", required=True, metavar="PATH")
    p.set_defaults(handler=run_export)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")


def _open_existing(path: str, remote: bool = False) -> Store | None:
    """The store at `path` opened read-only; with `remote`, the server holding it when one does."""
    if not os.path.exists(path):
        print(f"marsad: no store at {path} (run `marsad ingest` first)", file=sys.stderr)
        return None
    try:
        return Store.open(path, read_only=True)
    except StoreBusy as busy:
        if not (remote and busy.url):
            raise
        from marsad.storing.remote import RemoteStore  # httpx only when needed

        print(f"marsad: {path} is held by `marsad serve` (pid {busy.pid}); asking it at {busy.url}", file=sys.stderr)
        return RemoteStore(busy.url)


def run_ingest(args: argparse.Namespace) -> int:
    if not args.paths and not (args.reextract and os.path.exists(args.db)):
        what = f"no store at {args.db} to extract again" if args.reextract else "give the files or folders to ingest"
        print(f"marsad: {what}", file=sys.stderr)
        return 2
    mapping = FieldMapping(text=args.text_field, date=args.date_field, id=args.id_field,
                           source=args.source_field, title=args.title_field, url=args.url_field)
    counts = ingest(args.paths, args.db, workers=args.workers, mapping=mapping,
                    progress=Progress(enabled=not args.quiet), reextract=args.reextract)
    return 0 if counts.added or counts.skipped or not counts.errors else 1


def run_events(args: argparse.Namespace) -> int:
    store = _open_existing(args.db, remote=True)
    if store is None:
        return 2
    with store:
        types = args.type.split(",") if args.type else None
        events = store.events(actor=args.actor, country=args.country, type=types, since=args.since,
                              until=args.until, text=args.text, source=args.source, story=args.story,
                              limit=args.limit)
    if args.format == "json":
        _print_json(events)
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(FLAT_COLUMNS)
        writer.writerows(csv_row(event) for event in events)
    else:
        rows = [(e["date"] or e["published"], e["type"], e["cameo"], _names(e["source"]), _names(e["target"]),
                 e["outlet"], e["evidence"]) for e in events]
        print(table(("date", "type", "cameo", "source", "target", "outlet", "evidence"), rows))
        print(f"{len(events)} events", file=sys.stderr)
    return 0


def _names(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a["name"] or f"{a['country'] or '?'} {a['sector']}" for a in actors)


def run_actors(args: argparse.Namespace) -> int:
    store = _open_existing(args.db, remote=True)
    if store is None:
        return 2
    with store:
        actors = store.actors(args.query, country=args.country, limit=args.limit)
    if args.format == "json":
        _print_json(actors)
    else:
        rows = [(a["actor_id"], a["name"], a["country"], a["sector"], a["num_events"],
                 "، ".join(a["arabic"] or [])) for a in actors]
        print(table(("actor_id", "name", "country", "sector", "events", "arabic"), rows, max_width=40))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    store = _open_existing(args.db, remote=True)
    if store is None:
        return 2
    with store:
        stats = store.stats()
    if args.format == "json":
        _print_json(stats)
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for name, count in value.items():
                print(f"  {name:<20} {count:>8,}")
        else:
            print(f"{key:<22} {value if value is not None else '-'}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    store = _open_existing(args.db)
    if store is None:
        return 2
    with store:
        count = export(store, args.format, args.output)
    print(f"exported {count:,} events to {args.output}", file=sys.stderr)
    return 0


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()
