import numpy as np


def mean(x):
    return float(np.sum(x)) / x.size


def variance(x, ddof=0):
    # Welford's one-pass update: stable for large offsets
    m, m2 = 0.0, 0.0
    for k, v in enumerate(x, start=1):
        d = v - m
        m += d / k
        m2 += d * (v - m)
    return m2 / (len(x) - ddof)


def std(x, ddof=0):
    return variance(x, ddof) ** 0.5


def covariance_matrix(X):
    n, d = X.shape
    Xc = X - np.ones((n, 1)) @ X.mean(axis=0, keepdims=True)
    return np.dot(Xc.T, Xc) / (n - 1)
