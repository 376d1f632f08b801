"""Date expressions in normalised Arabic text, resolved against the publication date.

Handles both month-name systems and their pairs ("فبراير/شباط"), the Maghrebi names,
numeric dates, ordinal day words ("الثامن عشر من مارس"), years, and relative expressions
(اليوم، أمس، أول أمس، غدا، a weekday, "الماضي/الفائت/المنصرم/الجاري/المقبل").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.cleaning.normalize import normalize

_MONTH_NAMES = {
    1: "يناير|كانون الثاني|جانفي|كانون ثاني",
    2: "فبراير|شباط|فيفري",
    3: "مارس|اذار",
    4: "ابريل|نيسان|افريل",
    5: "مايو|ايار|ماي",
    6: "يونيو|يونيه|حزيران|جوان",
    7: "يوليو|يوليه|تموز|جويليه|جويلية",
    8: "اغسطس|اب|اوت|أغشت",
    9: "سبتمبر|ايلول|شتنبر",
    10: "اكتوبر|تشرين الاول|تشرين اول",
    11: "نوفمبر|تشرين الثاني|تشرين ثاني|نونبر",
    12: "ديسمبر|كانون الاول|كانون اول|دجنبر",
}
MONTHS: dict[str, int] = {}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names.split("|"):
        MONTHS[normalize(_name)] = _number

WEEKDAYS = {normalize(name): number for name, number in (
    ("الاثنين", 0), ("الإثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3),
    ("الجمعة", 4), ("السبت", 5), ("الأحد", 6),
)}

_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
ORDINAL_DAYS: dict[str, int] = {}
for _i, _word in enumerate(_UNITS, start=1):
    ORDINAL_DAYS[_word] = _i
ORDINAL_DAYS["العاشر"] = 10
ORDINAL_DAYS["الحادي عشر"] = 11
for _i, _word in enumerate(_UNITS[1:], start=12):
    ORDINAL_DAYS[f"{_word} عشر"] = _i
ORDINAL_DAYS["العشرين"] = 20
ORDINAL_DAYS["الحادي والعشرين"] = 21
for _i, _word in enumerate(_UNITS[1:], start=22):
    ORDINAL_DAYS[f"{_word} والعشرين"] = _i
ORDINAL_DAYS["الثلاثين"] = 30
ORDINAL_DAYS["الحادي والثلاثين"] = 31
ORDINAL_DAYS = {normalize(k): v for k, v in ORDINAL_DAYS.items()}


def _trie(words: Iterable[str], tails: Mapping[str, str] | None = None) -> str:
    """An alternation of `words` that the regex engine reads as a trie, one character at a time instead of one
    word at a time. At any position it tries the longest fitting word first, then the shorter ones, exactly like
    an alternation sorted longest first, so it matches the same text. `tails` maps a word to what must follow it."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = (tails or {}).get(word, "")  # a word ends here
    return f"(?:{_branches(tree)})"


def _branches(node: dict) -> str:
    """The regex for the ends of the words that pass through `node`."""
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        branches.append(node[""])  # the word that ends here, after the longer ones
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


_MONTH = _trie(MONTHS)
_MONTH_PAIR = rf"(?P<month>{_MONTH})(?:\s*[/(\-]\s*(?P<month2>{_MONTH})(?:\s*\))?)?"
_QUALIFIER = (r"(?:\s+(?P<qualifier>الماضيه|الماضي|الفايته|الفايت|المنصرمه|المنصرم|الجاري|الحالي"
              r"|المقبله|المقبل|القادمه|القادم))?")
_ORDINAL = _trie(ORDINAL_DAYS)
_WEEKDAY = _trie(WEEKDAYS)

