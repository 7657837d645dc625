# variant: np.where on a drop mask, scale computed once, p==1 handled by the mask (no division)
import numpy as np


def dropout(x, p, rng, training=True):
    x = np.asarray(x)
    if not training:
        return np.array(x, copy=True)
    u = rng.random(x.shape)
    drop = u < p
    if p >= 1:
        return np.zeros_like(x)
    scale = 1.0 / (1.0 - p)
    return np.where(drop, np.zeros_like(x), x * scale).astype(x.dtype, copy=False)
