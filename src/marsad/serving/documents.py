"""The document page: an article with every event it yielded marked in its text, for review.

The text is cut at every evidence boundary into escaped pieces; a piece inside one or more
evidence spans becomes a <mark> naming those events. Nothing of the article is ever
inserted as HTML.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from marsad.model import CONSULT_MODES, SECTORS
from marsad.serving import review
from marsad.serving.deps import request_store
from marsad.serving.pages import _page, templates
from marsad.storing.store import Store

router = APIRouter(include_in_schema=False)
templates.env.globals.update(modes=CONSULT_MODES, sectors=SECTORS)  # the edit form's choices
templates.env.filters["when"] = lambda at: f"{at[:16].replace('T', ' ')} UTC" if at else ""


def segments(text: str, spans: list[list[int] | None]) -> list[tuple[str, list[int]]]:
    """`text` cut into (piece, indexes of the spans covering it), in order; empty pieces left out."""
    valid = [(i, s) for i, s in enumerate(spans) if s and 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text), *(b for _, s in valid for b in s)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [i for i, (a, b) in valid if a <= start and end <= b]
        pieces.append((text[start:end], covering))
    return pieces


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(doc_id: str, request: Request, store: Annotated[Store, Depends(request_store)]) -> HTMLResponse:
    try:
        found = review.get_document(doc_id, request, store)
    except HTTPException:
        return _page(request, "missing.html", 404, page="document", what=doc_id)
    events = found["events"]
    pieces = segments(found["document"]["text"], [e["evidence_span"] for e in events])
    return _page(
        request, "document.html", page="document", document=found["document"], events=events,
        rejected=found["rejected"], history=found["corrections"], pieces=pieces, reviewing=found["review"],
        data={"doc_id": doc_id, "events": events, "page": "document"},
    )
