# expect: cancels catastrophically
# The one-pass textbook formula E[x^2] - E[x]^2.
import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    n = len(x)
    return float((np.mean(x * x) - np.mean(x) ** 2) * n / (n - ddof))


def std(x, ddof=0):
    return float(np.sqrt(variance(x, ddof)))


def covariance_matrix(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)
