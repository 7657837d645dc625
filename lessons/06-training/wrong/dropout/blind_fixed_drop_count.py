# expect: FIXED count
import numpy as np

def dropout(x, p, rng, training=True):
    if not training:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    flat = np.ones(x.size)
    flat[rng.permutation(x.size)[: int(round(p * x.size))]] = 0
    return x * flat.reshape(x.shape) / (1 - p)
