"""Crawl boilerplate out, news in: menus, share bars, "اقرأ أيضا" lists, comment forms.

Works line by line on crawled text: a line is dropped when it looks like site furniture
(a menu of short items between separators, a share bar, a byline, a photo credit, a
comment form field) and a "read also" block is dropped with the link lines under it.
Paragraphs repeated verbatim are kept once. Evidence spans refer to the cleaned text.
"""

from __future__ import annotations

import re

from marsad.cleaning.normalize import NormalizedText, normalize

# Lines that are furniture whatever their length (matched on the normalised line start).
_FURNITURE_START = re.compile(
    r"^\s*(?:"
    r"شارك(?:\s|:|$)|شارك علي|شارك هذا|شارك الخبر|انشر علي|تابعونا|تابعنا|"
    r"جميع الحقوق محفوظه|حقوق النشر|©|"
    r"الوسوم|وسوم|كلمات مفتاحيه|الكلمات المفتاحيه|"
    r"المصدر\s*:|مصدر\s*:|تصوير\s*:|صوره\s*:|الصوره\s*:|\(?صوره\s|تحرير\s*:|"
    r"كتب\s*[-:–]|كتبت\s*[-:–]|بقلم\s*:|بقلم\s|اعداد\s*:|ترجمه\s*:|"
    r"اضف تعليق|اضف تعليقك|التعليقات|تعليقات\s*\(|اترك تعليقا|ارسل تعليق|"
    r"طباعه|احفظ|ارسل لصديق|نسخ الرابط|انسخ الرابط|"
    r"الاكثر قراءه|الاكثر مشاهده|اخبار ذات صله|مواضيع ذات صله|قد يعجبك ايضا|"
    r"الاراء الوارده|\*\s*الاراء"
    r")"
)
_FORM_FIELDS = frozenset({
    "الاسم", "الاسم الكامل", "البريد الالكتروني", "البريد", "التعليق", "تعليقك", "ارسال",
    "ارسل", "نشر", "اشترك", "الرئيسيه", "عاجل", "فيديو", "صور", "المزيد", "اقرا المزيد",
})
_READ_ALSO = re.compile(r"^\s*(?:اقرا ايضا|اقرا كذلك|اقرا المزيد|شاهد ايضا|اخبار متعلقه|ذات صله)\s*:?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪►]|\d+[.)-])\s*")
_UNEVEN_SPACING = re.compile(r"[^\S ]|  ")  # any space but a single " "
_MENU_SEPARATOR = re.compile(r"[|•·]| - | » ")
_DATELINE = re.compile(r"^[\s\d/.:،,\-–صم]+$")


def _is_menu(line: str) -> bool:
    """Several short items between separators: a site menu or breadcrumb."""
    if not _MENU_SEPARATOR.search(line):
        return False
    parts = [p for p in _MENU_SEPARATOR.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return sum(len(p.split()) for p in parts) / len(parts) <= 3.5


FURNITURE_MAX_LENGTH = 400  # longer lines are article text


def is_furniture(line: str, folded: str | None = None) -> bool:
    if len(line) > FURNITURE_MAX_LENGTH:
        return False
    folded = (folded if folded is not None else normalize(line)).strip()
    if not folded:
        return False
    if folded in _FORM_FIELDS or _DATELINE.match(folded):
        return True
    return bool(_FURNITURE_START.match(folded)) or _is_menu(folded)


def clean(text: str) -> str:
    """The article text without crawl boilerplate; evidence spans refer to this text."""
    return clean_view(text).original


def clean_view(text: str) -> NormalizedText:
    """The cleaned text with its normalised view, each line normalised once for both jobs."""
    if not text:
        return NormalizedText.of("")
    kept: list[str] = []
    kept_folded: list[str] = []
    seen_paragraphs: set[str] = set()
    in_read_also = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Normalisation maps characters one to one except those it drops, and never touches a line
    # break, so the whole text folded at once splits into the folded lines.
    for line, folded in zip(lines, normalize("\n".join(lines)).split("\n"), strict=True):
        stripped = line.strip()
        if not stripped:
            in_read_also = False
            if kept and kept[-1]:
                kept.append("")
                kept_folded.append("")
            continue
        if _READ_ALSO.match(folded):
            in_read_also = True
            continue
        if in_read_also and (_LIST_ITEM.match(stripped) or len(stripped.split()) <= 14):
            continue
        in_read_also = False
        if is_furniture(stripped, folded):
            continue
        if len(stripped) > 60:
            key = _paragraph_key(folded)
            if key in seen_paragraphs:
                continue
            seen_paragraphs.add(key)
        kept.append(stripped)
        kept_folded.append(_strip_like(line, stripped, folded))
    while kept and not kept[-1]:
        kept.pop()
        kept_folded.pop()
    return NormalizedText.of("\n".join(kept), "\n".join(kept_folded))


def _paragraph_key(folded: str) -> str:
    """The line with its spacing made uniform, so a repeat with other spacing is the same paragraph."""
    key = folded.strip()
    # Any space but " " is unprintable, so the regex runs only on lines that may hold one.
    uneven = "  " in key or (not key.isprintable() and _UNEVEN_SPACING.search(key))
    return " ".join(key.split()) if uneven else key


def _strip_like(line: str, stripped: str, folded: str) -> str:
    """`folded` (the normalised `line`) without what `line.strip()` removed: spaces are never dropped
    by normalisation, so they are as many at each end of both."""
    leading = line.index(stripped[0]) if stripped else 0
    trailing = len(line) - leading - len(stripped)
    return folded[leading:len(folded) - trailing]
