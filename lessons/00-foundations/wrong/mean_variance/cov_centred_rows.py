# expect: column
import numpy as np


def mean(x):
    return np.sum(x) / len(x)


def variance(x, ddof=0):
    return np.sum((x - mean(x)) ** 2) / (len(x) - ddof)


def std(x, ddof=0):
    return np.sqrt(variance(x, ddof))


def covariance_matrix(X):
    Xc = X - X.mean(axis=1, keepdims=True)
    return Xc.T @ Xc / (X.shape[0] - 1)
