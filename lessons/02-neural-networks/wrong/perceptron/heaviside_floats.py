# expect: return the integer 1 or 0
import numpy as np


def perceptron(x, weights, bias):
    return np.heaviside(np.dot(x, weights) + bias, 0)
