"""The embedder interface, and the stage that gives each article its vectors.

An `Embedder` maps texts to unit vectors; any model can stand behind it
(the bundled multilingual USE, a sentence-transformers model from the local
cache). `ArticleEmbedder` computes the views an article is compared by once,
in batches, and keeps them in `Article.embeddings`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Protocol, runtime_checkable

import numpy as np

from tidings.model import Article
from tidings.pipeline import StageBase, batches

# Characters of the body that make its lead: about the first paragraph.
LEAD_CHARS = 400
VIEWS = ("title", "lead", "body")


@runtime_checkable
class Embedder(Protocol):
    name: str  # registered name and version, stored with the vectors
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An array (len(texts), dimension) of float32 unit vectors."""


def view_texts(
    article: Article,
    *,
    title_chars: int = 200,
    lead_chars: int = LEAD_CHARS,
    body_chars: int = 1000,
) -> tuple[str, str, str]:
    """What an article is embedded by: its headline, its lead, and the rest of
    the start of its body (the body view is made of the last two)."""
    body = article.body or article.text
    title = article.title or body
    return title[:title_chars], body[:lead_chars], body[lead_chars:body_chars]


def unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def optional_module(module: str, package: str, install: str) -> ModuleType:
    """The module an optional embedder runs on, imported when first used; if it is
    missing, an ImportError that says what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f"this embedder needs {package}: pip install {install}") from error


class ArticleEmbedder(StageBase):
    """Stage `embed.views.v2`: `embeddings` = {"title", "lead", "body"} -> unit vector.

    The views are bounded in characters: the model's cost grows with length,
    and a story's gist is in its first paragraphs (a body view of 1,000
    characters scores the SemEval pairs as well as one of 2,000). The body
    view is not embedded on its own: it is the length-weighted mean of the
    lead's vector and that of the text after the lead, so no character is
    embedded twice. The pair scorer is trained on these views: change them
    and retrain it.
    """

    name = "embed.views.v2"
    requires = ("title", "body")
    assigns = ("embeddings", "extras")  # extras["embedder"]: the model's name

    def __init__(
        self,
        embedder: Embedder,
        *,
        title_chars: int = 200,
        lead_chars: int = LEAD_CHARS,
        body_chars: int = 1000,
    ):
        self.embedder = embedder
        self.title_chars = title_chars
        self.lead_chars = lead_chars
        self.body_chars = body_chars

    def setup(self) -> None:
        """Load the model now (it loads on first use otherwise)."""
        self.embedder.embed(["warm-up"])

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        # Not overlapped with the analysis in a thread: tried, and the model's
        # Python loops hold the GIL (one core busy, no faster).
        for batch in batches(articles, batch_size):
            yield from self._assign(batch, self._vectors(batch))

    def _vectors(self, batch: list[Article]) -> np.ndarray:
        """(len(batch), 3, dimension): title, lead and body vectors."""
        parts = [
            view_texts(
                a,
                title_chars=self.title_chars,
                lead_chars=self.lead_chars,
                body_chars=self.body_chars,
            )
            for a in batch
        ]
        vectors = self.embedder.embed([t for p in parts for t in p])
        vectors = vectors.reshape(len(batch), 3, -1)
        weights = np.array([[len(lead), len(rest)] for _, lead, rest in parts], dtype=np.float32)
        body = np.einsum("ab,abd->ad", weights, vectors[:, 1:])
        empty = weights.sum(axis=1) == 0  # no body: the lead's vector (of nothing) stands in
        body[empty] = vectors[empty, 1]
        return np.stack([vectors[:, 0], vectors[:, 1], unit(body)], axis=1)

    def _assign(self, batch: list[Article], vectors: np.ndarray) -> Iterator[Article]:
        for article, article_vectors in zip(batch, vectors, strict=True):
            article.embeddings = dict(zip(VIEWS, article_vectors, strict=True))
            article.extras["embedder"] = self.embedder.name
            yield article
