"""`marsad watch SOURCES.toml`: poll feeds, sitemaps and folders and ingest what is new, until stopped."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from marsad.storing import owner
from marsad.storing.store import Store
from marsad.watching.sources import SourcesError, load_sources


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `marsad watch` to the `marsad` parser."""
    p = subparsers.add_parser(
        "watch", help="poll RSS/Atom feeds, sitemaps and folders; fetch, extract and store new articles",
        description="Poll the sources of a TOML file ([[source]] tables with name, feed/sitemap/folder and "
                    "every) and ingest each new article as it appears. Stop with Ctrl-C; a restart resumes.",
    )
    p.add_argument("sources", metavar="SOURCES.toml", help="the sources file (see README: Watch the news)")
    p.add_argument("--db", default="marsad.duckdb", help="store file (default marsad.duckdb; created if missing)")
    p.add_argument("--once", action="store_true", help="one round of what is due, then exit (for cron)")
    p.add_argument("--quiet", action="store_true", help="no line per round")
    p.set_defaults(handler=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    try:
        sources = load_sources(args.sources)
    except SourcesError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    from marsad.watching.watcher import Round, Watcher  # the extractor loads only when there is work

    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    rounds: list[Round] = []

    def report(done: Round) -> None:
        rounds.append(done)
        if not args.quiet:
            print(f"watch: {done.line()}", file=sys.stderr, flush=True)

    with Store.open(args.db) as store:
        owner.claim(args.db, None, command="marsad watch")
        if not args.quiet and not args.once:
            print(f"marsad: watching {len(sources.sources)} sources into {args.db} (Ctrl-C to stop)",
                  file=sys.stderr, flush=True)
        watcher = Watcher(store, sources, stop=stop)
        try:
            watcher.run(once=args.once, report=report)
        except KeyboardInterrupt:
            stop.set()
            print("marsad: watch stopped", file=sys.stderr)
        finally:
            owner.release(args.db)
    polls = [ok for done in rounds for _, _, ok in done.polls]
    return 1 if polls and not any(polls) else 0  # for cron: every poll failed
