"""The bad-input corpus in one ingest run, through the `Tidings` facade into a
real SQLite file: each input gives the right article or a failure naming the
file (and line), nothing ends the run, and everything valid is stored."""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

import tidings
from tests.conftest import seed_file
from tests.ingest.bad_corpus import (
    ARABIC_TITLE,
    ENGLISH_TITLE,
    EXPECTED,
    INUKTITUT,
    TURKISH_TITLE,
    write_corpus,
)
from tidings.ingest.errors import ReadFailure
from tidings.ingest.runner import MAX_ARTICLE_CHARS, read_input
from tidings.ingest.sources import Input
from tidings.model import Article

# A hang guard, not a speed target: the run loads the gazetteer and the model
# (about 15 s here); an input that blew up would take minutes.
RUN_BOUND_S = 120
FAILING = [name for name, case in EXPECTED.items() if case.failures]
STORED = [name for name, case in EXPECTED.items() if case.stored]


@dataclass
class Run:
    folder: Path
    failures: list[ReadFailure]
    stored: list[Article]
    seconds: float

    def failures_of(self, name: str) -> list[ReadFailure]:
        return [f for f in self.failures if f.source == str(self.folder / name)]

    def stored_from(self, name: str) -> list[Article]:
        path = str(self.folder / name)
        return [a for a in self.stored if a.source == path or a.source.startswith(f"{path}:")]


@pytest.fixture(scope="module")
def run(tmp_path_factory, seeds_dir) -> Run:
    root = tmp_path_factory.mktemp("bad-inputs")
    write_corpus(root / "in")
    started = time.monotonic()
    with tidings.open(str(root / "t.db")) as app:
        report = app.ingest([str(root / "in"), str(seed_file("001"))])
    seconds = time.monotonic() - started
    with tidings.open(str(root / "t.db")) as app:  # what the file holds, read afresh
        stored = list(app.articles())
    return Run(root / "in", report.failures, stored, seconds)


@pytest.mark.parametrize("name", FAILING)
def test_failures_name_the_file_the_line_and_the_problem(run, name):
    expected = EXPECTED[name].failures
    failures = sorted(run.failures_of(name), key=lambda f: f.line or 0)
    assert len(failures) == len(expected), [str(f) for f in failures]
    for failure, (line, words) in zip(failures, expected, strict=True):
        assert failure.line == line and words in failure.reason, str(failure)
        where = f"{run.folder / name}:{line}" if line else str(run.folder / name)
        assert str(failure).startswith(f"{where}: ")


@pytest.mark.parametrize("name", STORED)
def test_valid_inputs_of_the_same_run_are_stored_with_their_text(run, name):
    articles = run.stored_from(name)
    assert len(articles) == len(EXPECTED[name].stored), [a.source for a in articles]
    for text, article in zip(
        EXPECTED[name].stored, sorted(articles, key=lambda a: a.source), strict=True
    ):
        assert text in f"{article.title}\n{article.body}", (article.title, article.body)


@pytest.mark.parametrize(
    ("name", "lang", "title"),
    [
        ("cp1254-turkish.txt", "tr", TURKISH_TITLE),
        ("cp1256-arabic.txt", "ar", ARABIC_TITLE),
        ("utf16-bom.txt", "tr", TURKISH_TITLE),
        ("utf16le-arabic.txt", "ar", ARABIC_TITLE),
        ("utf16be-english.txt", "en", ENGLISH_TITLE),
        ("malformed.html", "en", ENGLISH_TITLE),
    ],
)
def test_legacy_and_utf16_text_decodes_to_the_article(run, name, lang, title):
    [article] = run.stored_from(name)
    assert (article.lang, article.title) == (lang, title)
    assert "\ufffd" not in article.text


def test_odd_articles_are_stored_as_what_they_are(run):
    [inuktitut] = run.stored_from("inuktitut.txt")
    # No language py3langid knows is written in syllabics: no language, not a guess.
    assert inuktitut.lang is None and inuktitut.body == INUKTITUT
    [brief] = run.stored_from("three-words.txt")
    assert (brief.title, brief.body) == ("Talks resumed today.", "")


def test_the_run_ends_with_nothing_unaccounted_for(run, seeds_dir):
    expected_failures = sum(len(case.failures) for case in EXPECTED.values())
    assert len(run.failures) == expected_failures, [str(f) for f in run.failures]
    seed = str(seed_file("001"))
    assert [a.source for a in run.stored if a.source == seed] == [seed]
    assert len(run.stored) == sum(len(case.stored) for case in EXPECTED.values()) + 1
    assert run.seconds < RUN_BOUND_S


def test_a_huge_input_is_refused_in_bounded_memory(tmp_path):
    write_corpus(tmp_path)
    path = tmp_path / "huge.txt"
    tracemalloc.start()
    try:
        [failure] = read_input(Input(name=str(path), path=path), max_bytes=2**30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"over the limit of {MAX_ARTICLE_CHARS:,}" in failure.reason
    # The bytes and their text, nothing more: no copy, split or hash of it.
    assert peak < 2.2 * path.stat().st_size
