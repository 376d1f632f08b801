"""One dataclass per kind of knowledge-base row; `origin` ("file.tsv:17") is for error messages."""

from __future__ import annotations

from dataclasses import dataclass

OFFICES = (
    "head_of_state", "head_of_government", "deputy_head_of_government", "foreign_minister",
    "defence_minister", "interior_minister", "finance_minister", "energy_minister", "speaker",
    "army_chief", "security_chief", "crown_prince", "deputy_crown_prince", "secretary_general", "envoy",
    "minister",
)


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    arabic: tuple[str, ...]
    nisba: tuple[str, ...]
    plural: tuple[str, ...]
    capital: str
    metonyms: tuple[str, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    kind: str
    lat: float | None
    lon: float | None
    arabic: tuple[str, ...]
    origin: str = ""
    admin1: str | None = None  # the first-level division it lies in ("Makkah Province"), for analysts


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    country: str | None
    sector: str
    arabic: tuple[str, ...]
    origin: str = ""
    seat: str | None = None  # the city it meets in, a row of places.tsv
    coded_as_state: bool = False  # coders name its state's forces, not it ("التحالف العربي" is SAU MIL)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str | None
    sector: str
    wikidata: str | None
    arabic: tuple[str, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    person: str
    office: str
    country: str
    start: str  # YYYY-MM-DD; ISO strings compare in date order
    end: str | None  # None while in office
    topic: str | None = None
    note: str = ""
    origin: str = ""

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class OfficeTitle:
    office: str
    country: str | None
    arabic: tuple[str, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class SectorTerm:
    sector: str
    arabic: tuple[str, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class AmbiguityRule:
    """One row of ambiguous.tsv: where `form` stands next to one of `before`/`after` and in a
    document holding one of `context` (each condition only when given), it names `reading`."""

    form: str
    reading: tuple[str, str] | None  # (kind, key); None: the form names nothing there
    before: tuple[str, ...]
    after: tuple[str, ...]
    context: tuple[str, ...]
    origin: str = ""

    @property
    def is_default(self) -> bool:
        return not (self.before or self.after or self.context)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a knowledge-base file, pinned to its line."""

    origin: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.origin}: {self.severity}: {self.message}"
