"""Which reader a file needs, from its name and, when the name says nothing, its first bytes."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("txt", "jsonl", "json", "zip", "html", "warc")

_SUFFIXES = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".zip": "zip",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
}


def detect_format(name: str, head: bytes = b"") -> str | None:
    """The format of a file called `name` starting with `head`; None when it is not an input."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    fmt = _SUFFIXES.get(Path(lower).suffix)
    if fmt or not head:
        return fmt
    return sniff(head)


def sniff(head: bytes) -> str | None:
    """The format of unnamed content from its first bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "jsonl"
    return None
