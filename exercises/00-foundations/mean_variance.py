"""Mean, variance and covariance, population and sample.

mean(x)                 the average of a 1-D array
variance(x, ddof=0)     sum((x - mean)^2) / (N - ddof)
                        ddof=0: population variance; ddof=1: sample variance
std(x, ddof=0)          the square root of variance(x, ddof)
covariance_matrix(X)    X (N, D) -> (D, D) sample covariance of the columns (N - 1)

Write them with sums and products (np.sum, @); the point is to know what
np.var and np.cov compute. Return Python floats (or NumPy scalars) from the
first three.

Run `dltutor check mean_variance` to test your implementation.
"""

import numpy as np


def mean(x: np.ndarray) -> float:
    """The average of a 1-D array."""
    # TODO
    raise NotImplementedError


def variance(x: np.ndarray, ddof: int = 0) -> float:
    """sum((x - mean)^2) / (N - ddof): ddof=0 population, ddof=1 sample variance."""
    # TODO: subtract the mean first, then square, sum and divide by N - ddof.
    raise NotImplementedError


def std(x: np.ndarray, ddof: int = 0) -> float:
    """The square root of the variance with the same ddof."""
    # TODO
    raise NotImplementedError


def covariance_matrix(X: np.ndarray) -> np.ndarray:
    """The (D, D) sample covariance (N - 1 in the denominator) of the columns of X (N, D)."""
    # TODO: centre each column, then one matrix product.
    raise NotImplementedError
