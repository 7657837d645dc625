"""Reference solution: inverted dropout."""

import numpy as np


def dropout(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    if not training or p == 0.0:
        return x.copy()
    if p >= 1.0:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return x * keep / (1.0 - p)
