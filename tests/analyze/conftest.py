"""Fixtures of the analysis tests: one place finder (its gazetteer takes a few seconds)."""

from __future__ import annotations

import pytest

from tidings.analyze.gazetteer_cache import load_gazetteer
from tidings.analyze.places import PlaceFinder


@pytest.fixture(scope="session")
def finder() -> PlaceFinder:
    return PlaceFinder(gazetteer=load_gazetteer(15000))
