# expect: keepdims
# A tutorial one-liner: the (n,) norms broadcast along the last axis.
import numpy as np


def normalize_rows(X):
    return X / np.linalg.norm(X, axis=1)


def pairwise_distances(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))
