# variant: fills an output with zeros and writes the kept, rescaled elements by boolean indexing
import numpy as np


def dropout(x, p, rng, training=True):
    out = np.array(x, copy=True)
    if not training or p == 0:
        return out
    out[...] = 0
    if p == 1:
        return out
    keep = rng.random(x.shape) >= p
    out[keep] = x[keep] / (1.0 - p)
    return out
