"""Sentence spans: news sentences end at . ! ? ؟ or a line break."""

from __future__ import annotations

import re

# A mark that does not end its sentence: one next to a digit (3.5, 11.05.2022), and a full stop after a
# one-letter abbreviation ("د."), even with a line break between them.
_INNER_MARK = r"(?: (?<=\d)[.!?؟] | [.!?؟](?=\d) | (?<=(?<!\S)\S)\. | (?<=(?<!\S)\S\n)\. )"

# One sentence, without surrounding spaces, matched whole so that the regex engine does all the work: it runs
# from a non-space to the last non-space before a line break or an end mark, which it takes with it. Spaces and
# line breaks between sentences match nothing and are skipped.
_SENTENCE = re.compile(rf"""
    (?: [^\s.!?؟] | {_INNER_MARK} )                         # a first character that does not end the sentence
    (?: [^.!?؟\n]* (?: [^\s.!?؟] | {_INNER_MARK} ) )*       # up to the last such non-space on the line
    (?: [^\S\n]* [.!?؟] )?                                  # and the end mark, if there is one
  | [.!?؟]                                                  # or an end mark alone
""", re.VERBOSE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence of `text`, without surrounding spaces."""
    return [match.span() for match in _SENTENCE.finditer(text)]
