"""Reading SaudiNewsNet (31,030 articles in 18 daily zips) by URL, as the standoff corpus refers to it.

Each zip holds one JSON array of articles (`source`, `url`, `date_extracted`, `title`,
`author`, `content`). An article's text, as Marsad codes it, is its title, a line break and
its content.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path("../shared/corpus/saudinewsnet")
_URL_DATE = (re.compile(r"/(20\d\d)[/-](\d\d?)[/-](\d\d?)/"), re.compile(r"/(20\d\d)(\d\d)(\d\d)/"))


class CorpusError(Exception):
    """A corpus or standoff file that cannot be used; the message names the file or article."""


@dataclass(slots=True)
class Article:
    zip: str
    url: str
    source: str
    title: str
    content: str
    date_extracted: str

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.content}"

    @property
    def published(self) -> str:
        """The date in the URL where the outlet puts one, else the crawl day."""
        for pattern in _URL_DATE:
            match = pattern.search(self.url)
            if match:
                year, month, day = match.groups()
                return f"{year}-{int(month):02d}-{int(day):02d}"
        return self.date_extracted[:10]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SaudiNewsNet:
    """The articles of the zips that are asked for, read once each."""

    def __init__(self, folder: Path | str = DEFAULT_CORPUS):
        self.folder = Path(folder)
        self._zips: dict[str, dict[str, Article]] = {}

    def article(self, zip_name: str, url: str) -> Article:
        articles = self._zips.get(zip_name)
        if articles is None:
            articles = self._zips[zip_name] = self._read(zip_name)
        found = articles.get(url)
        if found is None:
            raise CorpusError(f"{self.folder / zip_name}: no article with URL {url}")
        return found

    def _read(self, zip_name: str) -> dict[str, Article]:
        path = self.folder / zip_name
        if not path.exists():
            raise CorpusError(f"{path}: not found (point --corpus at the SaudiNewsNet folder)")
        try:
            with zipfile.ZipFile(path) as archive:
                records = [record for name in archive.namelist() if name.endswith(".json")
                           for record in json.load(archive.open(name))]
        except (zipfile.BadZipFile, json.JSONDecodeError, OSError) as exc:
            raise CorpusError(f"{path}: unreadable ({exc})") from None
        return {r["url"]: Article(zip_name, r["url"], r.get("source", ""), r.get("title") or "",
                                  r.get("content") or "", r.get("date_extracted") or "") for r in records}
