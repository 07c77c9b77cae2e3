"""The command line, end to end on the seeds with a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def _jsonl(db) -> list[dict]:
    result = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ingest_seeds_twice_changes_nothing(tmp_path, seeds_dir):
    db = tmp_path / "t.db"
    first = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "read 5 · new 5 · duplicates 0 · failed 0" in first.stdout
    before = _jsonl(db)
    second = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db)])
    assert "read 5 · new 0 · duplicates 5 · failed 0" in second.stdout
    assert _jsonl(db) == before
    assert [a["lang"] for a in before] == ["tr", "tr", "ar", "ar", "ar"]
    for record in before:
        assert {"id", "source", "lang", "title", "body", "published"} <= set(record)
        assert record["body"] and record["title"]


def test_bad_input_is_reported_and_the_rest_stored(tmp_path, seeds_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "in" / "broken.jsonl").write_text(
        '{"id": "x1", "title": "Talks", "text": "Talks resumed in Moscow on Monday."}\n{oops\n'
    )
    seed = next(seeds_dir.glob("001_*.txt"))
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), str(seed), "--db", str(db)])
    assert result.exit_code == 0
    assert "read 2 · new 2 · duplicates 0 · failed 3" in result.stdout
    assert f"{tmp_path / 'in' / 'empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'in' / 'image.txt'}: binary file, not text" in result.stderr
    assert f"{tmp_path / 'in' / 'broken.jsonl'}:2: malformed JSON" in result.stderr
    assert {a["id"] for a in _jsonl(db)} >= {"x1"}


def test_stdin_and_environment_database(tmp_path, seeds_dir, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("TIDINGS_DB", str(db))
    text = next(seeds_dir.glob("003_*.txt")).read_bytes()
    result = runner.invoke(app, ["ingest", "-"], input=text)
    assert result.exit_code == 0, result.output
    [record] = _jsonl(db)
    assert record["source"] == "<stdin>"
    assert record["title"] == "انتهاء مفاوضات موسكو حول ليبيا ليوم الاثنين"


def test_default_database_is_in_the_working_folder(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", str(next(seeds_dir.glob("000_*.txt")))])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tidings.db").is_file()
    table = runner.invoke(app, ["articles"])
    assert "Hafter milisleri" in table.stdout


def test_missing_path_fails_clearly(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_analysis_is_stored_and_shown(tmp_path, seeds_dir):
    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db)]).exit_code == 0
    records = {Path(r["source"]).name[:3]: r for r in _jsonl(db)}
    moscow_tr, moscow_ar = records["001"], records["003"]
    assert "country:LY" in {p["id"] for p in moscow_tr["places"]}
    shared = {e["key"] for e in moscow_tr["entities"]} & {e["key"] for e in moscow_ar["entities"]}
    assert len(shared) >= 2  # Lavrov, Haftar or Serrac/al-Sarraj in both languages
    assert {"key", "type", "name", "mentions"} <= set(moscow_tr["entities"][0])
    assert {"id", "name", "country", "mentions"} <= set(moscow_tr["places"][0])
    assert "01-08" in " ".join(d["date"] for d in moscow_tr["dates"])  # 8 Ocak'ta
    shown = runner.invoke(app, ["show", moscow_ar["id"], "--db", str(db)])
    assert shown.exit_code == 0
    assert "Libya" in shown.stdout and "Moscow" in shown.stdout
    missing = runner.invoke(app, ["show", "no-such-id", "--db", str(db)])
    assert missing.exit_code == 1 and "no article with id" in missing.stderr


def test_compare_stored_articles_and_files(tmp_path, seeds_dir):
    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db)]).exit_code == 0
    ids = {Path(r["source"]).name[:3]: r["id"] for r in _jsonl(db)}
    same = runner.invoke(app, ["compare", ids["001"], ids["003"], "--db", str(db), "--json"])
    assert same.exit_code == 0, same.output
    result = json.loads(same.stdout)
    assert set(result["scores"]) == {
        "Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"
    }  # fmt: skip
    assert all(1 <= v <= 4 for v in result["scores"].values())
    assert "hftr" in result["reasons"]["shared_entities"]  # Hafter / حفتر
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text(
        "Galatasaray derbide kazandı\nGalatasaray, Süper Lig'in 20. haftasında sahasında "
        "Fenerbahçe'yi 2-1 yendi ve liderliğini sürdürdü. Maçın ilk yarısı golsüz sona erdi.",
        encoding="utf-8",
    )
    other = runner.invoke(app, ["compare", ids["001"], str(unrelated), "--db", str(db), "--json"])
    assert other.exit_code == 0, other.output
    assert json.loads(other.stdout)["scores"]["Overall"] > result["scores"]["Overall"]
    table = runner.invoke(app, ["compare", ids["001"], ids["003"], "--db", str(db)])
    assert "Overall" in table.stdout and "shared entities" in table.stdout
    missing = runner.invoke(app, ["compare", ids["001"], "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no stored article with this id" in missing.stderr


def test_pairs_file(tmp_path, data_dir):
    lines = (data_dir / "sts22-train-pairs.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    pairs_file = tmp_path / "pairs.jsonl"
    pairs_file.write_text("\n".join([*lines, '{"title1": "only a title"}']) + "\n")
    out_file = tmp_path / "scores.jsonl"
    args = ["pairs", str(pairs_file), "--out", str(out_file), "--db", str(tmp_path / "t.db")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1  # one line failed…
    assert f"{pairs_file}:3: missing text1, title2, text2" in result.stderr
    scored = [json.loads(line) for line in out_file.read_text().splitlines()]  # …the rest is scored
    assert [s["pair_id"] for s in scored] == [json.loads(line)["pair_id"] for line in lines]
    assert all(set(s["scores"]) >= {"Overall", "Tone"} for s in scored)


def test_serve_is_a_command_with_loopback_default():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--port" in result.output


def test_stories_story_and_placed_articles(seeded_db):
    db = str(seeded_db)
    listed = runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    keys = {"id", "title", "languages", "article_ids", "event_ids", "first", "last"}
    assert stories and all(keys | {"entities", "places"} <= set(s) for s in stories)
    articles = _jsonl(seeded_db)
    assert all(a["event_id"] is not None and a["story_id"] is not None for a in articles)
    assert sorted(i for s in stories for i in s["article_ids"]) == sorted(a["id"] for a in articles)
    story = max(stories, key=lambda s: len(s["article_ids"]))
    shown = runner.invoke(app, ["story", str(story["id"]), "--db", db])
    assert shown.exit_code == 0, shown.output
    assert story["title"] in shown.stdout and "timeline" in shown.stdout
    assert all(f"event {e}" in shown.stdout for e in story["event_ids"])
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0 and str(story["id"]) in table.stdout


def test_story_that_does_not_exist(seeded_db):
    result = runner.invoke(app, ["story", "999", "--db", str(seeded_db)])
    assert result.exit_code == 1 and "no story" in result.output
