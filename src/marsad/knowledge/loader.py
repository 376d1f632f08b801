"""The knowledge base compiled into lookups: by id, by alias, and office holders by date.

Compiling (reading every TSV, building the automaton) takes a few hundred milliseconds, so
the result is pickled under the cache folder, keyed by the files' names, sizes and mtimes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from marsad.cleaning.normalize import NormalizedText, normalize
from marsad.knowledge.ambiguity import Ambiguities
from marsad.knowledge.files import RawKnowledge, data_dirs, knowledge_files, read_knowledge
from marsad.knowledge.matcher import ARTICLE, STOP, MatcherSet, TermMatcher
from marsad.knowledge.records import (
    OfficeTerm,
    OfficeTitle,
    Organisation,
    Person,
    Place,
    Problem,
    SectorTerm,
    State,
)

log = logging.getLogger(__name__)
CACHE_VERSION = "1"

# Kinds of mention; a mention's `key` is a state code, place name, organisation/person id,
# office id (with an optional country for country-specific titles) or sector code.
STATE, NISBA, PLACE, ORGANISATION, PERSON, OFFICE_TITLE, SECTOR_TERM = (
    "state", "nisba", "place", "organisation", "person", "office_title", "sector_term",
)
NISBA_SUFFIXES = ("", "ه", "ا", "ون", "ين", "ان", "تان", "تين", "ات")


@dataclass(frozen=True, slots=True)
class Mention:
    """A known entity found in a text: `start`/`end` index the text given to `find`."""

    start: int
    end: int
    kind: str
    key: str | tuple[str, str | None]
    surface: str


def _nisba_forms(nisba: str) -> list[str]:
    """Every inflection of a nisba; in "كوري جنوبي" both words inflect and take the article."""
    words = nisba.split()
    stems = [w[:-1] if w.endswith(("ي", "ى")) else w for w in words]
    forms = []
    for suffix in NISBA_SUFFIXES:
        inflected = [stem + "ي" + suffix for stem in stems]
        forms.append(" ".join(inflected))
        if len(inflected) > 1:
            forms.append(" ".join(["ال" + w for w in inflected]))
    return forms


ARAB_STATES = frozenset({
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT",
    "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ARL", "GCC",
})
# Letters Arabic writers use interchangeably for foreign sounds: g (غ/ج/ق), v (ف/ڤ).
_FOREIGN_LETTERS = (("غ", "ج"), ("ج", "غ"), ("غ", "ق"))


def _transliteration_variants(name: str) -> set[str]:
    """Other spellings of a foreign name ("غروندبرغ" → "جروندبرج")."""
    variants = set()
    for letter, other in _FOREIGN_LETTERS:
        if letter in name:
            variants.add(name.replace(letter, other))
    variants.discard(name)
    return variants


class KnowledgeBase:
    """Everything Marsad knows, indexed for the extractor and the `marsad kb` commands."""

    def __init__(self, raw: RawKnowledge):
        self.problems: list[Problem] = list(raw.problems)
        self.states: dict[str, State] = {s.code: s for s in raw.states}
        self.places: dict[str, Place] = {p.name: p for p in raw.places}
        self.organisations: dict[str, Organisation] = {o.id: o for o in raw.organisations}
        self.people: dict[str, Person] = {p.id: p for p in raw.people}
        self.offices: list[OfficeTerm] = list(raw.offices)
        self.office_titles: list[OfficeTitle] = list(raw.office_titles)
        self.sector_terms: list[SectorTerm] = list(raw.sector_terms)
        self.raw = raw
        self._terms_by_seat: dict[tuple[str, str, str | None], list[OfficeTerm]] = {}
        self._terms_by_person: dict[str, list[OfficeTerm]] = {}
        for term in sorted(self.offices, key=lambda t: t.start):
            seat = (term.office, term.country, term.topic if term.office == "envoy" else None)
            self._terms_by_seat.setdefault(seat, []).append(term)
            self._terms_by_person.setdefault(term.person, []).append(term)
        self._starts = {seat: [t.start for t in terms] for seat, terms in self._terms_by_seat.items()}
        self.people_by_name = {p.name.casefold(): p for p in raw.people}
        self.capital_of = {s.capital: s.code for s in raw.states if s.capital}
        self.ambiguities = Ambiguities(raw.ambiguities)
        self.matcher = TermMatcher(chain(self._alias_entries(raw), self.ambiguities.entries()))
        self.ambiguities.learn(self.matcher)
        self._lookup: MatcherSet | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_lookup": None}  # the automaton has a cache file of its own

    @staticmethod
    def _alias_entries(raw: RawKnowledge):
        nisbas = {normalize(form) for state in raw.states for nisba in state.nisba for form in _nisba_forms(nisba)}
        for state in raw.states:
            for name in (*state.arabic, *state.metonyms):
                yield name, (STATE, state.code)
            for nisba in state.nisba:
                for form in _nisba_forms(nisba):
                    yield form, (NISBA, state.code)
            for plural in state.plural:
                yield plural, (NISBA, state.code)
        for place in raw.places:
            for name in place.arabic:
                yield name, (PLACE, place.name)
        for organisation in raw.organisations:
            for name in organisation.arabic:
                yield name, (ORGANISATION, organisation.id)
        for person in raw.people:
            for name in person.arabic:
                folded = normalize(name)
                if folded in nisbas or (folded.startswith(ARTICLE) and folded[len(ARTICLE):] in nisbas):
                    continue  # "السوداني" is first "the Sudanese": such a short form would name everyone
                yield name, (PERSON, person.id)
                if person.country not in ARAB_STATES:
                    for variant in _transliteration_variants(name):
                        yield variant, (PERSON, person.id)
        for title in raw.office_titles:
            for name in title.arabic:
                yield name, (OFFICE_TITLE, (title.office, title.country))
        for term in raw.sector_terms:
            for name in term.arabic:
                yield name, (SECTOR_TERM, term.sector)
        for form in raw.stop_forms:
            yield form, STOP

    @property
    def alias_index(self) -> dict[str, tuple[tuple[str, object], ...]]:
        """Normalised form → the (kind, key) entries it names."""
        return self.matcher.index

    # --- offices -----------------------------------------------------------------------
    def holder(self, office: str, country: str, date: str, topic: str | None = None) -> Person | None:
        """Who held `office` for `country` (or organisation) on `date` (YYYY[-MM[-DD]])."""
        term = self.term(office, country, date, topic)
        return self.people.get(term.person) if term else None

    def term(self, office: str, country: str, date: str, topic: str | None = None) -> OfficeTerm | None:
        seat = (office, country, topic if office == "envoy" else None)
        terms = self._terms_by_seat.get(seat)
        if not terms:
            return None
        day = _first_day(date)
        index = bisect_right(self._starts[seat], day) - 1
        if index >= 0 and terms[index].covers(day):
            return terms[index]
        return None

    def terms_of(self, person_id: str) -> list[OfficeTerm]:
        return list(self._terms_by_person.get(person_id, ()))

    def offices_on(self, person_id: str, date: str | None) -> list[OfficeTerm]:
        """The offices `person_id` held on `date`, or all of them when the date is unknown."""
        terms = self._terms_by_person.get(person_id, ())
        if date is None:
            return list(terms)
        day = _first_day(date)
        return [t for t in terms if t.covers(day)]

    # --- lookup ------------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Known entities in raw `text`, spans in `text`'s own positions."""
        if self._lookup is None:
            self._lookup = matcher_set([self.matcher], "kb")
        view = NormalizedText.of(text)
        mentions = []
        found = self.resolve_ambiguous(view.text, self._lookup.find(view.text, (False,))[0])
        for start, end, payloads, _ in found:
            start, end = view.to_original(start, end)
            for kind, key in payloads:
                mentions.append(Mention(start, end, kind, key, text[start:end]))
        return mentions


    def resolve_ambiguous(self, text: str, found: list[tuple]) -> list[tuple]:
        """Matches of this knowledge base's forms in normalised `text`, with the forms of ambiguous.tsv
        given the reading their neighbours and `text` select (see `marsad.knowledge.ambiguity`)."""
        return self.ambiguities.resolve(text, found)


