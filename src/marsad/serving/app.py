"""The FastAPI application of `marsad serve`: REST API, HTML pages and their static files.

The store is opened once and shared; requests get their own cursor (deps.py). It is opened
read-only unless the server watches sources or takes corrections (live.py), which makes it
the store's one writer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from marsad.extracting.pipeline import extract_document
from marsad.knowledge import load_knowledge_base
from marsad.model import Document, Extraction
from marsad.serving import api, documents, maps, pages, review
from marsad.serving.live import Live
from marsad.serving.lookups import Lookups
from marsad.storing.store import Store
from marsad.storing.upgrade import open_read_only
from marsad.watching.sources import SourcesFile

STATIC = Path(__file__).parent / "static"
Extractor = Callable[[str, str | None], Extraction]
# Pages load nothing but what this server serves; Swagger UI (under /docs) needs its inline script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DOCS_PATHS = ("/docs", "/static-offline-docs")


def extract_pasted(text: str, published: str | None) -> Extraction:
    """The extractor on pasted text; its cleaned text comes back so evidence can be highlighted."""
    return extract_document(Document("pasted", text, published))


def create_app(
    db_path: str | Path, extractor: Extractor = extract_pasted, review_token: str | None = None,
    sources: SourcesFile | None = None, url: str | None = None, watcher_options: dict[str, Any] | None = None,
) -> FastAPI:
    """The application serving the store at `db_path`: read-only, or, with a `review_token` or `sources`
    to watch, the store's writer. The store must exist unless sources will fill it. `url` is where it
    is served, told to commands that find the store held."""
    path = Path(db_path)
    writable = review_token is not None or sources is not None
    if sources is None and not path.is_file():
        raise FileNotFoundError(f"no store at {path} (run `marsad ingest` first)")
    store = Store.open(path) if writable else open_read_only(path)  # either upgrades a store of an earlier Marsad
    lookups = Lookups()
    live = Live(store, path, lookups, review_token, sources, watcher_options)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        live.start(url)
        preparing = threading.Thread(target=_prepare, args=(lookups, store), daemon=True)
        preparing.start()
        yield
        live.close()
        preparing.join()  # DuckDB refuses to close a connection that is still folding the texts
        store.close()

    app = FastAPIOffline(
        title="Marsad", version="0.1.0", lifespan=lifespan, redoc_url=None,
        description="Political events (PLOVER types, CAMEO codes) extracted from Arabic news, "
                    "every event traced to the sentence it came from. Read-only, except corrections "
                    "(`marsad serve --review`), which need the review token.",
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.state.store = store
    app.state.extractor = extractor
    app.state.knowledge = cache(load_knowledge_base)
    app.state.lookups = lookups
    app.state.live = live
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(review.router)
    app.include_router(api.router)
    app.include_router(maps.router)
    app.include_router(pages.router)
    app.include_router(documents.router)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.middleware("http")(_security_headers)
    return app


def _prepare(lookups: Lookups, store: Store) -> None:
    """Fold the documents for text search while the server already answers other requests."""
    cursor = store.con.cursor()
    try:
        lookups.prepare(Store(cursor, store.path, read_only=True))
    finally:
        cursor.close()


async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with FastAPI's `detail` plus one line that names each bad parameter."""
    errors = exc.errors()
    message = "; ".join(f"{e['loc'][-1] if e.get('loc') else '?'}: {e.get('msg', 'invalid')}" for e in errors)
    detail = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in errors]
    return JSONResponse({"message": message, "detail": detail}, status_code=422)


async def _security_headers(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    # How long the server worked on it, so a load test can tell queueing from processing.
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if not request.url.path.startswith(DOCS_PATHS):
        response.headers["Content-Security-Policy"] = CSP
    return response
