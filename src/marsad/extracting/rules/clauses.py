"""Where an event word's clause starts and ends, and whose subject it carries over.

A sentence often holds several events: "ومن المقرر أن يصل ماكرون إلى جدة، حيث يلتقي …",
"أدانت الوزارة …، وطالبت مجلس الأمن بـ…", "قال المتحدث إن السعودية …، متهما إياها". These
tests decide which words belong to which event word, and when its doer is named elsewhere.
"""

from __future__ import annotations

from marsad.extracting.context import word_start_of
from marsad.extracting.decoding import Candidate
from marsad.extracting.roles import can_be_subject
from marsad.extracting.rules.candidate import VERBAL_TYPES
from marsad.extracting.rules.words import is_participle
from marsad.model import SYMMETRIC_TYPES
from marsad.recognising.phrases import Phrase
from marsad.recognising.scan import Sentence, TriggerMatch


class Clauses:
    """Clause tests over one document's text."""

    def __init__(self, text: str):
        self.text = text

    def bounds(self, sentence: Sentence, match: TriggerMatch, event_type: str, previous_event: Candidate | None,
               clause_breaks: list[int]) -> tuple[int, int]:
        """The clause of an event word: between the clause breaks around it; a participle or a second
        statement joined by "، و" opens its own ("…، متهما إياها")."""
        clause_start = max([sentence.start] + [b for b in clause_breaks if b <= match.start])
        if is_participle(match.surface) or self.comma_joined(match, event_type, previous_event):
            clause_start = max(clause_start, word_start_of(self.text, match.start))
        clause_end = min([sentence.end] + [b for b in clause_breaks if b >= match.end])
        return clause_start, clause_end

    def comma_joined(self, match: TriggerMatch, event_type: str, previous_event: Candidate | None) -> bool:
        """"أدانت الوزارة …، وطالبت مجلس الأمن بـ…": a second statement by the same speaker."""
        start = word_start_of(self.text, match.start)
        return (previous_event is not None and event_type in VERBAL_TYPES and previous_event.type in VERBAL_TYPES
                and self.text[start:match.start + 1].startswith("و")
                and self.text[max(0, start - 3):start].strip().endswith(","))

    def continues(self, phrases: list[Phrase], match: TriggerMatch) -> bool:
        """"…قطع علاقاتها مع قطر وإغلاق المنافذ": a و-joined trigger with no new subject after it."""
        if not self.text[word_start_of(self.text, match.start):match.start].startswith("و"):
            return False
        return not any(0 <= p.start - match.end <= 12 and not p.preposition for p in phrases)

    def subject_elsewhere(self, match: TriggerMatch, event_type: str, earlier_subject: Phrase | None,
                          previous_event: Candidate | None) -> bool:
        """A participle ("داعيا") or a "حيث" clause keeps the subject already named: what follows are objects."""
        if is_participle(match.surface) and (previous_event is not None or earlier_subject is not None):
            return True
        if self.comma_joined(match, event_type, previous_event):  # the same test that moved its clause start
            return True
        return earlier_subject is not None and match.trigger.type in SYMMETRIC_TYPES

    def earlier_subject(self, sentence: Sentence, phrases: list[Phrase], clause_start: int,
                        match: TriggerMatch) -> Phrase | None:
        """"ومن المقرر أن يصل ماكرون إلى جدة، حيث يلتقي …": the subject of the sentence's first clause.

        A participle ("قال المتحدث الإيراني إن السعودية …، متهما إياها") belongs to the speaker,
        not to the subject of what he reported, so the search stops at the reported clause's "إن".
        """
        if clause_start <= sentence.start:
            return None
        end = clause_start
        if is_participle(match.surface):
            reported = self.reported_at(sentence, clause_start)
            if reported is not None and any(sentence.start <= p.start and p.end <= reported and can_be_subject(p, p.end)
                                            and not p.preposition and not p.is_location_only for p in phrases):
                end = reported
        earlier = [p for p in phrases if sentence.start <= p.start and p.end <= end
                   and not p.preposition and not p.is_location_only and can_be_subject(p, p.end)]
        return earlier[-1] if earlier else None

    def reported_at(self, sentence: Sentence, clause_start: int) -> int | None:
        """Where "قال X إن …" opens its reported clause, before `clause_start`."""
        position = self.text.find(" ان ", sentence.start, clause_start)
        return position if position >= 0 else None

    def after_reporting_verb(self, sentence: Sentence, match: TriggerMatch, clause_start: int) -> bool:
        """"أعلنت الخارجية، اليوم الثلاثاء، رفض مصر …": the trigger is the object of a reporting verb."""
        for cue in sentence.cues_of("reporting"):
            if clause_start <= cue.start and cue.end <= match.start:
                between = self.text[cue.end:match.start]
                if len(between.split()) <= 6 and not any(t.start < match.start and t.end > cue.end
                                                           for t in sentence.triggers if t is not match):
                    return True
        return False


def starts_clause(sentence: Sentence, match: TriggerMatch, clause_start: int) -> bool:
    """No actor stands between the clause start and the trigger: the subject is carried over."""
    return not any(clause_start <= t.start < match.start for t in sentence.terms)
