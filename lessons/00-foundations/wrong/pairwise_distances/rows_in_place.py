# expect: modified an array you passed in
import numpy as np


def normalize_rows(X):
    n = np.linalg.norm(X, axis=1, keepdims=True)
    X /= np.where(n > 0, n, 1.0)
    return X


def pairwise_distances(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))
