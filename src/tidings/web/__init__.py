"""The web pages: server-rendered Jinja2 templates over the `Tidings` facade."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """Every page router, for the app to mount (the API imports the web only here)."""
    from tidings.web import map_page, views, watching

    return [views.router, map_page.router, watching.router]
