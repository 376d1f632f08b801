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
    rounds: list[Round] = []

    def report(done: Round) -> None:
        rounds.append(done)
        if not args.quiet:
            print(f"watch: {done.line()}", file=sys.stderr, flush=True)

    previous = _stop_on_signals(stop)
    try:
        with Store.open(args.db) as store:
            owner.claim(args.db, None, command="marsad watch")
            try:
                if not args.quiet and not args.once:
                    print(f"marsad: watching {len(sources.sources)} sources into {args.db} (Ctrl-C to stop)",
                          file=sys.stderr, flush=True)
                Watcher(store, sources, stop=stop).run(once=args.once, report=report)
            finally:
                owner.release(args.db)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if stop.is_set():
        print("marsad: watch stopped", file=sys.stderr)
    polls = [ok for done in rounds for _, _, ok in done.polls]
    return 1 if polls and not any(polls) else 0  # for cron: every poll failed


def _stop_on_signals(stop: threading.Event) -> dict:
    """Make Ctrl-C and SIGTERM ask the watcher to stop between steps; the handlers they replace.

    A KeyboardInterrupt would land wherever the process happens to be, and DuckDB turns one
    raised inside a query into its own error, so the watch could end with a traceback or not at all.
    A second Ctrl-C, for a watch stuck in a slow fetch, interrupts at once.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}

    def ask_to_stop(number: int, _frame) -> None:
        if stop.is_set() and number == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, ask_to_stop)
    return previous
