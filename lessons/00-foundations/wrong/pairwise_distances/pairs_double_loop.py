# expect: Python loop
# The textbook double loop, one pair at a time.
import numpy as np


def normalize_rows(X):
    n = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(n > 0, n, 1.0)


def pairwise_distances(X, Y):
    D = np.zeros((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            D[i, j] = np.sqrt(np.sum((X[i] - Y[j]) ** 2))
    return D
