"""`tidings watch` and `tidings sources` as a user runs them, and a watcher killed
(SIGKILL) mid-poll, then started again: every article stored exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from typer.testing import CliRunner

from tests.conftest import ROOT
from tests.watch.conftest import DAY
from tests.watch.site import Site, data_articles
from tidings.cli import app

runner = CliRunner()


def _tidings(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tidings", *args], cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _stored_urls(db) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as connection:
        try:
            return [row[0] for row in connection.execute("SELECT url FROM articles")]
        except sqlite3.OperationalError:  # not created yet
            return []


def test_sources_are_added_listed_and_removed(tmp_path):
    db = str(tmp_path / "s.db")
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nurl = "https://example.org/a.xml"\nname = "A"\nlang = "tr"\n'
                    'every = "15m"\nmax_entries = 20\n', encoding="utf-8")  # fmt: skip
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml version="2.0"><body><outline text="News"><outline text="B" '
                    'xmlUrl="https://example.net/b.rss"/></outline></body></opml>')  # fmt: skip

    added = runner.invoke(app, ["sources", "add", str(toml), str(opml), "--db", db])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["sources", "list", "--db", db, "--json"])
    rows = {row["name"]: row for row in map(__import__("json").loads, listed.stdout.splitlines())}
    assert rows["A"]["url"] == "https://example.org/a.xml"
    assert (rows["A"]["lang"], rows["A"]["every_seconds"], rows["A"]["max_entries"]) == (
        "tr",
        900,
        20,
    )
    assert rows["B"]["url"] == "https://example.net/b.rss" and rows["B"]["last_poll"] is None

    removed = runner.invoke(app, ["sources", "remove", "https://example.org/a.xml", "--db", db])
    assert removed.exit_code == 0
    listed = runner.invoke(app, ["sources", "list", "--db", db, "--json"])
    assert [__import__("json").loads(x)["name"] for x in listed.stdout.splitlines()] == ["B"]


def test_a_bad_sources_file_is_refused_naming_it_and_the_problem(tmp_path):
    toml = tmp_path / "bad.toml"
    toml.write_text('[[source]]\nurl = "file:///etc/passwd"\n', encoding="utf-8")
    result = runner.invoke(app, ["sources", "add", str(toml), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "bad.toml: source 1" in result.output and "only http(s) feeds" in result.output
    every = runner.invoke(app, ["watch", "https://example.org/", "--every", "soon"])
    assert every.exit_code == 2 and "'soon' is not a duration" in every.output


def test_a_watcher_killed_mid_poll_and_started_again_stores_each_article_once(tmp_path, data_dir):
    db = tmp_path / "kill.db"
    articles = data_articles(data_dir, 12)
    with Site() as site:
        for n, (title, text) in enumerate(articles):
            site.add_article(f"/a/{n}", title, text)
            site.routes[f"/a/{n}"].delay = 0.3
        site.set_feed(
            "/feed.xml", [(site.url(f"/a/{n}"), t, DAY) for n, (t, _) in enumerate(articles)]
        )
        command = ["watch", site.url("/feed.xml"), "--db", str(db), "--once",
                   "--allow-private-addresses"]  # fmt: skip
        env = {"TIDINGS_BATCH_SIZE": "3", "TIDINGS_WATCH_DELAY": "0.05"}

        first = _tidings(*command, env=env)
        deadline = time.monotonic() + 240
        while len(_stored_urls(db)) < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        before = set(_stored_urls(db))
        fetched_before = len(site.hits)
        assert 3 <= len(before) < len(articles), "the kill came mid-poll"

        second = _tidings(*command, env=env)
        out, errors = second.communicate(timeout=300)
        assert second.returncode == 0, errors

        urls = _stored_urls(db)
        assert sorted(urls) == sorted(site.url(f"/a/{n}") for n in range(len(articles)))
        refetched = {site.url(h.path) for h in site.hits[fetched_before:]}
        assert refetched.isdisjoint(before)  # nothing stored was fetched again
        assert f"{len(articles) - len(before)} new" in out


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(check, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.2)


def test_watch_serves_the_api_in_the_same_process_with_serve(tmp_path, site):
    import httpx

    db, port = tmp_path / "serve.db", _free_port()
    watching = _tidings("watch", site.url("/feed.xml"), "--db", str(db), "--serve",
                        "--port", str(port), "--allow-private-addresses")  # fmt: skip
    try:

        def polled() -> bool:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/sources", timeout=10)
            except httpx.HTTPError:
                return False
            return answer.status_code == 200 and answer.json()[0]["new_articles"] == 3

        _wait_for(polled, 240, watching)
    finally:
        watching.send_signal(signal.SIGINT)  # as Ctrl-C: the server stops, then the watcher
        watching.wait(timeout=60)
    assert sorted(_stored_urls(db)) == [site.url(f"/news/{n}") for n in range(3)]


def test_sigterm_stops_a_watcher_between_polls(tmp_path, site):
    db = tmp_path / "term.db"
    watching = _tidings("watch", site.url("/feed.xml"), "--db", str(db), "--every", "1h",
                        "--allow-private-addresses")  # fmt: skip
    _wait_for(lambda: len(_stored_urls(db)) == 3, 240, watching)
    time.sleep(0.5)  # the poll's end is recorded after its articles
    watching.send_signal(signal.SIGTERM)
    out, _errors = watching.communicate(timeout=30)
    assert watching.returncode == 0
    assert f"{site.url('/feed.xml')}: new, 3 new" in out
