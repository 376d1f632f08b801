"""A normalised view of Arabic text for matching, mapped back to the text it came from.

Matching must not care whether a writer typed أ or ا, ى or ي, ة or ه, ٢٠٢٣ or 2023, a
stray tatweel or diacritics, or the common typo "الموءتمر" for "المؤتمر". The stored text is
never altered: `NormalizedText.to_original` turns a span of the view back into a span of
the text, so evidence always points at what the reader sees.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

# One character for one character: the view keeps positions except where characters are dropped.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
    "،": ",", "؛": ";", "؟": "?", "٪": "%",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"', "‘": "'", "’": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "–": "-", "—": "-", "ـ": None,
}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Eastern Arabic-Indic digits
_FOLD.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
# Dropped: diacritics, dagger alef, tatweel, lone hamza (so "الموءتمر" meets "المؤتمر"), format marks.
_DROPPED = "\u064b-\u065f\u0670\u0640\u0621\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_DROPPED_RE = re.compile(f"[{_DROPPED}]")
# str.replace per pair, only for pairs present, is several times faster than str.translate here. No folded
# character is folded again, so the pairs apply in any order. The letters and marks most texts hold are looked
# for one by one; the rest (Latin capitals, Indic digits, Persian letters, rare spaces and quotes) only once a
# single search has found any of them.
_COMMON = frozenset("أإآىئةؤ،؛؟«»“”–\u00a0")
_PAIRS = tuple((k, v) for k, v in _FOLD.items() if v is not None and k in _COMMON)
_RARE_PAIRS = tuple((k, v) for k, v in _FOLD.items() if v is not None and k not in _COMMON)
_RARE_RE = re.compile("[" + "".join(re.escape(k) for k, _ in _RARE_PAIRS) + "]")


def normalize(text: str) -> str:
    """The matching form of a term or text (same rules as the view, without the offset map)."""
    if _DROPPED_RE.search(text):
        text = _DROPPED_RE.sub("", text)
    for old, new in _PAIRS:
        if old in text:
            text = text.replace(old, new)
    if _RARE_RE.search(text):
        for old, new in _RARE_PAIRS:
            if old in text:
                text = text.replace(old, new)
    return text


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """`text` normalised for matching; `to_original` maps its spans back to `original`."""

    original: str
    text: str
    _dropped_at: tuple[int, ...]  # for each dropped character, its position in the view

    @classmethod
    def of(cls, original: str, normalized: str | None = None) -> NormalizedText:
        """The view of `original`; `normalized` is `normalize(original)` when the caller already made it."""
        text = normalize(original) if normalized is None else normalized
        if len(text) == len(original):  # nothing dropped: positions are the same
            return cls(original, text, ())
        # Each dropped character stands in the view where the kept text before it ends.
        kept_runs = _DROPPED_RE.split(original)[:-1]
        return cls(original, text, tuple(accumulate(map(len, kept_runs))))

    def original_offset(self, view_offset: int) -> int:
        """The position in the original text of the character at `view_offset` in the view."""
        return view_offset + bisect_right(self._dropped_at, view_offset)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            position = self.original_offset(start)
            return position, position
        return self.original_offset(start), self.original_offset(end - 1) + 1
