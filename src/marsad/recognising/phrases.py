"""Group the known terms of a sentence into actor phrases.

News Arabic names an actor with several adjacent terms: a title, a nationality, a name
("وزير الخارجية الروسي سيرغي لافروف"), a name with its title after it ("سامح شكري وزير
الخارجية"), a generic body with its nationality ("الجيش التركي"), or a counterpart
("نظيره الأردني"). This module joins such runs into one `Phrase`, and notes the
preposition in front of it (مع، من، ب، ل، إلى …), which tells its role.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.knowledge.loader import NISBA, OFFICE_TITLE, ORGANISATION, PERSON, PLACE, SECTOR_TERM, STATE
from marsad.model import Actor

DIPLOMAT_WORDS = frozenset({
    "سفير", "السفير", "السفيره", "سفيره", "القايم بالاعمال", "القايمه بالاعمال", "القنصل", "سفراء", "السفراء",
})
PREPOSITIONS = frozenset({
    "مع", "من", "الي", "علي", "عن", "في", "لدي", "ضد", "بين", "عبر", "ب", "ل", "ك", "تجاه", "حول",
})
_WORD = re.compile(r"\w+")
# The word that ends a string: matched from the start, the greedy ".*" backs off from the end, so this costs the
# length of the last word, where search(r"\w+$") tries every position of the string.
_LAST_WORD = re.compile(r"(?s:.*\W)?(\w+)$")
_KIND_PRIORITY = {PERSON: 0, ORGANISATION: 1, OFFICE_TITLE: 2, STATE: 3, NISBA: 4, SECTOR_TERM: 5, PLACE: 6}


@dataclass(slots=True)
class Term:
    """One known term in the text: the winning (kind, key) and all candidates."""

    start: int
    end: int
    kind: str
    key: object
    candidates: tuple
    proclitic: str
    surface_is_diplomat: bool = False

    def candidate(self, kind: str):
        return next((key for k, key in self.candidates if k == kind), None)


@dataclass(slots=True)
class Phrase:
    start: int
    end: int
    person: str | None = None
    titles: list[tuple[str, str | None]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisation: str | None = None
    sector: str | None = None
    place: str | None = None
    capital_of: str | None = None  # the state whose capital `place` is
    counterpart: bool = False
    pair: bool = False
    group: bool = False
    kingdom: bool = False
    own_country: bool = False  # "بلاده": the country of whoever speaks
    spokesperson: bool = False
    preposition: str = ""
    coordinated: bool = False  # joined to the previous phrase by و
    adjectival: bool = False  # its countries come from nisba adjectives, not state names
    about: bool = False  # a nisba describing a topic ("الأزمة السورية"), not an actor
    diplomat: bool = False  # headed by an envoy ("السفير الكندي"): the side being protested to or expelled

    @property
    def nisba_only(self) -> bool:
        """Nothing but a nationality adjective ("الأزمة الأوكرانية", "طائرة إماراتية")."""
        return self.adjectival and not (self.person or self.titles or self.organisation or self.sector
                                        or self.counterpart or self.pair or self.group or self.kingdom)

    @property
    def is_location_only(self) -> bool:
        """A place, or a state after في/الى, that names where rather than who."""
        has_actor = (self.person or self.titles or self.organisation or self.sector or self.counterpart or self.pair
                     or self.group)
        if has_actor:
            return False
        if self.place and not self.capital_of:
            return True
        return self.preposition in ("في", "الي") and bool(self.place or self.countries)


def make_term(start: int, end: int, payloads: tuple, proclitic: str, surface: str) -> Term:
    """A known term at `start`, written `surface` after its `proclitic` (و، ب، ال …)."""
    kind, key, candidates = reading_of(payloads)
    return Term(start, end, kind, key, candidates, proclitic, surface in DIPLOMAT_WORDS)


@lru_cache(maxsize=65_536)
def reading_of(payloads: tuple) -> tuple[str, object, tuple]:
    """The winning reading of a term: a name before a title before a state, except that a bare
    nisba that is also a short name ("السوداني") is read as the nisba."""
    kinds = {k for k, _ in payloads}
    if PERSON in kinds and kinds & {NISBA, STATE}:
        payloads = tuple(p for p in payloads if p[0] != PERSON)
    kind, key = min(payloads, key=lambda p: _KIND_PRIORITY.get(p[0], 9))
    return kind, key, payloads


def _gap_words(text: str, start: int, end: int, honorifics: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(text[start:end]) if w not in honorifics]


def _bare(word: str) -> str:
    """A word without a joining و or ف ("والقضية" → "القضية")."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word


def _word_before(text: str, position: int) -> str:
    words = _WORD.findall(text, max(0, position - 30), position)
    return words[-1] if words else ""


def _proclitic_at(text: str, start: int) -> str:
    word_start = start
    while word_start > 0 and text[word_start - 1].isalnum():
        word_start -= 1
    return text[word_start:start]


