# expect: column lengths (axis=0)
import numpy as np


def normalize_rows(X):
    return X / np.linalg.norm(X, axis=0, keepdims=True)


def pairwise_distances(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))
