import numpy as np


def perceptron(x, weights, bias):
    x = np.asarray(x, dtype=float)
    z = np.dot(x, weights) + bias
    if x.ndim == 1:
        return 1 if z > 0 else 0
    return np.where(z > 0, 1, 0)
