"""The models a store's facades share (`tidings.loaded.Loaded`): the writer's and each
reader's, one set loaded once."""

from __future__ import annotations

from tidings.app import Tidings
from tidings.config import Settings
from tidings.ingest.clean import MemoryLineCounts, TextCleaner


def test_readers_share_the_writers_models_and_pipelines(tmp_path):
    with Tidings.open(settings=Settings(db=str(tmp_path / "t.db"))) as app:
        reader = app.reader()
        try:
            assert reader.store is not app.store  # a connection of its own
            assert reader.loaded is app.loaded and reader.pipeline is app.pipeline
            assert reader.loaded.scorer() is app.loaded.scorer()
            side = reader.loaded.side_pipeline()
            assert side is app.loaded.side_pipeline()
            # The same stage objects (one gazetteer, one model) but the cleaner, whose
            # counts are its own, not the store's.
            assert side.names == app.pipeline.names
            same = [a is b for a, b in zip(side.stages, app.pipeline.stages, strict=True)]
            assert same == [name != TextCleaner.name for name in side.names]
            cleaner = side.stage(TextCleaner.name)
            assert isinstance(cleaner.repeated.counts, MemoryLineCounts)
        finally:
            reader.close()
