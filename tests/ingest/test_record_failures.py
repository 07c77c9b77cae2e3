"""Through the facade into a real SQLite file (issue 13: D3, D8, D14, the table
without a text column): one bad record fails alone and named, the rest of its
batch and later files are stored, an updated article under a stored id is a
named conflict, and a million failures are summarised, not printed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import tidings
from tidings.cli import app as cli

pytestmark = pytest.mark.slow  # the real bundled model

TEXTS = [
    "The foreign ministers of both countries met in the capital on Monday to discuss the ceasefire.",
    "Heavy rain flooded the lower town overnight and the river rose above its banks by morning.",
    "The central bank raised its interest rate by half a point, citing prices that keep rising.",
    "The national team won the final after extra time in front of a full stadium on Sunday.",
]


def _jsonl(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("field", ["id", "url", "source", "lang", "label"])
def test_a_surrogate_fails_one_record_and_the_rest_is_stored(tmp_path, field):
    first = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a1", "text": TEXTS[0]},
            {"id": "a2", "text": TEXTS[1], field: "x\udc00"},
            {"id": "a3", "text": TEXTS[2]},
        ],
    )
    later = _jsonl(tmp_path / "b.jsonl", [{"id": "b1", "text": TEXTS[3]}])
    db = str(tmp_path / "t.db")
    with tidings.open(db) as app:
        report = app.ingest([first, later])
        again = app.ingest([first, later])
        stored = sorted(a.id for a in app.articles())
    expected = ["a1", "a3", "b1"] if field != "lang" else ["a1", "a2", "a3", "b1"]
    assert stored == expected
    if field != "lang":
        assert [str(f).split(": field")[0] for f in report.failures] == [f"{first}:2"]
    assert again.new == 0 and [str(f) for f in again.failures] == [str(f) for f in report.failures]


def test_same_id_other_content_is_a_named_conflict_within_a_file_and_across_runs(tmp_path):
    path = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "x", "title": "Talks resume", "text": TEXTS[0]},
            {"id": "x", "title": "Talks resume", "text": TEXTS[0]},  # the same: a duplicate
            {"id": "x", "title": "Talks collapse", "text": TEXTS[1]},
        ],
    )
    update = _jsonl(tmp_path / "b.jsonl", [{"id": "x", "title": "Talks end", "text": TEXTS[2]}])
    with tidings.open(str(tmp_path / "t.db")) as app:
        first = app.ingest([path])
        second = app.ingest([update])
        stored = app.article("x")
    assert (first.new, first.duplicates, second.new) == (1, 1, 0)
    [within] = [str(f) for f in first.failures]
    [across] = [str(f) for f in second.failures]
    assert within.startswith(f"{path}:3: id conflict: id 'x' was read earlier")
    assert across.startswith(f"{update}:1: id conflict: id 'x' is already stored")
    assert stored.title == "Talks resume"


def test_a_million_failures_are_summarised_and_listed_in_full_on_request(tmp_path):
    lines = [json.dumps({"id": f"e{n}", "text": ""}) for n in range(5000)]
    lines += ["{not json"] * 30
    path = tmp_path / "empty.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    listing = tmp_path / "failures.txt"
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--db", str(tmp_path / "t.db"), "--failures", str(listing)]
    )
    assert result.exit_code == 1
    shown = result.stderr.splitlines() if hasattr(result, "stderr") else result.output.splitlines()
    assert len(shown) < 40
    assert any("5,000  record has no text" in line for line in shown)
    assert any("30  malformed JSON" in line for line in shown)
    written = listing.read_text(encoding="utf-8").splitlines()
    assert (
        len(written) == 5030
        and written[0]
        == f"failed: {path}:1: record has no text (fields text, body, content missing or empty)"
    )


def test_the_20min_table_ingests_as_28_articles_once_its_fields_are_named(tmp_path, data_dir):
    table, db = str(data_dir / "20min-xd-de-fr-pairs.tsv"), str(tmp_path / "t.db")
    refused = CliRunner().invoke(cli, ["ingest", table, "--db", db])
    assert refused.exit_code == 1 and "--text-field" in refused.output
    options = []
    for lang in ("de", "fr"):
        for option, column in (("text", "content"), ("title", "head"), ("id", "id"),
                               ("date", "pubtime"), ("lang", "language")):  # fmt: skip
            options += [f"--{option}-field", f"{column}_{lang}"]
    result = CliRunner().invoke(cli, ["ingest", table, "--db", db, *options])
    assert result.exit_code == 0, result.output
    assert "new 28" in result.output and "failed 0" in result.output
    with tidings.open(db) as app:
        articles = list(app.articles())
    assert sorted({a.lang for a in articles}) == ["de", "fr"]
    assert all(a.published is not None for a in articles)
    assert max(len(a.raw) for a in articles) < 20_000
