"""Store locations are shown without their passwords, wherever they are printed."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import run_cli
from tidings.store import StoreError, open_store
from tidings.store.redact import hide_secrets, redacted

SECRET = "S3cretPw"


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (f"postgresql://alice:{SECRET}@db.example:5432/news", "postgresql://alice:***@db.example:5432/news"),
        (f"postgres://:{SECRET}@h/db", "postgres://:***@h/db"),
        ("postgresql://alice:p@ss@h/db", "postgresql://alice:***@h/db"),
        (f"postgresql://h/db?sslmode=require&password={SECRET}&sslpassword=x",
         "postgresql://h/db?sslmode=require&password=***&sslpassword=***"),
        ("postgresql://alice@h/db", "postgresql://alice@h/db"),
        ("news.db", "news.db"),
        ("sqlite:///tmp/a.db", "sqlite:///tmp/a.db"),
    ],
)  # fmt: skip
def test_redacted(location, shown):
    assert redacted(location) == shown


def test_secrets_are_hidden_in_a_drivers_message():
    url = f"postgresql://alice:{SECRET}@h/db?password=p%40ss"
    message = f"bad conninfo {url}: {SECRET} and p@ss"
    assert (
        hide_secrets(message, url)
        == "bad conninfo postgresql://alice:***@h/db?password=***: *** and ***"
    )


def test_store_errors_do_not_show_the_password():
    for url in (f"postgresql://alice:{SECRET}@127.0.0.1:1/news?connect_timeout=2",
                f"mysql://alice:{SECRET}@127.0.0.1/news"):  # fmt: skip
        with pytest.raises(StoreError) as refused:
            open_store(url)
        assert SECRET not in str(refused.value) and "alice:***@" in str(refused.value)


def test_serve_start_line_hides_the_password():
    """The server prints its start line, then fails to reach the (absent) database."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    url = f"postgresql://alice:{SECRET}@127.0.0.1:1/news?connect_timeout=2"
    result = run_cli("serve", "--db", url, "--port", port)
    output = result.stdout + result.stderr
    assert "database postgresql://alice:***@127.0.0.1:1/news" in result.stdout, output
    assert SECRET not in output
