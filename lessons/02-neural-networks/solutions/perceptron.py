"""Reference solution: a perceptron with a step activation."""

import numpy as np


def perceptron(x, weights, bias):
    """Step(x · weights + bias): an int for one sample (d,), an int array (n,) for a batch (n, d)."""
    z = np.asarray(x, dtype=float) @ np.asarray(weights, dtype=float) + bias
    if np.ndim(z) == 0:
        return 1 if z > 0 else 0
    return (z > 0).astype(np.int64)
