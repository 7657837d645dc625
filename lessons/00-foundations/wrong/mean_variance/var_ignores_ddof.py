# expect: you ignored ddof
import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    return float(np.var(x))


def std(x, ddof=0):
    return float(np.sqrt(variance(x, ddof)))


def covariance_matrix(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)