# (kind, the cue it needs, pattern), in order of precedence: a later match overlapping an earlier one is dropped.
_PATTERNS = [
    ("numeric_ymd", "numeric",
     re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    ("numeric_dmy", "numeric",
     re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>(?:19|20)\d\d)(?!\d)")),
    ("range", "month", re.compile(
        rf"(?:من|بين)\s+(?:{_ORDINAL}|\d{{1,2}})\s+(?:حتي|الي|و)\s+(?:{_ORDINAL}|\d{{1,2}})\s+(?:من\s+)?"
        rf"{_MONTH_PAIR}(?:\s+(?P<year>(?:19|20)\d\d))?{_QUALIFIER}")),
    ("day_month", "month", re.compile(
        rf"(?:(?P<dnum>\d{{1,2}})|(?P<dword>{_ORDINAL}))\s*(?:من\s+)?(?:شهر\s+)?[/]?{_MONTH_PAIR}"
        rf"(?:\s*[/]?\s*(?:عام\s+|سنه\s+)?(?P<year>(?:19|20)\d\d))?{_QUALIFIER}")),
    ("month_day", "month", re.compile(  # "تشرين الأول 10, 2019": a header's English order, always with its year
        rf"{_MONTH_PAIR}\s+(?P<dnum>\d{{1,2}})\s*[,،]\s*(?P<year>(?:19|20)\d\d)")),
    ("mid_month", "month", re.compile(rf"(?:منتصف|مطلع|اواخر|اوايل|اوائل|بدايه|نهايه)\s+(?:شهر\s+)?{_MONTH_PAIR}"
                                      rf"(?:\s+(?P<year>(?:19|20)\d\d))?{_QUALIFIER}")),
    ("month", "month", re.compile(
        rf"(?:شهر\s+)?{_MONTH_PAIR}(?:\s+(?:عام\s+|سنه\s+)?(?P<year>(?:19|20)\d\d))?{_QUALIFIER}")),
    ("this_month", "this_month", re.compile(r"(?:(?:مطلع|منتصف|اواخر|بدايه|نهايه)\s+)?(?:الشهر|هذا الشهر)\s+"
                                            r"(?P<qualifier>الجاري|الحالي|الماضي|الفايت|المنصرم)")),
    ("year", "year", re.compile(r"(?:عام|العام|سنه|خلال|في|منذ)\s+(?P<year>(?:19|20)\d\d)(?!\d|[-/.]\d)")),
    ("last_year", "last_year",
     re.compile(r"(?:العام|السنه)\s+(?P<qualifier>الماضي|الفايت|المنصرم|الجاري|الحالي)")),
    ("relative", "relative", re.compile(
        rf"(?P<word>اول من امس|اول امس|امس|البارحه|اليوم|غدا|الليله|فجر اليوم|مساء اليوم|صباح اليوم)"
        rf"(?:\s+(?P<weekday>{_WEEKDAY}))?(?!\s+(?:ذاته|نفسه|عينه))")),  # "اليوم ذاته" is an earlier day
    ("weekday", "weekday", re.compile(rf"(?:يوم\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<qualifier>"
                                      r"الماضيه|الماضي|الفايته|الفايت|المنصرمه|المنصرم|المقبله|المقبل|القادمه|القادم))?")),
]

# Cues: cheap tests, each necessary for its patterns to find anything; most sentences hold none and skip them all.
# Every numeric date and every year holds "19" or "20"; a numeric date also a separator between digits.
_NUMERIC_CUE = re.compile(r"\d\s*[-/.]\s*\d")
# The other patterns each need one of these words. No word begins another of a different cue, so the word found at
# a position, the longest there, tells every cue the position holds.
_CUE_WORDS = {
    **dict.fromkeys(MONTHS, "month"),
    **dict.fromkeys(WEEKDAYS, "weekday"),
    **dict.fromkeys(("امس", "البارحه", "اليوم", "غدا", "الليله"), "relative"),
    "الشهر": "this_month",
    "العام": "last_year",
    "السنه": "last_year",
}
# In a match of a month pattern the month name is the longest at its place, as all that follows it is optional.
# It follows a space, "/", a digit, an ordinal ("الثامن عشرمايو"), or nothing when it starts the match at a word
# start (see `_may_start_month`). It precedes a space, "/", "(", "-", عام, سنه, a year ("مايو2015"), or nothing
# when it ends the match at a word end: so anything but a letter or digit, or عام, سنه, 19 or 20.
_MONTH_TAILS = dict.fromkeys(MONTHS, r"(?=\W|_|\Z|عام|سنه|19|20)")
# Two scans find them: the words that begin with ا, which the regex engine finds by leaping from one ا to the next,
# and the others, which it has to try at every letter that may begin one (several times slower per character).
_CUE_SCANS = (
    re.compile(_trie((word for word in _CUE_WORDS if word.startswith("ا")), _MONTH_TAILS)),
    re.compile(_trie((word for word in _CUE_WORDS if not word.startswith("ا")), _MONTH_TAILS)),
)
_ORDINAL_WORDS = tuple(ORDINAL_DAYS)

_AMBIGUOUS_MONTHS = frozenset({"اب", "ماي"})

FUTURE_QUALIFIERS = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when it cannot be resolved
    precision: str | None
    relative: bool  # resolved against the publication date


def _format(day: date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


def _year_for(month: int, qualifier: str | None, published: date | None) -> int | None:
    if published is None:
        return None
    if qualifier in FUTURE_QUALIFIERS:
        return published.year + (1 if month < published.month else 0)
    if qualifier in ("الجاري", "الحالي"):
        return published.year
    return published.year - (1 if month > published.month else 0)


def _weekday_before(published: date, weekday: int, qualifier: str | None) -> date:
    if qualifier in FUTURE_QUALIFIERS:
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    back = (published.weekday() - weekday) % 7
    if back == 0 and qualifier:
        back = 7
    return published - timedelta(days=back)


def _resolve(kind: str, groups: dict[str, str | None], published: date | None) -> tuple[str | None, str | None, bool]:
    qualifier = groups.get("qualifier")
    if kind in ("numeric_ymd", "numeric_dmy"):
        try:
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"])).isoformat(), "day", False
        except ValueError:
            return None, None, False
    if kind in ("day_month", "month_day", "range", "mid_month", "month"):
        month = MONTHS[groups["month"]]
        year = int(groups["year"]) if groups.get("year") else _year_for(month, qualifier, published)
        relative = not groups.get("year")
        if year is None:
            return None, None, relative
        if kind in ("day_month", "month_day"):
            day_number = int(groups["dnum"]) if groups.get("dnum") else ORDINAL_DAYS[groups["dword"]]
            try:
                day = date(year, month, day_number)
            except ValueError:
                return None, None, relative
            if relative and published and day > published and qualifier not in FUTURE_QUALIFIERS:
                day = day.replace(year=day.year - 1) if not (month == 2 and day_number == 29) else day
            return day.isoformat(), "day", relative
        return f"{year:04d}-{month:02d}", "month", relative
    if published is None:
        return (groups["year"], "year", False) if kind == "year" else (None, None, True)
    if kind == "year":
        return groups["year"], "year", False
    if kind == "this_month":
        first = published.replace(day=1)
        if qualifier in ("الماضي", "الفايت", "المنصرم"):
            first = (first - timedelta(days=1)).replace(day=1)
        return _format(first, "month"), "month", True
    if kind == "last_year":
        year = published.year - (1 if qualifier in ("الماضي", "الفايت", "المنصرم") else 0)
        return str(year), "year", True
    if kind == "relative":
        word = groups["word"]
        offset = {"امس": -1, "البارحه": -1, "اول امس": -2, "اول من امس": -2, "غدا": 1}.get(word, 0)
        day = published + timedelta(days=offset)
        named = WEEKDAYS.get(groups.get("weekday") or "")
        if named is not None and day.weekday() != named and offset <= 0:
            # "اليوم الأحد" in a paper dated Tuesday: the weekday is what the writer saw, the paper came later
            day = published - timedelta(days=(published.weekday() - named) % 7)
        return day.isoformat(), "day", True
    weekday = WEEKDAYS[groups["weekday"]]
    return _weekday_before(published, weekday, qualifier).isoformat(), "day", True


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Date expressions in normalised `text`, earliest first; spans shifted by `offset`."""
    cues = _cues(text)
    if not cues:
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, cue, pattern in _PATTERNS:
        if cue not in cues:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken) or not _at_word_edges(text, start, end):
                continue
            groups = m.groupdict()
            if groups.get("month") in _AMBIGUOUS_MONTHS and not (groups.get("month2") or groups.get("year")
                                                                  or groups.get("dnum") or groups.get("dword")):
                continue  # "آب" alone is "أب" (father): only a pair, a day or a year makes it August
            value, precision, relative = _resolve(kind, groups, published)
            taken.append((start, end))
            found.append(DateMention(start + offset, end + offset, value, precision, relative))
    found.sort(key=lambda d: d.start)
    return found


def _cues(text: str) -> set[str]:
    """The cues of `_PATTERNS` that `text` holds."""
    cues = set()
    if "19" in text or "20" in text:
        cues.add("year")
        if _NUMERIC_CUE.search(text):
            cues.add("numeric")
    for scan in _CUE_SCANS:
        position = 0
        while match := scan.search(text, position):
            start = match.start()
            cue = _CUE_WORDS[match.group()]
            if cue not in cues and (cue != "month" or _may_start_month(text, start)):
                cues.add(cue)
            position = start + 1  # words may overlap ("كانون الثاني" and "نيسان")
    return cues


def _may_start_month(text: str, start: int) -> bool:
    """Whether a month pattern could accept a month name at `start`: after anything but a letter, after a
    proclitic at a word start, or right after an ordinal."""
    return _starts_word(text, start) or text.endswith(_ORDINAL_WORDS, 0, start)


def _at_word_edges(text: str, start: int, end: int) -> bool:
    """Whole words only; a single proclitic (وفي، بأمس …) may stand before. A date ending in a digit may run into
    letters: "2015م" (the era's letter) and a crawled dateline glued to its story ("10 أبريل 2015طالبت")."""
    return _starts_word(text, start) and (end >= len(text) or not text[end].isalnum()
                                          or (text[end - 1].isdigit() and text[end].isalpha()))


def _starts_word(text: str, start: int) -> bool:
    """Whether a word starts at `start`, or a single proclitic stands before it at a word start."""
    return start == 0 or not text[start - 1].isalpha() or (
        text[start - 1] in "وبلف" and (start == 1 or not text[start - 2].isalpha()))


def parse_published(value: str | None) -> date | None:
    """The publication date of a document, from ISO text (time parts ignored); None when unusable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


# How far into an undated page its own date may stand: a header or a dateline ("نيويورك، 18 نوفمبر
# 2024") comes before the story has gone on long. A labelled one ("تاريخ النشر: 27/07/2022") may stand anywhere.
PAGE_DATE_REACH = 300
DATE_LENGTH = 40  # room for the longest written date ("الأربعاء 22 تشرين الأول 2019") to end
_PUBLISHED_LABEL = re.compile(r"(?:تاريخ النشر|نشر بتاريخ|تاريخ الخبر|نشر في)[^\S\n]*:?")


def page_date(text: str) -> date | None:
    """The date an undated page gives itself: a labelled publication date, else the first full date near
    its top. Coders resolve "أمس" and "اليوم" against it, as they would against a publication date."""
    for label in _PUBLISHED_LABEL.finditer(text):
        found = _first_day(text, label.end(), label.end() + DATE_LENGTH)
        if found:
            return found
    return _first_day(text, 0, PAGE_DATE_REACH)


def _first_day(text: str, start: int, end: int) -> date | None:
    """The first full date that starts between `start` and `end` (and may run past `end`)."""
    for mention in find_dates(text[start:end + DATE_LENGTH], None, offset=start):
        if mention.start >= end:
            break
        if mention.precision == "day" and mention.value and not after_since(text, mention.start):
            return date.fromisoformat(mention.value)
    return None


def after_since(text: str, start: int) -> bool:
    """"منذ 2017", "منذ مايو الماضي": a date something has lasted since, not the day anything happened."""
    if text.startswith("منذ", start):
        return True
    before = text[max(0, start - 6):start].split()
    return bool(before) and before[-1] in ("منذ", "ومنذ", "فمنذ")
