# expect: with p = 1 your dropout returned x unchanged
# mistake: wrong guard for p == 1: returns x unchanged (nothing dropped) instead of all zeros
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return x.copy()
    keep = rng.random(x.shape) >= p
    return x * keep / (1 - p)
