"""An event's date: the date named nearest its event word, else the sentence's "same day", else the article's."""

from __future__ import annotations

from marsad.extracting.rules.document import RuleContext
from marsad.extracting.rules.memory import Memory
from marsad.recognising.dates import after_since
from marsad.recognising.scan import Sentence, TriggerMatch


def event_date(context: RuleContext, memory: Memory, sentence: Sentence, match: TriggerMatch, event_type: str,
               cameo: str) -> tuple[str | None, str | None, bool]:
    """(date, precision, whether the sentence names it). An announced meeting (AGREE 036) is dated by the
    announcement, not by the future day it names; a day named after the paper came out is not the event's."""
    published = context.published
    mentions = [d for d in sentence.dates if d.value and not _last_time(context.text, d.start)]
    if event_type == "AGREE" and cameo == "036":
        past = [d for d in mentions if published is None or d.value <= published]
        mentions = [d for d in past if d.relative is False] or []
    if mentions:
        nearest = min(mentions, key=lambda d: min(abs(d.start - match.end), abs(match.start - d.end)))
        if not (published and nearest.value > published):
            return nearest.value, nearest.precision, True
    if sentence.cues_of("same_day") and memory.last_date is not None:
        return memory.last_date[0], memory.last_date[1], True  # "في اليوم ذاته"
    if event_type == "AGREE" and cameo == "036" and published:
        return published, "day", False
    return context.main_date, context.main_precision, False


def _last_time(text: str, date_start: int) -> bool:
    """"في أول زيارة للمملكة منذ 2017": the date of the previous time, not of this one."""
    before = text[max(0, date_start - 40):date_start].split()
    return after_since(text, date_start) and any(w in ("اول", "لاول") for w in before)
