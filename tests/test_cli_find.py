"""Finding by what a person types, on the command line, on a store of the seeds only:
names in any script, places in any language, search words (issue 17, item 1)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()
LIBYA_TITLES = ("ليبيا", "Libya")  # the seeds' one story is about the Libya talks


def _stories(db, *args: str) -> list[dict]:
    result = runner.invoke(app, ["stories", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    "args",
    [["--q", "Haftar"], ["--entity", "Khalifa Haftar"], ["--place", "Libya"],
     ["--entity", "Хафтар"], ["--place", "ليبيا"], ["--place", "Libya'daki"]],
)  # fmt: skip
def test_stories_by_name_list_the_libya_story(seeded_db, args):
    found = _stories(seeded_db, *args)
    assert len(found) == 1 and found[0]["size"] == 5
    assert any(word in found[0]["title"] for word in LIBYA_TITLES)


def test_unknown_names_are_an_error_not_an_empty_table(seeded_db):
    for option, name in (("--entity", "Zzyzx Qwerty"), ("--place", "Atlantis")):
        result = runner.invoke(app, ["stories", "--db", str(seeded_db), option, name])
        assert result.exit_code == 2
        assert f"known as '{name}'" in result.output


def _articles(db, *args: str) -> dict[str, str]:
    result = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {r["id"]: r["lang"] for r in rows}


def test_articles_q_finds_a_name_in_every_script(seeded_db):
    # Typed in Latin without Turkish letters, in Cyrillic: found in Turkish and Arabic.
    for typed in ("cavusoglu", "Хафтар"):
        assert set(_articles(seeded_db, "--q", typed).values()) == {"tr", "ar"}, typed
    # A word that is no name is found as written only.
    assert set(_articles(seeded_db, "--q", "buluşması").values()) == {"tr"}


def test_articles_q_takes_short_words(seeded_db):
    result = runner.invoke(app, ["articles", "--db", str(seeded_db), "--q", "ve"])
    assert result.exit_code == 0 and "3 characters" not in result.output
    assert set(_articles(seeded_db, "--q", "ve").values()) == {"tr"}  # Turkish "and"


def test_display_lang_shows_the_title_in_that_language(seeded_db):
    turkish = runner.invoke(app, ["stories", "--db", str(seeded_db), "--display-lang", "tr"])
    arabic = runner.invoke(app, ["stories", "--db", str(seeded_db), "--display-lang", "ar"])
    assert "Libya" in turkish.stdout and "ليبيا" not in turkish.stdout
    assert "ليبيا" in arabic.stdout


def test_display_lang_must_be_a_language_code(seeded_db):
    result = runner.invoke(app, ["stories", "--db", str(seeded_db), "--display-lang", "Turkish"])
    words = " ".join(result.output.replace("│", " ").split())  # click's box wraps lines
    assert result.exit_code == 2 and "'Turkish' is not a language code" in words
