"""From one scanned document to candidate events, sentence by sentence.

Each trigger in a sentence becomes at most one event: its type may change with the context
(a meeting announced for tomorrow is AGREE 036, a summoned ambassador who is one's own is a
recall), it is dropped when negated or when it is only the object of another statement
("أدان … الهجمات"), its roles come from `roles.assign`, and its actors, date, place and mode
are resolved against the knowledge base and the document's own context (the subject of the
previous sentence, "الوزيران", "نظيره", the document's main date).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from marsad.extracting.lexicon import REFERS, Lexicon
from marsad.extracting.places import Places
from marsad.extracting.roles import PREFERRED_TARGET, assign, can_be_subject
from marsad.knowledge.loader import NISBA, ORGANISATION, PERSON, PLACE, STATE, KnowledgeBase
from marsad.knowledge.matcher import PROCLITICS
from marsad.model import SYMMETRIC_TYPES, Actor, Location
from marsad.recognising.actors import main_office, organisation_actor, person_actor, resolve
from marsad.recognising.phrases import Phrase, Term, build_phrases, make_term, reading_of
from marsad.recognising.scan import MAIN_DATE_SENTENCES, Scan, Sentence, TriggerMatch

VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
TARGET_OPTIONAL = frozenset({"MOBILIZE"})
FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
# Events coded even when the doer is not named: protesters are civilians, attackers unknown.
UNNAMED_DOERS = {"PROTEST": "CVL", "ASSAULT": "UNK"}
_MARKER_CUES = ("counterpart", "pair", "group", "spokesperson", "kingdom", "own_country")
_KINGDOMS = ("SAU", "JOR", "MAR", "BHR")
_NEAR = 80  # characters around a trigger where its required words must stand
COLLAPSE_WORDS = ("انهارت", "انهار", "انهيار", "خرق", "خروقات")
NOT_NEGATING = frozenset({"سيما", "يزال", "تزال", "زال", "زالت", "بد", "شك"})  # "لا سيما", "لا يزال"


@dataclass(slots=True)
class Candidate:
    type: str
    cameo: str
    mode: str | None
    source: list[Actor]
    target: list[Actor]
    date: str | None
    precision: str | None
    location: Location | None
    contexts: list[str]
    span: tuple[int, int]  # the sentence, in the normalised view
    confidence: float
    explicit_date: bool = False
    notes: list[str] = field(default_factory=list)


class DocumentExtractor:
    """Holds one document's context while its sentences are read in order."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, scan: Scan):
        self.kb = kb
        self.lexicon = lexicon
        self.scan = scan
        self.text = scan.text
        self.published = scan.published
        self._alone: dict[int, tuple[str, str] | str | None] = {}  # by start: event words never overlap
        self.places = Places(kb, scan.text)

    def _read_context(self) -> None:
        """What the whole document tells about its events: dates, people, places, groups."""
        scan, kb = self.scan, self.kb
        self.main_date, self.main_precision = self._main_date()
        readings = scan.readings()
        self.persons = [(start, key) for start, kind, key in readings if kind == PERSON]
        self.armed_groups = [(start, kb.organisations[key]) for start, kind, key in readings
                             if kind == ORGANISATION and key in kb.organisations
                             and kb.organisations[key].sector == "REB"]
        self.reference_date = self.main_date or self._reference_date()
        self.surnames = self._surnames()
        self.dateline_country = self._dateline_country()
        countries = Counter(key for _, kind, key in readings if kind in (STATE, NISBA) and isinstance(key, str))
        self.focus_country = countries.most_common(1)[0][0] if countries else None
        self.kingdom = max(_KINGDOMS, key=lambda c: countries.get(c, 0)) if countries else None
        if self.kingdom and not countries.get(self.kingdom):
            self.kingdom = None
        self.last_source: list[Actor] = []
        self.last_sides: tuple[list[Actor], list[Actor]] | None = None
        self.last_group: list[Actor] = []
        self.last_of_type: dict[str, Candidate] = {}
        self.resolved_people: list = []  # (position, Person) found through their office
        self.speaker: Actor | None = None  # the named actor nearest before the trigger being read
        self.last_location: Location | None = None
        self.last_date: tuple[str | None, str | None] | None = None

    # --- document context ----------------------------------------------------------------
    def _main_date(self) -> tuple[str | None, str | None]:
        """The date most of the article is about: the first day-precise date of an event sentence
        near its top (a dateline under the headline is the publication date, not the event's)."""
        top = self.scan.sentences[:MAIN_DATE_SENTENCES]
        for sentence in [s for s in top if s.triggers] + top:
            for mention in sentence.dates:
                if mention.value and mention.precision == "day":
                    return mention.value, "day"
        if self.published:
            return self.published.isoformat(), "day"
        return None, None

    def _surnames(self) -> dict[str, tuple[int, tuple]]:
        """Family names of the people the article names in full ("محمود عباس" → "عباس"), with where the
        full name ends and its reading: after it, the family name alone is that person. Family names
        that two people share, short ones ("عون", "بري": common words too) and names of the "بن"
        kind (whose last word is the father's) are left out."""
        found: dict[str, tuple[int, tuple] | None] = {}
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

    def _family_name_terms(self, sentence: Sentence) -> list[Term]:
        """Terms for the bare family names of people named in full earlier, right after an event word
        ("وكان بلينكن قد التقى عباس", "واتهم عباس"): elsewhere many of them are common words too
        ("صالح", "سلام", "العربي")."""
        terms, text = sentence.terms, self.text
        trigger_ends = {t.end for t in sentence.triggers}
        extra = []
        for family, (named_at, reading) in self.surnames.items():
            position = max(sentence.start, named_at)
            while (start := text.find(family, position, sentence.end)) >= 0:
                end = position = start + len(family)
                word_start = self._word_start(start)
                proclitic = text[word_start:start]
                whole = proclitic in PROCLITICS and not (end < len(text) and text[end].isalnum())
                after_event_word = word_start - 1 in trigger_ends
                if whole and after_event_word and not any(t.start < end and start < t.end for t in terms):
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

    def _reference_date(self) -> str | None:
        """For an undated article: a day on which most of the office holders it names were in office."""
        terms = [t for _, person in self.persons for t in self.kb.terms_of(person)]
        if not terms:
            return None
        candidates = {t.start for t in terms} | {t.end for t in terms if t.end}
        return max(sorted(candidates), key=lambda day: sum(t.covers(day) for t in terms))

    def _recall(self, country: str, position: int):
        """The person of `country` the article named last before `position` (else first after it),
        by name or by a title already resolved ("الوزير المسؤول عن الشؤون الخارجية في سلطنة عمان")."""
        resolved = [person for start, person in self.resolved_people if start < position
                    and person.country == country]
        of_country = []
        for start, person_id in self.persons:
            person = self.kb.people.get(person_id)
            if person is None:
                continue
            terms = self.kb.offices_on(person_id, self.reference_date) if self.reference_date else []
            countries = {t.country for t in terms} or {person.country}
            if country in countries:
                of_country.append((start, person))
        before = [p for start, p in of_country if start < position]
        if before:
            return before[-1]
        if resolved:
            return resolved[-1]
        return of_country[0][1] if of_country else None

    def run(self) -> list[Candidate]:
        """Candidates sentence by sentence; a sentence none of whose event words can stand is only noted.

        Most articles have event words but no event: their context and phrases are never built.
        """
        candidates: list[Candidate] = []
        read = [(s, self._may_yield(s)) for s in self.scan.sentences if s.triggers and not s.cues_of("off_topic")]
        if not any(may_yield for _, may_yield in read):
            return candidates
        self._read_context()
        unbuilt: list[Sentence] = []  # passed over: their phrases may still list a group named later
        for sentence, may_yield in read:
            noted = sentence.cues_of("sidelines") or (sentence.cues_of("claim") and "ASSAULT" in self.last_of_type)
            if not noted and not may_yield:
                unbuilt.append(sentence)
                continue
            for earlier in unbuilt:
                self._note_group(self._phrases(earlier))
            unbuilt = []
            phrases = self._phrases(sentence)
            self._mark_destinations(sentence, phrases)
            self._note_group(phrases)
            self._note_venue(sentence, phrases)
            self._note_claim(sentence, phrases)
            phrases = [p for p in phrases if not self._in_dateline(p) and not self._is_media(p)]
            candidates.extend(self._sentence_events(sentence, phrases))
        return candidates

    def _may_yield(self, sentence: Sentence) -> bool:
        """Whether an event word of the sentence survives its context on its own (with no earlier
        event word beside it, which can only drop one, or turn a request into an expulsion)."""
        return any(t.trigger.type == "SANCTION" or self._classify_alone(sentence, t) is not None
                   for t in sentence.triggers)

    def reading(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch | None):
        """(type, cameo) of an event word in its sentence after the event word read before it, "replace-previous",
        or None when its context cancels it."""
        return self._classify_alone(sentence, match) if previous is None else self._classify(sentence, match, previous)

    def _classify_alone(self, sentence: Sentence, match: TriggerMatch):
        """`_classify` with no earlier event word, worked out once (the test above and the reading both need it)."""
        if match.start not in self._alone:
            self._alone[match.start] = self._classify(sentence, match, None)
        return self._alone[match.start]

    def _phrases(self, sentence: Sentence) -> list[Phrase]:
        markers = [(c.start, c.end, c.kind) for c in sentence.cues if c.kind in _MARKER_CUES]
        barriers = [(t.start, t.end) for t in sentence.triggers]
        terms = sentence.terms + self._family_name_terms(sentence) if self.surnames else sentence.terms
        return build_phrases(self.text, terms, markers, barriers, self.lexicon.honorifics,
                             self.kb.capital_of, self._holds, self.lexicon.area_words, self.lexicon.topic_words)

    def _holds(self, person_id: str, office: str) -> bool:
        """Whether a person held an office around the article's date (a title after a name is apposition)."""
        terms = self.kb.offices_on(person_id, self.main_date)
        if not terms:
            terms = self.kb.terms_of(person_id)
        return any(t.office == office for t in terms) or (office == "head_of_state" and any(
            t.office == "head_of_government" for t in terms))

    def _note_group(self, phrases: list[Phrase]) -> None:
        """Three or more states listed together ("السعودية والإمارات والبحرين ومصر") form a group
        that "الدول الأربع" may later name."""
        run: list[Phrase] = []
        for phrase in phrases:
            country_only = phrase.countries and not (phrase.person or phrase.titles) and not phrase.nisba_only
            if country_only and (not run or phrase.coordinated):
                run.append(phrase)
            elif country_only:
                run = [phrase]
            else:
                run = []
            if len(run) >= 3:
                self.last_group = [Actor(None, p.countries[0], "GOV") for p in run]

    def _note_claim(self, sentence: Sentence, phrases: list[Phrase]) -> None:
        """"وتبنت جماعة الحوثي الهجوم": the claimant becomes the attacker of the attack reported before."""
        attack = self.last_of_type.get("ASSAULT")
        if attack is None or not sentence.cues_of("claim") or any(a.name or a.country for a in attack.source):
            return
        cue = sentence.cues_of("claim")[0]
        claimant = next((p for p in phrases if 0 <= p.start - cue.end <= 20 and not p.preposition), None) or next(
            (p for p in reversed(phrases) if 0 <= cue.start - p.end <= 20 and not p.preposition), None)
        if claimant is not None:
            actors = self._resolve_all([claimant], attack.date, None)
            if actors:
                attack.source = actors

    def _note_venue(self, sentence: Sentence, phrases: list[Phrase]) -> None:
        """"على هامش الجمعية العامة": the meetings reported after it took place at that venue."""
        if not sentence.cues_of("sidelines"):
            return
        for phrase in phrases:
            place = self.kb.places.get(phrase.place) if phrase.place else None
            if place and place.kind == "venue":
                dates = [d.value for d in sentence.dates if d.value]
                self.last_location = self.places.venue_city(place)
                self.last_location_date = dates[0] if dates else self.main_date
                return

    def _in_dateline(self, phrase: Phrase) -> bool:
        return any(start <= phrase.start < end for start, end in self.scan.datelines)

    def _is_media(self, phrase: Phrase) -> bool:
        """News agencies and outlets report events; they are not their actors (spec §4)."""
        organisation = self.kb.organisations.get(phrase.organisation) if phrase.organisation else None
        if phrase.sector == "MED" and not (phrase.person or phrase.titles or organisation):
            return True  # "صحفي", "وسائل الإعلام": reporters
        return bool(organisation and organisation.sector == "MED" and not phrase.titles)

    @staticmethod
    def _mark_destinations(sentence: Sentence, phrases: list[Phrase]) -> None:
        """A state or capital right after a visit word ("لزيارة روسيا") is where the visit goes."""
        visit_ends = [t.end for t in sentence.triggers if t.trigger.mode == "visit"]
        for phrase in phrases:
            bare_place = not (phrase.person or phrase.titles or phrase.organisation or phrase.sector)
            if bare_place and not phrase.preposition and any(0 < phrase.start - end <= 2 for end in visit_ends):
                phrase.preposition = "الي"

    # --- one sentence ---------------------------------------------------------------------
    def _sentence_events(self, sentence: Sentence, phrases: list[Phrase]) -> list[Candidate]:
        events: list[Candidate] = []
        previous: TriggerMatch | None = None
        previous_event: Candidate | None = None
        clause_breaks = sorted(c.start for c in sentence.cues_of("clause"))
        for trigger_match in sentence.triggers:
            kind = (self._classify_alone(sentence, trigger_match) if previous is None
                    else self._classify(sentence, trigger_match, previous))
            if kind is None:
                continue
            if kind != "replace-previous" and previous is not None and self._subordinate(
                    sentence, trigger_match, previous, kind[0], events, clause_breaks):
                continue
            role_match = trigger_match
            if kind == "replace-previous":
                if events:
                    events.pop()
                    previous_event = events[-1] if events else None
                kind = (trigger_match.trigger.type, trigger_match.trigger.cameo)
                role_match = previous or trigger_match
            event_type, cameo = kind
            previous = trigger_match
            clause_start = max([sentence.start] + [b for b in clause_breaks if b <= trigger_match.start])
            if is_participle(trigger_match.surface) or self._comma_joined(trigger_match, kind[0], previous_event):
                clause_start = max(clause_start, self._word_start(trigger_match.start))  # "…، متهما إياها"
            clause_end = min([sentence.end] + [b for b in clause_breaks if b >= trigger_match.end])
            built = self._build(sentence, phrases, role_match, event_type, cameo, clause_start, clause_end,
                                previous_event)
            for event in built:
                events.append(event)
                previous_event = event
        return events

    def _near(self, sentence: Sentence, match: TriggerMatch) -> str:
        return self.text[max(sentence.start, match.start - _NEAR):min(sentence.end, match.end + 2 * _NEAR)]

    def _classify(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch | None):
        """(type, cameo) for a trigger in its context, "replace-previous", or None to drop it."""
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

    def _subordinate(self, sentence: Sentence, match: TriggerMatch, previous: TriggerMatch, event_type: str,
                     events: list[Candidate], clause_breaks: list[int]) -> bool:
        """One clause, one event: a later trigger in the clause is its object or circumstance
        ("سلسلة غارات … استهدفت"), unless it is joined by و, is a participle ("متهما")
        or opens a reported clause ("أن …")."""
        if any(previous.end <= b <= match.start for b in clause_breaks):
            return False
        if any(e.type == event_type for e in events) and match.start - previous.end < 200:
            return True  # the same kind of statement again in one clause
        word_start = self._word_start(match.start)
        if self.text[word_start:match.start].startswith(("و", "ف")) or is_participle(match.surface):
            return False
        before = self.text[max(previous.end, match.start - 12):word_start].split()
        if before and before[-1] in ("ان", "بان", "انه", "انها"):
            return False
        between = self.text[previous.end:word_start].split()
        # "…، مؤكدا أن «العدوان لن يمر دون رد»": a second statement, reported after its own participle
        return not any(is_participle(word) and following in ("ان", "بان")
                       for word, following in pairwise(between))

    def _word_start(self, position: int) -> int:
        while position > 0 and self.text[position - 1].isalnum():
            position -= 1
        return position

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
        if _is_travel(match) and surface.startswith(("ي", "ت")):
            return True  # "ويتوجه لافروف اليوم إلى مسقط": a trip announced
        return surface.startswith(("سي", "ست")) and len(surface) > 4

    # --- building one event ---------------------------------------------------------------
    def _build(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch, event_type: str, cameo: str,
               clause_start: int, clause_end: int, previous_event: Candidate | None) -> list[Candidate]:
        received_at = next((c.start for c in sentence.cues_of("received")
                            if clause_start <= c.start < match.start), None)
        passive_at = next((c.start for c in sentence.cues_of("passive")
                           if clause_start <= c.start < match.start), None)
        own_recall = event_type == "SANCTION" and cameo == "161"
        preferred = ("لدي", "مع") if own_recall else PREFERRED_TARGET.get(event_type, ())
        earlier_subject = self._earlier_subject(sentence, phrases, clause_start, match)
        carried = not _is_travel(match) and (  # whoever travels is named after the verb: "ويتوجه لافروف"
            previous_event is not None or bool(self.last_source and match.start - sentence.start < 6)
            or earlier_subject is not None)
        if previous_event is not None and self._continues(sentence, phrases, match):
            roles_target = self._resolve_all(
                [p for p in phrases if match.end <= p.start < clause_end and not p.is_location_only
                 and p.preposition in ("علي", "مع", "امام", "ضد")][:1], None, None)
            return self._continued(previous_event, event_type, cameo, match, roles_target)
        gather = event_type == "CONSULT" and (match.trigger.mode == "multilateral" or bool(
            sentence.cues_of("multilateral")) or len(sentence.cues_of("counterpart")) > 1)
        roles = assign(event_type, phrases, match.start, match.end, clause_start, clause_end, received_at,
                       passive_at, preferred=preferred, diplomats_are_targets=cameo in ("166", "114"),
                       symmetric=event_type in SYMMETRIC_TYPES, carried_subject=carried,
                       victims_after=match.trigger.mode == "passive", gather_all=gather,
                       masdar=self._after_reporting_verb(sentence, match, clause_start),
                       subject_elsewhere=self._subject_elsewhere(match, event_type, earlier_subject, previous_event))
        if event_type in VERBAL_TYPES:
            roles.target = [p for p in roles.target if not self._addressed(sentence, p)]
        if cameo == "083":
            roles.target = []  # a resignation has no object: "أن تسبق استقالته زيارة الرئيس ماكرون"
        joint = any(p.pair for p in roles.source) or any(
            clause_start <= c.start < match.start for c in sentence.cues_of("joint"))
        mutual = cameo == "087" and len(roles.target) > 1 and roles.target[0].preposition == "بين"
        if mutual:  # "وقف إطلاق النار بين إسرائيل وحماس": each side stops firing at the other
            roles.source, roles.target = roles.target[:1], roles.target[1:]
        event_date, precision, explicit = self._date_for(sentence, match, event_type, cameo)
        speakers = self._named_in([p for p in phrases if clause_start <= p.start and p.end <= match.start], event_date)
        self.speaker = speakers[-1] if speakers else None  # "وأعلن بلينكن … تقديم بلاده"
        source = self._resolve_all(roles.source, event_date, None)
        pair_sides = None
        pair = next((p for p in roles.source if p.pair), None)
        if pair is not None and len(set(pair.countries)) > 1:
            source = [Actor(None, c, "GOV") for c in dict.fromkeys(pair.countries)]  # "الجانبان السعودي والإيراني"
        elif pair is not None and self.last_sides:
            pair_sides = self.last_sides
            source = list(pair_sides[0])
        anchor = source[0] if source else None
        target = self._resolve_all(roles.target, event_date, anchor)
        if source and any(p.counterpart for p in roles.source) and target:
            source = self._resolve_all(roles.source, event_date, target[0])
        if not source and earlier_subject is not None and is_participle(match.surface) and self._reported_at(
                sentence, clause_start) is not None:
            source = self._resolve_all([earlier_subject], event_date, None)  # "قال X إن …، داعيا": X calls
        if not source and previous_event is not None:
            source = list(previous_event.source)
        if not source and earlier_subject is not None:
            source = self._resolve_all([earlier_subject], event_date, None)
        if not source and self.last_source and self._starts_clause(sentence, match, clause_start):
            source = list(self.last_source)
        if not source:
            source = self._armed_group_named(sentence, clause_start, match.start)  # "وأعلنت الجماعة"
        if not source and event_type in UNNAMED_DOERS:
            # a crowd or unknown attackers: still an event, with who did it as far as the text says
            source = [Actor(None, self._nisba_after(phrases, match), UNNAMED_DOERS[event_type])]
        if not source:
            return []
        if pair_sides:
            target = list(pair_sides[1])
        if joint and event_type not in SYMMETRIC_TYPES:
            # "أكد الوزيران رفضهما …": a joint position, unless it is aimed at a third party
            pair_countries = {a.country for a in source} | ({a.country for a in pair_sides[1]} if pair_sides else set())
            outside = [a for a in target if a.country not in pair_countries]
            if not outside or pair_sides:
                return []
            target = outside
        location = self.places.location(sentence, phrases, match, clause_start, clause_end)
        if event_type not in SYMMETRIC_TYPES and event_type not in ("PROTEST", "COERCE", "CONCEDE", "ASSAULT"):
            # a directed event between one side and itself means the target was mis-read
            own = {(a.country, a.sector) for a in source}
            target = [a for a in target if (a.country, a.sector) not in own]
            if event_type == "AID":  # a state's own rescue teams abroad are not what its aid is for
                target = [a for a in target if a.country not in {s.country for s in source}]
            if not target and event_type in VERBAL_TYPES and cameo != "114":
                # "عن تقديره للمواقف السعودية الداعمة لمصر": the next candidate after the trigger
                for phrase in phrases:
                    if (match.end <= phrase.start < clause_end and phrase not in roles.source
                            and not phrase.is_location_only and not phrase.about
                            and phrase.preposition not in ("في", "من") and not self._addressed(sentence, phrase)):
                        others = [a for a in self._resolve_all([phrase], event_date, anchor)
                                  if (a.country, a.sector) not in own]
                        if others:
                            target = others
                            break
        earlier = self.last_of_type.get(event_type)
        if earlier is not None and earlier.source != source and any(
                0 <= c.start - match.end <= 80 and c.end <= clause_end and (c.kind == "same_ones" or not target)
                for c in sentence.cues_of("same_ones") + sentence.cues_of("same_as_before")):
            target = list(earlier.target)  # "فرضت بريطانيا عقوبات على الكيانات والأفراد أنفسهم"
        if not target:
            elsewhere = location is not None and location.country not in (
                {a.country for a in earlier.target + source} if earlier is not None else set())
            if earlier is not None and earlier.source == source and event_type not in SYMMETRIC_TYPES and not (
                    elsewhere and event_type in ("AID", "ASSAULT")):  # a second aid plane or strike elsewhere
                target = list(earlier.target)  # the same actor doing the same thing again: the same event
            else:
                target = self._default_target(event_type, cameo, source, phrases, match, sentence, location,
                                              previous_event)
        if not target:
            target = [a for a in self._armed_group_named(sentence, match.end, clause_end) if a not in source]
        earlier_meeting = previous_event if previous_event is not None else self.last_of_type.get("CONSULT")
        if event_type == "CONSULT" and earlier_meeting is not None and self.text.startswith(
                PRONOUN_PARTNERS, match.end + 1):
            target = [a for a in earlier_meeting.source + earlier_meeting.target if a not in source]  # "وبحث معه"
        if event_type == "CONSULT":
            target += [a for a in self._present(sentence, phrases, event_date, anchor) if a not in target]
        if event_type == "PROTEST":
            source = [a if a.sector not in ("GOV", "MIL", "LEG", "JUD") else Actor(None, None, "CVL") for a in source]
        if cameo == "084" or event_type == "AID":
            target = [Actor(None, a.country, "CVL") if a.name is None and a.sector == "GOV" and self._people_noun(
                roles.target) else a for a in target]
        if event_type == "AID":
            source = [Actor(None, a.country, "GOV") if a.name is None and a.sector == "MIL" else a for a in source]
        if event_type in FORCE_TYPES:
            source = [Actor(None, a.country, "MIL") if a.name is None and a.sector == "GOV" else a for a in source]
        host = next((p.countries[0] for p in phrases if p.preposition == "لدي" and p.countries
                     and match.start <= p.start), None) if cameo in ("114", "161", "166") else None
        if event_type == "ACCUSE" and cameo == "111" and match.trigger.needs == () and not any(
                0 <= p.start - match.end <= 3 for p in phrases):
            # "إن الموقف الكندي «تدخل صريح»": the position judged is the accused
            judged = [p for p in phrases if p.nisba_only and 0 <= match.start - p.end <= 15]
            if judged:
                target = self._resolve_all(judged[-1:], event_date, None)
        if event_type in VERBAL_TYPES:
            answered = self._answered(sentence, phrases, match, event_date)
            if answered:
                target = answered
        if cameo == "129":  # a veto is cast in a body: the body is its target
            body = [p for p in phrases if p.organisation and p.start >= match.end]
            if body:
                target = self._resolve_all(body[:1], event_date, None)
        if event_type in VERBAL_TYPES and (not target or self._object_is_event(sentence, match)):
            target = self._reaction_target(sentence, match, clause_end, source) or target
        if event_type in VERBAL_TYPES and is_participle(match.surface):
            target = self._pronoun_object(sentence, phrases, match, clause_start, event_date) or target
        source = self._fill_countries(source, location, host)
        target = self._fill_countries(target, location)
        named_here = self._named_in(phrases, event_date)
        source = self._most_specific(source, named_here)
        target = self._most_specific(target, [a for a in named_here if a not in source])
        source = [a for a in source if (a.country or a.name or event_type in UNNAMED_DOERS) and a.sector != "MED"]
        target = [a for a in target if (a.country or a.name) and a not in source and a.sector != "MED"]
        if len({a.country for a in source}) > 1 and (event_type in SYMMETRIC_TYPES or cameo == "057"):
            # "وقع X وY": the parties sign with each other
            target = [a for a in source if a.country != source[0].country] + [
                a for a in target if a.country != source[0].country]
            source = [a for a in source if a.country == source[0].country]
            target = list(dict.fromkeys(target))
        if not source or (not target and event_type not in TARGET_OPTIONAL):
            return []
        if event_type == "THREATEN" and all(a.sector == "CVL" for a in target):
            return []  # "محذرا من أن الوقت ينفد أمام المدنيين": a warning about people, not a threat to a party
        if {(a.country, a.sector) for a in source} == {(a.country, a.sector) for a in target} and event_type not in (
                "PROTEST", "COERCE", "CONCEDE", "ASSAULT", "AGREE"):
            return []
        if (event_type == "CONSULT" and location is None and self.last_location
                and self.last_location_date == event_date):
            location = self.last_location
        if event_type == "CONSULT" and location is None and match.trigger.mode == "host" and source[0].country:
            location = self.places.seat_of(source[0].country)
        contexts = list(sentence.contexts)
        confidence = 0.45 + 0.15 * all(a.name for a in source + target) + 0.15 * explicit + 0.1 * bool(location)
        base = Candidate(event_type, cameo, None, source, target, event_date, precision, location, contexts,
                         (sentence.start, sentence.end), min(confidence, 0.95), explicit,
                         [match.surface] + (["pair"] if pair_sides else []))
        events = self._consult_split(base, sentence, match) if event_type == "CONSULT" else [base]
        if mutual:
            events.append(Candidate(**{**_fields(base), "source": list(target), "target": list(source)}))
        self.last_source = source
        self.last_date = (event_date, precision)
        self.last_of_type[event_type] = base
        if event_type in SYMMETRIC_TYPES or cameo == "057":  # signatories are two sides too
            self.last_sides = (source, target)
        if len({a.country for a in source + target}) >= 3:
            self.last_group = source + target
        if location:
            self.last_location, self.last_location_date = location, event_date
        return events

    last_location_date: str | None = None

    def _continues(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch) -> bool:
        """"…قطع علاقاتها مع قطر وإغلاق المنافذ": a و-joined trigger with no new subject after it."""
        if not self.text[self._word_start(match.start):match.start].startswith("و"):
            return False
        return not any(0 <= p.start - match.end <= 12 and not p.preposition for p in phrases)

    def _continued(self, previous: Candidate, event_type: str, cameo: str, match: TriggerMatch,
                   target: list[Actor]) -> list[Candidate]:
        if "pair" in previous.notes and event_type not in SYMMETRIC_TYPES:
            return []  # "توافق الرئيسان على … ورفض …": a joint position
        event = Candidate(event_type, cameo, None, list(previous.source), target or list(previous.target),
                          previous.date, previous.precision, None, list(previous.contexts), previous.span,
                          previous.confidence - 0.05, previous.explicit_date, [match.surface])
        return [event] if event.source and event.target else []

    @staticmethod
    def _people_noun(phrases: list[Phrase]) -> bool:
        """Released "إيرانيين", "أسرى سعوديين": a plural nisba names people, not a government."""
        return any(p.nisba_only for p in phrases)

    def _after_reporting_verb(self, sentence: Sentence, match: TriggerMatch, clause_start: int) -> bool:
        """"أعلنت الخارجية، اليوم الثلاثاء، رفض مصر …": the trigger is the object of a reporting verb."""
        for cue in sentence.cues_of("reporting"):
            if clause_start <= cue.start and cue.end <= match.start:
                between = self.text[cue.end:match.start]
                if len(between.split()) <= 6 and not any(t.start < match.start and t.end > cue.end
                                                           for t in sentence.triggers if t is not match):
                    return True
        return False

    def _answered(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch,
                  event_date: str | None) -> list[Actor]:
        """"… ردا على مقترح الرئيس الأمريكي": a statement in reply is aimed at whoever it answers."""
        for cue in sentence.cues_of("in_reply"):
            if cue.start < match.end:
                continue
            named = [p for p in phrases if 0 <= p.start - cue.end <= 40 and (p.person or p.titles or p.countries)]
            if named:
                return self._resolve_all(named[:1], event_date, None)
        return []

    def _reported_at(self, sentence: Sentence, clause_start: int) -> int | None:
        """Where "قال X إن …" opens its reported clause, before `clause_start`."""
        position = self.text.find(" ان ", sentence.start, clause_start)
        return position if position >= 0 else None

    def _pronoun_object(self, sentence: Sentence, phrases: list[Phrase], match: TriggerMatch, clause_start: int,
                        event_date: str | None) -> list[Actor]:
        """"قال المتحدث إن السعودية …، متهما إياها": the pronoun stands for the subject of the reported clause."""
        if not self.text.startswith(PRONOUN_OBJECTS, match.end + 1):
            return []
        reported = self._reported_at(sentence, clause_start)
        if reported is None:
            return []
        subjects = [p for p in phrases if reported < p.start and p.end <= clause_start and not p.preposition
                    and not p.is_location_only and can_be_subject(p, -1)]
        return self._resolve_all(subjects[:1], event_date, None)

    def _armed_group_named(self, sentence: Sentence, start: int, end: int) -> list[Actor]:
        """"أطلقت السعودية سراح عناصر الجماعة": "the group" is the armed group the article named last."""
        cue = next((c for c in sentence.cues_of("armed_group") if start <= c.start < end), None)
        if cue is None:
            return []
        named = [group for position, group in self.armed_groups if position < cue.start]
        return [organisation_actor(named[-1])] if named else []

    def _object_is_event(self, sentence: Sentence, match: TriggerMatch) -> bool:
        """The statement's object is an event noun right after it: "أدان … الهجمات"."""
        return any(c.kind.startswith(REFERS) and 0 <= c.start - match.end <= 70
                   and len(self.text[match.end:c.start].split()) <= 8 for c in sentence.cues)

    def _reaction_target(self, sentence: Sentence, match: TriggerMatch, clause_end: int,
                         source: list[Actor]) -> list[Actor]:
        """"أدان … الهجمات": a statement about an event reported before is aimed at that event's actors."""
        refers = [c for c in sentence.cues if c.kind.startswith(REFERS) and c.start < clause_end]
        refers.sort(key=lambda c: (c.start < match.end, abs(c.start - match.end)))  # after the trigger first
        for cue in refers:
            earlier = self.last_of_type.get(cue.kind[len(REFERS):])
            if earlier is None:
                continue
            actors = earlier.source + (earlier.target if earlier.type in SYMMETRIC_TYPES else [])
            actors = [a for a in actors if a not in source]
            if actors:
                return actors
        return []

    @staticmethod
    def _nisba_after(phrases: list[Phrase], match: TriggerMatch) -> str | None:
        """"خرج متظاهرون أفغان": the nationality standing right after the event word."""
        for phrase in phrases:
            if phrase.nisba_only and 0 <= phrase.start - match.end <= 25:
                return phrase.countries[0]
        return None

    def _named_in(self, phrases: list[Phrase], event_date: str | None) -> list[Actor]:
        """The named people of a sentence (not spokespeople), resolved for the event's date."""
        named = []
        for phrase in phrases:
            if phrase.person and not phrase.spokesperson and not phrase.about:
                person = self.kb.people.get(phrase.person)
                if person:
                    named.append(person_actor(self.kb, person, event_date or self.reference_date))
        return named

    @staticmethod
    def _most_specific(actors: list[Actor], named: list[Actor]) -> list[Actor]:
        """Spec §4: the most specific actors the text names — the minister who announced it, not "(DZA GOV)"."""
        result = []
        for actor in actors:
            if actor.name is None and actor.sector == "GOV":
                match = next((n for n in named if n.country == actor.country and n.sector == "GOV"), None)
                if match is not None:
                    actor = match
            if actor not in result:
                result.append(actor)
        return result

    def _addressed(self, sentence: Sentence, phrase: Phrase) -> bool:
        """The recipient of a letter ("في رسالتين إلى الأمين العام ورئيس مجلس الأمن، …")."""
        for cue in sentence.cues_of("addressee"):
            comma = self.text.find(",", cue.end, sentence.end)
            if cue.start <= phrase.start < (comma if comma >= 0 else sentence.end):
                return True
        return False

    def _comma_joined(self, match: TriggerMatch, event_type: str, previous_event: Candidate | None) -> bool:
        """"أدانت الوزارة …، وطالبت مجلس الأمن بـ…": a second statement by the same speaker."""
        start = self._word_start(match.start)
        return (previous_event is not None and event_type in VERBAL_TYPES and previous_event.type in VERBAL_TYPES
                and self.text[start:match.start + 1].startswith("و")
                and self.text[max(0, start - 3):start].strip().endswith(","))

    def _subject_elsewhere(self, match: TriggerMatch, event_type: str, earlier_subject: Phrase | None,
                           previous_event: Candidate | None) -> bool:
        """A participle ("داعيا") or a "حيث" clause keeps the subject already named: what follows are objects."""
        if is_participle(match.surface) and (previous_event is not None or earlier_subject is not None):
            return True
        if self._comma_joined(match, event_type, previous_event):  # the same test that moved its clause start
            return True
        return earlier_subject is not None and match.trigger.type in SYMMETRIC_TYPES

    def _earlier_subject(self, sentence: Sentence, phrases: list[Phrase], clause_start: int,
                         match: TriggerMatch) -> Phrase | None:
        """"ومن المقرر أن يصل ماكرون إلى جدة، حيث يلتقي …": the subject of the sentence's first clause.

        A participle ("قال المتحدث الإيراني إن السعودية …، متهما إياها") belongs to the speaker,
        not to the subject of what he reported, so the search stops at the reported clause's "إن".
        """
        if clause_start <= sentence.start:
            return None
        end = clause_start
        if is_participle(match.surface):
            reported = self._reported_at(sentence, clause_start)
            if reported is not None and any(sentence.start <= p.start and p.end <= reported and can_be_subject(p, p.end)
                                    and not p.preposition and not p.is_location_only for p in phrases):
                end = reported
        earlier = [p for p in phrases if sentence.start <= p.start and p.end <= end
                   and not p.preposition and not p.is_location_only and can_be_subject(p, p.end)]
        return earlier[-1] if earlier else None

    def _starts_clause(self, sentence: Sentence, match: TriggerMatch, clause_start: int) -> bool:
        """No actor stands between the clause start and the trigger: the subject is carried over."""
        return not any(clause_start <= t.start < match.start for t in sentence.terms)

    def _resolve_all(self, phrases: list[Phrase], event_date: str | None, anchor: Actor | None) -> list[Actor]:
        actors: list[Actor] = []
        anchor_office = None
        if anchor and anchor.name:
            person = self.kb.people_by_name.get(anchor.name.casefold())
            term = main_office(self.kb, person.id, event_date or self.reference_date) if person else None
            anchor_office = term.office if term else None
        for phrase in phrases:
            if phrase.group and not (phrase.person or phrase.titles):
                actors += [a for a in self.last_group if a not in actors]
                continue
            if phrase.own_country and not (phrase.countries or phrase.person or phrase.titles):
                speaker = anchor or self.speaker or (self.last_source[0] if self.last_source else None)
                if speaker and speaker.country:
                    actors.append(Actor(None, speaker.country, "GOV"))
                continue
            if phrase.kingdom and not (phrase.countries or phrase.person or phrase.titles):
                if self.kingdom:
                    actors.append(Actor(None, self.kingdom, "GOV"))
                continue
            if phrase.pair:
                continue
            if phrase.counterpart and anchor is None and actors:
                # "القوات البحرية المصرية ونظيرتها السعودية": the counterpart of the actor just named
                anchor = actors[0]
                person = self.kb.people_by_name.get(anchor.name.casefold()) if anchor.name else None
                term = main_office(self.kb, person.id, event_date or self.reference_date) if person else None
                anchor_office = term.office if term else None
            for actor in resolve(self.kb, phrase, event_date or self.reference_date, anchor, anchor_office,
                                 self._recall):
                if actor not in actors:
                    actors.append(actor)
                person = self.kb.people_by_name.get(actor.name.casefold()) if actor.name else None
                if person is not None and phrase.titles and not phrase.person:
                    self.resolved_people.append((phrase.start, person))
        return actors

    def _present(self, sentence: Sentence, phrases: list[Phrase], event_date: str | None,
                 anchor: Actor | None) -> list[Actor]:
        """Actors "بحضور"/"بمشاركة" the meeting: they join its target side."""
        present: list[Actor] = []
        for cue in sentence.cues_of("presence"):
            following = [p for p in phrases if cue.end <= p.start <= cue.end + 40 and not p.is_location_only]
            if following:
                chosen = [following[0]] + [p for p in following[1:] if p.coordinated]
                present += self._resolve_all(chosen, event_date, anchor)
        return present

    def _fill_countries(self, actors: list[Actor], location: Location | None, host: str | None = None) -> list[Actor]:
        """Generic actors with no country ("وزارة الخارجية", "المحتجين") take the country where the
        envoy is posted ("لدى الكويت"), else the country of the actors listed with them ("مسؤولين إيرانيين
        وشركة"), else the event's place, the dateline's, or the article's focus."""
        filled = []
        siblings = {a.country for a in actors if a.country}
        for actor in actors:
            if actor.country is None and actor.name is None and actor.sector != "UNK":
                country = host or (next(iter(siblings)) if len(siblings) == 1 else None) or (
                    location.country if location and location.country else None) or \
                    self.dateline_country or self.focus_country
                actor = Actor(None, country, actor.sector)
            filled.append(actor)
        return filled

    def _default_target(self, event_type: str, cameo: str, source: list[Actor], phrases: list[Phrase],
                        match: TriggerMatch, sentence: Sentence, location: Location | None,
                        previous_event: Candidate | None) -> list[Actor]:
        home = source[0].country
        if previous_event is not None and previous_event.source == source and previous_event.target:
            return list(previous_event.target)
        if event_type == "CONSULT" or (event_type == "AGREE" and _is_travel(match)):  # a trip, made or announced
            destinations = [p for p in phrases if p.start >= match.end and p.preposition == "الي" and p.countries]
            if destinations:
                return [Actor(None, destinations[0].countries[0], "GOV")]
            if location and location.country and location.country != home:
                return [Actor(None, location.country, "GOV")]
        earlier_protest = self.last_of_type.get("PROTEST")
        if event_type == "PROTEST" and earlier_protest and earlier_protest.source == source:
            return list(earlier_protest.target)  # the same crowd, the same protest
        if event_type == "PROTEST" and home:
            return [Actor(None, home, "GOV")]
        if event_type == "CONCEDE" and home:
            protests = [t for s in self.scan.sentences for t in s.triggers if t.trigger.type == "PROTEST"]
            if any(not t.trigger.needs for t in protests):
                return [Actor(None, home, "CVL")]
            foreign = self._foreign_focus(home)
            return [Actor(None, foreign or home, "GOV" if foreign else "CVL")]
        if event_type == "COERCE" and home:
            return [Actor(None, home, "CVL")]
        if event_type == "AID" and location and location.country:
            return [Actor(None, location.country, "CVL")]
        if event_type == "AID" and self.dateline_country and self.dateline_country != home:
            return [Actor(None, self.dateline_country, "CVL")]
        if event_type == "AID" and home and self._foreign_focus(home):
            return [Actor(None, self._foreign_focus(home), "CVL")]
        return []

    def _foreign_focus(self, home: str) -> str | None:
        counts = Counter(t.key for s in self.scan.sentences for t in s.terms
                         if t.kind in (STATE, NISBA) and isinstance(t.key, str) and t.key != home)
        return counts.most_common(1)[0][0] if counts else None

    # --- date, place, mode ----------------------------------------------------------------
    def _date_for(self, sentence: Sentence, match: TriggerMatch, event_type: str,
                  cameo: str) -> tuple[str | None, str | None, bool]:
        mentions = [d for d in sentence.dates if d.value and not self._last_time(d.start)]
        if event_type == "AGREE" and cameo == "036":
            past = [d for d in mentions if self.published is None or d.value <= self.published.isoformat()]
            mentions = [d for d in past if d.relative is False] or []
        if mentions:
            nearest = min(mentions, key=lambda d: min(abs(d.start - match.end), abs(match.start - d.end)))
            if not (self.published and nearest.value > self.published.isoformat()):
                return nearest.value, nearest.precision, True
        if sentence.cues_of("same_day") and self.last_date is not None:
            return self.last_date[0], self.last_date[1], True  # "في اليوم ذاته"
        if event_type == "AGREE" and cameo == "036" and self.published:
            return self.published.isoformat(), "day", False
        return self.main_date, self.main_precision, False

    def _last_time(self, date_start: int) -> bool:
        """"في أول زيارة للمملكة منذ 2017": the date of the previous time, not of this one."""
        since = self.text.startswith("منذ", date_start) or self.text[max(0, date_start - 5):date_start].strip() == "منذ"
        before = self.text[max(0, date_start - 40):date_start].split()
        return since and any(w in ("اول", "لاول") for w in before)

    def _consult_split(self, event: Candidate, sentence: Sentence, match: TriggerMatch) -> list[Candidate]:
        """Set the mode; a bilateral call or meeting with several countries is one event per country."""
        source_countries = {a.country for a in event.source}
        if any(a.country in source_countries for a in event.target):
            # "استقبل السيسي بومبيو بحضور شكري": the host's own people stand on the host's side
            event.source = event.source + [a for a in event.target if a.country in source_countries]
            event.target = [a for a in event.target if a.country not in source_countries]
            if not event.target:
                return []
        countries = {a.country for a in event.source + event.target}
        trigger_mode = match.trigger.mode
        if any(t.trigger.type == "CONSULT" and t.trigger.mode == "phone" and 0 <= t.start - match.end <= 60
               for t in sentence.triggers):
            trigger_mode = "phone"  # "بحث … في اتصال هاتفي مع …"
        multilateral_cue = any(c for c in sentence.cues_of("multilateral"))
        sidelines = bool(sentence.cues_of("sidelines"))
        target_countries = list(dict.fromkeys(a.country for a in event.target))
        if (trigger_mode == "phone" or (len(target_countries) > 1 and not multilateral_cue
                                       and trigger_mode != "multilateral")) and len(target_countries) > 1:
            events = []
            for country in target_countries:
                part = Candidate(**{**_fields(event), "target": [a for a in event.target if a.country == country]})
                events += self._consult_split(part, sentence, match)
            return events
        if trigger_mode == "phone":
            event.mode, event.cameo, event.location = "phone", "041", None
            return [event]
        if trigger_mode == "multilateral" or len(countries) >= 3 or (multilateral_cue and len(event.target) > 1):
            event.mode, event.cameo = "multilateral", "040"
            return [event]
        location_country = event.location.country if event.location else None
        source_countries = {a.country for a in event.source}
        target_countries_set = set(target_countries)
        if trigger_mode in ("visit", "host") and not sidelines:
            event.mode, event.cameo = trigger_mode, "042" if trigger_mode == "visit" else "043"
        elif location_country and location_country in source_countries:
            event.mode, event.cameo = "host", "043"
        elif location_country and location_country in target_countries_set:
            event.mode, event.cameo = "visit", "042"
        elif location_country or sidelines:
            event.mode, event.cameo = "third-party", "044"
        elif trigger_mode in ("visit", "host"):
            event.mode, event.cameo = trigger_mode, "042" if trigger_mode == "visit" else "043"
        return [event]


# Name parts after which the last word is a father's or a clan's name, not a family name.
_LINEAGE = frozenset({"بن", "ابن", "بنت", "ال", "ابو", "عبد"})
PRONOUN_OBJECTS = ("اياه ", "اياها ", "اياهم ", "اياهما ")
PRONOUN_PARTNERS = ("معه ", "معها ", "معهم ", "معهما ")


def _is_travel(match: TriggerMatch) -> bool:
    """A verb of going somewhere ("توجه إلى"): its destination is required."""
    return "الي" in match.trigger.needs  # needs are stored normalised


def is_participle(surface: str) -> bool:
    """"متهما"، "مطالبا"، "داعيا": an adverbial participle that adds a second statement."""
    word = surface.split()[0]
    return len(word) >= 4 and word.endswith("ا") and (word.startswith("م") or word in ("داعيا", "حاثا", "رافضا"))


def _fields(event: Candidate) -> dict:
    return {name: getattr(event, name) for name in Candidate.__dataclass_fields__}


def shift_days(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
