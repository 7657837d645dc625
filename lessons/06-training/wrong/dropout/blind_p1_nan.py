# expect: NaN
import numpy as np

def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    keep = rng.random(x.shape) >= p
    return x * keep / (1 - p)
