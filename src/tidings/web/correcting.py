"""Whether a page shows the correction controls, and whether they must ask for the token.

The controls post JSON to /api/corrections/* from the page's script (tidings.js), with
`Authorization: Bearer` when the server needs the token; the API checks every request
(`tidings.api.security`), so hiding the controls is a courtesy, not the guard."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from tidings.api.security import WriteAccess, WriteMode


def correcting(request: Request) -> dict[str, Any]:
    access: WriteAccess = request.app.state.write_access
    return {
        "writable": access.mode is not WriteMode.READ_ONLY,
        "needs_token": access.mode is WriteMode.TOKEN,
    }
