"""Marsad (مرصد): Arabic news → political event data, every event traced to its sentence.

    >>> import marsad
    >>> events = marsad.extract("…", published="2023-07-03")
    >>> marsad.open("marsad.duckdb").events()      # a store as pandas DataFrames (marsad[pandas])
"""

from marsad.extracting.pipeline import extract, extract_document
from marsad.model import Actor, Document, Event, Extraction, Location

__all__ = ["Actor", "Document", "Event", "Extraction", "Location", "extract", "extract_document", "open"]
__version__ = "0.1.0"


def open(path="marsad.duckdb"):
    """A store as pandas DataFrames: `.events()`, `.actors()`, `.stories()`, `.sql()` (storing/frames.py)."""
    from marsad.storing.frames import open_frames

    return open_frames(path)
