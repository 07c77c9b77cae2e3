"""The gazetteer cached on disk is the one built, and a bad cache only costs a build."""

from __future__ import annotations

import pytest

from tidings.analyze.gazetteer_cache import load_gazetteer

pytestmark = pytest.mark.slow  # builds the gazetteer (about 4 s) twice


def test_cached_gazetteer_is_the_built_one(tmp_path):
    built = load_gazetteer(15000, cache_dir=tmp_path)
    (cached_file,) = tmp_path.glob("gazetteer-*.pickle")
    loaded = load_gazetteer(15000, cache_dir=tmp_path)
    assert loaded is not built
    assert loaded.names == built.names and loaded.entries == built.entries
    assert loaded.fold == built.fold and loaded.whole == built.whole

    cached_file.write_bytes(b"not a pickle")
    rebuilt = load_gazetteer(15000, cache_dir=tmp_path)
    assert rebuilt.names == built.names
    assert cached_file.read_bytes() != b"not a pickle"  # written again


def test_unwritable_cache_still_gives_the_gazetteer(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    gazetteer = load_gazetteer(15000, cache_dir=blocked / "cache")
    assert gazetteer.names
