"""A small news site on 127.0.0.1 for the watcher's tests: an RSS feed, a sitemap and article pages.

The articles are our own writing, wrapped in the boilerplate of a real site (menus, share
bar, "اقرأ أيضا", footer, scripts). A test adds articles, makes a path fail (500, a hang
longer than the client's timeout) and reads back what was asked, with which headers, when.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAYLOAD = '<script>alert("marsad")</script><img src=x onerror="alert(1)">'


@dataclass
class Article:
    slug: str
    title: str
    published: str  # YYYY-MM-DD
    paragraphs: list[str]

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"


ARTICLES = {
    "lavrov-shoukry": Article("lavrov-shoukry", "لافروف وشكري يبحثان الأزمة السورية في موسكو", "2019-09-17", [
        "التقى وزير الخارجية الروسي سيرغي لافروف نظيره المصري سامح شكري في موسكو اليوم الثلاثاء، وبحث "
        "الجانبان الأزمة السورية والعلاقات الثنائية بين البلدين.",
        "وأوضح بيان للخارجية المصرية أن اللقاء تناول كذلك ملفات التعاون الاقتصادي ومشروعات الطاقة المشتركة.",
    ]),
    "saudi-iran": Article("saudi-iran", "الرياض تتهم طهران بالتدخل في شؤون المنطقة", "2019-09-18", [
        "اتهمت المملكة العربية السعودية إيران بالتدخل في شؤون دول المنطقة، ودعت المجتمع الدولي إلى "
        "التحرك لوقف ذلك.",
        "وجاء الموقف في بيان صدر عقب اجتماع لمجلس الوزراء عُقد في الرياض مساء اليوم.",
    ]),
    "safadi-blinken": Article("safadi-blinken", "الصفدي وبلينكن يبحثان هاتفياً العلاقات الثنائية", "2023-03-01", [
        "أجرى وزير الخارجية الأردني أيمن الصفدي اتصالاً هاتفياً مع نظيره الأمريكي أنتوني بلينكن اليوم "
        "الأربعاء، تناول العلاقات الثنائية وسبل تعزيزها.",
        "وأكد الوزيران أهمية مواصلة التنسيق إزاء القضايا الإقليمية.",
    ]),
    "sisi-faisal": Article("sisi-faisal", "السيسي يستقبل وزير الخارجية السعودي", "2023-04-30", [
        "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة اليوم الأحد وزير الخارجية السعودي الأمير "
        "فيصل بن فرحان، وبحثا تطورات الأوضاع في السودان.",
        "وأشار المتحدث باسم الرئاسة إلى أن الجانبين استعرضا مسار العلاقات الثنائية.",
    ]),
    "zarif-usa": Article("zarif-usa", f"ظريف ينتقد واشنطن {PAYLOAD}", "2019-09-19", [
        f"انتقد وزير الخارجية الإيراني محمد جواد ظريف الولايات المتحدة {PAYLOAD} بشدة، واتهمها بزعزعة "
        "استقرار المنطقة.",
        "وقال في تصريحات للصحفيين إن بلاده لن تقبل بأي ضغوط.",
    ]),
}

# Another outlet's copy of the first article: a near-duplicate.
ARTICLES["lavrov-shoukry-copy"] = Article("lavrov-shoukry-copy", ARTICLES["lavrov-shoukry"].title, "2019-09-17",
                                          ARTICLES["lavrov-shoukry"].paragraphs)

PAGE = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<link rel="canonical" href="https://newsroom.example{path}">
<title>{title} | صحيفة المرصد التجريبية</title>
<meta property="article:published_time" content="{published}T08:00:00+03:00">
<script>window.alert("from the page head");</script>
</head><body onload="alert('onload')">
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sports">رياضة</a></li></ul></nav>
<div class="share">شارك الخبر: فيسبوك | تويتر | واتساب</div>
<article><h1>{title}</h1><p class="byline">القاهرة - المحرر السياسي</p>
{paragraphs}
<script>document.write("injected by the article");</script>
</article>
<aside><h3>اقرأ أيضا</h3><ul>
<li><a href="/news/gold.html">ارتفاع أسعار الذهب في الأسواق المحلية</a></li>
<li><a href="/news/youth.html">منتخب الشباب يستعد للبطولة الإقليمية</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © صحيفة المرصد التجريبية 2023</footer>
</body></html>"""


