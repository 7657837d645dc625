# expect: the kept elements are not rescaled
# mistake: scale computed with floor division 1 // (1 - p): right for p=0.5, but 1.0 for p=0.1 (no rescale)
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return x * keep * (1 // (1 - p))
