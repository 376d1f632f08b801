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

from marsad.cleaning.normalize import normalize
from marsad.knowledge.matcher import ARTICLE, STOP
from marsad.knowledge.records import AmbiguityRule

AMBIGUOUS = "ambiguous"  # payload kind; its key is the rule's form, normalised
_SENTENCE_END = ".!?\n"
# The word before or after a form, across spaces and quotes but not past the end of a sentence.
_WORD_BEFORE = re.compile(rf"(\w+)[^\w{_SENTENCE_END}]*$")
_WORD_AFTER = re.compile(rf"[^\w{_SENTENCE_END}]*(\w+)")
_WINDOW = 60  # characters looked at on either side: longer than any word
# What may stand before a context word inside its word: و/ف, then ب/ل/ك ("وبالأردن", "للأردن").
_CONTEXT_PROCLITICS = "(?:[وف]?[بلك]?)"


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


def _context_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Any of `phrases` as whole words of a normalised text, after any proclitics."""
    alternatives = set()
    for phrase in _folded(phrases):
        alternatives.add(phrase)
        if phrase.startswith("ال"):
            alternatives.add("لل" + phrase[2:])  # ل + ال is written لل
    if not alternatives:
        return None
    words = sorted((r"\s+".join(map(re.escape, a.split())) for a in alternatives), key=len, reverse=True)
    return re.compile(rf"(?<!\w){_CONTEXT_PROCLITICS}(?:{'|'.join(words)})(?!\w)")


class _Rule:
    __slots__ = ("after", "before", "context", "payloads")

    def __init__(self, rule: AmbiguityRule):
        self.payloads = (rule.reading,) if rule.reading else ()
        self.before, self.after = _Words(rule.before), _Words(rule.after)
        self.context = _context_pattern(rule.context)


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
        # Strings one of which a text holds when it holds any form ("للسوداني" holds "سوداني" only).
        self.needles = tuple({form.removeprefix(ARTICLE) for form in self.rules})

    def learn_fallbacks(self, index: dict[str, tuple]) -> None:
        """Note the other files' readings of each form from the matcher's `index` (normalised form →
        payloads). They are needed apart: the match that carries a form's rules may not carry them
        ("السوداني" is this file's form, "سوداني" after the article the nisba)."""
        for form in self.rules:
            readings = [*index.get(form, ())]
            if form.startswith(ARTICLE):
                readings += index.get(form[len(ARTICLE):], ())
            if STOP not in readings:
                self.fallbacks[form] = tuple(dict.fromkeys(p for p in readings if p[0] != AMBIGUOUS))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def entries(self) -> Iterator[tuple[str, tuple[str, str]]]:
        """(form, payload) pairs for the knowledge base's matcher."""
        for form, written in self.forms.items():
            yield written, (AMBIGUOUS, form)

    def resolve(self, text: str, found: list[tuple]) -> list[tuple]:
        """`found` — (start, end, payloads, proclitic length) matches in normalised `text` — with every
        ambiguous match given its reading, or dropped when it names nothing there."""
        if not any(needle in text for needle in self.needles):
            return found
        in_text: dict[int, bool] = {}  # id of a rule's context pattern → whether the text holds it
        resolved = []
        for match in found:
            start, end, payloads, proclitic = match
            if any(kind == AMBIGUOUS for kind, _ in payloads):
                payloads = self._reading(text, start - proclitic, end, payloads, in_text)
                if not payloads:
                    continue
                match = (start, end, payloads, proclitic)
            resolved.append(match)
        return resolved

    def _reading(self, text: str, start: int, end: int, payloads: tuple, in_text: dict[int, bool]) -> tuple:
        """The payloads of the match spanning `start` (its proclitics included) to `end`."""
        before = after = ""
        for kind, form in payloads:
            if kind != AMBIGUOUS:
                continue
            for rule in self.rules.get(form, ()):
                if rule.before:
                    before = before or _word(_WORD_BEFORE.search(text, max(0, start - _WINDOW), start))
                    if not rule.before.match(before):
                        continue
                if rule.after:
                    after = after or _word(_WORD_AFTER.match(text, end, end + _WINDOW))
                    if not rule.after.match(after):
                        continue
                if rule.context is not None:
                    key = id(rule.context)
                    if key not in in_text:
                        in_text[key] = rule.context.search(text) is not None
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
