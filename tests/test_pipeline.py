"""Pipeline checks, the stage registry and the exported API."""

from __future__ import annotations

import pytest

import tidings
from tidings.analyze.language import LanguageDetector
from tidings.ingest.clean import TextCleaner
from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineError, StageBase
from tidings.registry import default_registry


def test_chain_is_checked_when_built():
    with pytest.raises(PipelineError, match="requires \\['lang'\\]"):
        Pipeline([TextCleaner()])
    Pipeline([LanguageDetector(), TextCleaner()])


def test_stage_returning_something_else_is_caught():
    class Broken(StageBase):
        name = "test.broken.v1"

        def __call__(self, article):
            return article.body

    article = Article(id="a", source="s", raw="x", text="x")
    with pytest.raises(PipelineError, match="returned str"):
        Pipeline([Broken()])(article)


def test_registry_snapshot():
    assert default_registry().names() == [
        "analyze.dates.v1",
        "analyze.entities.v1",
        "analyze.language.v1",
        "analyze.places.v1",
        "ingest.clean_text.v1",
    ]
    stage = default_registry().create("ingest.clean_text.v1", length_low=50)
    assert isinstance(stage, TextCleaner) and stage.length_low == 50


def test_exported_api():
    assert sorted(tidings.__all__) == ["Article", "Settings", "Tidings", "compare", "open"]
    assert callable(tidings.compare)


def test_python_api_on_a_real_file(tmp_path, seeds_dir):
    with tidings.open(str(tmp_path / "api.db")) as app:
        report = app.ingest([str(seeds_dir)])
        assert (report.read, report.new, report.failed) == (5, 5, 0)
        first = next(app.articles())
        assert app.article(first.id) == first
        assert [a.lang for a in app.articles(lang="ar")] == ["ar", "ar", "ar"]
