"""Reference solution: mean, variance (population and sample), standard deviation, covariance."""

import numpy as np


def mean(x: np.ndarray) -> float:
    """The average of a 1-D array."""
    return float(np.sum(x) / x.shape[0])


def variance(x: np.ndarray, ddof: int = 0) -> float:
    """sum((x - mean)^2) / (N - ddof): ddof=0 population, ddof=1 sample variance."""
    centred = x - mean(x)
    return float(np.sum(centred * centred) / (x.shape[0] - ddof))


def std(x: np.ndarray, ddof: int = 0) -> float:
    """The square root of the variance with the same ddof."""
    return float(np.sqrt(variance(x, ddof)))


def covariance_matrix(X: np.ndarray) -> np.ndarray:
    """The (D, D) sample covariance (N - 1 in the denominator) of the columns of X (N, D)."""
    centred = X - X.mean(axis=0, keepdims=True)
    return centred.T @ centred / (X.shape[0] - 1)
