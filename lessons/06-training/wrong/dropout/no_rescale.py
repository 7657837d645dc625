# expect: not rescaled
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    return x * (rng.random(x.shape) >= p)
