"""Marsad (مرصد): Arabic news → political event data, every event traced to its sentence.

    >>> import marsad
    >>> events = marsad.extract("…", published="2023-07-03")
"""

from marsad.extracting.pipeline import extract, extract_document
from marsad.model import Actor, Document, Event, Extraction, Location

__all__ = ["Actor", "Document", "Event", "Extraction", "Location", "extract", "extract_document"]
__version__ = "0.1.0"
