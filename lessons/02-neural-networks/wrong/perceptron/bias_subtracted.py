# expect: subtracted the bias
import numpy as np


def perceptron(x, weights, bias):
    z = np.dot(x, weights) - bias
    return np.where(z > 0, 1, 0)
