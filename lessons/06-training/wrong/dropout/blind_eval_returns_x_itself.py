# expect: returned x itself
import numpy as np

def dropout(x, p, rng, training=True):
    if not training:
        return x
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return x * keep / (1 - p)
