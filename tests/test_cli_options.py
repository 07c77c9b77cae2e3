"""The command line refuses what it cannot mean: bad option values (exit 2 naming the
option and what it expects), a store that is not there (never created by a reading
command), and it lists a page at a time, saying on stderr how many more there are."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import cut_corpus, seed_file
from tidings.cli import app
from tidings.cli_options import PAGE

runner = CliRunner()

BAD_VALUES = [
    (["articles", "--lang", "Arabic"], "--lang", "ISO 639-1"),
    (["stories", "--lang", "Arabic"], "--lang", "(Arabic is ar)"),
    (["stories", "--lang", "xx-invalid"], "--lang", "ISO 639-1"),
    (["stories", "--since", "yesterday"], "--since", "YYYY-MM-DD"),
    (["stories", "--since", "20261201"], "--since", "YYYY-MM-DD"),
    (["stories", "--since", "2020-13-45"], "--since", "YYYY-MM-DD"),
    (["stories", "--until", "2026-02-30"], "--until", "YYYY-MM-DD"),
    (["stories", "--since", "2026-12-02", "--until", "2026-12-01"], "--since", "is after"),
    (["stories", "--limit", "0"], "--limit", "1"),
    (["articles", "--limit", "-5"], "--limit", "1"),
    (["articles", "--offset", "-1"], "--offset", "0"),
    (["articles", "--format", "xml"], "--format", "table"),
    (["story", "0"], "story_id", "1"),
    (["story", str(2**63)], "story_id", str(2**63 - 1)),
    (["ingest", "x.jsonl", "--workers", "0"], "--workers", "1"),
    (["ingest", "x.jsonl", "--address", "cluster.example"], "--address", "ray://"),
    (["serve", "--port", "70000"], "--port", "65535"),
]


@pytest.mark.parametrize(("args", "option", "expected"), BAD_VALUES)
def test_a_bad_value_exits_2_naming_the_option(seeded_db, args, option, expected):
    result = runner.invoke(app, [*args, "--db", str(seeded_db)])
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.replace("│", " ").split())
    assert f"Invalid value for '{option}'" in message or f"'{option}'" in message
    assert expected in message


def test_good_values_still_list(seeded_db):
    for args in (["--lang", "ar"], ["--lang", "AR"]):
        result = runner.invoke(app, ["stories", "--db", str(seeded_db), "--format", "jsonl", *args])
        assert result.exit_code == 0, result.output
        assert result.stdout.strip(), args  # the seeds' stories are there
    # A good day is taken; the seeds give no dates, so no story is known to fall after it.
    result = runner.invoke(app, ["stories", "--db", str(seeded_db), "--since", "2000-01-01"])
    assert result.exit_code == 0 and "0 of 0 stories" not in result.stderr, result.output
    arabic = runner.invoke(app, ["articles", "--db", str(seeded_db), "--lang", "AR"])
    assert arabic.exit_code == 0 and "ar" in arabic.stdout


READING = [
    ["articles"],
    ["stories"],
    ["story", "1"],
    ["show", "some-id"],
    ["compare", "id-a", "id-b"],
]


@pytest.mark.parametrize("args", READING)
def test_a_reading_command_refuses_a_missing_store_and_creates_none(tmp_path, args):
    typo = tmp_path / "typo.db"
    result = runner.invoke(app, [*args, "--db", str(typo)])
    assert result.exit_code == 2, result.output
    assert f"no store at {typo}" in " ".join(result.stderr.replace("│", " ").split())
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_refused_too_when_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    result = runner.invoke(app, ["stories"])
    assert result.exit_code == 2
    assert not (tmp_path / "tidings.db").exists()


def test_migrate_refuses_a_missing_source_and_creates_nothing(tmp_path):
    source, target = tmp_path / "typo.db", tmp_path / "new.db"
    result = runner.invoke(app, ["migrate", "--from", str(source), "--to", str(target)])
    assert result.exit_code == 2
    assert f"no store at {source}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_comparing_two_files_needs_no_store_and_creates_none(tmp_path):
    a, b = seed_file("000"), seed_file("001")
    result = runner.invoke(
        app, ["compare", str(a), str(b), "--json", "--db", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)["scores"]) >= {"Overall", "Geography"}
    assert list(tmp_path.iterdir()) == []


def test_ingest_still_creates_its_store(tmp_path):
    db = tmp_path / "new.db"
    result = runner.invoke(app, ["ingest", str(seed_file("000")), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.is_file()


def test_listings_show_a_page_and_say_how_many_more(seeded_db):
    args = ["--db", str(seeded_db), "--format", "jsonl"]
    listed = runner.invoke(app, ["articles", *args, "--limit", "2"])
    assert len(listed.stdout.splitlines()) == 2
    assert "2 of 5 articles shown, 3 more: --offset 2" in listed.stderr
    rest = runner.invoke(app, ["articles", *args, "--offset", "2"])
    assert len(rest.stdout.splitlines()) == 3 and rest.stderr == ""
    stories = runner.invoke(app, ["stories", *args, "--all"])
    every = len(stories.stdout.splitlines())
    first = runner.invoke(app, ["stories", *args, "--limit", "1"])
    assert len(first.stdout.splitlines()) == 1
    if every > 1:
        assert f"1 of {every} stories shown, {every - 1} more" in first.stderr


def test_without_a_limit_a_listing_is_one_page(tmp_path):
    corpus = cut_corpus(tmp_path / "in.jsonl", [("ttc3600-tr-news.jsonl", 0, PAGE + 3)])
    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    page = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert len(page.stdout.splitlines()) == PAGE
    assert f"{PAGE} of {PAGE + 3} articles shown, 3 more" in page.stderr
    every = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl", "--all"])
    assert len(every.stdout.splitlines()) == PAGE + 3 and every.stderr == ""
