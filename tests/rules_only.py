"""The rule engine alone: what the hand-written rules make of a text, without the learned models.

The rule tests pin the rules' own behaviour (roles, coreference, types); the full extractor
decides per event type whether to trust them, so those tests run the rules by themselves.
"""

from __future__ import annotations

from functools import cache

from marsad.extracting.models import Bundle
from marsad.extracting.pipeline import Extractor
from marsad.model import Document, Event


@cache
def rules_engine() -> Extractor:
    return Extractor(model=Bundle({}))  # no trained model: the rules code every type


def rules_extract(text: str, published: str | None = None, doc_id: str | None = None) -> list[Event]:
    return rules_engine().process(Document(doc_id or "doc", text, published)).events
