"""The sources file of `marsad watch`: which feeds, sitemaps and folders to poll, how often, how politely.

    user_agent = "marsad (+mailto:me@example.org)"   # optional settings, with their defaults below
    delay = "1s"

    [[source]]
    name = "Example news"
    feed = "https://news.example/rss.xml"    # or sitemap = "…", or folder = "incoming/"
    every = "15m"

Every problem is a `SourcesError` whose one line names the file and the source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from marsad import __version__

KINDS = ("feed", "sitemap", "folder")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smh])")
_UNITS = {"s": 1, "m": 60, "h": 3600}
SOURCE_KEYS = frozenset({"name", "every", "outlet", *KINDS})
DEFAULT_USER_AGENT = f"marsad/{__version__} (Arabic political event coder; +https://pypi.org/project/marsad/)"


class SourcesError(ValueError):
    """A sources file that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to poll: an RSS/Atom feed, a sitemap (or sitemap index) or a folder of files."""

    name: str
    kind: str      # feed, sitemap or folder
    location: str  # URL, or the folder's absolute path
    every: float   # seconds between polls
    outlet: str | None = None  # outlet id stored with its documents (default: the article's host)


@dataclass(frozen=True, slots=True)
class Settings:
    """How to fetch: identification, politeness and patience."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0          # seconds between two requests to one host (robots.txt may ask for more)
    timeout: float = 20.0       # seconds for connecting and for each read
    retries: int = 2            # further attempts after a failed request within one fetch
    backoff: float = 1.0        # seconds before the first retry; doubled for each next one
    retry_after: float = 300.0  # seconds before a failed article is fetched again; doubled up to max_retry_after
    max_retry_after: float = 6 * 3600.0
    per_round: int = 200        # articles fetched per round at most (the rest wait for the next)
    max_bytes: int = 10_000_000  # larger responses are not read
    robots: bool = True         # honour robots.txt (switch off only for your own sites)


@dataclass(frozen=True, slots=True)
class SourcesFile:
    path: Path
    sources: tuple[Source, ...]
    settings: Settings = field(default_factory=Settings)


def duration(value: Any, where: str, zero: bool = False) -> float:
    """Seconds in "90s", "15m", "1h30m" or a bare number of seconds (0 only where `zero` allows it)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and (value > 0 or (zero and value == 0)):
        return float(value)
    text = value.strip().lower() if isinstance(value, str) else ""
    parts = _DURATION.findall(text)
    if not parts or _DURATION.sub("", text).strip():
        raise SourcesError(f"{where}: {value!r} is not a duration such as \"90s\", \"15m\" or \"1h\"")
    seconds = sum(float(number) * _UNITS[unit] for number, unit in parts)
    if seconds <= 0 and not zero:
        raise SourcesError(f"{where}: a duration must be longer than zero")
    return seconds


def load_sources(path: str | Path) -> SourcesFile:
    """Read and check a sources file; folders are resolved against the file's own folder."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    entries = data.pop("source", None)
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no [[source]] tables (each with a name, one of feed/sitemap/folder and every)")
    settings = _settings(data, path)
    sources, names = [], set()
    for number, entry in enumerate(entries, 1):
        source = _source(entry, f"{path}: source {number}", path.parent)
        if source.name in names:
            raise SourcesError(f"{path}: source {number}: the name {source.name!r} is used twice")
        names.add(source.name)
        sources.append(source)
    return SourcesFile(path, tuple(sources), settings)


def _source(entry: Any, where: str, base: Path) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a [[source]] table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: needs a name")
    where = f"{where} ({name})"
    unknown = set(entry) - SOURCE_KEYS
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                           f"(known: {', '.join(sorted(SOURCE_KEYS))})")
    kinds = [kind for kind in KINDS if kind in entry]
    if len(kinds) != 1:
        raise SourcesError(f"{where}: give exactly one of feed = \"URL\", sitemap = \"URL\" or folder = \"PATH\"")
    kind, location = kinds[0], entry[kinds[0]]
    if not isinstance(location, str) or not location.strip():
        raise SourcesError(f"{where}: {kind} must be a non-empty string")
    if kind == "folder":
        folder = (base / Path(location).expanduser()).resolve()
        if not folder.is_dir():
            raise SourcesError(f"{where}: no folder {folder}")
        location = str(folder)
    elif urlsplit(location).scheme not in ("http", "https") or not urlsplit(location).hostname:
        raise SourcesError(f"{where}: {location!r} is not an http(s) URL")
    outlet = entry.get("outlet")
    if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
        raise SourcesError(f"{where}: outlet must be a non-empty string")
    every = duration(entry.get("every", "15m"), f"{where}: every")
    return Source(name.strip(), kind, location.strip(), every, outlet.strip() if outlet else None)


def _settings(data: dict[str, Any], path: Path) -> Settings:
    where = f"{path}: settings"
    known = {"user_agent", "contact", "delay", "timeout", "retries", "backoff", "retry_after", "max_retry_after",
             "per_round", "max_bytes", "robots"}
    unknown = set(data) - known
    if unknown:
        raise SourcesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for key in ("delay", "timeout", "backoff", "retry_after", "max_retry_after"):
        if key in data:
            values[key] = duration(data[key], f"{where}: {key}", zero=key in ("delay", "backoff"))
    for key in ("retries", "per_round", "max_bytes"):
        if key in data:
            if not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < 0:
                raise SourcesError(f"{where}: {key} must be a whole number ≥ 0")
            values[key] = data[key]
    if "robots" in data:
        if not isinstance(data["robots"], bool):
            raise SourcesError(f"{where}: robots must be true or false")
        values["robots"] = data["robots"]
    agent = data.get("user_agent", DEFAULT_USER_AGENT)
    if not isinstance(agent, str) or not agent.strip():
        raise SourcesError(f"{where}: user_agent must be a non-empty string")
    contact = data.get("contact")
    if contact is not None:
        if not isinstance(contact, str) or not contact.strip():
            raise SourcesError(f"{where}: contact must be a non-empty string (an e-mail or a URL)")
        agent = f"{agent.strip()} contact: {contact.strip()}"
    return Settings(user_agent=agent.strip(), **values)
