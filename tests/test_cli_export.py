"""`--format table|jsonl|csv` on the reading commands, and the articles' filters, on the
seeds in a real SQLite file (undated: their days are unknown) and dated (--published)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory, seeds_dir) -> str:
    db = str(tmp_path_factory.mktemp("dated") / "dated.db")
    _run("ingest", str(seeds_dir), "--db", db, "--published", "2020-01-13", "-q")
    return db


def test_articles_as_csv_are_quoted_utf8_rows_with_their_story(seeded_db):
    rows = _csv(_run("articles", "--db", str(seeded_db), "--format", "csv"))
    records = [
        json.loads(line)
        for line in _run("articles", "--db", str(seeded_db), "--format", "jsonl").splitlines()
    ]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert list(rows[0]) == ["id", "lang", "published", "title", "source", "url", "event_id",
                             "story_id"]  # fmt: skip
    by_id = {r["id"]: r for r in records}
    for row in rows:
        assert row["title"] == by_id[row["id"]]["title"]  # commas, quotes, Arabic kept whole
        assert row["story_id"] == str(by_id[row["id"]]["story_id"])
        assert row["published"] == ""  # the seeds give no day: unknown, not invented
    assert {"ar", "tr"} <= {r["lang"] for r in rows}


def test_articles_take_the_stories_filters(dated_db):
    def ids(*args: str) -> set[str]:
        text = _run("articles", "--db", dated_db, "--format", "csv", *args)
        return {r["id"] for r in _csv(text)}

    everything = ids()
    assert ids("--since", "2020-01-13", "--until", "2020-01-13") == everything
    assert ids("--since", "2020-01-14") == set()
    assert ids("--place", "LY") == everything  # every seed is about Libya
    america = ids("--place", "US")
    assert america and america < everything
    haftar = ids("--entity", "hftr")
    assert haftar and haftar <= everything
    shown = [json.loads(line) for line in _run("articles", "--db", dated_db, "--format",
                                               "jsonl", "--entity", "hftr").splitlines()]  # fmt: skip
    assert all("hftr" in {e["key"] for e in a["entities"]} for a in shown)
    bad = runner.invoke(app, ["articles", "--db", dated_db, "--since", "2020-02-01",
                              "--until", "2020-01-01"])  # fmt: skip
    assert bad.exit_code == 2 and "--since" in bad.output


def test_stories_rows_carry_days_languages_sizes_entities_places(seeded_db, dated_db):
    undated = _csv(_run("stories", "--db", str(seeded_db), "--format", "csv"))
    assert undated and all(r["first"] == "" and r["last"] == "" for r in undated)
    rows = _csv(_run("stories", "--db", dated_db, "--format", "csv"))
    big = max(rows, key=lambda r: int(r["size"]))
    assert big["first"] == big["last"] == "2020-01-13" and big["span_days"] == "0"
    assert "ar:" in big["languages"] and "tr:" in big["languages"]
    assert "[hftr]" in big["entities"] and "[country:LY]" in big["places"]
    lines = _run("stories", "--db", dated_db, "--format", "jsonl").splitlines()
    record = next(json.loads(x) for x in lines if json.loads(x)["id"] == int(big["id"]))
    assert len(record["articles"]) == record["size"] == int(big["size"])
    assert all(a["title"] and a["published"].startswith("2020-01-13") for a in record["articles"])


def test_story_show_and_compare_export(seeded_db):
    db = str(seeded_db)
    stories = _csv(_run("stories", "--db", db, "--format", "csv"))
    story = max(stories, key=lambda r: int(r["size"]))
    members = _csv(_run("story", story["id"], "--db", db, "--format", "csv"))
    assert len(members) == int(story["size"])
    assert {m["story_id"] for m in members} == {story["id"]}
    lines = _run("story", story["id"], "--db", db, "--format", "jsonl").splitlines()
    assert [json.loads(x)["id"] for x in lines] == [m["id"] for m in members]
    first, second = members[0]["id"], members[1]["id"]
    [shown] = _csv(_run("show", first, "--db", db, "--format", "csv"))
    record = json.loads(_run("show", first, "--db", db, "--format", "jsonl"))
    assert shown["id"] == record["id"] == first and shown["body"] == record["body"]
    assert all(f"[{e['key']}]" in shown["entities"] for e in record["entities"])
    [scores] = _csv(_run("compare", first, second, "--db", db, "--format", "csv"))
    compared = json.loads(_run("compare", first, second, "--db", db, "--format", "jsonl"))
    assert (scores["a"], scores["b"]) == (first, second)
    assert {k: float(v) for k, v in scores.items() if k not in "ab"} == pytest.approx(
        compared["scores"]
    )
