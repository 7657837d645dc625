# expect: non-inverted
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x * (1 - p)
    return x * (rng.random(x.shape) >= p) / (1 - p)
