"""Validation of the knowledge-base files, run by `marsad kb check` after every edit.

Users extend these files by hand, so every mistake a loader would silently absorb (a later
row overwriting an earlier id, a term that makes `holder` pick the wrong person, an alias
that makes two people indistinguishable) is reported here with its file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from marsad.cleaning.normalize import normalize
from marsad.knowledge.files import RawKnowledge
from marsad.knowledge.loader import NISBA, ORGANISATION, PERSON, PLACE, SECTOR_TERM, STATE, KnowledgeBase
from marsad.knowledge.matcher import matching_forms
from marsad.knowledge.records import OFFICES, OfficeTerm, Problem
from marsad.model import ORGANISATION_CODES, SECTORS

PLACE_KINDS = ("city", "region", "venue", "site")
ORGANISATION_OFFICES = ("secretary_general", "envoy")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WIKIDATA = re.compile(r"Q[1-9]\d*")
_STATE_CODE = re.compile(r"[A-Z]{3}")


@dataclass
class Report:
    """Problems found and the counts `marsad kb check` prints."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def error(self, origin: str, message: str) -> None:
        self.problems.append(Problem(origin, message))

    def warn(self, origin: str, message: str) -> None:
        self.problems.append(Problem(origin, message, "warning"))


def check(raw: RawKnowledge) -> Report:
    """Every problem in `raw` (parse problems included), and the counts."""
    report = Report(problems=list(raw.problems))
    states = _check_states(raw, report)
    codes = states | set(ORGANISATION_CODES)
    _check_places(raw, codes, report)
    _check_organisations(raw, codes, report)
    people = _check_people(raw, codes, report)
    _check_offices(raw, codes, people, report)
    _check_titles_and_sectors(raw, codes, report)
    aliases = _check_aliases(raw, report)
    _check_ambiguities(raw, report)
    report.counts = {
        "states": len(raw.states),
        "states with nisba forms": sum(1 for s in raw.states if s.nisba),
        "places": len(raw.places),
        "organisations": len(raw.organisations),
        "people": len(raw.people),
        "office terms": len(raw.offices),
        "aliases": aliases,
        "ambiguous forms": len({normalize(rule.form) for rule in raw.ambiguities}),
    }
    return report


def _unique(items, key, what: str, report: Report) -> None:
    first: dict[str, str] = {}
    for item in items:
        value = key(item)
        if value in first:
            report.error(item.origin, f"duplicate {what} {value!r} (first at {first[value]})")
        else:
            first[value] = item.origin


def _check_states(raw: RawKnowledge, report: Report) -> set[str]:
    _unique(raw.states, lambda s: s.code, "state code", report)
    places = {p.name for p in raw.places}
    for state in raw.states:
        if not _STATE_CODE.fullmatch(state.code):
            report.error(state.origin, f"state code {state.code!r} is not three capital letters")
        if not state.arabic:
            report.error(state.origin, f"{state.code} has no Arabic name")
        if not state.nisba:
            report.warn(state.origin, f"{state.code} has no nisba form")
        if state.capital and state.capital not in places:
            report.error(state.origin, f"capital {state.capital!r} of {state.code} is not in places.tsv")
    return {s.code for s in raw.states}


def _check_places(raw: RawKnowledge, codes: set[str], report: Report) -> None:
    _unique(raw.places, lambda p: p.name, "place name", report)
    for place in raw.places:
        if place.country not in codes:
            report.error(place.origin, f"unknown country {place.country!r}")
        if place.kind not in PLACE_KINDS:
            report.error(place.origin, f"unknown kind {place.kind!r} (one of {', '.join(PLACE_KINDS)})")
        if place.lat is None or place.lon is None:
            report.warn(place.origin, f"{place.name} has no coordinates")
        elif not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            report.error(place.origin, f"coordinates {place.lat}, {place.lon} out of range")
        if not place.arabic:
            report.error(place.origin, f"{place.name} has no Arabic name")
        if place.kind == "city" and not place.admin1:
            report.warn(place.origin, f"{place.name} has no admin1 region")


def _check_organisations(raw: RawKnowledge, codes: set[str], report: Report) -> None:
    _unique(raw.organisations, lambda o: o.id, "organisation id", report)
    for organisation in raw.organisations:
        if organisation.country and organisation.country not in codes:
            report.error(organisation.origin, f"unknown country {organisation.country!r}")
        if organisation.sector not in SECTORS:
            report.error(organisation.origin, f"unknown sector {organisation.sector!r}")
        if organisation.coded_as_state and not organisation.country:
            report.error(organisation.origin, "coded_as state needs the state in the country column")
        if not organisation.arabic:
            report.error(organisation.origin, f"{organisation.id} has no Arabic name")


def _check_people(raw: RawKnowledge, codes: set[str], report: Report) -> set[str]:
    _unique(raw.people, lambda p: p.id, "person id", report)
    for person in raw.people:
        if person.country and person.country not in codes:
            report.error(person.origin, f"unknown country {person.country!r}")
        if person.sector not in SECTORS:
            report.error(person.origin, f"unknown sector {person.sector!r}")
        if person.wikidata and not _WIKIDATA.fullmatch(person.wikidata):
            report.error(person.origin, f"malformed Wikidata id {person.wikidata!r}")
        if not person.arabic:
            report.error(person.origin, f"{person.id} has no Arabic name")
    return {p.id for p in raw.people}


