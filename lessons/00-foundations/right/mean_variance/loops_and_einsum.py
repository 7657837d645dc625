import math

import numpy as np


def mean(x):
    total = 0.0
    for v in x:
        total += v
    return total / len(x)


def variance(x, ddof=0):
    m = mean(x)
    return sum((v - m) ** 2 for v in x) / (len(x) - ddof)


def std(x, ddof=0):
    return math.sqrt(variance(x, ddof))


def covariance_matrix(X):
    Xc = X - X.mean(axis=0, keepdims=True)
    return np.einsum("ni,nj->ij", Xc, Xc) / (X.shape[0] - 1)
