"""Forms that name different things in different places, settled by the rules of ambiguous.tsv.

Unvowelled "عمان" is Oman or Amman, "السوداني" the Sudanese or Iraq's prime minister. Such a form
is indexed with an `AMBIGUOUS` payload beside whatever the other files make of it. Once a text
has been matched, `Ambiguities.resolve` looks at each occurrence's neighbouring words and at the
whole text, and gives it the reading of the first of its rules that holds; when none holds it
has the other files' readings (none at all for a form only ambiguous.tsv lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress
from operator import itemgetter

from marsad.cleaning.normalize import normalize
from marsad.knowledge.matcher import ARTICLE, STOP, TermMatcher
from marsad.knowledge.records import AmbiguityRule

AMBIGUOUS = "ambiguous"  # payload kind; its key is the rule's form, normalised
_SENTENCE_END = ".!?\n"
# The word after a form (or, read backwards, before it), across spaces and quotes but not past the end
# of a sentence. Anchored matches: a search for the last word of a window would try every position.
_NEXT_WORD = re.compile(rf"[^\w{_SENTENCE_END}]*(\w+)")
_WINDOW = 60  # characters looked at on either side: longer than any word
_PAYLOADS = itemgetter(2)  # of a (start, end, payloads, proclitic length) match
# What may stand before a context word inside its word: و/ف, then ب/ل/ك ("وبالأردن", "للأردن").
_CONTEXT_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_LONGEST_PROCLITICS = 2


def _folded(forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(normalize(form).split()) for form in forms)


class _Words:
    """Words that select a rule when they stand next to its form; "ال*" is any word starting with ال."""

    __slots__ = ("exact", "prefixes")

    def __init__(self, words: tuple[str, ...]):
        folded = _folded(words)
        self.exact = frozenset(w for w in folded if not w.endswith("*"))
        self.prefixes = tuple(w[:-1] for w in folded if w.endswith("*"))

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes)

    def match(self, word: str) -> bool:
        """Whether `word`, or `word` without a leading و or ف ("وقال"), is one of these."""
        for candidate in (word, word[1:] if word[:1] in ("و", "ف") else ""):
            if candidate and (candidate in self.exact or candidate.startswith(self.prefixes)):
                return True
        return False


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


class _Phrase:
    """A context phrase, found in a normalised text as whole words after any proclitics ("للأردن")."""

    __slots__ = ("firsts", "rest")

    def __init__(self, phrase: str):
        first, *rest = phrase.split()
        # ل + ال is written لل; the other proclitics stand before the article as they are.
        self.firsts = (first, "لل" + first[2:]) if first.startswith("ال") else (first,)
        self.rest = re.compile("".join(rf"\s+{re.escape(word)}" for word in rest)) if rest else None

    def in_text(self, text: str) -> bool:
        for first in self.firsts:
            position = text.find(first)
            while position >= 0:
                end = position + len(first)
                if self.rest is not None:
                    more = self.rest.match(text, end)
                    end = more.end() if more else -1
                if end >= 0 and (end == len(text) or not _is_word(text[end])) and _after_proclitics(text, position):
                    return True
                position = text.find(first, position + 1)
        return False


def _after_proclitics(text: str, position: int) -> bool:
    """Whether the letters before `position` in its word are proclitics, or none."""
    start = position
    while start > 0 and _is_word(text[start - 1]) and position - start < _LONGEST_PROCLITICS:
        start -= 1
    return not (start > 0 and _is_word(text[start - 1])) and text[start:position] in _CONTEXT_PROCLITICS


class _Rule:
    __slots__ = ("after", "before", "context", "payloads")

    def __init__(self, rule: AmbiguityRule):
        self.payloads = (rule.reading,) if rule.reading else ()
        self.before, self.after = _Words(rule.before), _Words(rule.after)
        self.context = tuple(_Phrase(phrase) for phrase in dict.fromkeys(_folded(rule.context)) if phrase)

    def in_text(self, text: str) -> bool:
        return any(phrase.in_text(text) for phrase in self.context)


class Ambiguities:
    """The rules of ambiguous.tsv by normalised form, in file order."""

    def __init__(self, rules: list[AmbiguityRule]):
        self.rules: dict[str, list[_Rule]] = {}
        self.forms: dict[str, str] = {}  # normalised form → the form as written, for the matcher
        self.fallbacks: dict[str, tuple] = {}  # normalised form → what the other files make of it
        for rule in rules:
            form = " ".join(normalize(rule.form).split())
            if form:
                self.rules.setdefault(form, []).append(_Rule(rule))
                self.forms.setdefault(form, rule.form)
        self.marked: frozenset[tuple] = frozenset()  # the matcher's payload tuples that hold an AMBIGUOUS one

    def learn(self, matcher: TermMatcher) -> None:
        """Note, from the knowledge base's matcher, which payload tuples its matches of these forms carry
        (so that `resolve` passes over the others at the cost of a set lookup), and the other files'
        readings of each form. Those are needed apart: the match that carries a form's rules may not
        carry them ("السوداني" is this file's form, "سوداني" after the article the nisba)."""
        self.marked = frozenset(
            payloads
            for _, bare, _, every, _ in matcher.forms.values()
            for payloads in (bare, every)
            if any(kind == AMBIGUOUS for kind, _ in payloads)
        )
        index = matcher.index
        for form in self.rules:
            readings = [*index.get(form, ())]
            if form.startswith(ARTICLE):
                readings += index.get(form[len(ARTICLE) :], ())
            if STOP not in readings:
                self.fallbacks[form] = tuple(dict.fromkeys(p for p in readings if p[0] != AMBIGUOUS))

    def entries(self) -> Iterator[tuple[str, tuple[str, str]]]:
        """(form, payload) pairs for the knowledge base's matcher."""
        for form, written in self.forms.items():
            yield written, (AMBIGUOUS, form)

    def resolve(self, text: str, found: list[tuple]) -> list[tuple]:
        """`found` — (start, end, payloads, proclitic length) matches in normalised `text` — with every
        ambiguous match given its reading, or dropped when it names nothing there."""
        if not self.marked or self.marked.isdisjoint(map(_PAYLOADS, found)):
            return found  # most texts: one pass in C over the matches
        hits = list(compress(range(len(found)), map(self.marked.__contains__, map(_PAYLOADS, found))))
        in_text: dict[int, bool] = {}  # id of a rule → whether the text holds its context
        resolved = list(found)
        for index in reversed(hits):
            start, end, payloads, proclitic = found[index]
            payloads = self._reading(text, start - proclitic, end, payloads, in_text)
            if payloads:
                resolved[index] = (start, end, payloads, proclitic)
            else:
                del resolved[index]
        return resolved

    def _reading(self, text: str, start: int, end: int, payloads: tuple, in_text: dict[int, bool]) -> tuple:
        """The payloads of the match spanning `start` (its proclitics included) to `end`."""
        before = after = ""
        for kind, form in payloads:
            if kind != AMBIGUOUS:
                continue
            for rule in self.rules.get(form, ()):
                if rule.before:
                    before = before or _word(_NEXT_WORD.match(text[max(0, start - _WINDOW) : start][::-1]))[::-1]
                    if not rule.before.match(before):
                        continue
                if rule.after:
                    after = after or _word(_NEXT_WORD.match(text, end, end + _WINDOW))
                    if not rule.after.match(after):
                        continue
                if rule.context:
                    key = id(rule)
                    if key not in in_text:
                        in_text[key] = rule.in_text(text)
                    if not in_text[key]:
                        continue
                return rule.payloads
        others = [p for p in payloads if p[0] != AMBIGUOUS]
        for kind, form in payloads:
            if kind == AMBIGUOUS:
                others += self.fallbacks.get(form, ())
        return tuple(dict.fromkeys(others))


def _word(match: re.Match | None) -> str:
    return match.group(1) if match else ""
