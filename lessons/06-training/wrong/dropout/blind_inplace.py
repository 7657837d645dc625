# expect: modified an array you passed in
# mistake: zeroes and rescales x in place and returns x (modifies the caller's array)
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x
    if p == 1:
        x[...] = 0
        return x
    keep = rng.random(x.shape) >= p
    x *= keep
    x /= (1 - p)
    return x
