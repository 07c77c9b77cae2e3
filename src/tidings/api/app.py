"""`create_app(settings)`: the ASGI app of the JSON API and the web pages.

Nothing happens at import: the store is opened and the models loaded in the
lifespan hook, once the server starts (see `Service`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import tidings
from tidings import web
from tidings.analyze.places import PlaceFinder
from tidings.api import corrections, exports, feeds, places, routes, sources
from tidings.api.docs import add_docs
from tidings.api.errors import Errors, http_error, invalid
from tidings.api.limits import BodyLimit, RateLimit, SecurityHeaders
from tidings.api.origin import HostNames, SameOrigin
from tidings.api.params import checked_parameters
from tidings.api.reading import UploadReader
from tidings.api.security import WriteAccess
from tidings.api.service import Service
from tidings.api.writes import WriteQueue
from tidings.config import Settings
from tidings.explore.resolve import SharedPlaces
from tidings.serve.requests import RecentNames
from tidings.web import views

STATIC = Path(views.__file__).parent / "static"


def create_app(settings: Settings) -> FastAPI:
    """The app for `settings`; ValueError for an unusable setting (a short token)."""
    write_access = WriteAccess.from_settings(settings)
    service = Service(settings)
    uploads = UploadReader(settings.upload_read_seconds)

    # The resolver's gazetteer, shared by the reader threads.
    place_names = SharedPlaces(PlaceFinder())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.gather(
            service.start(),
            asyncio.to_thread(uploads.start),
            # Loaded now (a second), not on the first search that names a place.
            asyncio.to_thread(place_names.find, "Libya", "en"),
        )
        try:
            yield
        finally:
            await asyncio.gather(service.stop(), asyncio.to_thread(uploads.stop))

    app = FastAPI(
        title="tidings",
        version=tidings.__version__,
        description="Multilingual news in, cross-lingual stories out.",
        lifespan=lifespan,
        docs_url=None,  # served from a package's files by add_docs: no CDN
        redoc_url=None,
        dependencies=[Depends(checked_parameters)],  # every route's, before its own
    )
    app.state.service = service
    app.state.write_access = write_access
    app.state.uploads = uploads
    app.state.place_names = place_names
    app.state.names = RecentNames()
    app.state.writes = WriteQueue(settings.max_queued_writes)
    app.include_router(routes.router)
    app.include_router(corrections.router)
    app.include_router(exports.router)
    app.include_router(feeds.router)
    app.include_router(places.router)
    for pages in web.routers():
        app.include_router(pages)
    app.state.error_page = views.error_page  # how errors outside /api are answered
    app.include_router(sources.router)  # the watcher's: /api/sources, /api/arrivals
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_docs(app)
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid)  # type: ignore[arg-type]
    # The last added runs first: headers on every answer, any failure answered inside
    # them, other sites' requests refused, then the rate, then the size.
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(RateLimit, rate=settings.rate_limit, burst=settings.rate_burst)
    app.add_middleware(SameOrigin, names=HostNames(settings.host, settings.allowed_hosts))
    app.add_middleware(Errors)
    app.add_middleware(SecurityHeaders)
    return app