def page(article: Article) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    return PAGE.format(title=html.escape(article.title), published=article.published, path=article.path,
                       paragraphs=paragraphs).encode("utf-8")


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Newsroom:
    """The site's state; the server thread reads it on every request."""

    feed: list[Article] = field(default_factory=list)
    failing: dict[str, str] = field(default_factory=dict)  # path → "500", "hang" or "404"
    fail_times: dict[str, int] = field(default_factory=dict)  # path → how many more times to fail (absent: always)
    robots: str | None = "User-agent: *\nDisallow: /private/\n"
    hang: float = 3.0
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def add(self, slug: str) -> Article:
        with self.lock:
            self.feed.insert(0, ARTICLES[slug])
        return ARTICLES[slug]

    def fail(self, path: str, how: str, times: int | None = None) -> None:
        with self.lock:
            self.failing[path] = how
            if times is None:
                self.fail_times.pop(path, None)
            else:
                self.fail_times[path] = times

    def heal(self, path: str) -> None:
        with self.lock:
            self.failing.pop(path, None)
            self.fail_times.pop(path, None)

    def asked(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def rss(self) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{self.url}{a.path}</link>"
            f"<guid>{self.url}{a.path}</guid><pubDate>{_rfc822(a.published)}</pubDate></item>"
            for a in self.feed)
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>المرصد</title>'
                f"<link>{self.url}/</link>{items}</channel></rss>").encode()

    def sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{a.path}</loc><news:news><news:publication_date>{a.published}</news:publication_date>"
            f"<news:title>{html.escape(a.title)}</news:title></news:news></url>" for a in self.feed)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()

    def respond(self, path: str) -> tuple[int, str, bytes, dict[str, str]]:
        """(status, content type, body, headers) for a GET of `path`."""
        with self.lock:
            how = self.failing.get(path)
            if how and path in self.fail_times:
                self.fail_times[path] -= 1
                if self.fail_times[path] < 0:
                    how = None
                    self.failing.pop(path)
                    self.fail_times.pop(path)
        if how == "hang":
            time.sleep(self.hang)
            return 500, "text/plain", b"too late", {}
        if how:
            return int(how), "text/plain", b"failure", {}
        if path == "/robots.txt":
            return (200, "text/plain", self.robots.encode(), {}) if self.robots is not None else (
                404, "text/plain", b"", {})
        if path == "/feed.xml":
            return 200, "application/rss+xml", self.rss(), {}
        if path == "/sitemap.xml":
            return 200, "application/xml", self.sitemap(), {}
        for article in ARTICLES.values():
            if path == article.path:
                return 200, "text/html; charset=utf-8", page(article), {}
        return 404, "text/plain", b"not found", {}


def _rfc822(day: str) -> str:
    return time.strftime("%a, %d %b %Y 08:00:00 +0300", time.strptime(day, "%Y-%m-%d"))


class _Handler(BaseHTTPRequestHandler):
    newsroom: Newsroom

    def do_GET(self) -> None:
        room = self.newsroom
        with room.lock:
            room.requests.append(Request(self.path, dict(self.headers.items()), time.monotonic()))
        status, kind, body, headers = room.respond(self.path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if status == 200 and self.path in ("/feed.xml", "/sitemap.xml"):
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass

    def log_message(self, *args) -> None:
        pass


def start(room: Newsroom) -> tuple[ThreadingHTTPServer, str]:
    """Serve `room` on a free port of 127.0.0.1; returns the server and its base URL."""
    handler = type("Handler", (_Handler,), {"newsroom": room})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    room.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, room.url
