"""Reference solution: softmax."""

import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Probabilities over the last axis of `x` (any leading shape), finite for huge logits."""
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
