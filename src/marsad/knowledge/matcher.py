"""Find known terms in normalised Arabic text in one pass, respecting word boundaries.

An Aho-Corasick automaton over normalised terms finds every occurrence; a match counts when
it ends at a word boundary and whatever letters precede it in its word are proclitics
(و ف ب ل ك and the article ال, alone or combined: "وبالسعودية", "للرئيس"). Overlaps go to
the leftmost, then longest match, so "محمد بن سلمان" wins over "سلمان".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from marsad.cleaning.normalize import normalize

ARTICLE = "ال"
# What may stand before a term inside its word (already normalised).
PROCLITICS = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
    "وب", "ول", "فب", "فل", "وك", "وبال", "فبال", "وكال",
})
_MAX_PROCLITIC = max(len(p) for p in PROCLITICS)
STOP = ("stop", None)
_NON_WORD = re.compile(r"\W")  # payload of a form that blocks every entity reading of it


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def matching_forms(term: str) -> dict[str, bool]:
    """The normalised forms under which `term` is indexed, each with whether it needs an article.

    A term written with its article ("الهند") is also indexed bare ("هند") so that "للهند"
    matches; the bare form then only counts after ال or لل, never alone (هند is a name).
    """
    form = " ".join(normalize(term).split())
    if not form:
        return {}
    forms = {form}
    for joined, spaced in (("عبدال", "عبد ال"), ("ابوال", "ابو ال")):
        if spaced in form:
            forms.add(form.replace(spaced, joined))
        if joined in form:
            forms.add(form.replace(joined, spaced))
    result = dict.fromkeys(forms, False)
    for full in forms:
        if full.startswith(ARTICLE) and len(full) > len(ARTICLE) + 2:
            result.setdefault(full[len(ARTICLE):], True)
    return result


def _after_article(prefix: str) -> bool:
    return prefix.endswith((ARTICLE, "لل"))


def _readings(payloads: list) -> tuple:
    return tuple(p for p in payloads if p != STOP)


def pad(text: str) -> str:
    """`text` with every non-word character as a space, and one more at the end: patterns end in a space."""
    return _NON_WORD.sub(" ", text) + " "


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    payload: Any


class TermMatcher:
    """Maps normalised forms to payloads; `find` returns non-overlapping matches in a text."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        grouped: dict[str, dict[Any, bool]] = {}
        for term, payload in entries:
            for form, needs_article in matching_forms(term).items():
                values = grouped.setdefault(form, {})
                values[payload] = values.get(payload, True) and needs_article
        self.index: dict[str, tuple[Any, ...]] = {k: tuple(v) for k, v in grouped.items()}
        self._automaton = ahocorasick.Automaton()
        for form, payloads in grouped.items():
            # Without the article only the readings that do not need it apply; a stop form among
            # the applicable readings blocks the word altogether.
            bare = [p for p, needs_article in payloads.items() if not needs_article]
            every = list(payloads)
            value = (len(form), _readings(bare), STOP in bare, _readings(every), STOP in every)
            # The trailing space makes the automaton itself check the right word boundary.
            self._automaton.add_word(_NON_WORD.sub(" ", form) + " ", value)
        if grouped:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.index)

    def find(self, text: str, overlapping: bool = False, padded: str | None = None) -> list[Match]:
        """Matches in normalised `text`, each a whole word after its proclitics.

        Overlaps go to the leftmost, then longest match, unless `overlapping` keeps them all.
        `padded` is `pad(text)`, for callers that search one text with several matchers.
        """
        if not self.index:
            return []
        candidates = []
        padded = padded if padded is not None else pad(text)
        for last, (size, bare, bare_blocked, every, every_blocked) in self._automaton.iter(padded):
            start = last - size
            if start == 0 or not text[start - 1].isalnum():  # the common case: a word on its own
                payloads, blocked = bare, bare_blocked
            else:
                word_start = start - 1
                while word_start > 0 and text[word_start - 1].isalnum() and start - word_start < _MAX_PROCLITIC:
                    word_start -= 1
                prefix = text[word_start:start]
                if prefix not in PROCLITICS or (word_start > 0 and text[word_start - 1].isalnum()):
                    continue
                payloads, blocked = (every, every_blocked) if _after_article(prefix) else (bare, bare_blocked)
            if blocked:
                candidates.append((start, -size, ()))  # covers the span, names nothing
            elif payloads:
                candidates.append((start, -size, payloads))
        candidates.sort(key=lambda c: (c[0], c[1]))
        if overlapping:
            candidates = [c for c in candidates if c[2]]
            return [Match(start, start - negative_size, payloads) for start, negative_size, payloads in candidates]
        matches = []
        covered_until = -1
        for start, negative_size, payloads in candidates:
            if start >= covered_until:
                end = start - negative_size
                if payloads:
                    matches.append(Match(start, end, payloads))
                covered_until = end
        return matches
