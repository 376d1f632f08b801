"""Version stamps: which Marsad, which knowledge base and which trained model made an event.

Every stored event carries them, and so does every exported row, so that an analyst can
tell data made before a knowledge-base or model change from data made after it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.knowledge.files import data_dirs, knowledge_files


@dataclass(frozen=True, slots=True)
class Stamp:
    """The versions one ingest writes on each of its events."""

    marsad_version: str
    kb_version: str
    model_version: str | None = None  # the trained extractor's version; None while there is none


def kb_fingerprint(dirs: list[Path] | None = None) -> str:
    """"kb-" and 12 hex digits of a hash of every knowledge file's name and content (the bundled
    files and `MARSAD_KB_EXTRA`'s): equal knowledge bases give equal fingerprints on any machine."""
    digest = hashlib.sha1()
    for path in knowledge_files(dirs or data_dirs()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"kb-{digest.hexdigest()[:12]}"


@cache
def _kb_fingerprint_of(dirs: tuple[Path, ...]) -> str:
    return kb_fingerprint(list(dirs))


def current_stamp(model_version: str | None = None) -> Stamp:
    """The stamp of this process: Marsad's version, its knowledge base's fingerprint, `model_version`."""
    from marsad import __version__
    return Stamp(__version__, _kb_fingerprint_of(tuple(data_dirs())), model_version)
