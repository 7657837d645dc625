# expect: you drop a FIXED count
# mistake: drops exactly round(p*n) elements chosen by permutation instead of each independently with probability p
import numpy as np


def dropout(x, p, rng, training=True):
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    n = x.size
    k = int(round(p * n))
    idx = rng.permutation(n)[:k]
    flat = (x / (1 - p)).ravel().copy()
    flat[idx] = 0
    return flat.reshape(x.shape)
