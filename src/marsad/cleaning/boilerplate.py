"""Crawl boilerplate out, news in: menus, share bars, "اقرأ أيضا" lists, comment forms.

Works line by line on crawled text: a line is dropped when it looks like site furniture
(a menu of short items between separators, a share bar, a byline, a photo credit, a
comment form field) and a "read also" block is dropped with the link lines under it.
Paragraphs repeated verbatim are kept once. Evidence spans refer to the cleaned text.
"""

from __future__ import annotations

import re

from marsad.cleaning.normalize import normalize

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
_DATELINE = re.compile(r"^[\s\d/.:،,\-–صم]+$")


def _is_menu(line: str) -> bool:
    """Several short items between separators: a site menu or breadcrumb."""
    parts = [p for p in re.split(r"[|•·]| - | » ", line) if p.strip()]
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
    if not text:
        return ""
    kept: list[str] = []
    seen_paragraphs: set[str] = set()
    in_read_also = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            in_read_also = False
            if kept and kept[-1]:
                kept.append("")
            continue
        folded = normalize(stripped)
        if _READ_ALSO.match(folded):
            in_read_also = True
            continue
        if in_read_also and (_LIST_ITEM.match(stripped) or len(stripped.split()) <= 14):
            continue
        in_read_also = False
        if is_furniture(stripped, folded):
            continue
        if len(stripped) > 60:
            key = " ".join(folded.split())
            if key in seen_paragraphs:
                continue
            seen_paragraphs.add(key)
        kept.append(stripped)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
