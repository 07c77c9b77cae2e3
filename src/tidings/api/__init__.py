"""The HTTP API and the web UI in one ASGI app: `create_app(settings)`."""

from tidings.api.app import create_app

__all__ = ["create_app"]
