"""Whether a page shows the correction controls, and whether they must ask for the token.

The controls post JSON to /api/corrections/* from the page's script (tidings.js), with
`Authorization: Bearer` when the server needs the token; the API checks every request
(`tidings.api.security`), so hiding the controls is a courtesy, not the guard."""

from __future__ import annotations

from typing import Any

from fastapi import Request


def correcting(request: Request) -> dict[str, Any]:
    """The controls' flags from the server's write mode (`api.security.WriteMode`, a
    string enum: read by value, so that the pages need not import the API)."""
    mode = request.app.state.write_access.mode
    return {"writable": mode != "read-only", "needs_token": mode == "token"}
