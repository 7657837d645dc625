# expect: draw with the `rng` argument
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    local = np.random.default_rng(0)
    return x * (local.random(x.shape) >= p) / (1 - p)
