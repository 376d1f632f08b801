"""Sentence spans: news sentences end at . ! ? ؟ or a line break."""

from __future__ import annotations

import re

# A full stop between digits (3.5, 11.05.2022) or after a one-letter abbreviation (د.) is not an end.
_END = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n+")
_ABBREVIATION = re.compile(r"(?:^|\s)\S$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence of `text`, without surrounding spaces."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        end = match.end() if match.group() != "\n" and not match.group().startswith("\n") else match.start()
        if match.group() == "." and _ABBREVIATION.search(text, max(0, match.start() - 3), match.start()):
            continue
        _append(spans, text, start, end)
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
