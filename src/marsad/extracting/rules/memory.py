"""What the rules remember of the sentences already read.

Later sentences lean on earlier ones: "الوزيران" are the two sides of the last meeting,
"الدول الأربع" the last group of states listed, "وتبنت جماعة الحوثي الهجوم" names the
attacker of the attack reported before, and a second aid plane is the same aid again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extracting.decoding import Candidate
from marsad.knowledge.records import Person
from marsad.model import SYMMETRIC_TYPES, Actor, Location
from marsad.recognising.phrases import Phrase, listed_states


@dataclass
class Memory:
    last_source: list[Actor] = field(default_factory=list)
    last_sides: tuple[list[Actor], list[Actor]] | None = None
    last_group: list[Actor] = field(default_factory=list)
    last_of_type: dict[str, Candidate] = field(default_factory=dict)
    resolved_people: list[tuple[int, Person]] = field(default_factory=list)  # found through their office
    speaker: Actor | None = None  # the named actor nearest before the event word being read
    last_location: Location | None = None
    last_location_date: str | None = None
    last_date: tuple[str | None, str | None] | None = None

    def remember(self, event: Candidate) -> None:
        """An event just built, before a meeting is split by country: its sides, date, place."""
        source, target = event.source, event.target
        self.last_source = source
        self.last_date = (event.date, event.precision)
        self.last_of_type[event.type] = event
        if event.type in SYMMETRIC_TYPES or event.cameo == "057":  # signatories are two sides too
            self.last_sides = (source, target)
        if len({a.country for a in source + target}) >= 3:
            self.last_group = source + target
        if event.location:
            self.last_location, self.last_location_date = event.location, event.date

    def note_group(self, phrases: list[Phrase]) -> None:
        """Three or more states listed together form a group that "الدول الأربع" may later name."""
        self.last_group = listed_states(phrases) or self.last_group
