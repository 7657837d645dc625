# expect: modified an array
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x
    if p == 1:
        x[...] = 0
        return x
    x *= (rng.random(x.shape) >= p) / (1 - p)
    return x
