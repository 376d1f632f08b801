"""Features: what the models see of a document, a sentence, and a mention in a sentence.

Features are short strings ("w=زيار", "trig=CONSULT", "prep=مع|after"); a model keeps a
weight for each string it saw in training and ignores the rest. The signal in Arabic news
is mostly local: the event word and its negation or future cue, the preposition before a
mention, whether it stands before or after the event word, what lies between them.
"""

from __future__ import annotations

import itertools

from marsad.extracting.candidates import WORD, DocumentUnits, Unit, stem
from marsad.knowledge.loader import NISBA, ORGANISATION, PERSON, STATE
from marsad.recognising.scan import Scan

FUTURE_CUES = ("future", "hypothetical")
DENIAL_CUES = ("negation", "denial")
CONTEXT_CUES = frozenset({
    "received", "passive", "joint", "joint_goal", "sidelines", "multilateral", "background", "off_topic",
    "content", "denial", "reporting", "topic", "celebration", "claim", "in_reply", "time_reference",
    "subject_matter", "consequence", "addressee", "quantity", "accepted", "presence", "same_day",
})


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def document_features(scan: Scan, url: str | None = None) -> list[str]:
    """Is this political news at all: the headline's and lead's words and event words, the kinds of actor it
    names, its section in the URL. Read off the scan alone, so that articles which are not political news
    cost no more than their recognition."""
    features = ["bias"]
    top = scan.sentences[:3]
    text = scan.text
    for index, sentence in enumerate(top):
        prefix = "t" if index == 0 else "l"
        features += [f"{prefix}={stem(w)}" for w in WORD.findall(text, sentence.start, sentence.end) if len(w) > 2]
        features += [f"trig={t.trigger.type}" for t in sentence.triggers]
    lead_end = top[-1].end if top else 0
    readings = scan.readings()
    features += [f"mk={kind}" for start, kind, _ in readings if start < lead_end]
    features.append(f"countries={_bucket(len({k for _, kind, k in readings if kind in (STATE, NISBA)}))}")
    features.append(f"persons={_bucket(len({k for _, kind, k in readings if kind == PERSON}))}")
    features.append(f"organisations={_bucket(len({k for _, kind, k in readings if kind == ORGANISATION}))}")
    if url:
        features += [f"url={part}" for part in _url_words(url)]
    return features


def _url_words(url: str) -> list[str]:
    path = url.split("//", 1)[-1].lower()
    return [w for w in path.replace("-", "/").replace("_", "/").replace(".", "/").split("/")[1:6] if w.isalpha()][:5]


def sentence_features(doc: DocumentUnits, unit: Unit) -> list[str]:
    """Which kinds of event a sentence reports: its words, its event words with their cues, who it names."""
    features = ["bias", f"pos={'title' if unit.is_title else _bucket(unit.index, (1, 2, 3, 5))}"]
    stems = [stem(w) for w in unit.words]
    features += [f"w={s}" for s in stems]
    features += [f"b={a}_{b}" for a, b in itertools.pairwise(stems)]
    sentence = unit.sentence
    future = [c.start for c in sentence.cues if c.kind in FUTURE_CUES]
    denial = [c.start for c in sentence.cues if c.kind in DENIAL_CUES]
    for match in sentence.triggers:
        trigger = match.trigger
        features.append(f"trig={trigger.type}")
        features.append(f"trig={trigger.type}:{trigger.cameo}:{trigger.mode}")
        features.append(f"trigw={match.surface}")
        if any(0 <= match.start - c <= 25 for c in denial):
            features.append(f"trig_neg={trigger.type}")
        if future:
            features.append(f"trig_future={trigger.type}")
        if trigger.needs and not any(n in doc.context.text[match.start - 80:match.end + 160] for n in trigger.needs):
            features.append(f"trig_unmet={trigger.type}")
    features += [f"cue={c.kind}" for c in sentence.cues if c.kind in CONTEXT_CUES or c.kind.startswith("refers:")]
    if future:
        features.append("future")
    named = [m for m in unit.mentions if m.actors and not m.media]
    countries = {a.country for m in named for a in m.actors if a.country}
    features.append(f"ncountries={_bucket(len(countries), (0, 1, 2, 3))}")
    features += [f"mk={m.kind}" for m in named]
    features += [f"msec={a.sector}" for m in named for a in m.actors[:1]]
    features += [f"prep={m.preposition}|{m.kind}" for m in named]
    if not named and unit.carried:
        features.append("carried_only")
    return features
