"""The API's browsable docs at /docs, from Swagger UI as the `swagger-ui-bundle` package
ships it, served by this server: they work offline (no CDN) and under the pages' content
policy (the set-up is a script file, not inline code). ReDoc has no such package: no /redoc."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

router = APIRouter(include_in_schema=False)
ASSETS = "/docs/assets"
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
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger-ui")
