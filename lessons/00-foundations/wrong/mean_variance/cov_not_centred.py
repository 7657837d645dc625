# expect: columns were not centred
import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    c = x - np.mean(x)
    return float(np.sum(c * c) / (len(x) - ddof))


def std(x, ddof=0):
    return float(np.sqrt(variance(x, ddof)))


def covariance_matrix(X):
    return X.T @ X / (len(X) - 1)
