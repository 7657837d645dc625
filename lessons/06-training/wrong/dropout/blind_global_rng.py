# expect: draw with the `rng` argument
# mistake: draws the mask from the global np.random instead of the Generator rng
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    keep = np.random.rand(*x.shape) >= p
    return x * keep / (1 - p)
