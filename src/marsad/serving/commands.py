"""Subcommands of the serving stage: `marsad serve`."""

from __future__ import annotations

import argparse
import os
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    p = subparsers.add_parser("serve", help="web pages and REST API over a store (read-only)")
    p.add_argument("--db", default="marsad.duckdb", help="store file (default marsad.duckdb)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this host only)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn  # imported here so other subcommands start without the web stack

    from marsad.serving.app import create_app
    from marsad.storing.upgrade import open_read_only

    try:
        if os.path.isfile(args.db):
            open_read_only(args.db).close()  # a store of an earlier Marsad is brought up to date first
        app = create_app(args.db)
    except (FileNotFoundError, ValueError) as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    print(f"marsad: serving {args.db} at http://{args.host}:{args.port}/ (API: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
