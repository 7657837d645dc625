# expect: which computes the variance for you
import numpy as np


def mean(x):
    return float(np.mean(x))


def variance(x, ddof=0):
    return float(np.var(x, ddof=ddof))


def std(x, ddof=0):
    return float(np.std(x, ddof=ddof))


def covariance_matrix(X):
    return np.cov(X, rowvar=False)
