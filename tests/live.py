"""A real tidings server for the API and browser tests: uvicorn on a free loopback
port, in a thread, over a SQLite file in a temporary folder."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import uvicorn
from fastapi.testclient import TestClient

from tidings.api import create_app
from tidings.config import Settings

START_TIMEOUT = 300  # seconds: the gazetteer and models load at startup


class LiveServer:
    def __init__(self, db: Path, settings: Settings | None = None):
        self.db = db
        settings = replace(settings or Settings(), db=str(db))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(settings), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {self.url} did not start")
            time.sleep(0.05)
        return self

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


def seeded_server(folder: Path, seeds: Path, token: str) -> LiveServer:
    """A server that needs `token` to write, with the seeds uploaded (with the token)."""
    server = LiveServer(folder / "tidings.db", Settings(rate_limit=0, api_token=token)).start()
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds.iterdir())]
    try:
        with server.client() as client:
            answer = client.post(
                "/api/articles", files=files, headers={"Authorization": f"Bearer {token}"}
            )
            answer.raise_for_status()
    except BaseException:
        server.stop()
        raise
    return server


def local_client(app) -> TestClient:
    """The app driven in process (no lifespan unless used as a context manager), its
    requests addressed as a local client's are (Host 127.0.0.1:8000)."""
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
