# expect: training=False
import numpy as np


def dropout(x, p, rng, training=True):
    return x * (rng.random(x.shape) >= p) / (1 - p)
