"""Bernoulli keep-mask from rng.binomial; np.where; float mask."""
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return np.array(x, copy=True)
    if p >= 1:
        return np.zeros_like(x)
    keep = rng.binomial(1, 1 - p, size=x.shape).astype(bool)
    return np.where(keep, x / (1 - p), 0.0)
