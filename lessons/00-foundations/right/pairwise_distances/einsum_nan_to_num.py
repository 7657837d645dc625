import numpy as np


def normalize_rows(X):
    X = np.asarray(X, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = X / np.sqrt(np.sum(np.square(X), axis=-1, keepdims=True))
    return np.nan_to_num(out)


def pairwise_distances(X, Y):
    diff = np.expand_dims(X, 1) - np.expand_dims(Y, 0)
    return np.sqrt(np.einsum("nmd,nmd->nm", diff, diff))
