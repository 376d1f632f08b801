"""Whether an event word stands as an event in its sentence, and as which type.

An event word is dropped when negated, denied, hypothetical, background, only the count of
an attack already named, or the object of another statement ("أدان … الهجمات"); its type
changes with the context (a meeting announced for tomorrow is AGREE 036, a summoned
ambassador who is one's own is a recall).
"""

from __future__ import annotations

from itertools import pairwise

from marsad.extracting.context import word_start_of
from marsad.extracting.decoding import Candidate
from marsad.extracting.lexicon import REFERS
from marsad.extracting.rules.candidate import VERBAL_TYPES
from marsad.extracting.rules.words import is_participle, is_travel
from marsad.recognising.scan import Sentence, TriggerMatch

_NEAR = 80  # characters around a trigger where its required words must stand
COLLAPSE_WORDS = ("انهارت", "انهار", "انهيار", "خرق", "خروقات")
NOT_NEGATING = frozenset({"سيما", "يزال", "تزال", "زال", "زالت", "بد", "شك"})  # "لا سيما", "لا يزال"

Reading = tuple[str, str] | str | None  # (type, cameo), "replace-previous", or None


class TriggerReader:
    """Reads the event words of one document's text."""

    def __init__(self, text: str):
        self.text = text
        self._alone: dict[int, Reading] = {}  # by start: event words never overlap

    def reading(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch | None) -> Reading:
        """(type, cameo) of an event word in its sentence after the event word read before it, "replace-previous",
        or None when its context cancels it."""
        return self.alone(sentence, match) if previous is None else self._classify(sentence, match, previous)

    def alone(self, sentence: Sentence, match: TriggerMatch) -> Reading:
        """The reading with no earlier event word, worked out once (whether a sentence may yield an event and
        the reading itself both need it)."""
        if match.start not in self._alone:
            self._alone[match.start] = self._classify(sentence, match, None)
        return self._alone[match.start]

    def _near(self, sentence: Sentence, match: TriggerMatch) -> str:
        return self.text[max(sentence.start, match.start - _NEAR):min(sentence.end, match.end + 2 * _NEAR)]

    def _classify(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch | None) -> Reading:
        trigger = match.trigger
        if trigger.needs:
            near = self._near(sentence, match)
            if not any(word in near for word in trigger.needs):
                return None
        for cue in sentence.cues_of("negation"):
            words = self.text[cue.end:match.start].split()
            if cue.end > match.start or (words and words[0] in NOT_NEGATING):
                continue
            if is_participle(match.surface) and "," in self.text[cue.end:match.start]:
                continue  # "لن تقف متفرجة، داعيا …": the negation ended with its clause
            if (match.start - cue.end <= 40 and len(words) <= 5) or (
                    match.start - cue.end <= 90 and "اي" in words):  # "لم يعقد الوزيران أي لقاء"
                return None
        clause_breaks = [c.start for c in sentence.cues_of("clause")]
        for cue in sentence.cues_of("denial"):
            if cue.end <= match.start and not any(cue.end <= b <= match.start for b in clause_breaks):
                return None
        event_type, cameo = trigger.type, trigger.cameo
        after = self.text[match.end:min(sentence.end, match.end + 70)]
        if event_type == "ACCUSE" and cameo == "114":
            own = [c for c in sentence.cues_of("own_ambassador") if match.start <= c.start <= match.end + 70]
            if own:
                event_type, cameo = "SANCTION", "161"
        if event_type == "CONSULT" and self._is_future(sentence, match):
            event_type, cameo = "AGREE", "036"
        if previous is not None and match.start - previous.end < 70:
            previous_type = previous.trigger.type
            if previous_type == "REQUEST" and event_type == "SANCTION" and cameo == "166":
                return "replace-previous"  # "مطالبة السفيرة بمغادرة البلاد" is an expulsion
            if previous_type in VERBAL_TYPES and event_type not in VERBAL_TYPES:
                return None
            if previous_type == "AGREE" and event_type == "CONSULT" and match.start - previous.end < 30:
                return None
            if previous_type == event_type and not any(previous.end <= b <= match.start for b in clause_breaks):
                return None
            if previous_type == "REQUEST" and event_type == "RETREAT":
                return None
            if previous_type == "PROTEST" and event_type in VERBAL_TYPES:
                return None  # the protesters' slogans are part of the protest
        if event_type == "REJECT" and any(t.trigger.type == "PROTEST" for t in sentence.triggers):
            return None
        if cameo == "174" and any(t.trigger.cameo == "166" for t in sentence.triggers):
            return None  # the envoy given hours to leave is the expulsion itself
        if event_type == "CONSULT" and self._anaphoric(sentence, match):
            return None
        if match.surface.startswith("ال") and any(0 <= match.start - c.end <= 1
                                                  for c in sentence.cues_of("time_reference")):
            return None  # "وعقد الوزيران قبل التوقيع جلسة مباحثات": the signing is only a time
        if event_type == "AID" and self._right_after(sentence, match, "quantity"):
            return None  # "حجم المساعدات التي دخلت اليوم"
        if event_type == "CONCEDE" and self._right_after(sentence, match, "accepted"):
            return None  # "وقبل الرئيس استقالة رئيس الوزراء"
        if event_type == "ASSAULT" and self._counted(sentence, match):
            return None
        if event_type in ("ASSAULT", "CONCEDE") and self._attack_named_again(sentence, match):
            return None
        if event_type == "PROTEST" and sentence.cues_of("celebration"):
            return None
        if event_type == "RETREAT" and any(w in after for w in COLLAPSE_WORDS):
            return None  # "هدنة سابقة … قد انهارت": a truce that failed
        if sentence.cues_of("background") and not any(d.value and not d.relative for d in sentence.dates):
            return None
        if any(c.end <= match.start and match.start - c.end <= 40 for c in sentence.cues_of("hypothetical")):
            return None
        if any(c.end <= match.start for c in sentence.cues_of("content")):
            return None
        if event_type == "AGREE" and any(0 <= c.start - match.end <= 6 for c in sentence.cues_of("joint_goal")):
            return None
        if event_type == "SUPPORT" and "اتفاق" not in after and trigger.cameo == "057" and not trigger.needs:
            return None
        return event_type, cameo

    def subordinate(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch, event_type: str,
                    events: list[Candidate], clause_breaks: list[int]) -> bool:
        """One clause, one event: a later trigger in the clause is its object or circumstance
        ("سلسلة غارات … استهدفت"), unless it is joined by و, is a participle ("متهما")
        or opens a reported clause ("أن …")."""
        if any(previous.end <= b <= match.start for b in clause_breaks):
            return False
        if any(e.type == event_type for e in events) and match.start - previous.end < 200:
            return True  # the same kind of statement again in one clause
        word_start = word_start_of(self.text, match.start)
        if self.text[word_start:match.start].startswith(("و", "ف")) or is_participle(match.surface):
            return False
        before = self.text[max(previous.end, match.start - 12):word_start].split()
        if before and before[-1] in ("ان", "بان", "انه", "انها"):
            return False
        between = self.text[previous.end:word_start].split()
        # "…، مؤكدا أن «العدوان لن يمر دون رد»": a second statement, reported after its own participle
        return not any(is_participle(word) and following in ("ان", "بان")
                       for word, following in pairwise(between))

    def _right_after(self, sentence: Sentence, match: TriggerMatch, kind: str) -> bool:
        """The trigger is the noun of a cue word right before it, or its object two words on."""
        return any(c.end <= match.start and len(self.text[c.end:match.start].split()) <= 2
                   for c in sentence.cues_of(kind))

    def _counted(self, sentence: Sentence, match: TriggerMatch) -> bool:
        """"إن الضربات بلغت 73 غارة وأسفرت عن مقتل خمسة": the count or toll of an attack already named."""
        named = [c for c in sentence.cues if c.kind == REFERS + "ASSAULT" and c.end <= match.start]
        if not named:
            return False
        words = self.text[max(sentence.start, match.start - 30):match.start].split()
        if words and words[-1].isdigit() and match.start - named[-1].end <= 30:
            return True
        return any(0 <= match.start - c.end <= 2 for c in sentence.cues_of("consequence"))

    def _attack_named_again(self, sentence: Sentence, match: TriggerMatch) -> bool:
        """"إن الهجوم أدى إلى …", "الاستقالة قد لا تكون كافية": a definite event noun with nothing new
        after it points back at the event already reported."""
        if not (match.surface.startswith("ال") or self.text[max(0, match.start - 2):match.start] == "ال"):
            return False
        following = self.text[match.end:min(sentence.end, match.end + 25)].split()[:2]
        if any(w in ("علي", "ضد") for w in following):
            return False
        return not any(0 <= t.start - match.end <= 15 for t in sentence.terms)

    def _anaphoric(self, sentence: Sentence, match: TriggerMatch) -> bool:
        """"المباحثات"، "الزيارة": a definite noun that points back at a meeting already reported."""
        if not any(c.start <= match.start and match.end <= c.end for c in sentence.cues_of("anaphoric")):
            return False
        following = self.text[match.end:min(sentence.end, match.end + 40)]
        return not any(word in following.split()[:4] for word in ("مع", "بين"))

    def _is_future(self, sentence: Sentence, match: TriggerMatch) -> bool:
        for cue in sentence.cues_of("future"):
            if cue.end <= match.start and match.start - cue.end <= 60:
                return True
            if match.end <= cue.start and cue.start - match.end <= 25:
                return True
        surface = match.surface
        if is_travel(match) and surface.startswith(("ي", "ت")):
            return True  # "ويتوجه لافروف اليوم إلى مسقط": a trip announced
        return surface.startswith(("سي", "ست")) and len(surface) > 4