def _valid_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_offices(raw: RawKnowledge, codes: set[str], people: set[str], report: Report) -> None:
    seats: dict[tuple[str, str, str | None], list[OfficeTerm]] = defaultdict(list)
    for term in raw.offices:
        problems_before = len(report.problems)
        if term.person not in people:
            report.error(term.origin, f"person {term.person!r} is not in any people file")
        if term.office not in OFFICES:
            report.error(term.origin, f"unknown office {term.office!r}")
        if term.country not in codes:
            report.error(term.origin, f"unknown country {term.country!r}")
        elif term.office in ORGANISATION_OFFICES and term.country not in ORGANISATION_CODES:
            report.error(term.origin, f"{term.office} needs an organisation code, not {term.country!r}")
        if term.office == "envoy" and term.topic not in codes:
            report.error(term.origin, f"envoy topic {term.topic!r} is not a known country")
        for label, value in (("start", term.start), ("end", term.end)):
            if value is not None and not _valid_date(value):
                report.error(term.origin, f"malformed {label} date {value!r} (YYYY-MM-DD)")
        if len(report.problems) > problems_before:
            continue
        if term.end is not None and term.end < term.start:
            report.error(term.origin, f"ends {term.end} before it starts {term.start}")
            continue
        seats[(term.office, term.country, term.topic if term.office == "envoy" else None)].append(term)
    for terms in seats.values():
        terms.sort(key=lambda t: t.start)
        for earlier, later in pairwise(terms):
            if earlier.end is None or later.start <= earlier.end:
                report.error(
                    later.origin,
                    f"{later.office} {later.country}{' ' + later.topic if later.topic else ''}: "
                    f"{later.person} from {later.start} overlaps {earlier.person} "
                    f"({earlier.start} to {earlier.end or 'open'}, {earlier.origin})",
                )


def _check_titles_and_sectors(raw: RawKnowledge, codes: set[str], report: Report) -> None:
    for title in raw.office_titles:
        if title.office not in OFFICES:
            report.error(title.origin, f"unknown office {title.office!r}")
        if title.country and title.country not in codes:
            report.error(title.origin, f"unknown country {title.country!r}")
    for term in raw.sector_terms:
        if term.sector not in SECTORS:
            report.error(term.origin, f"unknown sector {term.sector!r}")


def _origins(raw: RawKnowledge) -> dict[tuple[str, object], str]:
    """(kind, key) → the line that defines it, to point collisions at both rows."""
    origins: dict[tuple[str, object], str] = {}
    for state in raw.states:
        origins[(STATE, state.code)] = origins[(NISBA, state.code)] = state.origin
    for kind, rows, key in (
        ("place", raw.places, lambda r: r.name),
        ("organisation", raw.organisations, lambda r: r.id),
        ("person", raw.people, lambda r: r.id),
        ("office_title", raw.office_titles, lambda r: (r.office, r.country)),
        ("sector_term", raw.sector_terms, lambda r: r.sector),
    ):
        for row in rows:
            origins.setdefault((kind, key(row)), row.origin)
    return origins


def _clashes(kind: str, keys: list) -> bool:
    """Whether these keys of one kind make an alias ambiguous.

    A country-specific office title refines the general one (الرئيس is Iran's head of
    government), so titles clash only when they name two offices for the same country.
    """
    if kind == "office_title":
        countries = [country for _office, country in keys]
        return len(countries) != len(set(countries))
    return len(keys) > 1


def _check_aliases(raw: RawKnowledge, report: Report) -> int:
    """Report aliases that name two entities of one kind; return how many normalised forms there are."""
    named: dict[str, dict[tuple[str, object], str]] = defaultdict(dict)
    for alias, entity in KnowledgeBase._alias_entries(raw):
        for form in matching_forms(alias):
            named[form].setdefault(entity, alias)
    origins = _origins(raw)
    reported: set[frozenset] = set()
    for form, entities in sorted(named.items(), key=lambda item: -len(item[0])):
        by_kind: dict[str, list] = defaultdict(list)
        for kind, key in entities:
            by_kind[kind].append(key)
        for kind, keys in by_kind.items():
            clashing = frozenset((kind, key) for key in keys)
            if not _clashes(kind, keys) or clashing in reported:
                continue
            reported.add(clashing)
            where = ", ".join(f"{key!r} as {entities[(kind, key)]!r} ({origins.get((kind, key), '?')})"
                              for key in keys)
            message = f"{kind} alias {form!r} names {len(keys)}: {where}"
            report.error(origins.get((kind, keys[-1]), "?"), message)
    return len(named)


def _check_ambiguities(raw: RawKnowledge, report: Report) -> None:
    """Rules of ambiguous.tsv: a reading that names a known entity, words that survive normalising,
    and no rule after a form's default (one without conditions), which would never be tried."""
    known = {
        STATE: {s.code for s in raw.states}, NISBA: {s.code for s in raw.states if s.nisba},
        PLACE: {p.name for p in raw.places}, ORGANISATION: {o.id for o in raw.organisations},
        PERSON: {p.id for p in raw.people}, SECTOR_TERM: {t.sector for t in raw.sector_terms},
    }
    defaults: dict[str, str] = {}
    for rule in raw.ambiguities:
        form = " ".join(normalize(rule.form).split())
        if not form:
            report.error(rule.origin, f"form {rule.form!r} is empty once normalised")
            continue
        if form in defaults:
            report.error(rule.origin, f"never tried: {rule.form!r} has a rule without conditions at {defaults[form]}")
        if rule.is_default:
            defaults.setdefault(form, rule.origin)
        if rule.reading is not None:
            kind, key = rule.reading
            if kind not in known:
                report.error(rule.origin, f"unknown reading kind {kind!r} (one of {', '.join(known)}, or none)")
            elif key not in known[kind]:
                report.error(rule.origin, f"reading {kind}:{key} is not in the {kind} files")
        for column, words in (("before", rule.before), ("after", rule.after), ("context", rule.context)):
            for word in words:
                if not normalize(word).strip(" *"):
                    report.error(rule.origin, f"empty word in {column}")
