"""`tidings story ID [--format json]` and the corrections (move, split, merge, lock) on a
copy of the seeds' store (a real SQLite file placed by the bundled model)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


@pytest.fixture
def db(seeded_db, tmp_path) -> str:
    path = tmp_path / "seeds.db"
    shutil.copy(seeded_db, path)
    return str(path)


def _story(db: str, story_id: int) -> dict:
    result = runner.invoke(app, ["story", str(story_id), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["story", *args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_story_as_table_and_as_json_with_a_reason_for_each_article(db):
    table = _run(db, "1")
    assert "timeline" in table and "event 1" in table
    story = _story(db, 1)
    articles = [a for event in story["events"] for a in event["articles"]]
    assert len(articles) == 5 and story["locked"] is False and story["corrections"] == []
    assert {a["lang"] for a in articles} == {"tr", "ar"}
    joined = [a["reason"] for a in articles if a["reason"]["decision"] == "joined"]
    assert joined, "some seeds joined an event"
    for reason in joined:
        assert set(reason["scores"]) == {"Geography", "Entities", "Time", "Narrative",
                                         "Overall", "Style", "Tone"}  # fmt: skip
        assert reason["overall"] <= reason["threshold"] and reason["rule"]
        assert reason["member"] in {a["id"] for a in articles}
        assert "hftr" in reason["shared_entities"] and "country:LY" in reason["shared_places"]
    decisions = [a["reason"]["decision"] for a in articles]
    assert decisions.count("new-story") == 1  # the first seed opened the story
    for reason in (a["reason"] for a in articles if a["reason"]["decision"] == "new-event"):
        assert (
            reason["overall"] <= reason["story_threshold"] and "related story" in reason["summary"]
        )


def test_move_split_lock_merge(db):
    story = _story(db, 1)
    event = max(story["events"], key=lambda e: len(e["articles"]))
    one, two = (a["id"] for a in event["articles"][:2])
    out = _run(db, "move", one, "--new-story", "--by", "ayşe", "--note", "other talks")
    assert out.startswith("correction 1: moved") and "(other talks)" in out
    moved = _story(db, 2)
    assert [a["id"] for e in moved["events"] for a in e["articles"]] == [one]
    assert moved["corrections"][0]["who"] == "ayşe"
    assert _run(db, "split", str(event["id"]), two).startswith("correction 2: split")
    assert "locked story 2" in _run(db, "lock", "2")
    assert "merged story 2 into story 1" in _run(db, "merge", "2", "1")
    merged = _story(db, 2)  # the old id leads to the story it merged into
    assert merged["id"] == 1 and merged["merged"] == {"from": 2, "into": 1}
    assert merged["locked"] is True
    assert [c["kind"] for c in merged["corrections"]] == ["move", "split", "lock", "merge"]
    assert "was merged into story 1" in _run(db, "2")
    assert "unlocked story 1" in _run(db, "lock", "1", "--unlock")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["99"], 1, "no story with id 99"),
        (["99", "--format", "json"], 1, "no story with id 99"),
        (["move", "nope", "--new-story"], 1, "no placed article with id 'nope'"),
        (["move", "nope"], 2, "exactly one of"),
        (["split", "99", "x"], 1, "no event with id 99"),
        (["merge", "1", "1"], 2, "the same story"),
        (["lock", "99"], 1, "no story with id 99"),
    ],
)
def test_refused_corrections(db, args, code, message):
    result = runner.invoke(app, ["story", *args, "--db", db])
    assert result.exit_code == code, result.output
    assert message in result.stderr
