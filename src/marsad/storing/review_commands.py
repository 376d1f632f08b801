"""`marsad corrections list | export | apply`: analysts' corrections from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from marsad.storing.arguments import add_db, store_exists
from marsad.storing.corrections import corrections, reapply
from marsad.storing.gold import write_gold
from marsad.storing.owner import StoreBusy
from marsad.storing.render import table
from marsad.storing.store import Store
from marsad.storing.upgrade import open_read_only


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `marsad corrections` to the `marsad` parser."""
    parser = subparsers.add_parser("corrections", help="analysts' corrections: list, export as gold, re-apply")
    commands = parser.add_subparsers(dest="corrections_command", metavar="ACTION", required=True)

    p = commands.add_parser("list", help="the corrections, oldest first")
    add_db(p)
    p.add_argument("--doc", help="only this document's")
    p.add_argument("--all", action="store_true", help="also corrections later ones replaced")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_list)

    p = commands.add_parser("export", help="reviewed documents as spec §5 gold JSONL, for `marsad train`")
    add_db(p)
    p.add_argument("--output", "-o", required=True, metavar="GOLD.jsonl")
    p.add_argument("--reviewed-only", action="store_true",
                   help="only events an analyst confirmed, edited or added (default: every event of a reviewed "
                        "document, as corrected)")
    p.set_defaults(handler=run_export)

    p = commands.add_parser("apply", help="re-apply corrections to documents extracted again by other means")
    add_db(p)
    p.set_defaults(handler=run_apply)


def run_list(args: argparse.Namespace) -> int:
    if not store_exists(args.db):
        return 2
    try:
        store = open_read_only(args.db)
    except ValueError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    with store:
        found = corrections(store, doc_id=args.doc, active=None if args.all else True)
    if args.format == "json":
        json.dump(found, sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
        return 0
    rows = [(c["correction_id"], c["at"], c["reviewer"], c["action"], c["event_id"] or c["doc_id"],
             ", ".join(f"{k}={_short(v)}" for k, v in (c["changes"] or {}).items()) if c["action"] == "edit" else "",
             c["status"], c["note"] or "") for c in found]
    print(table(("id", "at", "reviewer", "action", "event", "changes", "status", "note"), rows, max_width=50))
    print(f"{len(found)} corrections", file=sys.stderr)
    return 0


def _short(value: object) -> str:
    if isinstance(value, list):
        return "+".join(a.get("name") or f"{a.get('country')} {a.get('sector')}" for a in value if isinstance(a, dict))
    if isinstance(value, dict):
        return value.get("name") or value.get("country") or ""
    return str(value)


def run_export(args: argparse.Namespace) -> int:
    if not store_exists(args.db):
        return 2
    try:
        store = open_read_only(args.db)  # a store of an earlier Marsad is upgraded first
    except StoreBusy as busy:
        if not busy.url:
            raise
        return _export_from_server(busy, args)
    except ValueError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    with store:
        documents, events = write_gold(store, args.output, reviewed_only=args.reviewed_only)
    print(f"exported {documents:,} reviewed documents with {events:,} events to {args.output}", file=sys.stderr)
    return 0


def _export_from_server(busy: StoreBusy, args: argparse.Namespace) -> int:
    import httpx

    from marsad.storing.remote import ServerError

    params = {"reviewed_only": "true"} if args.reviewed_only else {}
    try:
        response = httpx.get(f"{busy.url.rstrip('/')}/api/corrections/export", params=params, timeout=300,
                             trust_env=False)
    except httpx.HTTPError as exc:
        raise ServerError(f"cannot reach the server at {busy.url}: {exc}") from None
    if response.status_code != 200:
        raise ServerError(f"the server at {busy.url} answered {response.status_code}")
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(response.text)
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    events = sum(len(line["events"]) for line in lines)
    print(f"exported {len(lines):,} reviewed documents with {events:,} events to {args.output} "
          f"(through the server at {busy.url})", file=sys.stderr)
    return 0


def run_apply(args: argparse.Namespace) -> int:
    if not store_exists(args.db):
        return 2
    with Store.open(args.db) as store:
        done = reapply(store)
        if done.documents:
            store.rebuild_stories()
    print(f"re-applied corrections to {done.documents:,} documents: {done.applied:,} applied, "
          f"{done.absent:,} rejected events no longer extracted, {done.kept:,} events kept on the analyst's word",
          file=sys.stderr)
    return 0
