"""Decoding: from the models' probabilities to events with sides, a date, a mode and a CAMEO code.

For each sentence and each type likely enough, the likeliest pair of mentions are the
source and the target; mentions paired almost as well with the same source or target join
its side ("الرئيس X ووزير خارجيته Y"). A generic actor's sector is what the coders give
such actors on that side of that type (an attacking state is its army), learned in
training. The date is the sentence's nearest date expression, else the article's main
date, never later than publication.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extracting.candidates import DocumentUnits, Unit
from marsad.extracting.context import DocumentContext
from marsad.extracting.features import DENIAL_CUES
from marsad.extracting.predicting import DocumentScores, PairScores
from marsad.model import Actor, Location
from marsad.recognising.dates import after_since

DEFAULT_CAMEO = {
    "CONSULT": "040", "AGREE": "030", "SUPPORT": "051", "COOPERATE": "060", "AID": "070", "CONCEDE": "080",
    "RETREAT": "087", "ACCUSE": "111", "REQUEST": "100", "REJECT": "120", "THREATEN": "130", "PROTEST": "141",
    "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}
MODE_CAMEO = {"phone": "041", "visit": "042", "host": "043", "third-party": "044", "multilateral": "040"}
NEAR_DATE = 40  # characters: a month or year this close to the event word dates it
JOIN_SHARE = 0.6  # a mention joins a side when paired at least this well relative to the best pair


@dataclass(slots=True)
class Settings:
    """The decisions training tuned: thresholds, which generator codes each type, generic actors' sectors."""

    type_threshold: float = 0.3
    type_thresholds: dict[str, float] = field(default_factory=dict)
    pair_threshold: float = 0.15
    relevance_threshold: float = 0.0  # below it an article is not political news: no events at all
    policy: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    calibration: dict[str, list] = field(default_factory=dict)  # per origin: (upper raw score, probability) steps

    def threshold(self, event_type: str) -> float:
        return self.type_thresholds.get(event_type, self.type_threshold)

    def to_dict(self) -> dict:
        return {"type_threshold": self.type_threshold, "type_thresholds": dict(sorted(self.type_thresholds.items())),
                "pair_threshold": self.pair_threshold, "relevance_threshold": self.relevance_threshold,
                "policy": dict(sorted(self.policy.items())),
                "sectors": dict(sorted(self.sectors.items())),
                "calibration": {k: [list(s) for s in v] for k, v in sorted(self.calibration.items())}}

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        return cls(float(data.get("type_threshold", 0.3)), dict(data.get("type_thresholds", {})),
                   float(data.get("pair_threshold", 0.15)), float(data.get("relevance_threshold", 0.0)),
                   dict(data.get("policy", {})), dict(data.get("sectors", {})),
                   {k: [tuple(s) for s in v] for k, v in data.get("calibration", {}).items()})


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
    explicit_date: bool = False  # dated by the sentence itself, not by the article's main date
    origin: str = "learned"  # or "rules": which generator proposed it, for calibrating its confidence
    notes: list[str] = field(default_factory=list)  # the rules' own marks: its event word, "pair" sides


def decode_document(doc: DocumentUnits, scores: DocumentScores, settings: Settings) -> list[Candidate]:
    """The learned events of a document, one at most per sentence and type."""
    candidates = []
    named = named_actors(doc)
    for (index, event_type), pair_scores in sorted(scores.pairs.items()):
        probability = float(scores.types[event_type][index])
        if probability < settings.threshold(event_type):
            continue
        unit = doc.units[index]
        read_as = rule_reading(doc, unit, event_type)
        if read_as is None:
            continue
        candidate = decode_sentence(doc, unit, event_type, probability, pair_scores,
                                    settings.pair_threshold, settings.sectors, named)
        if candidate is not None:
            if read_as[0] != event_type:  # "يلتقي … الأسبوع المقبل": a meeting announced, not held
                candidate.type, candidate.cameo, candidate.mode = read_as[0], read_as[1], None
                candidate.date, candidate.precision, candidate.explicit_date = event_date(doc.context, unit, *read_as)
            candidates.append(candidate)
    return candidates


def rule_reading(doc: DocumentUnits, unit: Unit, event_type: str) -> tuple[str, str] | None:
    """What the rules make of the sentence's event words of this type: cancelled when every one is negated,
    denied or otherwise cancelled; another type when all are read so (a future meeting is AGREE 036);
    else the type itself (also when no event word of the type stands there: the words alone told it, unless
    the sentence is negated and every event word it has is cancelled: «لم يلتق … خلال زيارته» reports nothing)."""
    matches = [m for m in unit.sentence.triggers if m.trigger.type == event_type]
    if not matches:
        sentence = unit.sentence
        if (sentence.triggers and any(c.kind in DENIAL_CUES for c in sentence.cues)
                and all(doc.reading(m) is None for m in sentence.triggers)):
            return None
        return event_type, DEFAULT_CAMEO[event_type]
    readings = [doc.reading(m) for m in matches]
    kept = [r for r in readings if r is not None]
    if not kept:
        return None
    same = [r for r in kept if r[0] == event_type]
    return same[0] if same else kept[0]


