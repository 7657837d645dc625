# expect: inverted dropout divides by it
# mistake: scales kept elements by (1-p) instead of dividing by (1-p)
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    keep = rng.random(x.shape) >= p
    return x * keep * (1 - p)
