"""The options the store commands share: the store (--db) and the event filters of `marsad events` and
`marsad export`, one set of options checked before a query.

A bad value is one line on stderr that names the option, the value and what would do
(`UsageError`), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from marsad.model import EVENT_TYPES, ORGANISATION_CODES
from marsad.storing.actors import knowledge_names
from marsad.storing.query import parse_day

DEFAULT_DB = "marsad.duckdb"
FILTERS = ("actor", "country", "type", "since", "until", "text", "source", "story")


class UsageError(ValueError):
    """A command-line value that cannot be used; its message is the whole explanation."""


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")


def store_exists(path: str) -> bool:
    """Whether there is a store at `path`; when not, one line on stderr says how to make one."""
    if not os.path.exists(path):
        print(f"marsad: no store at {path} (run `marsad ingest` first)", file=sys.stderr)
        return False
    return True


def add_filters(parser: argparse.ArgumentParser) -> None:
    """The filter options, and --mentions."""
    parser.add_argument("--actor", help="actor name or alias in English or Arabic, or actor id")
    parser.add_argument("--country", help="ISO-3 code of an actor's country (or organisation code), e.g. EGY")
    parser.add_argument("--type", help="PLOVER type(s), comma-separated, e.g. CONSULT,AGREE")
    parser.add_argument("--since", help="YYYY[-MM[-DD]], inclusive")
    parser.add_argument("--until", help="YYYY[-MM[-DD]], inclusive")
    parser.add_argument("--text", help="words in the evidence, title or article text")
    parser.add_argument("--source", help="outlet id, e.g. aawsat")
    parser.add_argument("--story", help="story id (its mentions)")
    parser.add_argument("--mentions", action="store_true",
                        help="every mention, not one row per canonical event (story)")


def valid_countries() -> list[str]:
    """The codes an actor's country can have: the knowledge base's states and the organisation codes."""
    return sorted(set(knowledge_names().states) | set(ORGANISATION_CODES))


def filters_of(args: argparse.Namespace) -> dict[str, Any]:
    """The filters given, checked: keyword arguments for `Store.events` and `export`."""
    found: dict[str, Any] = {name: getattr(args, name) for name in FILTERS if getattr(args, name, None)}
    if "type" in found:
        types = [t.strip().upper() for t in found["type"].split(",") if t.strip()]
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise UsageError(f"unknown --type {', '.join(unknown)}; one of {', '.join(EVENT_TYPES)}")
        found["type"] = types
    if "country" in found:
        country = found["country"].strip().upper()
        if country not in valid_countries():
            raise UsageError(f"unknown --country {found['country']}; one of {', '.join(valid_countries())}")
        found["country"] = country
    days = {}
    for name, end in (("since", False), ("until", True)):
        if name in found:
            try:
                days[name] = parse_day(found[name], end=end)
            except ValueError as exc:
                raise UsageError(f"--{name} {found[name]}: {_reason(exc)}") from None
    if len(days) == 2 and days["since"] > days["until"]:
        raise UsageError(f"--until {found['until']} is before --since {found['since']}")
    return found


def _reason(exc: ValueError) -> str:
    message = str(exc)
    if "expected YYYY" in message:
        return "expected YYYY, YYYY-MM or YYYY-MM-DD"
    return f"not a calendar date ({message})"
