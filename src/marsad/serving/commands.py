"""Subcommands of the serving stage: `marsad serve`."""

from __future__ import annotations

import argparse
import os
import sys

TOKEN_VARIABLE = "MARSAD_REVIEW_TOKEN"
MIN_TOKEN = 16  # characters: a token is a secret, not a password to remember


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    p = subparsers.add_parser("serve", help="web pages and REST API over a store (read-only unless told otherwise)")
    p.add_argument("--db", default="marsad.duckdb", help="store file (default marsad.duckdb)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this host only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--watch", metavar="SOURCES.toml",
                   help="also watch the sources of this file and ingest new articles while serving")
    p.add_argument("--review", action="store_true",
                   help=f"take analysts' corrections; each write needs the token in ${TOKEN_VARIABLE}")
    p.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn  # imported here so other subcommands start without the web stack

    from marsad.serving.app import create_app
    from marsad.watching.sources import SourcesError, load_sources

    token = None
    if args.review:
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        if len(token) < MIN_TOKEN:
            print(f"marsad: --review needs a secret of at least {MIN_TOKEN} characters in ${TOKEN_VARIABLE} "
                  f"(e.g. export {TOKEN_VARIABLE}=$(openssl rand -hex 16))", file=sys.stderr)
            return 2
    try:
        sources = load_sources(args.watch) if args.watch else None
    except SourcesError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    local = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    url = f"http://{local}:{args.port}/"
    try:
        app = create_app(args.db, review_token=token, sources=sources, url=url,
                         watcher_options={"report": _print_round})
    except (FileNotFoundError, ValueError) as exc:  # no store; an old one another process holds
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    mode = " and ".join(m for m, on in (("watching " + str(args.watch), sources), ("taking corrections", token)) if on)
    print(f"marsad: serving {args.db} at http://{args.host}:{args.port}/ (API: /docs)"
          f"{'; ' + mode if mode else ', read-only'}", file=sys.stderr, flush=True)
    if token and local not in ("127.0.0.1", "localhost", "::1"):
        print("marsad: the review token travels unencrypted: put a TLS proxy in front of this server",
              file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _print_round(done) -> None:
    print(f"watch: {done.line()}", file=sys.stderr, flush=True)
