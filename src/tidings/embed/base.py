"""The embedder interface, and the stage that gives each article its vectors.

An `Embedder` maps texts to unit vectors; any model can stand behind it
(the bundled multilingual USE, a sentence-transformers model from the local
cache). `ArticleEmbedder` computes the views an article is compared by once,
in batches, and keeps them in `Article.embeddings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from tidings.model import Article
from tidings.pipeline import StageBase, batches

# Characters of the body that make its lead: about the first paragraph or two.
LEAD_CHARS = 600


@runtime_checkable
class Embedder(Protocol):
    name: str  # registered name and version, stored with the vectors
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An array (len(texts), dimension) of float32 unit vectors."""


def views_of(article: Article, body_chars: int) -> dict[str, str]:
    """The texts an article is embedded by: headline, lead, and body."""
    body = article.body or article.text
    title = article.title or body[:200]
    return {"title": title, "lead": body[:LEAD_CHARS], "body": body[:body_chars]}


def unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


class ArticleEmbedder(StageBase):
    """Stage `embed.views.v1`: `embeddings` = {"title", "lead", "body"} -> unit vector.

    `body_chars` bounds the text of the body view: the model's cost grows with
    length, and a story's gist is in its first few thousand characters.
    """

    name = "embed.views.v1"
    requires = ("title", "body")
    assigns = ("embeddings", "extras")  # extras["embedder"]: the model's name

    def __init__(self, embedder: Embedder, *, body_chars: int = 2000):
        self.embedder = embedder
        self.body_chars = body_chars

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        for batch in batches(articles, batch_size):
            yield from self._embed(batch)

    def _embed(self, batch: list[Article]) -> Iterator[Article]:
        views = [views_of(a, self.body_chars) for a in batch]
        names = list(views[0])
        texts = [v[name] for v in views for name in names]
        vectors = self.embedder.embed(texts).reshape(len(batch), len(names), -1)
        for article, article_vectors in zip(batch, vectors, strict=True):
            article.embeddings = dict(zip(names, article_vectors, strict=True))
            article.extras["embedder"] = self.embedder.name
            yield article
