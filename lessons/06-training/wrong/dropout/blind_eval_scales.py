# expect: in eval mode you scaled by
# mistake: original-paper style at eval: returns x * (1 - p) when training is False (on top of inverted training scaling)
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x * (1 - p)
    if p == 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    return x * keep / (1 - p)
