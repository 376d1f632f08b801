"""Subcommands of the storing stage: ingest, events, actors, stats, export."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any

from marsad.reading import FieldMapping
from marsad.storing.arguments import UsageError, add_db, add_filters, filters_of, store_exists
from marsad.storing.export import FLAT_COLUMNS, FORMATS, csv_row, export
from marsad.storing.ingest import ingest
from marsad.storing.owner import StoreBusy
from marsad.storing.progress import Progress
from marsad.storing.query import parse_day
from marsad.storing.render import table
from marsad.storing.store import Store
from marsad.storing.upgrade import open_read_only


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    p = subparsers.add_parser("ingest", help="read articles (txt, json, jsonl, zip, html, warc) into a store")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (searched recursively)")
    add_db(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1: in this one)")
    for name in ("text", "date", "id", "source", "title", "url"):
        p.add_argument(f"--{name}-field", metavar="FIELD", help=f"JSON field of the {name} (guessed)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date of the documents that carry none (plain text files)")
    p.add_argument("--quiet", action="store_true", help="no progress and no summary line")
    p.add_argument("--reextract", action="store_true",
                   help="extract documents already stored again and replace their events, corrections re-applied "
                        "(without PATH: every stored document, from its stored text)")
    p.set_defaults(handler=run_ingest)

    p = subparsers.add_parser("events", help="query the events of a store (one row per canonical event)")
    add_db(p)
    add_filters(p)
    p.add_argument("--limit", type=int, default=50, help="rows to show (default 50; 0: all)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run_events)

    p = subparsers.add_parser("actors", help="list the actors of a store, most active first")
    add_db(p)
    p.add_argument("query", nargs="?", help="name (English or Arabic) or id to look for")
    p.add_argument("--country", help="ISO-3 code")
    p.add_argument("--limit", type=int, default=50, help="rows to show (default 50; 0: all)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_actors)

    p = subparsers.add_parser("stats", help="counts of documents, events, stories and errors")
    add_db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_stats)

    p = subparsers.add_parser("export", help="write events as jsonl, csv, parquet, plover or gdelt "
                              "(the filters of `events`; one row per canonical event)")
    add_db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", "-o", required=True, metavar="PATH")
    add_filters(p)
    p.set_defaults(handler=run_export)


def _open_existing(path: str, remote: bool = False) -> Store | None:
    """The store at `path` opened read-only; with `remote`, the server holding it when one does."""
    if not store_exists(path):
        return None
    try:
        return open_read_only(path)
    except StoreBusy as busy:
        if not (remote and busy.url):
            raise
        from marsad.storing.remote import RemoteStore  # httpx only when needed

        print(f"marsad: {path} is held by `marsad serve` (pid {busy.pid}); asking it at {busy.url}", file=sys.stderr)
        return RemoteStore(busy.url)
    except ValueError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return None


def _fail(message: str) -> int:
    print(f"marsad: {message}", file=sys.stderr)
    return 2


def run_ingest(args: argparse.Namespace) -> int:
    if not args.paths and not (args.reextract and os.path.exists(args.db)):
        what = f"no store at {args.db} to extract again" if args.reextract else "give the files or folders to ingest"
        return _fail(what)
    if args.published:
        try:
            if len(args.published) != 10:
                raise ValueError("expected YYYY-MM-DD")
            parse_day(args.published)
        except ValueError as exc:
            return _fail(f"--published {args.published}: {exc}")
    mapping = FieldMapping(text=args.text_field, date=args.date_field, id=args.id_field,
                           source=args.source_field, title=args.title_field, url=args.url_field)
    counts = ingest(args.paths, args.db, workers=args.workers, mapping=mapping,
                    progress=Progress(enabled=not args.quiet), published=args.published, reextract=args.reextract)
    return 0 if counts.added or counts.skipped or not counts.errors else 1


def run_events(args: argparse.Namespace) -> int:
    try:
        filters = filters_of(args)
    except UsageError as exc:
        return _fail(str(exc))
    store = _open_existing(args.db, remote=True)
    if store is None:
        return 2
    canonical = not args.mentions
    with store:
        events = store.events(**filters, limit=args.limit or None, canonical=canonical)
        total = store.count_events(**filters, canonical=canonical) if args.limit else len(events)
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
    print(_shown(len(events), total, canonical), file=sys.stderr)
    return 0


def _shown(shown: int, total: int, canonical: bool) -> str:
    """How many of how many rows were shown, and how to see the rest."""
    what = "canonical events (--mentions for every mention)" if canonical else "event mentions"
    if shown < total:
        return f"{shown:,} of {total:,} {what} shown; --limit 0 shows all"
    return f"{total:,} {what}"


def _names(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a["name"] or f"{a['country'] or '?'} {a['sector']}" for a in actors)


def run_actors(args: argparse.Namespace) -> int:
    store = _open_existing(args.db, remote=True)
    if store is None:
        return 2
    with store:
        actors = store.actors(args.query, country=args.country, limit=args.limit or None)
        total = len(store.actors(args.query, country=args.country, limit=None)) if args.limit else len(actors)
    if args.format == "json":
        _print_json(actors)
    else:
        rows = [(a["actor_id"], a["name"], a["country"], a["sector"], a["num_events"], _offices(a["offices"]),
                 "، ".join(a["arabic"] or [])) for a in actors]
        print(table(("actor_id", "name", "country", "sector", "events", "offices", "arabic"), rows, max_width=40))
    shown = f"{len(actors):,} of {total:,} actors shown; --limit 0 shows all" if len(actors) < total else \
        f"{total:,} actors"
    print(shown, file=sys.stderr)
    return 0


def _offices(offices: list[dict[str, Any]]) -> str:
    """Offices held, those still held first, then the latest: "foreign_minister RUS 2004-03-09–"."""
    ordered = sorted(offices, key=lambda o: (o["end"] is not None, o["end"] or "", o["start"]), reverse=True)
    ordered.sort(key=lambda o: o["end"] is not None)
    return "; ".join(f"{o['office']} {o['country']} {o['start']}–{o['end'] or ''}" for o in ordered)


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
    try:
        filters = filters_of(args)
    except UsageError as exc:
        return _fail(str(exc))
    store = _open_existing(args.db)
    if store is None:
        return 2
    with store:
        count = export(store, args.format, args.output, filters, mentions=args.mentions)
    what = "event mentions" if args.mentions else "canonical events"
    print(f"exported {count:,} {what} to {args.output}", file=sys.stderr)
    return 0


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    print()
