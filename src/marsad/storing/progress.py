"""A one-line progress display on stderr: documents/s, added, skipped, errors."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(slots=True)
class Counts:
    """What an ingest did."""

    added: int = 0      # new documents written
    skipped: int = 0    # documents already in the store (or seen earlier in this run)
    errors: int = 0     # records that became rows of the errors table
    events: int = 0     # events of the added documents
    started: float = field(default_factory=time.perf_counter)

    @property
    def read(self) -> int:
        """Documents and bad records seen so far."""
        return self.added + self.skipped + self.errors

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.read:,} docs  {rate:,.0f} docs/s  added {self.added:,}  skipped {self.skipped:,}  "
                f"events {self.events:,}  errors {self.errors:,}  {self.seconds:.1f} s")


class Progress:
    """Redraws the counts at most every `interval` seconds on a terminal; elsewhere it stays
    quiet until `finish`, which prints one summary line."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.25, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self.enabled = enabled
        self.live = enabled and self.stream.isatty()
        self._last = 0.0

    def update(self, counts: Counts) -> None:
        now = time.perf_counter()
        if self.live and now - self._last >= self.interval:
            self._last = now
            self.stream.write(f"\r\x1b[Kingest: {counts.line()}")
            self.stream.flush()

    def finish(self, counts: Counts) -> None:
        if self.enabled:
            clear = "\r\x1b[K" if self.live else ""
            self.stream.write(f"{clear}ingest: {counts.line()}\n")
            self.stream.flush()
