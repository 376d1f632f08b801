"""Turn a phrase into actors: a person by name, an office holder by date, or a generic body.

"وزير الخارجية المصري" on 2019-06-01 is Sameh Shoukry; "نظيره الأردني" beside Lavrov is
Jordan's foreign minister on that day; "الجيش التركي" is (TUR, MIL); a spokesperson's
words are the principal's, so "المتحدث باسم الخارجية الإيرانية" is (IRN, GOV).
"""

from __future__ import annotations

from collections.abc import Callable

from marsad.knowledge.loader import KnowledgeBase
from marsad.knowledge.records import OfficeTerm, Organisation, Person
from marsad.model import ORGANISATION_CODES, Actor
from marsad.recognising.phrases import Phrase

_OFFICE_SECTOR = {"army_chief": "MIL", "speaker": "LEG"}
# The rank in which titles describe a person best: "رئيس مجلس الوزراء وزير الخارجية" acts as prime minister.
_OFFICE_RANK = (
    "head_of_state", "head_of_government", "crown_prince", "secretary_general", "envoy", "foreign_minister",
    "defence_minister", "deputy_crown_prince", "deputy_head_of_government", "interior_minister",
    "finance_minister", "energy_minister", "speaker", "army_chief", "security_chief",
)
# Offices that belong to an organisation rather than a state.
_ORGANISATION_OFFICES = {"secretary_general", "envoy"}


def sector_for(country: str | None, office: str | None, default: str) -> str:
    if country in ORGANISATION_CODES:
        return "IGO"
    return _OFFICE_SECTOR.get(office or "", default)


def organisation_actor(organisation: Organisation) -> Actor:
    """The organisation as an actor; one the coding conventions name by its state (a military coalition led by
    one state) is that state's generic actor."""
    if organisation.coded_as_state:
        return Actor(None, organisation.country, organisation.sector)
    return Actor(organisation.name, organisation.country, organisation.sector)


def person_actor(kb: KnowledgeBase, person: Person, date: str | None) -> Actor:
    """A person with the country and sector of the office held on `date` (else their default)."""
    terms = kb.offices_on(person.id, date) if date else []
    term = _main_term(terms)
    if term is None:
        country = person.country
        return Actor(person.name, country, sector_for(country, None, person.sector))
    return Actor(person.name, term.country, sector_for(term.country, term.office, person.sector))


def _main_term(terms: list[OfficeTerm]) -> OfficeTerm | None:
    if not terms:
        return None
    return min(terms, key=lambda t: _OFFICE_RANK.index(t.office) if t.office in _OFFICE_RANK else 99)


def main_office(kb: KnowledgeBase, person_id: str, date: str | None) -> OfficeTerm | None:
    return _main_term(kb.offices_on(person_id, date) if date else kb.terms_of(person_id)[-1:])


def resolve(kb: KnowledgeBase, phrase: Phrase, date: str | None, anchor: Actor | None = None,
            anchor_office: str | None = None,
            recall: Callable[[str, int], Person | None] | None = None) -> list[Actor]:
    """The actors a phrase names on `date`; `anchor` is the other party, for "نظيره";
    `recall(country, position)` finds the person of that country the article named before,
    for "الوزير العماني" or an office the knowledge base has no holder for."""
    organisation = kb.organisations.get(phrase.organisation) if phrase.organisation else None
    if phrase.spokesperson and not phrase.counterpart:
        if organisation:
            return [organisation_actor(organisation)]
        return [Actor(None, c, phrase.sector or "GOV") for c in phrase.countries]
    if phrase.person:
        person = kb.people.get(phrase.person)
        return [person_actor(kb, person, date)] if person else []
    if phrase.counterpart:
        return _counterparts(kb, phrase, date, anchor, anchor_office)
    if phrase.titles:
        actor = _office_holder(kb, phrase, date, organisation)
        if actor and actor.name is None and recall and actor.country:
            named = recall(actor.country, phrase.start)
            if named:
                return [person_actor(kb, named, date)]
        if actor:
            return [actor]
    if organisation:
        return [organisation_actor(organisation)]
    sector = phrase.sector or "GOV"
    if phrase.countries:
        return [Actor(None, c, sector) for c in dict.fromkeys(phrase.countries)]
    if phrase.capital_of and phrase.preposition not in ("في", "الي", "من"):
        return [Actor(None, phrase.capital_of, sector)]
    if phrase.sector:
        return [Actor(None, None, phrase.sector)]
    return []


def _rank(title: tuple[str, str | None], country: str | None) -> tuple[int, int]:
    """Titles of the phrase's own country first ("الرئيس" in Iran heads the government), then by office rank."""
    office, title_country = title
    specific = 0 if title_country and title_country == country else 1
    return specific, _OFFICE_RANK.index(office) if office in _OFFICE_RANK else 99


def _office_holder(kb: KnowledgeBase, phrase: Phrase, date: str | None, organisation) -> Actor | None:
    phrase_country = phrase.countries[0] if phrase.countries else None
    titles = [t for t in phrase.titles if not (t[1] and phrase_country and t[1] != phrase_country)]
    if phrase_country is None and any(t[1] is None for t in titles):
        titles = [t for t in titles if t[1] is None]  # a bare "الرئيس" is nobody's in particular, not Iran's
    titles.sort(key=lambda t: _rank(t, phrase_country))
    for office, title_country in titles:
        if office in _ORGANISATION_OFFICES:
            country = organisation.country if organisation and organisation.country else "UNO"
            topic = phrase.countries[0] if office == "envoy" and phrase.countries else None
        else:
            country = title_country or (phrase.countries[0] if phrase.countries else None)
            topic = None
        if country is None:
            continue
        holder = kb.holder(office, country, date, topic) if date else None
        if holder:
            return person_actor(kb, holder, date)
        return Actor(None, country, sector_for(country, office, "GOV"))
    return None


def _counterparts(kb: KnowledgeBase, phrase: Phrase, date: str | None, anchor: Actor | None,
                  anchor_office: str | None) -> list[Actor]:
    sector = anchor.sector if anchor else "GOV"
    office = anchor_office or (phrase.titles[0][0] if phrase.titles else None)
    actors = []
    for country in dict.fromkeys(phrase.countries):
        holder = kb.holder(office, country, date) if office and date else None
        actors.append(person_actor(kb, holder, date) if holder else Actor(None, country, sector))
    return actors
