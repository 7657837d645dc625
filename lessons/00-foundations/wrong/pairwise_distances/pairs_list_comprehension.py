# expect: Python loop
# A list comprehension is still a Python loop; math.dist is the fastest per pair.
import math

import numpy as np


def normalize_rows(X):
    n = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(n > 0, n, 1.0)


def pairwise_distances(X, Y):
    return np.array([[math.dist(x, y) for y in Y] for x in X])
