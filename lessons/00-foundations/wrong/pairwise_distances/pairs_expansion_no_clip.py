# expect: slightly negative
# expect: np.maximum
# The fast expansion, as many blog posts print it: no clipping before sqrt.
import numpy as np


def normalize_rows(X):
    n = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(n > 0, n, 1.0)


def pairwise_distances(X, Y):
    sq = (X ** 2).sum(axis=1)[:, None] + (Y ** 2).sum(axis=1)[None, :] - 2 * X @ Y.T
    return np.sqrt(sq)