def decode_sentence(doc: DocumentUnits, unit: Unit, event_type: str, type_probability: float,
                    scores: PairScores, pair_threshold: float, sectors: dict[str, str],
                    named: dict[tuple, set[Actor]] | None = None) -> Candidate | None:
    """The event of `event_type` that `unit` reports, from its pair probabilities; None below the threshold.
    A generic side gives way to the one actor of its country and sector that the document names (`named`)."""
    probabilities = scores.probabilities
    best = int(probabilities.argmax())
    if probabilities[best] < pair_threshold:
        return None
    first, second = scores.pairs[best]
    join = max(pair_threshold, JOIN_SHARE * float(probabilities[best]))
    source_ids, target_ids = [first], [second]
    for (i, j), p in zip(scores.pairs, probabilities, strict=True):
        if p >= join and (i, j) != (first, second):
            if i == first and j not in source_ids + target_ids:
                target_ids.append(j)
            elif j == second and i not in source_ids + target_ids:
                source_ids.append(i)
    source = _actors(scores, source_ids, event_type, "source", sectors)
    target = [a for a in _actors(scores, target_ids, event_type, "target", sectors) if a not in source]
    if not source or not target:
        return None
    if named:
        source, target = most_specific_named(source, target, named), most_specific_named(target, source, named)
    context = doc.context
    cameo, mode = cameo_and_mode(doc, unit, event_type)
    date, precision, explicit = event_date(context, unit, event_type, cameo)
    location = _location(context, unit, event_type, mode, source)
    if event_type == "CONSULT" and mode is None and location is not None:
        mode = ("host" if location.country in {a.country for a in source}
                else "visit" if location.country in {a.country for a in target} else "third-party")
        cameo = MODE_CAMEO[mode]
    return Candidate(event_type, cameo, mode, source, target, date, precision, location, list(unit.sentence.contexts),
                     (unit.start, unit.end), type_probability * float(probabilities[best]), explicit)


def _location(context: DocumentContext, unit: Unit, event_type: str, mode: str | None,
              source: list[Actor]) -> Location | None:
    matches = [m for m in unit.sentence.triggers if m.trigger.type == event_type] or unit.sentence.triggers
    location = None
    if matches:
        location = context.places.location(unit.sentence, [m.phrase for m in unit.mentions], matches[0],
                                           unit.start, unit.end)
    if location is None and mode == "host" and source[0].country:
        location = context.places.seat_of(source[0].country)
    return location


def _actors(scores: PairScores, indices: list[int], event_type: str, side: str, sectors: dict[str, str]) -> list[Actor]:
    actors: list[Actor] = []
    for index in indices:
        mention = scores.candidates[index][0]
        for actor in mention.actors:
            if actor.name is None:
                sector = sectors.get(sector_key(event_type, side, mention.kind, actor.sector))
                actor = Actor(None, actor.country, sector) if sector else actor
            if actor not in actors:
                actors.append(actor)
    return actors


def named_actors(doc: DocumentUnits) -> dict[tuple, set[Actor]]:
    """The named actors of a document by (country, sector)."""
    named: dict[tuple, set[Actor]] = {}
    for unit in doc.units:
        for mention in unit.mentions:
            for actor in mention.actors:
                if actor.name:
                    named.setdefault((actor.country, actor.sector), set()).add(actor)
    return named


def most_specific_named(side: list[Actor], other: list[Actor], named: dict[tuple, set[Actor]]) -> list[Actor]:
    """Spec §4: an event's actors are the most specific ones the document names, so "(TUN, GOV)" is
    «قيس سعيد» when he is the only Tunisian official the article names (and not on the other side)."""
    result: list[Actor] = []
    for actor in side:
        if actor.name is None:
            options = [a for a in named.get((actor.country, actor.sector), ()) if a not in other]
            actor = options[0] if len(options) == 1 else actor
        if actor not in result:
            result.append(actor)
    return result


def sector_key(event_type: str, side: str, kind: str, sector: str) -> str:
    return f"{event_type}|{side}|{kind}|{sector}"


def cameo_and_mode(doc: DocumentUnits, unit: Unit, event_type: str) -> tuple[str, str | None]:
    """The CAMEO code of the sentence's first event word read as this type (a future "يلتقي" gives AGREE its
    036), else the type's root; a meeting's mode from its event words."""
    read = [doc.reading(m) for m in unit.sentence.triggers]
    codes = [r[1] for r in read if r is not None and r[0] == event_type]
    cameo = codes[0] if codes else DEFAULT_CAMEO[event_type]
    matches = [m for m in unit.sentence.triggers if m.trigger.type == event_type]
    if event_type != "CONSULT":
        return cameo, None
    modes = [m.trigger.mode for m in matches if m.trigger.mode]
    if not modes:
        return cameo, None
    mode = "phone" if "phone" in modes else modes[0]
    return MODE_CAMEO.get(mode, cameo), mode


def event_date(context: DocumentContext, unit: Unit, event_type: str,
               cameo: str) -> tuple[str | None, str | None, bool]:
    """The sentence's nearest date to its event word, else the article's main date; never after publication.
    The flag says whether the sentence itself dated the event."""
    published = context.published
    mentions = [d for d in unit.sentence.dates if d.value and (published is None or d.value <= published)
                and not after_since(context.text, d.start)]
    if (event_type, cameo) == ("AGREE", "036"):  # dated when announced: "الثلاثاء" names the meeting's day
        mentions = [d for d in mentions if not d.relative]
    matches = [m for m in unit.sentence.triggers if m.trigger.type == event_type] or unit.sentence.triggers
    anchor = matches[0].start if matches else unit.start
    days = [d for d in mentions if d.precision == "day"]
    # a day dates the news ("أمس الأحد"); a bare month or year is background unless it stands by the event word
    near = days or [d for d in mentions if abs(d.start - anchor) <= NEAR_DATE]
    if near:
        nearest = min(near, key=lambda d: abs(d.start - anchor))
        return nearest.value, nearest.precision, True
    if event_type == "AGREE" and cameo == "036" and published:
        return published, "day", False
    return context.main_date, context.main_precision, False
