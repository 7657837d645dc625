import numpy as np

def dropout(x, p, rng, training=True):
    x = np.asarray(x)
    if not training or p == 0:
        return np.array(x, copy=True)
    mask = (rng.random(x.shape) < 1 - p).astype(x.dtype)
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * mask * scale
