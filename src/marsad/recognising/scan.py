"""One pass over a cleaned document: everything the extractor needs to know, by position.

The text is normalised once; the knowledge base, the triggers, the cue words, the date
expressions and the context keywords are found once each over the whole document, then
handed out per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from marsad.cleaning.normalize import NormalizedText
from marsad.cleaning.sentences import sentence_spans
from marsad.extracting.lexicon import Lexicon, Trigger
from marsad.knowledge.loader import KnowledgeBase
from marsad.knowledge.matcher import pad
from marsad.recognising.dates import DateMention, find_dates
from marsad.recognising.phrases import Term, make_term


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    start: int
    end: int
    trigger: Trigger
    surface: str


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    terms: list[Term]
    triggers: list[TriggerMatch]
    cues: list[Cue]
    dates: list[DateMention]
    contexts: list[str]

    def cues_of(self, kind: str) -> list[Cue]:
        return [c for c in self.cues if c.kind == kind]


@dataclass(slots=True)
class Scan:
    view: NormalizedText
    published: date | None
    sentences: list[Sentence]
    datelines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.view.text


# "بيروت (رويترز) -", "القاهرة - أ ش أ:", "مسقط في 10 يناير /العمانية/": where and who reported, not who acted.
_DATELINE = re.compile(
    r"^[^\S\n]*(?:[^\W\d][^\n(\-–:/]{1,30}?(?:[^\S\n]*[-–][^\S\n]*[^\W\d][^\n(\-–:/]{1,20}?)?"
    r"[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[-–:]"
    r"|[^\W\d][^\n/]{1,40}?/[^/\n]{2,30}/)",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datelines and agency credits at paragraph starts."""
    return [m.span() for m in _DATELINE.finditer(text) if len(m.group().split()) <= 7]


MAIN_DATE_SENTENCES = 4


def _within(items: list, starts: list[int], start: int, end: int) -> list:
    return items[bisect_left(starts, start):bisect_left(starts, end)]


def scan(cleaned: str, published: date | None, kb: KnowledgeBase, lexicon: Lexicon) -> Scan:
    view = NormalizedText.of(cleaned)
    text = view.text
    padded = pad(text)
    triggers = [TriggerMatch(m.start, m.end, m.payload[0], text[m.start:m.end])
                for m in lexicon.triggers.find(text, padded=padded)]
    sentences: list[Sentence] = []
    if not triggers:
        return Scan(view, published, sentences, dateline_spans(text))
    terms = [make_term(m.start, m.end, m.payload, text) for m in kb.matcher.find(text, padded=padded)]
    cues = [Cue(m.start, m.end, kind) for m in lexicon.cues.find(text, overlapping=True, padded=padded)
            for kind in m.payload]
    contexts = [(m.start, m.payload) for m in lexicon.contexts.find(text, padded=padded)]
    trigger_starts = [t.start for t in triggers]
    term_starts = [t.start for t in terms]
    cue_starts = [c.start for c in cues]
    context_starts = [c[0] for c in contexts]
    for index, (start, end) in enumerate(sentence_spans(text)):
        sentence_triggers = _within(triggers, trigger_starts, start, end)
        # Dates matter where events are, and near the top, where the article's own date is given.
        needs_dates = sentence_triggers or index < MAIN_DATE_SENTENCES
        sentences.append(Sentence(
            start, end,
            _within(terms, term_starts, start, end),
            sentence_triggers,
            _within(cues, cue_starts, start, end),
            find_dates(text[start:end], published, offset=start) if needs_dates else [],
            list(dict.fromkeys(c for _, payload in _within(contexts, context_starts, start, end) for c in payload)),
        ))
    return Scan(view, published, sentences, dateline_spans(text))
