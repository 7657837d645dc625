# expect: probability of DROPPING
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    mask = rng.random(x.shape) < p
    return x * mask / (1 - p)
