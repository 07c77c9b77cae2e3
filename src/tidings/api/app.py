"""`create_app(settings)`: the ASGI app of the JSON API and the web pages.

Nothing happens at import: the store is opened and the models loaded in the
lifespan hook, once the server starts (see `Service`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import tidings
from tidings.api import routes
from tidings.api.service import Service
from tidings.config import Settings
from tidings.web import views

STATIC = Path(views.__file__).parent / "static"


def create_app(settings: Settings) -> FastAPI:
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPI(
        title="tidings",
        version=tidings.__version__,
        description="Multilingual news in, cross-lingual stories out.",
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(routes.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    return app


async def _http_error(request: Request, error: HTTPException) -> Response:
    if request.url.path.startswith("/api") or error.status_code == 405:
        return JSONResponse({"error": error.detail}, status_code=error.status_code)
    return views.error_page(request, error.status_code, str(error.detail))


async def _invalid(request: Request, error: RequestValidationError) -> Response:
    """A bad parameter is the caller's mistake: 400, naming the parameter and the problem."""
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
        for e in error.errors()
    )
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": problems}, status_code=400)
    return views.error_page(request, 400, problems)
