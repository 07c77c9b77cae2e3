"""Language identification with py3langid (97 languages, pure Python + numpy)."""

from __future__ import annotations

import dataclasses
from typing import Any

from tidings.analyze.scripts import script_of, scripts_of, written_in
from tidings.model import Article
from tidings.pipeline import StageBase

# py3langid labels some short Chinese texts as Wu; tidings reads them as Chinese.
_ALIASES = {"wuu": "zh"}


@dataclasses.dataclass(kw_only=True, eq=False)
class LanguageDetector(StageBase):
    """Stage `analyze.language.v1`: sets `lang` (ISO 639-1) from a text field.

    Runs on `field` ("text" before cleaning, "body" after it). A language the
    input already gives is kept unless `overwrite`. Texts shorter than
    `min_chars` letters get no language rather than a guess.
    """

    name = "analyze.language.v1"
    assigns = ("lang",)

    field: str = "text"
    overwrite: bool = False
    max_chars: int = 2000
    min_chars: int = 10
    # `field` above hides dataclasses.field inside this class body.
    _identifier: Any = dataclasses.field(default=None, init=False, repr=False)
    _scripts: dict[str, frozenset[str]] = dataclasses.field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.requires = (self.field,)

    def detect(self, text: str) -> str | None:
        sample = _story_sample(text, self.max_chars)
        if sum(ch.isalpha() for ch in sample) < self.min_chars:
            return None
        lang, _score = self._model().classify(sample)
        lang = _ALIASES.get(lang, lang)
        # The identifier names one of its languages for any text, even one in a
        # script none of them is written in: such a text gets no language.
        if lang not in self._scripts:
            self._scripts[lang] = scripts_of(lang)
        return lang if written_in(script_of(sample), self._scripts[lang]) else None

    def __call__(self, article: Article) -> Article:
        if article.lang and not self.overwrite:
            return article
        text = getattr(article, self.field) or article.text
        article.lang = self.detect(f"{article.title or ''}\n{text}") or article.lang
        return article

    def _model(self):
        # Loaded on first use: building the identifier takes about half a second.
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        return self._identifier


def _story_sample(text: str, max_chars: int) -> str:
    """The longest lines, up to `max_chars`: a story's paragraphs rather than the
    short menu and widget lines of another language that a scrape may open with."""
    lines = sorted((ln.strip() for ln in text.splitlines()), key=len, reverse=True)
    sample, size = [], 0
    for line in lines:
        if size >= max_chars or not line:
            break
        sample.append(line)
        size += len(line)
    return "\n".join(sample)[:max_chars]
