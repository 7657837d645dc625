# expect: the bias is missing
import numpy as np


def perceptron(x, weights, bias):
    z = np.dot(x, weights)
    if np.ndim(z) == 0:
        return int(z > 0)
    return (z > 0).astype(int)
