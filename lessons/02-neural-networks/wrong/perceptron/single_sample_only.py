# expect: an `if` on a whole array
import numpy as np


def perceptron(x, weights, bias):
    z = np.dot(x, weights) + bias
    if z > 0:
        return 1
    return 0
