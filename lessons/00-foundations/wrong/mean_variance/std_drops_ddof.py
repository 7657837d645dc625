# expect: pass ddof on
import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    c = x - np.mean(x)
    return float(np.sum(c * c) / (len(x) - ddof))


def std(x, ddof=0):
    return float(np.sqrt(variance(x)))


def covariance_matrix(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)