def _preposition(text: str, start: int, proclitic: str, honorifics: frozenset[str],
                 area_words: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """The preposition governing a phrase that starts at `start`, and whether و joins it.

    A place word ("جنوب تركيا", "ريف إدلب") counts as في: the state after it is a place."""
    coordinated = proclitic.startswith("و")
    stem = proclitic[1:] if coordinated or proclitic.startswith("ف") else proclitic
    if stem.startswith(("ب", "ل", "ك")):
        return stem[0], coordinated
    position = start - len(proclitic)
    for _ in range(3):
        window = max(0, position - 40)
        before = text[window:position].rstrip()
        match = _LAST_WORD.match(before)
        if not match:
            break
        word = match.group(1)
        bare = word[1:] if word.startswith("و") and word[1:] in PREPOSITIONS else word
        if bare == "من" and before[:match.start(1)].rstrip().endswith(("كل", "كلا")):
            return "", coordinated  # "كل من X وY": both X and Y, no preposition
        if bare in PREPOSITIONS:
            return bare, coordinated or bare != word
        if word in area_words:
            return "في", coordinated
        if word not in honorifics:
            break
        position = window + match.start(1)  # past an honorific: "من السيد X"
    return "", coordinated


def build_phrases(text: str, terms: list[Term], markers: list[tuple[int, int, str]],
                  barriers: list[tuple[int, int]], honorifics: frozenset[str], capitals: dict[str, str],
                  holds: Callable[[str, str], bool], area_words: frozenset[str] = frozenset(),
                  topic_words: frozenset[str] = frozenset()) -> list[Phrase]:
    """Join the terms (and counterpart/pair/spokesperson/kingdom markers) of one sentence into phrases.

    `barriers` are trigger spans: no phrase reaches across an event word.
    """
    items: list[tuple[int, int, str, object]] = [(t.start, t.end, "term", t) for t in terms]
    items += [(s, e, "marker", kind) for s, e, kind in markers]
    items.sort(key=lambda i: (i[0], -i[1]))
    phrases: list[Phrase] = []
    current: Phrase | None = None
    spokesperson_until = -1
    for start, end, item_kind, item in items:
        if item_kind == "marker" and item == "spokesperson":
            spokesperson_until = end + 12  # the principal named right after "المتحدث باسم"
            continue
        if current is not None and current.end > start:
            continue  # overlapped by a longer term already in the phrase
        blocked = any(current is not None and current.end <= s < start for s, _ in barriers)
        proclitic = item.proclitic if item_kind == "term" else _proclitic_at(text, start)
        word_start = start - len(proclitic)  # "والإيراني": the gap ends before و/ال
        gap = _gap_words(text, current.end, word_start, honorifics) if current is not None else []
        gap_text = text[current.end:word_start] if current is not None else ""
        if current is not None and not blocked and _extends_title(current, item_kind, item):
            current.end = max(current.end, end)  # "وزير الخارجية والجالية": part of the title
            continue
        if current is not None and not blocked and _joins(current, item_kind, item, gap, gap_text, holds):
            _absorb(current, item_kind, item, end, capitals)
            continue
        previous_phrase = current
        current = Phrase(start, end)
        current.preposition, current.coordinated = _preposition(text, start, proclitic, honorifics, area_words)
        if current.coordinated and not current.preposition and previous_phrase is not None \
                and previous_phrase.preposition == "بين" and len(text[previous_phrase.end:start].split()) <= 1:
            current.preposition = previous_phrase.preposition  # "بين إسرائيل وحماس": both after بين
        current.about = _bare(_word_before(text, word_start)) in topic_words
        current.spokesperson = start <= spokesperson_until
        if current.spokesperson:
            spokesperson_until = -1
        _absorb(current, item_kind, item, end, capitals)
        phrases.append(current)
    _share_places(text, phrases)
    return phrases


def _share_places(text: str, phrases: list[Phrase]) -> None:
    """"في سوريا وليبيا", "إلى مصر والأردن": a bare state or place joined by و to a place after في/إلى stands
    where that one does — a place too, not an actor."""
    for previous, phrase in itertools.pairwise(phrases):
        bare = not (phrase.person or phrase.titles or phrase.organisation or phrase.sector or phrase.counterpart
                    or phrase.pair or phrase.group)
        if (phrase.coordinated and not phrase.preposition and bare and previous.preposition in ("في", "الي")
                and previous.is_location_only and len(text[previous.end:phrase.start].split()) <= 1):
            phrase.preposition = previous.preposition


def _joins(phrase: Phrase, item_kind: str, item, gap: list[str], gap_text: str,
           holds: Callable[[str, str], bool]) -> bool:
    if item_kind == "marker":
        return False
    term: Term = item
    coordinated = term.proclitic.startswith("و")
    has_head = bool(phrase.titles or phrase.sector or phrase.counterpart or phrase.pair or phrase.organisation
                    or phrase.group or phrase.kingdom or phrase.own_country)
    if term.kind == PERSON:
        if phrase.person == term.key and len(gap) <= 1:
            return True  # "السيد بدر بن حمد البوسعيدي": the name goes on
        if phrase.person or coordinated or not (phrase.titles or phrase.counterpart):
            return False
        return len(gap) <= 4 and not _has_clause_break(gap)
    if term.kind == OFFICE_TITLE:
        if coordinated or len(gap) > 1 or (gap and not phrase.person) or _has_clause_break(gap) or "," in gap_text:
            return False
        if phrase.person:
            genitive = term.proclitic.endswith(("لل", "ل")) and bool(phrase.titles)
            if genitive:
                return True
            # "سامح شكري وزير الخارجية": a title after a name is apposition — but not a second one
            # ("الرئيس السيسي الرئيس السوري" names two people)
            return not phrase.titles and any(holds(phrase.person, office) for office, _ in _title_keys(term))
        return bool(phrase.titles)
    if term.kind in (STATE, NISBA):
        if coordinated:
            return bool(phrase.countries) and not phrase.person and term.kind == NISBA and not gap
        if phrase.countries and not (phrase.pair and not gap):
            return False
        if phrase.place or (phrase.person and not phrase.titles):
            return False
        crossing = [w for w in gap if w in PREPOSITIONS and not (w in ("في", "الي") and phrase.titles)]
        if phrase.organisation and not phrase.titles and gap:
            return False  # "الجامعة العربية اليوم إسرائيل": two actors
        return (has_head and len(gap) <= 4 and "," not in gap_text and not crossing
                and not any(w in _NOT_IN_A_NAME and w not in ("في", "الي") for w in gap))
    if term.kind == ORGANISATION:
        return bool(phrase.titles) and not phrase.organisation and not coordinated and len(gap) <= 2
    if term.kind == SECTOR_TERM:
        return bool(phrase.sector) and not gap and not coordinated
    return False


def _title_keys(term: Term) -> list[tuple[str, str | None]]:
    return [key for kind, key in term.candidates if kind == OFFICE_TITLE]


def _extends_title(phrase: Phrase, item_kind: str, item) -> bool:
    """A sector word coordinated into a title ("وزير الخارجية والجالية الوطنية") continues the title."""
    return (item_kind == "term" and item.kind == SECTOR_TERM and item.proclitic.startswith("و")
            and bool(phrase.titles) and not phrase.person and item.start - phrase.end <= 3)


_NOT_IN_A_NAME = frozenset({
    "الذي", "التي", "الذين", "قال", "اكد", "حيث", "اليوم", "امس", "غدا", "مساء", "صباح", "فجر", "ظهر", "في",
    "من", "الي", "مع", "علي", "عن", "ان", "قد", "كان", "كانت", "خلال", "بعد", "قبل", "اجري", "الاثنين",
    "الثلاثا", "الاربعا", "الخميس", "الجمعه", "السبت", "الاحد", "بحضور", "بمشاركه", "برفقه", "وبحضور",
    "يرافقه", "لدي", "عقب", "بين", "نحو",
})


def _has_clause_break(gap: list[str]) -> bool:
    """Words that cannot stand inside one actor's name and titles."""
    return any(w in _NOT_IN_A_NAME for w in gap)


def _absorb(phrase: Phrase, item_kind: str, item, end: int, capitals: dict[str, str]) -> None:
    phrase.end = max(phrase.end, end)
    if item_kind == "marker":
        setattr(phrase, item, True)
        return
    term: Term = item
    if term.kind == PERSON:
        phrase.person = term.key
    elif term.kind == OFFICE_TITLE:
        phrase.titles.extend(key for kind, key in term.candidates if kind == OFFICE_TITLE)
    elif term.kind in (STATE, NISBA):
        # "سورية" names the state and is the feminine nisba: after a noun it is the adjective
        is_nisba = term.kind == NISBA or (term.candidate(NISBA) is not None and phrase.about)
        phrase.adjectival = is_nisba and (len(phrase.countries) == 0 or phrase.adjectival)
        phrase.about = phrase.about and (phrase.nisba_only or bool(phrase.person))
        phrase.countries.append(term.key)
    elif term.kind == ORGANISATION:
        phrase.organisation = term.key
    elif term.kind == SECTOR_TERM:
        phrase.sector = phrase.sector or term.key
        phrase.diplomat = phrase.diplomat or term.surface_is_diplomat
    elif term.kind == PLACE:
        phrase.place = term.key
        phrase.capital_of = capitals.get(term.key)


def listed_states(phrases: list[Phrase]) -> list[Actor]:
    """The last run of three or more states listed together ("السعودية والإمارات والبحرين ومصر"), as the
    governments that a later "الدول الأربع" names; empty when there is none."""
    run: list[Phrase] = []
    listed: list[Phrase] = []
    for phrase in phrases:
        country_only = phrase.countries and not (phrase.person or phrase.titles) and not phrase.nisba_only
        if country_only and (not run or phrase.coordinated):
            run.append(phrase)
        elif country_only:
            run = [phrase]
        else:
            run = []
        if len(run) >= 3:
            listed = list(run)
    return [Actor(None, p.countries[0], "GOV") for p in listed]
