"""Which ingestor `Tidings` builds for each `engine` (none is run here: test_parallel and
test_ray_engine show that each one ends with the store the in-process ingest makes)."""

from __future__ import annotations

import os

import pytest

from tidings.app import Tidings
from tidings.config import Settings
from tidings.ingest import parallel
from tidings.ingest.engines import IngestRun, choose_ingestor
from tidings.ingest.parallel import ParallelIngestor
from tidings.ingest.ray_engine import RayIngestor
from tidings.ingest.runner import Ingestor
from tidings.ingest.sources import expand
from tidings.pipeline import Pipeline


@pytest.fixture
def app(tmp_path):
    settings = Settings(db=str(tmp_path / "t.db"), workers=2, api_token="secret")
    with Tidings.open(settings=settings) as app:
        yield app


def build(app, inputs, engine=None, *, address=None, workers=None):
    run = IngestRun(engine, address, workers)
    return choose_ingestor(app.target, app.tracker().update, inputs, run)


def test_engines(app, seeds_dir, monkeypatch):
    small = expand([str(seeds_dir)])
    assert type(build(app, small)) is Ingestor  # auto: small input, in process
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    cores = os.cpu_count() or 1
    auto = build(app, small)  # the workers setting, no more than the cores
    assert type(auto) is (ParallelIngestor if cores > 1 else Ingestor)
    processes = build(app, small, "process", workers=cores + 3)
    assert type(processes) is ParallelIngestor and processes.workers == cores
    sent = processes.build_pipeline.args[0]  # what the workers build their pipeline from
    assert (sent.db, sent.api_token, sent.embed_threads) == ("", "", 1)  # nothing secret
    assert sent.stages == app.settings.stages
    assert type(build(app, small, "inline")) is Ingestor
    ray = build(app, small, "ray", address="auto", workers=5)
    assert type(ray) is RayIngestor and (ray.workers, ray.address) == (5, "auto")  # a cluster
    with pytest.raises(ValueError, match="unknown engine"):
        build(app, small, "spark")


def test_workers_need_the_default_pipeline(app, seeds_dir):
    custom = Tidings(app.store, app.settings, Pipeline(app.pipeline.stages))
    with pytest.raises(ValueError, match="default pipeline"):
        build(custom, expand([str(seeds_dir)]), "process")
