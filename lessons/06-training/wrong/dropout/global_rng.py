# expect: draw with the `rng` argument
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    return x * (np.random.rand(*x.shape) >= p) / (1 - p)
