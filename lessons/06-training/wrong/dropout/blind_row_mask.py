# expect: whole rows or columns were dropped
# mistake: one mask value per row (broadcast over features) instead of independent per element
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random((x.shape[0],) + (1,) * (x.ndim - 1)) >= p
    return x * keep / (1 - p)
