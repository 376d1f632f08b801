"""Interface labels in Arabic (shown first) and English (the toggle), one table for pages and scripts."""

from __future__ import annotations

from marsad.model import QUAD_CLASS_NAMES
from marsad.serving.review_labels import REVIEW_LABELS

LABELS: dict[str, tuple[str, str]] = {
    "app": ("مرصد", "Marsad"),
    "arrow": ("←", "→"),
    "outlets": ("منافذ", "outlets"),
    "tagline": ("أحداث سياسية من الأخبار العربية", "Political events from Arabic news"),
    "toggle": ("English", "العربية"),
    "search": ("بحث", "Search"),
    "timeline": ("الخط الزمني", "Timeline"),
    "network": ("الشبكة", "Network"),
    "paste": ("استخراج من نص", "Extract from text"),
    "api": ("واجهة البرمجة", "API"),
    "actor": ("الفاعل", "Actor"),
    "country": ("الدولة", "Country"),
    "type": ("النوع", "Type"),
    "any_type": ("كل الأنواع", "All types"),
    "since": ("من", "Since"),
    "until": ("إلى", "Until"),
    "text": ("نص", "Text"),
    "source": ("المصدر", "Source"),
    "outlet": ("المنفذ الإعلامي", "Outlet"),
    "story": ("القصة", "Story"),
    "apply": ("تطبيق", "Apply"),
    "reset": ("مسح", "Reset"),
    "sort": ("الترتيب", "Sort"),
    "sort_-date": ("الأحدث أولاً", "Newest first"),
    "sort_date": ("الأقدم أولاً", "Oldest first"),
    "sort_-confidence": ("الأعلى ثقة", "Most confident"),
    "sort_confidence": ("الأدنى ثقة", "Least confident"),
    "sort_type": ("حسب النوع", "By type"),
    "sort_outlet": ("حسب المنفذ", "By outlet"),
    "download_csv": ("تنزيل CSV", "Download CSV"),
    "download_json": ("تنزيل JSON", "Download JSON"),
    "results": ("النتائج", "Results"),
    "no_results": ("لا توجد أحداث مطابقة", "No matching events"),
    "previous": ("السابق", "Previous"),
    "next": ("التالي", "Next"),
    "of": ("من", "of"),
    "date": ("التاريخ", "Date"),
    "cameo": ("رمز CAMEO", "CAMEO"),
    "mode": ("الطريقة", "Mode"),
    "sources": ("المصدر (الفاعل)", "Source actors"),
    "targets": ("الهدف", "Target actors"),
    "location": ("المكان", "Location"),
    "contexts": ("السياقات", "Contexts"),
    "confidence": ("الثقة", "Confidence"),
    "evidence": ("الدليل", "Evidence"),
    "article": ("المقال", "Article"),
    "published": ("تاريخ النشر", "Published"),
    "fields": ("الحقول", "Fields"),
    "other_sources": ("مصادر أخرى للقصة نفسها", "The story's other sources"),
    "no_other_sources": ("لا مصادر أخرى", "No other sources"),
    "open_original": ("المقال الأصلي", "Original article"),
    "by_type": ("حسب النوع", "By type"),
    "by_quad": ("حسب الفئة (تعاون/صراع)", "By quad class (cooperation/conflict)"),
    "interval": ("الفترة", "Interval"),
    "interval_auto": ("تلقائي", "Auto"),
    "interval_day": ("يوم", "Day"),
    "interval_week": ("أسبوع", "Week"),
    "interval_month": ("شهر", "Month"),
    "interval_year": ("سنة", "Year"),
    "events": ("الأحداث", "Events"),
    "outside": ("حدثاً مؤرخاً قبل فترة نشر المقالات خارج المخطط (اختر فترة لعرضها)",
                "events dated before the articles' period are left out (choose an interval to see them)"),
    "show_mentions": ("كل الإشارات", "Every mention"),
    "mentions_count": ("إشارة", "mentions"),
    "articles": ("مقالات", "articles"),
    "flag_after_publication": ("كان تاريخه بعد نشر المقال فصُحّح إلى تاريخ النشر",
                               "dated after its article; set to the publication date"),
    "flag_long_before_publication": ("مؤرخ قبل مقاله بأكثر من سنة", "dated more than a year before its article"),
    "map": ("الخريطة", "Map"),
    "map_hint": ("دائرة لكل مكان بحجم عدد أحداثه، والدول بلون عدد أحداثها؛ انقر لعرض الأحداث",
                 "A circle per place, sized by its events; countries shaded by theirs. Click to list the events"),
    "no_place": ("حدثاً بلا مكان", "events without a place"),
    "goldstein": ("مقياس غولدستين", "Goldstein scale"),
    "quad_class": ("الفئة", "Quad class"),
    "versions": ("الإصدارات", "Versions"),
    "date_flag": ("تنبيه التاريخ", "Date flag"),
    "network_hint": ("انقر على فاعل لفتح صفحته", "Click an actor to open its page"),
    "cooperation": ("تعاون", "Cooperation"),
    "conflict": ("صراع", "Conflict"),
    "offices": ("المناصب", "Offices"),
    "office": ("المنصب", "Office"),
    "start": ("البداية", "Start"),
    "end": ("النهاية", "End"),
    "present": ("حتى الآن", "present"),
    "counterparts": ("أبرز الأطراف المقابلة", "Top counterparts"),
    "type_breakdown": ("توزيع الأنواع", "Type breakdown"),
    "types_over_time": ("الأنواع عبر الزمن", "Event types over time"),
    "latest_events": ("آخر الأحداث", "Latest events"),
    "sector": ("القطاع", "Sector"),
    "names": ("الأسماء بالعربية", "Arabic names"),
    "first_last": ("أول وآخر حدث", "First and last event"),
    "paste_hint": ("الصق نص خبر عربي لاستخراج أحداثه فوراً (لا يُحفظ شيء)",
                   "Paste an Arabic news text to extract its events on the spot (nothing is stored)"),
    "extract": ("استخراج", "Extract"),
    "extracting": ("جارٍ الاستخراج…", "Extracting…"),
    "found_events": ("الأحداث المستخرجة", "Extracted events"),
    "cleaned_text": ("النص بعد التنظيف", "Cleaned text"),
    "error": ("خطأ", "Error"),
    "loading": ("جارٍ التحميل…", "Loading…"),
    "stats": ("إحصاءات", "Statistics"),
    "documents": ("الوثائق", "Documents"),
    "actors": ("الفاعلون", "Actors"),
    "stories": ("القصص", "Stories"),
    "not_found": ("غير موجود", "Not found"),
}
TYPE_LABELS: dict[str, str] = {
    "CONSULT": "تشاور", "AGREE": "اتفاق", "SUPPORT": "دعم", "COOPERATE": "تعاون", "AID": "مساعدة",
    "CONCEDE": "تنازل", "RETREAT": "تراجع", "ACCUSE": "اتهام", "REQUEST": "مطالبة", "REJECT": "رفض",
    "THREATEN": "تهديد", "PROTEST": "احتجاج", "MOBILIZE": "حشد", "SANCTION": "عقوبة", "COERCE": "إكراه",
    "ASSAULT": "اعتداء",
}
QUAD_LABELS: dict[str, str] = {
    "verbal cooperation": "تعاون لفظي", "material cooperation": "تعاون مادي",
    "verbal conflict": "صراع لفظي", "material conflict": "صراع مادي",
}
LABELS.update({f"type_{t}": (ar, t) for t, ar in TYPE_LABELS.items()})
LABELS.update({f"quad_{name}": (QUAD_LABELS[name], name) for name in QUAD_CLASS_NAMES.values()})
LABELS.update(REVIEW_LABELS)


def arabic(key: str) -> str:
    """The Arabic label of `key` (the key itself when unknown, so a typo shows rather than crashes)."""
    return LABELS[key][0] if key in LABELS else key


def english() -> dict[str, str]:
    """key → English label, embedded in every page for the language toggle."""
    return {key: en for key, (_, en) in LABELS.items()}


def arabic_all() -> dict[str, str]:
    """key → Arabic label, so scripts can switch back without a reload."""
    return {key: ar for key, (ar, _) in LABELS.items()}
