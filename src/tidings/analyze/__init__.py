"""Analysis stages: what an article is in and about."""

from tidings.analyze.language import LanguageDetector

__all__ = ["LanguageDetector"]
