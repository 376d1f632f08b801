"""The `marsad` command: each pipeline stage registers its own subcommands."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from marsad.storing.owner import StoreUnavailable

# What DuckDB raises, as a plain RuntimeError, for a Ctrl-C that lands inside a query.
DUCKDB_INTERRUPTED = "Query interrupted"
# Subcommands that extract, and so take `--model`.
MODEL_COMMANDS = ("extract", "demo", "evaluate", "evaluate-gsr", "ingest", "serve", "watch", "spark-extract")
# Modules that define `register(subparsers)`; each adds its own subcommands.
COMMAND_MODULES = (
    "marsad.extracting.commands",
    "marsad.knowledge.commands",
    "marsad.evaluation.commands",
    "marsad.storing.commands",
    "marsad.serving.commands",
    "marsad.engines.commands",
    "marsad.watching.commands",
    "marsad.storing.review_commands",
    "marsad.corpus.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Arabic news → political event data (PLOVER/CAMEO), every event traced to its sentence.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for name in MODEL_COMMANDS:
        if name in subparsers.choices:
            subparsers.choices[name].add_argument(
                "--model", metavar="MODEL", help="a model written by `marsad train` (default: the bundled one)")
    return parser


def _use_model(path: str) -> str | None:
    """Check the model once, then name it in the environment for this process and its workers;
    an error message when it cannot be read."""
    from marsad.extracting.models import Bundle, ModelError
    from marsad.extracting.pipeline import MODEL_VARIABLE

    try:
        Bundle.load(path)
    except ModelError as exc:
        return str(exc)
    os.environ[MODEL_VARIABLE] = os.path.abspath(path)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="marsad: %(levelname)s: %(message)s",
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    if getattr(args, "model", None):
        problem = _use_model(args.model)
        if problem:
            print(f"marsad: {problem}", file=sys.stderr)
            return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        if str(exc) != DUCKDB_INTERRUPTED:
            raise
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except StoreUnavailable as exc:  # a store another process holds: say so in one line
        print(f"marsad: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
