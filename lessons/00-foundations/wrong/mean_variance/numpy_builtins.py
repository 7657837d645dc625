# expect: which computes the variance for you
import numpy as np


def mean(x):
    return np.mean(x)


def variance(x, ddof=0):
    return np.var(x, ddof=ddof)


def std(x, ddof=0):
    return np.sqrt(variance(x, ddof))


def covariance_matrix(X):
    return np.cov(X.T)
