"""A float64 mask already divided by the keep probability (cs231n style)."""
import numpy as np


def dropout(x, p, rng, training=True):
    if training:
        q = 1.0 - p
        if q == 0:
            return x * 0.0
        mask = (rng.uniform(size=x.shape) < q) / q
        return x * mask
    return x + 0
