# expect: sqrt(sum of squares)
# "Normalise" as in probabilities: divide by the row sum.
import numpy as np


def normalize_rows(X):
    return X / X.sum(axis=1, keepdims=True)


def pairwise_distances(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))
