# expect: return a NumPy array of shape (n,)
import numpy as np


def perceptron(x, weights, bias):
    x = np.asarray(x)
    if x.ndim == 1:
        return 1 if x @ weights + bias > 0 else 0
    return [1 if row @ weights + bias > 0 else 0 for row in x]
