"""The API's browsable docs at /docs: Swagger UI 5 (which reads OpenAPI 3.1, as FastAPI
writes it) from the files the `fastapi-offline` package ships, served by this server: they
work offline (no CDN) and under the pages' content policy (the set-up is a script file,
not inline code). No /redoc: one set of docs is enough, and ReDoc's workers would need
the policy loosened."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)
ASSETS = "/docs/assets"
SWAGGER_UI = Path(fastapi_offline.__file__).parent / "static"
PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>tidings API</title>
  <link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-spec="/openapi.json"></div>
  <script src="{ASSETS}/swagger-ui-bundle.js"></script>
  <script src="/static/docs.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def docs() -> str:
    return PAGE


def add_docs(app: FastAPI) -> None:
    """The docs page and Swagger UI's files (create the app with `docs_url=None`)."""
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
