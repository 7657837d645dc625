# expect: Python loop
# expect: a Python loop over the rows
import math

import numpy as np


def normalize_rows(X):
    out = []
    for row in X.tolist():
        length = math.sqrt(sum(v * v for v in row))
        out.append([v / length if length else 0.0 for v in row])
    return np.array(out)


def pairwise_distances(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))
