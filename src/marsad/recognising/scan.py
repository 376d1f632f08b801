"""One pass over a cleaned document: everything the extractor needs to know, by position.

The text is normalised once; the knowledge base, the triggers, the cue words and the
context keywords are found in one automaton pass over the whole document, then handed out
per sentence when first asked for, as are the sentence's date expressions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from marsad.cleaning.normalize import NormalizedText
from marsad.cleaning.sentences import sentence_spans
from marsad.extracting.lexicon import Lexicon, Trigger
from marsad.knowledge.loader import KnowledgeBase, matcher_set
from marsad.recognising.dates import DateMention, find_dates, page_date
from marsad.recognising.phrases import Term, make_term, reading_of


@dataclass(slots=True)
class TriggerMatch:
    start: int
    end: int
    trigger: Trigger
    surface: str


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    kind: str


class Found:
    """What the automaton found in one document, in text order, as (start, end, payloads, proclitic)."""

    __slots__ = ("context_starts", "contexts", "cue_starts", "cues", "published", "term_starts", "terms", "text")

    def __init__(self, text: str, published: date | None, terms: list, cues: list, contexts: list):
        self.text, self.published = text, published
        self.terms, self.cues, self.contexts = terms, cues, contexts
        self.term_starts = [t[0] for t in terms]
        self.cue_starts = [c[0] for c in cues]
        self.context_starts = [c[0] for c in contexts]


@dataclass(slots=True)
class Sentence:
    """One sentence; its terms, cues, contexts and dates are made on first use: most sentences of
    most articles are never read past their event words."""

    start: int
    end: int
    triggers: list[TriggerMatch]
    found: Found
    dated: bool = False  # dates matter only where events are, and near the top (the article's own date)
    _terms: list[Term] | None = None
    _cues: list[Cue] | None = None
    _cues_by_kind: dict[str, list[Cue]] | None = None
    _contexts: list[str] | None = None
    _dates: list[DateMention] | None = None

    @property
    def terms(self) -> list[Term]:
        if self._terms is None:
            text = self.found.text
            self._terms = [make_term(start, end, payloads, text[start - proclitic:start], text[start:end])
                           for start, end, payloads, proclitic in self._slice(self.found.terms, self.found.term_starts)]
        return self._terms

    @property
    def cues(self) -> list[Cue]:
        if self._cues is None:
            self._cues = [Cue(start, end, kind) for start, end, payloads, _ in
                          self._slice(self.found.cues, self.found.cue_starts) for kind in payloads]
        return self._cues

    @property
    def contexts(self) -> list[str]:
        if self._contexts is None:
            self._contexts = list(dict.fromkeys(
                c for _, _, payloads, _ in self._slice(self.found.contexts, self.found.context_starts)
                for c in payloads))
        return self._contexts

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            found = self.found
            self._dates = (find_dates(found.text[self.start:self.end], found.published, offset=self.start)
                           if self.dated else [])
        return self._dates

    def cues_of(self, kind: str) -> list[Cue]:
        if self._cues_by_kind is None:
            self._cues_by_kind = {}
            for cue in self.cues:
                self._cues_by_kind.setdefault(cue.kind, []).append(cue)
        return self._cues_by_kind.get(kind) or []

    def _slice(self, items: list, starts: list[int]) -> list:
        return items[bisect_left(starts, self.start):bisect_left(starts, self.end)]


@dataclass(slots=True)
class Scan:
    view: NormalizedText
    published: date | None
    sentences: list[Sentence]
    found: Found | None = None
    _datelines: list[tuple[int, int]] | None = None

    def readings(self) -> list[tuple[int, str, object]]:
        """(start, kind, key) of every known term of the document, without making `Term`s."""
        return [(start, *reading_of(payloads)[:2]) for start, _, payloads, _ in self.found.terms] if self.found else []

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def datelines(self) -> list[tuple[int, int]]:
        """Spans of datelines and agency credits, found when an event needs them."""
        if self._datelines is None:
            self._datelines = dateline_spans(self.view.text)
        return self._datelines


# "بيروت (رويترز) -", "القاهرة - أ ش أ:", "مسقط في 10 يناير /العمانية/": where and who reported, not who acted.
_DATELINE = re.compile(
    r"^[^\S\n]*(?:[^\W\d][^\n(\-–:/]{1,30}?(?:[^\S\n]*[-–][^\S\n]*[^\W\d][^\n(\-–:/]{1,20}?)?"
    r"[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[-–:]"
    r"|[^\W\d][^\n/]{1,40}?/[^/\n]{2,30}/)",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datelines and agency credits at paragraph starts.

    A dateline lies within one line and starts it, so the pattern is tried at line starts only.
    """
    spans = []
    start = 0
    while start != -1:
        match = _DATELINE.match(text, start)
        if match and len(match.group().split()) <= 7:
            spans.append(match.span())
        start = text.find("\n", start)
        if start != -1:
            start += 1
    return spans


MAIN_DATE_SENTENCES = 4


class Scanner:
    """Finds knowledge-base terms, triggers, cues and context keywords in one automaton pass."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon):
        self.matchers = matcher_set([lexicon.triggers, kb.matcher, lexicon.cues, lexicon.contexts], "extractor")
        self.resolve_ambiguous = kb.resolve_ambiguous

    def scan(self, view: NormalizedText, published: date | None) -> Scan:
        text = view.text
        if published is None:  # an undated page: its relative dates count from the date it gives itself
            published = page_date(text)
        triggers, terms, cues, contexts = self.matchers.find(text, (False, False, True, False))
        terms = self.resolve_ambiguous(text, terms)  # "عمان": Oman or Amman, by its neighbours and the article
        sentences: list[Sentence] = []
        found = Found(text, published, terms, cues, contexts)
        trigger_matches = [TriggerMatch(start, end, payloads[0], text[start:end])
                           for start, end, payloads, _ in triggers]
        trigger_starts = [t.start for t in trigger_matches]
        for start, end in sentence_spans(text):
            sentence_triggers = trigger_matches[bisect_left(trigger_starts, start):bisect_left(trigger_starts, end)]
            sentences.append(Sentence(start, end, sentence_triggers, found, True))
        return Scan(view, published, sentences, found)
