"""Vectorize: row normalisation and pairwise distances, with no Python loops.

normalize_rows(X)         X (n, d)  ->  (n, d), each row divided by its Euclidean length
pairwise_distances(X, Y)  X (n, d), Y (m, d)  ->  D (n, m), D[i, j] = ||X[i] - Y[j]||

No `for` loops, list comprehensions or np.vectorize/apply_along_axis: the
check counts the Python steps your code runs at two input sizes, and a loop
runs more of them as the input grows.

Run `dltutor check pairwise_distances` to test your implementation.
"""

import numpy as np


def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Each row of X scaled to Euclidean length 1; rows of zeros stay zeros.

    Do not modify X; return a new array.
    """
    # TODO: compute each row's length with keepdims=True, avoid dividing by zero, divide.
    raise NotImplementedError


def pairwise_distances(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """D[i, j] = Euclidean distance between X[i] and Y[j]; X is (n, d), Y is (m, d), D is (n, m)."""
    # TODO: broadcast X[:, None, :] against Y[None, :, :], or expand ||x - y||^2.
    raise NotImplementedError
