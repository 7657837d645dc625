# expect: compute `x @ weights`
import numpy as np


def perceptron(x, weights, bias):
    z = np.dot(weights, x) + bias
    return np.where(z > 0, 1, 0)
