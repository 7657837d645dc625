# expect: the kept elements are not rescaled
# mistake: drops but forgets to scale the kept elements by 1/(1-p) (expected value shrinks)
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    keep = rng.random(x.shape) >= p
    return x * keep
