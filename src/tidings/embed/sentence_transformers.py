"""Any sentence-transformers model the user has in the local cache.

No model is downloaded at run time: the model is loaded with
`local_files_only=True`, so a name that is not cached fails at once with
sentence-transformers' own message. Install with `pip install
sentence-transformers` (not a dependency of tidings).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tidings.embed.base import optional_module, unit


class SentenceTransformerEmbedder:
    """`embed.sentence_transformers.v1` over a named model, e.g.
    "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"."""

    def __init__(self, model_name: str, *, batch_size: int = 32, device: str | None = None):
        self.model_name = model_name
        self.batch_size = batch_size
        self.device = device
        self.model_ = None

    @property
    def name(self) -> str:
        return f"embed.sentence_transformers.v1:{self.model_name}"

    @property
    def dimension(self) -> int:
        return int(self._model().get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model().encode(list(texts), batch_size=self.batch_size)
        return unit(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    def _model(self):
        if self.model_ is None:
            library = optional_module(
                "sentence_transformers", "sentence-transformers", "sentence-transformers"
            )
            self.model_ = library.SentenceTransformer(
                self.model_name, device=self.device, local_files_only=True
            )
        return self.model_
