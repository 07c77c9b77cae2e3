"""pgvector values as numpy, for the PostgreSQL store's modules."""

from __future__ import annotations

from typing import Any

import numpy as np


def as_array(vector: Any) -> np.ndarray:
    """A pgvector value (its `Vector` type, or numpy) as float32 numpy."""
    values = vector.to_numpy() if hasattr(vector, "to_numpy") else vector
    return np.asarray(values, dtype=np.float32)
