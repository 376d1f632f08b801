"""What a whole document tells about its events: its date, its people, its dateline, its kingdom.

Read once per document, before its sentences: a sentence's "الوزير العماني" is the Omani
minister the article named in full, "المملكة" the kingdom it is about, and an undated
article is dated by the office holders it names.
"""

from __future__ import annotations

from collections import Counter

from marsad.extracting.lexicon import Lexicon
from marsad.extracting.places import Places
from marsad.knowledge.loader import NISBA, ORGANISATION, PERSON, PLACE, STATE, KnowledgeBase
from marsad.knowledge.matcher import PROCLITICS
from marsad.model import Actor
from marsad.recognising.phrases import Phrase, Term, make_term, reading_of
from marsad.recognising.scan import MAIN_DATE_SENTENCES, Scan, Sentence

KINGDOMS = ("SAU", "JOR", "MAR", "BHR")
# Name parts after which the last word is a father's or a clan's name, not a family name.
_LINEAGE = frozenset({"بن", "ابن", "بنت", "ال", "ابو", "عبد"})


class DocumentContext:
    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, scan: Scan):
        self.kb, self.lexicon, self.scan = kb, lexicon, scan
        self.text = scan.text
        self.published = scan.published.isoformat() if scan.published else None
        self.main_date, self.main_precision = self._main_date()
        readings = scan.readings()
        self.persons = [(start, key) for start, kind, key in readings if kind == PERSON]
        self.reference_date = self.main_date or self._reference_date()
        self.surnames = self._surnames()
        self.dateline_country = self._dateline_country()
        countries = Counter(key for _, kind, key in readings if kind in (STATE, NISBA) and isinstance(key, str))
        self.countries = countries
        self.focus_country = countries.most_common(1)[0][0] if countries else None
        kingdom = max(KINGDOMS, key=lambda c: countries.get(c, 0)) if countries else None
        self.kingdom = kingdom if kingdom and countries.get(kingdom) else None
        self.places = Places(kb, self.text)
        groups = kb.organisations
        self.armed_groups = [key for _, kind, key in readings
                             if kind == ORGANISATION and key in groups and groups[key].sector == "REB"]

    def _main_date(self) -> tuple[str | None, str | None]:
        """The date most of the article is about: the first day-precise date of an event sentence
        near its top (a dateline under the headline is the publication date, not the event's)."""
        top = self.scan.sentences[:MAIN_DATE_SENTENCES]
        for sentence in [s for s in top if s.triggers] + top:
            for mention in sentence.dates:
                if mention.value and mention.precision == "day" and (
                        self.published is None or mention.value <= self.published):
                    return mention.value, "day"
        if self.published:
            return self.published, "day"
        return None, None

    def _reference_date(self) -> str | None:
        """For an undated article: a day on which most of the office holders it names were in office."""
        terms = [t for _, person in self.persons for t in self.kb.terms_of(person)]
        if not terms:
            return None
        candidates = {t.start for t in terms} | {t.end for t in terms if t.end}
        return max(sorted(candidates), key=lambda day: sum(t.covers(day) for t in terms))

    def _surnames(self) -> dict[str, tuple[int, tuple]]:
        """Family names of the people named in full ("محمود عباس" → "عباس"), with where the full name
        ends: after it the family name alone is that person. Names two people share, short ones and
        names of the "بن" kind (whose last word is the father's) are left out."""
        found: dict[str, tuple[int, tuple] | None] = {}
        if self.scan.found is None:
            return {}
        for start, end, payloads, _ in self.scan.found.terms:
            kind, key, _ = reading_of(payloads)
            words = self.text[start:end].split() if kind == PERSON else []
            family = words[-1] if len(words) >= 2 and not _LINEAGE.intersection(words) else ""
            if len(family.removeprefix("ال")) < 4:
                continue
            reading = ((PERSON, key),)
            known = found.setdefault(family, (end, reading))
            if known is not None and known[1] != reading:
                found[family] = None
        return {family: known for family, known in found.items() if known is not None}

    def family_name_terms(self, sentence: Sentence) -> list[Term]:
        """Terms for the bare family names of people named in full earlier, right after an event word
        ("وكان بلينكن قد التقى عباس"): elsewhere many of them are common words ("صالح", "سلام")."""
        if not self.surnames:
            return []
        terms, text = sentence.terms, self.text
        trigger_ends = {t.end for t in sentence.triggers}
        extra = []
        for family, (named_at, reading) in self.surnames.items():
            position = max(sentence.start, named_at)
            while (start := text.find(family, position, sentence.end)) >= 0:
                end = position = start + len(family)
                word_start = word_start_of(text, start)
                proclitic = text[word_start:start]
                whole = proclitic in PROCLITICS and not (end < len(text) and text[end].isalnum())
                if whole and word_start - 1 in trigger_ends and not any(t.start < end and start < t.end for t in terms):
                    extra.append(make_term(start, end, reading, proclitic, family))
        return extra

    def _dateline_country(self) -> str | None:
        """"الكويت - كونا": the country the article is filed from."""
        for start, end in self.scan.datelines[:1]:
            for sentence in self.scan.sentences[:3]:
                for term in sentence.terms:
                    if start <= term.start < end:
                        if term.kind in (STATE, NISBA):
                            return term.key
                        if term.kind == PLACE and term.key in self.kb.places:
                            return self.kb.places[term.key].country
        return None

    def recall(self, country: str, position: int, resolved: list | None = None):
        """The person of `country` the article named last before `position`, else the last of `resolved`
        (people of that country found before it through their office: "الوزير المسؤول عن الشؤون الخارجية
        في سلطنة عمان"), else the first it named after it."""
        of_country = []
        for start, person_id in self.persons:
            person = self.kb.people.get(person_id)
            if person is None:
                continue
            terms = self.kb.offices_on(person_id, self.reference_date) if self.reference_date else []
            if country in ({t.country for t in terms} or {person.country}):
                of_country.append((start, person))
        before = [p for start, p in of_country if start < position]
        if before:
            return before[-1]
        if resolved:
            return resolved[-1]
        return of_country[0][1] if of_country else None

    def holds(self, person_id: str, office: str) -> bool:
        """Whether a person held an office around the article's date (a title after a name is apposition)."""
        terms = self.kb.offices_on(person_id, self.main_date) or self.kb.terms_of(person_id)
        return any(t.office == office for t in terms) or (office == "head_of_state" and any(
            t.office == "head_of_government" for t in terms))

    def in_dateline(self, phrase: Phrase) -> bool:
        return any(start <= phrase.start < end for start, end in self.scan.datelines)

    def is_media(self, phrase: Phrase) -> bool:
        """News agencies and outlets report events; they are not their actors (spec §4)."""
        organisation = self.kb.organisations.get(phrase.organisation) if phrase.organisation else None
        if phrase.sector == "MED" and not (phrase.person or phrase.titles or organisation):
            return True
        return bool(organisation and organisation.sector == "MED" and not phrase.titles)

    def fill_countries(self, actors: list[Actor]) -> list[Actor]:
        """Generic actors with no country ("وزارة الخارجية", "الشرطة") take the dateline's, else the article's focus."""
        country = self.dateline_country or self.focus_country
        return [Actor(None, country, a.sector) if a.country is None and a.name is None and a.sector != "UNK"
                and country else a for a in actors]


def word_start_of(text: str, position: int) -> int:
    while position > 0 and text[position - 1].isalnum():
        position -= 1
    return position