def _first_day(date: str) -> str:
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


# The compiled form depends on this code as much as on the data: both are in the cache key.
_CODE = [Path(__file__), *(Path(__file__).with_name(name) for name in ("matcher.py", "files.py", "ambiguity.py")),
         Path(__file__).parent.parent / "cleaning" / "normalize.py"]


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha1(CACHE_VERSION.encode())
    for path in [*paths, *_CODE]:
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    configured = os.environ.get("MARSAD_CACHE")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "marsad"


def compile_knowledge_base(dirs: list[Path] | None = None, use_cache: bool = True) -> KnowledgeBase:
    """Read and index the knowledge files, reusing the pickled result while they are unchanged."""
    dirs = dirs or data_dirs()
    paths = knowledge_files(dirs)
    cache_file = cache_dir() / f"kb-{_fingerprint(paths)}.pickle"
    kb = _read_cache(cache_file) if use_cache else None
    if kb is None:
        kb = KnowledgeBase(read_knowledge(dirs))
        if use_cache:
            _write_replacing(cache_file, kb, "kb")
    return kb


def matcher_set(matchers: list[TermMatcher], name: str) -> MatcherSet:
    """One automaton over several matchers, unpickled from the cache while their forms are unchanged:
    building it takes a second or more, loading it a fraction of that. `name` tells its users apart, so
    that each replaces only its own stale copies."""
    digest = hashlib.sha1(CACHE_VERSION.encode())
    digest.update(Path(__file__).with_name("matcher.py").read_bytes())
    digest.update(pickle.dumps([matcher.forms for matcher in matchers], protocol=pickle.HIGHEST_PROTOCOL))
    cache_file = cache_dir() / f"automaton-{name}-{digest.hexdigest()[:16]}.pickle"
    found = _read_cache(cache_file)
    if found is None:
        found = MatcherSet(matchers)
        _write_replacing(cache_file, found, f"automaton-{name}")
    return found


def _read_cache(cache_file: Path):
    if not cache_file.exists():
        return None
    try:
        with cache_file.open("rb") as handle:
            return pickle.load(handle)
    except Exception as exc:  # a stale or broken cache is rebuilt, never fatal
        log.debug("cache %s unusable: %s", cache_file, exc)
        return None


def _write_replacing(cache_file: Path, value: object, family: str) -> None:
    """Write `value`, then remove the other files of its family ("kb", "automaton-extractor" …): a changed
    knowledge file or a new Marsad leaves the old ones unused for good, megabytes each."""
    _write_cache(cache_file, value)
    for stale in cache_file.parent.glob(f"{family}-*.pickle"):
        if stale != cache_file:
            with contextlib.suppress(OSError):
                stale.unlink()


def _write_cache(cache_file: Path, value: object) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cache_file)
    except OSError as exc:
        log.debug("cache %s not written: %s", cache_file, exc)


@lru_cache(maxsize=1)
def load_knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base (compiled once, then cached on disk)."""
    return compile_knowledge_base()
