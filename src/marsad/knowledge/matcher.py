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
_ARTICLE_PREFIXES = tuple(sorted(p for p in PROCLITICS if p.endswith((ARTICLE, "لل"))))
_PLAIN_PREFIXES = tuple(sorted(PROCLITICS.difference(_ARTICLE_PREFIXES)))
STOP = ("stop", None)  # payload of a form that blocks every entity reading of it
_NON_WORD = re.compile(r"[^\w ]")


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


def _readings(payloads: list) -> tuple:
    return tuple(p for p in payloads if p != STOP)


def pad(text: str) -> str:
    """`text` with every non-word character (and "_", which joins hashtag words) as a space, one more
    at each end: patterns start and end with a space, so the automaton itself checks word boundaries."""
    padded = _NON_WORD.sub(" ", text)
    if "_" in padded:
        padded = padded.replace("_", " ")
    return f" {padded} "


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    payload: Any


class TermMatcher:
    """Maps normalised forms to payloads; `find` returns non-overlapping matches in a text.

    `forms` holds, for each form as the automaton sees it (non-word characters as spaces), its
    length and its readings: (size, bare readings, bare blocked, readings after ال, blocked after ال).
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        grouped: dict[str, dict[Any, bool]] = {}
        for term, payload in entries:
            for form, needs_article in matching_forms(term).items():
                values = grouped.setdefault(form, {})
                values[payload] = values.get(payload, True) and needs_article
        self.index: dict[str, tuple[Any, ...]] = {k: tuple(v) for k, v in grouped.items()}
        self.forms: dict[str, tuple[int, tuple, bool, tuple, bool]] = {}
        for form, payloads in grouped.items():
            # Without the article only the readings that do not need it apply; a stop form among
            # the applicable readings blocks the word altogether.
            bare = [p for p, needs_article in payloads.items() if not needs_article]
            every = list(payloads)
            self.forms[_NON_WORD.sub(" ", form)] = (len(form), _readings(bare), STOP in bare, _readings(every),
                                                     STOP in every)
        self._search: MatcherSet | None = None

    def __len__(self) -> int:
        return len(self.index)

    def __getstate__(self) -> dict:
        return {"index": self.index, "forms": self.forms}  # the automaton is rebuilt where it is used

    def __setstate__(self, state: dict) -> None:
        self.index, self.forms, self._search = state["index"], state["forms"], None

    def find(self, text: str, overlapping: bool = False) -> list[Match]:
        """Matches in normalised `text`, each a whole word after its proclitics.

        Overlaps go to the leftmost, then longest match, unless `overlapping` keeps them all.
        """
        if self._search is None:
            self._search = MatcherSet([self])
        (found,) = self._search.find(text, (overlapping,))
        return [Match(start, end, payloads) for start, end, payloads, _ in found]


class MatcherSet:
    """Several matchers searched in one pass of one automaton over the text.

    Every form is indexed once per proclitic that may precede it, between spaces, so each
    raw match of the automaton is already a whole word with an allowed prefix: no match is
    checked or dropped in Python. A pattern can stand for several matchers' forms at once.

    The automaton reads the text backwards, with every pattern reversed: the proclitics then
    end the patterns instead of starting them, so the variants of a form share its path in the
    automaton rather than each having a copy of it. That keeps the automaton several times
    smaller, and the parts of it that a text walks through fit the processor's caches.
    """

    def __init__(self, matchers: list[TermMatcher]):
        self.size = len(matchers)
        patterns: dict[str, list[tuple[int, int, tuple, int]]] = {}
        for number, matcher in enumerate(matchers):
            for form, (size, bare, bare_blocked, every, every_blocked) in matcher.forms.items():
                # A blocked form covers its span but names nothing.
                for prefixes, payloads, blocked in ((_PLAIN_PREFIXES, bare, bare_blocked),
                                                    (_ARTICLE_PREFIXES, every, every_blocked)):
                    if blocked or payloads:
                        readings = () if blocked else payloads
                        for prefix in prefixes:
                            patterns.setdefault(f" {prefix}{form} "[::-1], []).append(
                                (number, -size, readings, len(prefix)))
        self._automaton = ahocorasick.Automaton()
        for pattern, readings in patterns.items():
            self._automaton.add_word(pattern, tuple(readings))
        if patterns:
            self._automaton.make_automaton()

    def find(self, text: str, overlapping: tuple[bool, ...]) -> list[list[tuple]]:
        """For each matcher, its (start, end, payloads, proclitic length) in normalised `text`, in text order.

        `overlapping[i]` keeps all of matcher i's matches; otherwise overlaps go to the leftmost,
        then longest.
        """
        found: list[list[tuple[int, int, tuple, int]]] = [[] for _ in range(self.size)]
        if not len(self._automaton):
            return found
        padded = pad(text)
        # A match ending at i of the reversed text starts, in `padded`, with the space at len - 1 - i;
        # the form follows its proclitic, and `text` is `padded` one character on.
        last = len(padded) - 1
        for end, readings in self._automaton.iter(padded[::-1]):
            for number, negative_size, payloads, proclitic in readings:
                found[number].append((last - end + proclitic, negative_size, payloads, proclitic))
        return [_resolve(candidates, keep_all) for candidates, keep_all in zip(found, overlapping, strict=True)]


def _resolve(candidates: list[tuple[int, int, tuple, int]], overlapping: bool) -> list[tuple[int, int, tuple, int]]:
    """(start, -size, payloads, proclitic) candidates → (start, end, payloads, proclitic) matches in text order.

    Sorting the tuples puts the leftmost, then longest first; no two candidates share a start and a size.
    """
    candidates.sort()
    if overlapping:
        return [(start, start - negative_size, payloads, proclitic)
                for start, negative_size, payloads, proclitic in candidates if payloads]
    matches = []
    covered_until = -1
    for start, negative_size, payloads, proclitic in candidates:
        if start >= covered_until:
            covered_until = start - negative_size
            if payloads:
                matches.append((start, covered_until, payloads, proclitic))
    return matches
