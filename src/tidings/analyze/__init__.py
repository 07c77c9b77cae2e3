"""Analysis stages: what an article is in and about: language, places,
people and organisations, dates."""

from tidings.analyze.dates import DateFinder
from tidings.analyze.entities import EntityFinder
from tidings.analyze.language import LanguageDetector
from tidings.analyze.places import PlaceFinder

__all__ = ["DateFinder", "EntityFinder", "LanguageDetector", "PlaceFinder"]
