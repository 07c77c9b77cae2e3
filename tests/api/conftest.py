"""A server of a module's own, with the seeds, that takes writes with `AUTH` (for tests
that add articles or corrections and must not change the shared `live_server`)."""

from __future__ import annotations

import pytest

from tests.live import seeded_server

TOKEN = "module-token-" + "m" * 20
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, seeds_dir):
    server = seeded_server(tmp_path_factory.mktemp("own-server"), seeds_dir, TOKEN)
    yield server
    server.stop()
