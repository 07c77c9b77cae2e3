"""Every error answer in one shape: JSON `{"error": ...}` under /api, the error page
elsewhere, always through the middleware that adds the security headers.

Starlette answers an exception no handler caught from its outermost layer, in
plain text and outside every middleware (so without the security headers). The
`Errors` middleware sits inside `SecurityHeaders` and answers any exception first:
a 500 in the route's own shape, the exception logged with its traceback.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from tidings.api.limits import AnswerWatch, HttpMiddleware, Receive, Scope, Send

log = logging.getLogger(__name__)

API_PREFIXES = ("/api/", "/openapi.json")


def is_json_path(path: str) -> bool:
    """Whether the answers at `path` are JSON (the API) rather than pages."""
    return path == "/api" or path.startswith(API_PREFIXES)


def error_response(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """The error answer for `request`'s route: JSON for the API, the error page else."""
    if is_json_path(request.url.path) or status == 405:
        return JSONResponse({"error": detail}, status_code=status, headers=headers)
    page = request.app.state.error_page(request, status, detail)  # the web's, set by create_app
    page.headers.update(headers or {})
    return page


async def http_error(request: Request, error: HTTPException) -> Response:
    return error_response(request, error.status_code, str(error.detail), error.headers)


async def invalid(request: Request, error: RequestValidationError) -> Response:
    """A bad parameter is the caller's mistake: 400, naming the parameter and the problem."""
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
        for e in error.errors()
    )
    return error_response(request, 400, problems)


class Errors(HttpMiddleware):
    """A 500 in the route's shape for any exception raised before the answer began."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        watched = AnswerWatch(send)
        try:
            await self.app(scope, receive, watched)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if watched.started:  # half an answer sent: nothing better to do than to cut it
                raise
            detail = "internal error: the server could not answer this request"
            try:
                answer = error_response(Request(scope, receive), 500, detail)
            except Exception:  # the error page itself failed: JSON is always possible
                answer = JSONResponse({"error": detail}, status_code=500)
            await answer(scope, receive, send)
