"""Readers: every format, field mapping, and bad input as ReadError rows, never exceptions."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.model import Document, ReadError
from marsad.reading import FieldMapping, HtmlPage, detect_format, read_paths, to_document

FIXTURES = Path(__file__).parent / "fixtures" / "store"
ARTICLE = "استقبل الرئيس المصري عبد الفتاح السيسي اليوم في القاهرة وزير الخارجية الروسي سيرغي لافروف."


def read_all(*paths, mapping=None):
    mapping = mapping or FieldMapping()
    return [to_document(item) if isinstance(item, HtmlPage) else item for item in read_paths(paths, mapping)]


def test_detect_format_by_name_and_content():
    assert detect_format("a.warc.gz") == "warc"
    assert detect_format("dump.JSONL") == "jsonl"
    assert detect_format("2015-07-21.zip") == "zip"
    assert detect_format("noext", b"PK\x03\x04rest") == "zip"
    assert detect_format("noext", b"  [{\"text\": 1}]") == "json"
    assert detect_format("noext", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("notes.docx") is None


def test_txt_folder_gets_content_hash_ids(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE + " ثانية", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs = read_all(tmp_path)
    assert [type(d) for d in docs] == [Document, Document]
    assert all(d.doc_id.startswith("sha1:") for d in docs)
    assert docs[0].doc_id == read_all(tmp_path / "a.txt")[0].doc_id  # stable


def test_undecodable_text_file_is_an_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \xc3")
    [error] = read_all(bad)
    assert isinstance(error, ReadError)
    assert error.location == str(bad) and "undecodable" in error.reason


def test_json_lines_broken_line_does_not_stop_the_file(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"id": "1", "text": ARTICLE}, ensure_ascii=False).encode(),
             b'{"id": "2", "text": "unterminated', b"\xff\xfe{}",
             json.dumps({"id": "3", "text": ARTICLE}).encode()]
    path.write_bytes(b"\n".join(lines))
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert items[1].location == f"{path}:line 2" and "broken JSON" in items[1].reason
    assert items[2].location == f"{path}:line 3" and "undecodable" in items[2].reason
    assert [items[0].doc_id, items[3].doc_id] == ["1", "3"]


def test_json_array_with_explicit_field_mapping(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"key": "k1", "body": ARTICLE, "when": "2021-02-03T10:00", "site": "x"}]))
    mapping = FieldMapping(text="body", id="key", date="when", source="site")
    [doc] = read_all(path, mapping=mapping)
    assert (doc.doc_id, doc.published, doc.source, doc.origin) == ("k1", "2021-02-03", "x", f"{path}#0")


def test_record_without_text_is_an_error(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"id": "1", "text": ""}, {"id": "2", "text": ARTICLE}]))
    error, doc = read_all(path)
    assert isinstance(error, ReadError) and error.location == f"{path}#0"
    assert doc.doc_id == "2"


def saudinewsnet_zip(path: Path, records: list[dict]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2015-07-21.json", json.dumps(records, ensure_ascii=False))
    return path


def test_saudinewsnet_zip_is_mapped_automatically(tmp_path):
    record = {"source": "aawsat", "url": "http://aawsat.com/1", "date_extracted": "2015-07-21 02:51:32",
              "title": "عنوان", "author": "لندن", "content": ARTICLE}
    [doc] = read_all(saudinewsnet_zip(tmp_path / "2015-07-21.zip", [record]))
    assert doc.doc_id == "http://aawsat.com/1"
    assert (doc.published, doc.source, doc.title, doc.text) == ("2015-07-21", "aawsat", "عنوان", ARTICLE)
    assert doc.origin == f"{tmp_path / '2015-07-21.zip'}:2015-07-21.json#0"


def test_corrupt_zip_is_an_error(tmp_path):
    good = saudinewsnet_zip(tmp_path / "good.zip", [{"content": ARTICLE, "date_extracted": "2015-07-21"}])
    bad = tmp_path / "bad.zip"
    bad.write_bytes(good.read_bytes()[:40])
    [error] = read_all(bad)
    assert isinstance(error, ReadError) and error.location == str(bad) and "corrupt zip" in error.reason


def test_html_file_text_and_metadata_without_comments():
    [doc] = read_all(FIXTURES / "page.html")
    assert isinstance(doc, Document)
    assert "سيرغي لافروف" in doc.text
    assert "تعليق القارئ" not in doc.text
    assert doc.url == "https://ahram.example/news/42" and doc.doc_id == doc.url
    assert doc.published == "2019-09-16"
    assert doc.source == "ahram.example"
    assert doc.title == "السيسي يستقبل لافروف في القاهرة"


def test_html_without_text_is_an_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>")
    [error] = read_all(page)
    assert isinstance(error, ReadError) and error.location == str(page) and "no article text" in error.reason


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        content_type = [("Content-Type", "text/html; charset=utf-8")]
        headers = StatusAndHeaders("200 OK", content_type, protocol="HTTP/1.1")
        payload = io.BytesIO(html.encode())
        record = writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_gz_html_responses(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([("https://a.example/1", html), ("https://a.example/2", html)]))
    docs = read_all(path)
    assert [d.doc_id for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert all("لافروف" in d.text for d in docs)


def test_truncated_warc_gives_an_error_after_the_good_records(tmp_path):
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    whole = gzip.decompress(warc_bytes([("https://a.example/1", html), ("https://a.example/2", html)]))
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: len(whole) - 700])
    first, error = read_all(path)
    assert isinstance(first, Document) and "لافروف" in first.text
    assert isinstance(error, ReadError) and "truncated" in error.reason
    assert error.location.startswith(f"{path}:record")


def test_missing_path_is_an_error(tmp_path):
    [error] = read_all(tmp_path / "nope.jsonl")
    assert isinstance(error, ReadError) and "no such file" in error.reason


def test_read_documents_parses_html_and_dates_plain_text(tmp_path):
    """What `marsad extract` needs to read every format `marsad ingest` reads."""
    from marsad.reading import read_documents

    (tmp_path / "a.txt").write_text("نص خبر قصير عن اجتماع في الرياض", encoding="utf-8")
    page = (Path(__file__).parent / "fixtures" / "store" / "page.html").read_bytes()
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as archive:
        archive.writestr("page.html", page)
    (tmp_path / "c.json").write_text("{broken", encoding="utf-8")
    found = list(read_documents([tmp_path], published="2015-07-21"))
    documents = [d for d in found if isinstance(d, Document)]
    assert len(documents) == 2 and all(d.text.strip() for d in documents)
    assert {d.published for d in documents if d.origin.endswith("a.txt")} == {"2015-07-21"}
    assert [type(e) for e in found if not isinstance(e, Document)] == [ReadError]
