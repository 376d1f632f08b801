"""Actor identity: every actor the knowledge base knows is stored under its knowledge-base id.

The extractor names a person or organisation by an English name. That name is looked up in
the knowledge base (canonical English names, then the id it would slug to, then Arabic
aliases, then a close spelling of a canonical name of the same country), so "Salman bin
Abdulaziz Al Saud" is stored as the knowledge base's own id for him, whatever that id is,
with the knowledge base's names. Only an actor the knowledge base does not know keeps the
slug of its name (and no `kb_id`). A generic actor ("the Saudi army") is
"<country>:<sector>", tied to its state's knowledge-base entry where there is one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from marsad.cleaning.normalize import normalize
from marsad.knowledge.loader import KnowledgeBase, compile_knowledge_base
from marsad.model import Actor

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
CLOSE_SPELLING = 92  # rapidfuzz ratio at which another spelling of a canonical name is that actor


def slug(name: str) -> str:
    """A name as an id: "Sergey Lavrov" → "sergey-lavrov"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_name.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the knowledge base says of one actor: a person, an organisation or a state."""

    id: str
    kind: str  # person, organisation, state
    name: str
    country: str | None
    arabic: tuple[str, ...]


class KnowledgeNames:
    """The knowledge base's actors by id, by English name and by Arabic alias."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self.states: dict[str, Entry] = {}
        self.by_name: dict[str, str] = {}
        self.by_alias: dict[str, set[str]] = {}
        self.kb = kb
        self._names: list[str] = []
        self._resolved: dict[tuple[str, str | None], str | None] = {}
        if kb is None:
            return
        for person in kb.people.values():
            self._add(Entry(person.id, "person", person.name, person.country, person.arabic))
        for organisation in kb.organisations.values():
            self._add(Entry(organisation.id, "organisation", organisation.name, organisation.country,
                            organisation.arabic))
        for state in kb.states.values():
            self.states[state.code] = Entry(state.code, "state", state.name, state.code, state.arabic)
        self._names = list(self.by_name)

    def _add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        self.by_name.setdefault(entry.name.casefold(), entry.id)
        for alias in entry.arabic:
            self.by_alias.setdefault(normalize(alias).strip(), set()).add(entry.id)

    def resolve(self, name: str, country: str | None = None) -> str | None:
        """The knowledge-base id of the actor called `name`, or None when it knows none."""
        key = (name.strip(), country)
        if key not in self._resolved:
            self._resolved[key] = _lookup(self, *key)
        return self._resolved[key]

    def actor_id(self, actor: Actor) -> str:
        """A named actor's knowledge-base id (the slug of its name when unknown); "<country>:<sector>"
        for a generic one."""
        if actor.name:
            return self.resolve(actor.name, actor.country) or slug(actor.name) or actor.name
        return f"{actor.country or 'unknown'}:{actor.sector or 'UNK'}"

    def entry(self, actor_id: str) -> Entry | None:
        """The knowledge base's entry for a stored actor id: its person, organisation or state."""
        if actor_id in self.entries:
            return self.entries[actor_id]
        return self.states.get(actor_id.split(":", 1)[0]) if ":" in actor_id else None

    def describe(self, actor: Actor, aid: str) -> tuple[str | None, str | None, list[str]]:
        """(kind, kb_id, Arabic names) for an actor stored under `aid`."""
        if not actor.name:
            state = self.states.get(actor.country or "")
            return ("state", state.id, list(state.arabic)) if state else ("generic", None, [])
        entry = self.entries.get(aid)
        if entry:
            return entry.kind, entry.id, list(entry.arabic)
        return ("organisation" if actor.sector == "IGO" else None), None, []

    def row(self, actor: Actor, aid: str) -> dict:
        """The `actors` row of a new actor: the knowledge base's English name where it has one."""
        kind, kb_id, arabic = self.describe(actor, aid)
        entry = self.entries.get(aid)
        name = entry.name if entry else actor.name
        return {"actor_id": aid, "name": name, "country": actor.country, "sector": actor.sector,
                "kind": kind, "kb_id": kb_id, "arabic": arabic}


def _lookup(names: KnowledgeNames, name: str, country: str | None) -> str | None:
    found = names.by_name.get(name.casefold())
    if found:
        return found
    slugged = slug(name)
    if slugged in names.entries:
        return slugged
    if _ARABIC.search(name):
        ids = names.by_alias.get(normalize(name).strip(), set())
        same_country = sorted(i for i in ids if names.entries[i].country == country)
        chosen = same_country or sorted(ids)
        return chosen[0] if len(chosen) == 1 else None
    for candidate, _score, _ in process.extract(name.casefold(), names._names, scorer=fuzz.ratio,
                                               score_cutoff=CLOSE_SPELLING, limit=5):
        ident = names.by_name[candidate]
        if country is None or names.entries[ident].country == country:
            return ident
    return None


@cache
def knowledge_names() -> KnowledgeNames:
    """The knowledge base's actor names (the bundled files and `MARSAD_KB_EXTRA`), built once."""
    return KnowledgeNames(compile_knowledge_base())


def actor_id(actor: Actor) -> str:
    """A named actor's knowledge-base id; "<country>:<sector>" for a generic one."""
    return knowledge_names().actor_id(actor)
