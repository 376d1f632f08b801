"""The sources file of `marsad watch` and the feed and sitemap parser."""

from __future__ import annotations

import gzip

import pytest

from marsad.cli import main
from marsad.watching.feeds import FeedError, parse_listing
from marsad.watching.sources import DEFAULT_USER_AGENT, SourcesError, duration, load_sources


def write(tmp_path, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sources_file_with_each_kind(tmp_path):
    (tmp_path / "incoming").mkdir()
    path = write(tmp_path, """
contact = "mailto:desk@example.org"
delay = "0.5s"
retries = 1

[[source]]
name = "Al-Marsad"
feed = "https://news.example/rss.xml"
every = "15m"

[[source]]
name = "Sitemap"
sitemap = "https://news.example/sitemap.xml"
every = "1h30m"
outlet = "example"

[[source]]
name = "Drop folder"
folder = "incoming"
every = "30s"
""")
    loaded = load_sources(path)
    feed, sitemap, folder = loaded.sources
    assert (feed.kind, feed.location, feed.every) == ("feed", "https://news.example/rss.xml", 900.0)
    assert (sitemap.kind, sitemap.every, sitemap.outlet) == ("sitemap", 5400.0, "example")
    assert folder.kind == "folder" and folder.location == str((tmp_path / "incoming").resolve())
    assert loaded.settings.delay == 0.5 and loaded.settings.retries == 1
    assert loaded.settings.user_agent == f"{DEFAULT_USER_AGENT} contact: mailto:desk@example.org"


@pytest.mark.parametrize(("text", "message"), [
    ("", "no [[source]] tables"),
    ("[[source]]\nfeed = 'https://a.example/f'\n", "source 1: needs a name"),
    ("[[source]]\nname = 'A'\nevery = '5m'\n", "source 1 (A): give exactly one of"),
    ("[[source]]\nname = 'A'\nfeed = 'https://a.example/f'\nsitemap = 'https://a.example/s'\n", "exactly one"),
    ("[[source]]\nname = 'A'\nfeed = 'ftp://a.example/f'\n", "is not an http(s) URL"),
    ("[[source]]\nname = 'A'\nfeed = 'https://a.example/f'\nevery = 'often'\n", "'often' is not a duration"),
    ("[[source]]\nname = 'A'\nfeed = 'https://a.example/f'\nevry = '5m'\n", "unknown key(s) evry"),
    ("[[source]]\nname = 'A'\nfolder = 'missing'\n", "no folder"),
    ("[[source]]\nname = 'A'\nfeed = 'https://a.example/f'\n[[source]]\nname = 'A'\nfeed = 'https://b.example/f'\n",
     "source 2: the name 'A' is used twice"),
    ("retries = -1\n[[source]]\nname = 'A'\nfeed = 'https://a.example/f'\n", "retries must be a whole number"),
    ("[[source]\nname = 'A'\n", "not valid TOML"),
])
def test_bad_sources_files_are_one_line_errors(tmp_path, text, message):
    with pytest.raises(SourcesError) as raised:
        load_sources(write(tmp_path, text))
    assert message in str(raised.value)
    assert str(raised.value).startswith(str(tmp_path / "sources.toml"))
    assert "\n" not in str(raised.value)


def test_watch_command_reports_a_bad_file_in_one_line(tmp_path, capsys):
    assert main(["watch", str(write(tmp_path, "[[source]]\nname = 'A'\n")), "--db", str(tmp_path / "w.duckdb")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("marsad: ") and "give exactly one of" in err and "\n" not in err


@pytest.mark.parametrize(("value", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("1h30m", 5400),
                                                 ("0.5s", 0.5), (120, 120)])
def test_durations(value, seconds):
    assert duration(value, "x") == seconds


RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>t</title>
<item><title>  \xd8\xae\xd8\xa8\xd8\xb1  one </title><link>/news/1.html</link>
  <pubDate>Tue, 17 Sep 2019 23:30:00 +0300</pubDate></item>
<item><title>two</title><guid isPermaLink="true">https://news.example/news/2.html</guid>
  <dc:date>2019-09-18T10:00:00Z</dc:date></item>
<item><title>not a page</title><link>mailto:desk@news.example</link></item>
<item><title>again</title><link>https://news.example/news/1.html#comments</link></item>
</channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>a</title><link rel="self" href="https://x.example/self"/><link href="https://x.example/a"/>
<published>2023-03-01T08:00:00+03:00</published></entry>
<entry><title>b</title><link rel="alternate" href="b.html"/><updated>2023-03-02</updated></entry></feed>"""
RDF = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><item><title>r</title><link>https://r.example/1</link>
<dc:date>2015-07-21</dc:date></item></rdf:RDF>"""
URLSET = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://s.example/a</loc><lastmod>2015-07-20</lastmod></url>
<url><loc>https://s.example/b</loc><news:news><news:publication_date>2015-07-21T09:00:00+03:00</news:publication_date>
<news:title>b title</news:title></news:news></url></urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://s.example/2015-07.xml</loc><lastmod>2015-07-31</lastmod></sitemap>
<sitemap><loc>/2015-08.xml</loc></sitemap></sitemapindex>"""


def test_rss_items_are_absolute_unique_http_links_with_their_day():
    listing = parse_listing(RSS, "https://news.example/feed.xml")
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        ("https://news.example/news/1.html", "خبر one", "2019-09-17"),  # the publisher's own day
        ("https://news.example/news/2.html", "two", "2019-09-18"),
    ]


def test_atom_rdf_and_sitemaps():
    atom = parse_listing(ATOM, "https://x.example/feed")
    assert [(i.url, i.published) for i in atom.items] == [("https://x.example/a", "2023-03-01"),
                                                          ("https://x.example/b.html", "2023-03-02")]
    assert [i.url for i in parse_listing(RDF, "https://r.example/").items] == ["https://r.example/1"]
    urlset = parse_listing(gzip.compress(URLSET), "https://s.example/sitemap.xml.gz")
    assert [(i.url, i.title, i.published) for i in urlset.items] == [
        ("https://s.example/a", None, "2015-07-20"), ("https://s.example/b", "b title", "2015-07-21")]
    index = parse_listing(INDEX, "https://s.example/sitemap.xml")
    assert index.items == [] and index.sitemaps == [("https://s.example/2015-07.xml", "2015-07-31"),
                                                    ("https://s.example/2015-08.xml", None)]


@pytest.mark.parametrize(("content", "message"), [
    (b"<html><body>not a feed</body></html>", "neither a feed nor a sitemap (root element <html>)"),
    (b"{\"json\": true}", "not XML"),
    (b"\x1f\x8b broken", "corrupt gzip"),
    (b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
     b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
     b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><r>&h;</r>',
     "not XML"),  # an entity-expansion bomb is refused by expat, not expanded
])
def test_what_is_not_a_feed_is_a_one_line_error(content, message):
    with pytest.raises(FeedError) as raised:
        parse_listing(content, "https://x.example/")
    assert message in str(raised.value)
