# expect: p is the probability of DROPPING
# mistake: mask rng.random < p keeps each element with probability p instead of dropping it with probability p
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) < p
    return x * keep / (1 - p)
