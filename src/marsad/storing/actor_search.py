"""Finding actors by what a user types: an id, a name or an alias, in English or Arabic.

Exact matches win: "الملك سلمان" is one of the King's own aliases, so it finds the King and
not "مركز الملك سلمان للإغاثة". A title and a name ("King Salman", "الرئيس السيسي") find the
people so named who held that title's office. Only when neither finds anyone do substrings
and close spellings count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from marsad.cleaning.normalize import normalize
from marsad.storing.actors import KnowledgeNames, slug

FUZZY_MIN = 88  # rapidfuzz ratio at which a spelling counts as a variant of a name
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORDS = re.compile(r"[^\w]+")
# English titles → the offices they name (empty: a courtesy that names none).
ENGLISH_TITLES = {
    "king": ("head_of_state",), "queen": ("head_of_state",), "emir": ("head_of_state",),
    "amir": ("head_of_state",), "sultan": ("head_of_state",), "president": ("head_of_state", "head_of_government"),
    "supreme leader": ("head_of_state",), "crown prince": ("crown_prince",),
    "deputy crown prince": ("deputy_crown_prince",), "prime minister": ("head_of_government",),
    "pm": ("head_of_government",), "premier": ("head_of_government",), "chancellor": ("head_of_government",),
    "foreign minister": ("foreign_minister",), "defence minister": ("defence_minister",),
    "defense minister": ("defence_minister",), "interior minister": ("interior_minister",),
    "finance minister": ("finance_minister",), "energy minister": ("energy_minister",), "speaker": ("speaker",),
    "secretary-general": ("secretary_general",), "secretary general": ("secretary_general",),
    "envoy": ("envoy",), "prince": (), "sheikh": (), "minister": (), "general": (), "dr": (), "mr": (),
    "mrs": (), "ms": (),
}


@dataclass(frozen=True, slots=True)
class ActorRow:
    actor_id: str
    name: str | None
    arabic: tuple[str, ...]  # folded with `normalize` once inside ActorSearch
    kb_id: str | None


def words(text: str) -> str:
    """Lower-case words joined by single spaces: "Al-Sisi" → "al sisi"."""
    return " ".join(_WORDS.split(text.casefold())).strip()


class ActorSearch:
    """Actor ids for a query over the stored actors, using the knowledge base for names and offices."""

    def __init__(self, rows: list[ActorRow], names: KnowledgeNames) -> None:
        self.names = names
        # Each row's Arabic forms folded, and its English names, worked out once.
        self.rows = [ActorRow(r.actor_id, r.name, tuple(normalize(f).strip() for f in r.arabic), r.kb_id)
                     for r in rows]
        self._english = {r.actor_id: self._english_of(r) for r in rows}
        self._arabic_titles = self._titles_from_kb()

    def _titles_from_kb(self) -> dict[str, set[str]]:
        titles: dict[str, set[str]] = {}
        kb = self.names.kb
        for title in kb.office_titles if kb else ():
            for form in title.arabic:
                titles.setdefault(normalize(form).strip(), set()).add(title.office)
        return titles

    def english(self, row: ActorRow) -> list[str]:
        return self._english[row.actor_id]

    def _english_of(self, row: ActorRow) -> list[str]:
        """The English names a row answers to: its own, and its state's for a generic actor."""
        found = [row.name] if row.name else []
        entry = self.names.entry(row.actor_id)
        if entry and entry.name not in found:
            found.append(entry.name)
        return found

    def find(self, query: str) -> list[str]:
        query = query.strip()
        if not query:
            return []
        arabic = bool(_ARABIC.search(query))
        exact = [r.actor_id for r in self.rows if self._exact(r, query, arabic)]
        if exact:
            return exact
        titled = self._titled(query, arabic)
        if titled:
            return titled
        return [r.actor_id for r in self.rows if self._loose(r, query, arabic)]

    def _exact(self, row: ActorRow, query: str, arabic: bool) -> bool:
        if arabic:
            return normalize(query).strip() in row.arabic
        wanted = words(query)
        return (row.actor_id.casefold() == query.casefold() or slug(query) == row.actor_id
                or any(words(name) == wanted for name in self.english(row)))

    def _titled(self, query: str, arabic: bool) -> list[str]:
        """People named by the rest of a query that starts with a title, who held the title's office."""
        offices, rest = self._split_title(query, arabic)
        if offices is None or not rest:
            return []
        if arabic:
            folded = normalize(rest).strip()
            named = [r for r in self.rows if folded in r.arabic]
            named = named or [r for r in self.rows if any(f" {folded} " in f" {form} " for form in r.arabic)]
        else:
            wanted = f" {words(rest)} "
            named = [r for r in self.rows if any(wanted in f" {words(n)} " for n in self.english(r))]
        held = [r for r in named if offices and self._held(r, offices)]
        return [r.actor_id for r in (held or named)]

    def _split_title(self, query: str, arabic: bool) -> tuple[set[str] | None, str]:
        if arabic:
            folded = normalize(query).strip()
            for title in sorted(self._arabic_titles, key=len, reverse=True):
                if folded.startswith(title + " "):
                    return self._arabic_titles[title], folded[len(title):].strip()
            return None, query
        lowered = words(query)
        for title in sorted(ENGLISH_TITLES, key=len, reverse=True):
            key = words(title)
            if lowered.startswith(key + " "):
                return set(ENGLISH_TITLES[title]), lowered[len(key):].strip()
        return None, query

    def _held(self, row: ActorRow, offices: set[str]) -> bool:
        kb = self.names.kb
        return bool(kb and row.kb_id and any(t.office in offices for t in kb.terms_of(row.kb_id)))

    def _loose(self, row: ActorRow, query: str, arabic: bool) -> bool:
        if arabic:
            wanted = normalize(query).strip()
            return any(f" {wanted} " in f" {form} " or fuzz.ratio(wanted, form) >= FUZZY_MIN for form in row.arabic)
        wanted = query.casefold()
        return any(wanted in name.casefold() or fuzz.ratio(wanted, name.casefold()) >= FUZZY_MIN
                   for name in self.english(row))
