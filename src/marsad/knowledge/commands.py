"""Subcommands of the knowledge stage: `marsad kb check|lookup|who|stats`."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

from marsad.knowledge.records import OFFICES

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the `marsad` parser."""
    kb = subparsers.add_parser("kb", help="the knowledge base: states, places, organisations, people")
    commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)

    check = commands.add_parser("check", help="validate every knowledge file and print counts")
    check.set_defaults(handler=run_check)

    lookup = commands.add_parser("lookup", help="the known entities in an Arabic text, with their spans")
    lookup.add_argument("text", help="Arabic text")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    lookup.set_defaults(handler=run_lookup)

    who = commands.add_parser("who", help="who held an office on a date")
    who.add_argument("--country", required=True, help="ISO-3 code, or organisation code (UNO, ARL, GCC, OIC)")
    who.add_argument("--office", required=True, choices=OFFICES)
    who.add_argument("--date", required=True, help="YYYY-MM-DD (or YYYY-MM, YYYY: the first day)")
    who.add_argument("--topic", help="for envoys: the country the envoy is for (SYR, YEM, LBY)")
    who.add_argument("--json", action="store_true", help="print JSON")
    who.set_defaults(handler=run_who)

    stats = commands.add_parser("stats", help="rows per file and terms per office")
    stats.set_defaults(handler=run_stats)


def run_check(args: argparse.Namespace) -> int:
    # Read the files afresh rather than through the cache: this is what users run after editing.
    from marsad.knowledge.check import check
    from marsad.knowledge.files import read_knowledge

    report = check(read_knowledge())
    for problem in report.problems:
        print(problem)
    errors, warnings = len(report.errors), len(report.problems) - len(report.errors)
    if report.problems:
        print()
    for label, count in report.counts.items():
        print(f"{label}: {count}")
    print(f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _entity_name(kb, kind: str, key) -> str:
    """The canonical name a mention's (kind, key) stands for."""
    if kind in ("state", "nisba"):
        return kb.states[key].name
    if kind == "organisation":
        return kb.organisations[key].name
    if kind == "person":
        return kb.people[key].name
    if kind == "office_title":
        office, country = key
        return f"{office} ({country})" if country else office
    return str(key)


def run_lookup(args: argparse.Namespace) -> int:
    from marsad.knowledge import load_knowledge_base

    kb = load_knowledge_base()
    found = [
        {"start": m.start, "end": m.end, "surface": m.surface, "kind": m.kind,
         "key": list(m.key) if isinstance(m.key, tuple) else m.key, "name": _entity_name(kb, m.kind, m.key)}
        for m in kb.find(args.text)
    ]
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for item in found:
            print(f"{item['start']}-{item['end']}\t{item['surface']}\t{item['kind']}\t{item['name']}")
    return 0


def run_who(args: argparse.Namespace) -> int:
    from marsad.knowledge import load_knowledge_base

    if not _DATE.fullmatch(args.date):
        print(f"marsad kb who: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
        return 2
    kb = load_knowledge_base()
    term = kb.term(args.office, args.country, args.date, args.topic)
    person = kb.people.get(term.person) if term else None
    if person is None:
        topic = f" for {args.topic}" if args.topic else ""
        print(f"no {args.office} of {args.country}{topic} on {args.date} in the knowledge base",
              file=sys.stderr)
        if args.json:
            print("null")
        return 1
    if args.json:
        print(json.dumps({
            "name": person.name, "id": person.id, "wikidata": person.wikidata, "office": term.office,
            "country": term.country, "topic": term.topic, "start": term.start, "end": term.end,
            "note": term.note, "origin": term.origin,
        }, ensure_ascii=False, indent=2))
        return 0
    print(person.name)
    print(f"  {term.office} of {term.country}{' for ' + term.topic if term.topic else ''}")
    print(f"  from {term.start} to {term.end or 'today (in office)'}")
    print(f"  id {person.id}" + (f", Wikidata {person.wikidata}" if person.wikidata else ""))
    if term.note:
        print(f"  note: {term.note}")
    print(f"  source: {term.origin}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from marsad.knowledge import load_knowledge_base

    kb = load_knowledge_base()
    raw = kb.raw
    per_file = Counter(
        row.origin.rsplit(":", 1)[0]
        for rows in (raw.states, raw.places, raw.organisations, raw.people, raw.offices,
                     raw.office_titles, raw.sector_terms)
        for row in rows
    )
    print("rows per file")
    for name, count in sorted(per_file.items()):
        print(f"  {name:<28}{count:>6}")
    seats: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)
    terms = Counter()
    for term in kb.offices:
        terms[term.office] += 1
        seats[term.office].add(term.country + (f"/{term.topic}" if term.topic else ""))
        holders[term.office].add(term.person)
    print("terms per office (terms, countries, people)")
    for office in sorted(terms, key=lambda o: (-terms[o], o)):
        print(f"  {office:<28}{terms[office]:>6}{len(seats[office]):>6}{len(holders[office]):>6}")
    print(f"aliases (normalised forms): {len(kb.alias_index)}")
    return 0
