# expect: the output holds NaN
# mistake: no guard for p == 1: computes x * 0 / 0 giving NaN (and a warning) instead of zeros
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    keep = rng.random(x.shape) >= p
    with np.errstate(divide='ignore', invalid='ignore'):
        return x * keep / np.float64(1 - p)
