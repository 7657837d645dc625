# expect: divided by p
import numpy as np

def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return x * keep / p
